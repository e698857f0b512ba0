import { describe, expect, it } from 'vitest';
import { type CalendarException, createWorkingCalendar } from './calendar.ts';
import { dueDateOf, elapsedWorkingDays, planSla, slaColourAt } from './case-timing.ts';
import {
  isValidTrackingNumber,
  newTrackingNumber,
  normaliseTrackingNumber,
  trackingAlphabet,
  trackingCheckChar,
} from './tracking-number.ts';

// 春节 2026 as in migration 0004: Feb 14 (Saturday) and Feb 28 (Saturday) are worked, Feb 15–23 are holidays.
const springFestival2026: CalendarException[] = [
  ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => ({ date: `2026-02-${d}`, kind: 'holiday' as const, name: '春节' })),
  { date: '2026-02-14', kind: 'workday', name: '春节调休上班' },
  { date: '2026-02-28', kind: 'workday', name: '春节调休上班' },
];
const calendar = createWorkingCalendar(springFestival2026);
const cst = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;

describe('working-day limits with suspensions', () => {
  it('counts the adjusted Saturday and skips the Spring Festival holidays', () => {
    // Filed Thursday Feb 12: Feb 13 (1), Sat Feb 14 worked (2), Feb 15–23 off, Feb 24 (3), 25 (4), 26 (5).
    expect(dueDateOf(calendar, '2026-02-12', 5)).toBe('2026-02-26');
    expect(calendar.addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
  });

  it('stops the clock during a 补正 that spans the holidays and restarts it the day after the supplement', () => {
    // 补正 requested Fri Feb 13 (that day counts), supplied Tue Feb 24 (that day does not count):
    // Feb 13 (1), Feb 25 (2), 26 (3), 27 (4), Sat Feb 28 worked (5).
    const suspensions = [{ from: cst('2026-02-13'), to: cst('2026-02-24') }];
    expect(dueDateOf(calendar, '2026-02-12', 5, suspensions)).toBe('2026-02-28');
    expect(elapsedWorkingDays(calendar, '2026-02-12', '2026-02-27', suspensions)).toBe(4);
    expect(elapsedWorkingDays(calendar, '2026-02-12', '2026-02-27')).toBe(6); // 13, 14, 24, 25, 26, 27
  });

  it('has no due date while a suspension is open, unless the limit ran out before it', () => {
    expect(dueDateOf(calendar, '2026-02-12', 5, [{ from: cst('2026-02-13') }])).toBeUndefined();
    expect(dueDateOf(calendar, '2026-02-12', 1, [{ from: cst('2026-02-24') }])).toBe('2026-02-13');
  });

  it('ignores a suspension opened and closed on the same day', () => {
    expect(dueDateOf(calendar, '2026-03-02', 3, [{ from: cst('2026-03-03', '09:00'), to: cst('2026-03-03', '16:00') }])).toBe('2026-03-05');
  });

  it('plans the warning at the configured share and the deadline at the end of the due date', () => {
    const plan = planSla(calendar, cst('2026-03-02'), 5, [], 0.8);
    expect(plan.dueDate).toBe('2026-03-09');
    expect(plan.dueAt?.toISOString()).toBe(new Date('2026-03-10T00:00:00+08:00').toISOString());
    // ⌈0.8 × 5⌉ = 4 working days used at the end of Fri Mar 6.
    expect(plan.warnAt?.toISOString()).toBe(new Date('2026-03-07T00:00:00+08:00').toISOString());
    expect(planSla(calendar, cst('2026-03-02'), 1, [], 0.8).warnAt).toBeUndefined();
    expect(planSla(calendar, cst('2026-03-02'), 5, [{ from: cst('2026-03-03') }], 0.8)).toEqual({
      dueDate: undefined,
      dueAt: undefined,
      warnAt: undefined,
    });
  });

  it('colours a limit green, amber, red or paused', () => {
    const plan = planSla(calendar, cst('2026-03-02'), 5, [], 0.8);
    expect(slaColourAt(new Date(cst('2026-03-06', '23:59')), plan)).toBe('green');
    expect(slaColourAt(new Date(cst('2026-03-09', '12:00')), plan)).toBe('amber');
    expect(slaColourAt(new Date(cst('2026-03-10', '00:00')), plan)).toBe('red');
    expect(slaColourAt(new Date(cst('2026-03-10')), { dueAt: null, warnAt: null })).toBe('paused');
  });
});

describe('tracking numbers', () => {
  const bytes = (seed: number) => () => Uint8Array.from({ length: 8 }, (_, i) => (seed * 31 + i * 17) % 256);

  it('carries the filing date and a valid check character', () => {
    const n = newTrackingNumber('2026-03-02', bytes(7));
    expect(n).toMatch(/^260302-[0-9A-HJ-NP-Z]{4}-[0-9A-HJ-NP-Z]{5}$/);
    expect(isValidTrackingNumber(n)).toBe(true);
  });

  it('reads what people type: lower case, spaces, no dashes, O for 0 and I for 1', () => {
    const n = newTrackingNumber('2026-03-02', bytes(3));
    const typed = ` ${n.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replaceAll('1', 'i')} `;
    expect(normaliseTrackingNumber(typed)).toBe(n);
  });

  it('catches every single wrong character and every swap of neighbours', () => {
    const n = newTrackingNumber('2026-11-30', bytes(11)).replaceAll('-', '');
    for (let i = 0; i < n.length; i++) {
      for (const c of trackingAlphabet) {
        if (c === n[i]) continue;
        expect(isValidTrackingNumber(n.slice(0, i) + c + n.slice(i + 1))).toBe(false);
      }
      if (i + 1 < n.length && n[i] !== n[i + 1]) {
        expect(isValidTrackingNumber(n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2))).toBe(false);
      }
    }
    expect(trackingCheckChar('26030200000000')).toHaveLength(1);
  });
});
