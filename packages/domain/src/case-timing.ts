import { addCalendarDays, chinaDateOf, startOfChinaDate, type WorkingCalendar } from './calendar.ts';

/**
 * Time limits of cases and steps in working days (法定/承诺时限). A limit runs from the day after
 * its start (the day of filing does not count) over the working-day calendar, and stops while the
 * clock is suspended: 补正 (waiting for the applicant's supplement) and the special procedures —
 * on-site inspection, expert review — which the law does not count in the limit.
 *
 * A suspension from instant `from` to instant `to` removes the calendar dates d with
 * date(from) < d ≤ date(to): the day it starts still counts, the day it ends does not (the clock
 * restarts the next working day, like at filing). An open suspension (no `to`) stops the clock for
 * good until it is closed, so the due date is unknown meanwhile.
 */
export type SuspensionInterval = { from: string | Date; to?: string | Date | undefined };

type DateRange = { after: string; until: string | undefined };

function toRanges(intervals: readonly SuspensionInterval[]): DateRange[] {
  return intervals.map((i) => ({
    after: chinaDateOf(new Date(i.from)),
    until: i.to === undefined ? undefined : chinaDateOf(new Date(i.to)),
  }));
}

/** At most this many calendar days are walked (ten years): a limit of 730 working days fits easily. */
const MAX_WALK = 3700;

function suspendedOn(date: string, ranges: readonly DateRange[]): DateRange | undefined {
  return ranges.find((r) => date > r.after && (r.until === undefined || date <= r.until));
}

/**
 * The date on which `days` counted working days are used up, counting from the day after
 * `startDate`; undefined while an open suspension stops the clock before that.
 */
export function dueDateOf(
  calendar: WorkingCalendar,
  startDate: string,
  days: number,
  suspensions: readonly SuspensionInterval[] = [],
): string | undefined {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a non-negative integer, got ${days}`);
  if (days === 0) return startDate;
  const ranges = toRanges(suspensions);
  let date = startDate;
  let counted = 0;
  for (let i = 0; i < MAX_WALK; i++) {
    date = addCalendarDays(date, 1);
    const range = suspendedOn(date, ranges);
    if (range) {
      if (range.until === undefined) return undefined;
      continue;
    }
    if (calendar.isWorkingDay(date) && ++counted === days) return date;
  }
  throw new RangeError(`a limit of ${days} working days does not end within ${MAX_WALK} days`);
}

/** Counted working days in (startDate, untilDate]: working days that passed while the clock ran. */
export function elapsedWorkingDays(
  calendar: WorkingCalendar,
  startDate: string,
  untilDate: string,
  suspensions: readonly SuspensionInterval[] = [],
): number {
  const ranges = toRanges(suspensions);
  let counted = 0;
  for (let date = addCalendarDays(startDate, 1); date <= untilDate; date = addCalendarDays(date, 1)) {
    if (!suspendedOn(date, ranges) && calendar.isWorkingDay(date)) counted++;
  }
  return counted;
}

/** The instant a date ends in China time: when a limit that ends that day is overdue. */
export function endOfChinaDate(date: string): Date {
  return startOfChinaDate(addCalendarDays(date, 1));
}

export type SlaPlan = {
  /** Last day of the limit; undefined while suspended. */
  dueDate: string | undefined;
  /** When the limit is overdue (end of the due date); undefined while suspended. */
  dueAt: Date | undefined;
  /** When the warning is due (end of the day on which `share` of the limit is used); undefined when there is none. */
  warnAt: Date | undefined;
};

/**
 * Due date and timer instants of one limit. The warning falls at the end of the working day on
 * which ⌈share × days⌉ working days are used; a limit too short for the warning to come before
 * the deadline has none.
 */
export function planSla(
  calendar: WorkingCalendar,
  start: Date | string,
  days: number,
  suspensions: readonly SuspensionInterval[],
  warningShare: number,
): SlaPlan {
  const startDate = chinaDateOf(new Date(start));
  const dueDate = dueDateOf(calendar, startDate, days, suspensions);
  if (dueDate === undefined) return { dueDate: undefined, dueAt: undefined, warnAt: undefined };
  const warnDays = Math.ceil(warningShare * days);
  let warnAt: Date | undefined;
  if (warnDays > 0 && warnDays < days) {
    const warnDate = dueDateOf(calendar, startDate, warnDays, suspensions);
    if (warnDate !== undefined) warnAt = endOfChinaDate(warnDate);
  }
  return { dueDate, dueAt: endOfChinaDate(dueDate), warnAt };
}

export const slaColours = ['green', 'amber', 'red', 'paused'] as const;
export type SlaColour = (typeof slaColours)[number];

/** Traffic light of a limit at `now`: red when overdue, amber after the warning, paused when suspended. */
export function slaColourAt(
  now: Date,
  plan: { dueAt: Date | string | null | undefined; warnAt: Date | string | null | undefined },
): SlaColour {
  if (!plan.dueAt) return 'paused';
  if (now.getTime() >= new Date(plan.dueAt).getTime()) return 'red';
  if (plan.warnAt && now.getTime() >= new Date(plan.warnAt).getTime()) return 'amber';
  return 'green';
}
