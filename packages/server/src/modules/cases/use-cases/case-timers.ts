import { randomUUID } from 'node:crypto';
import { type DerivedCaseState, isTerminal, planSla, type SlaPlan, suspensionIntervals, type WorkingCalendar } from '@tongban/domain';
import type { Platform } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import type { CaseRow } from '../cases.shared.ts';

/**
 * SLA timers: rows in `case_timer` (a warning and an overdue per limit — the case's own and each
 * running step's), written in the transaction of the action that plans them and fired by the SLA
 * sweep job (`cases.jobs.ts`). `commitAction` brings them in line with the case after every action.
 *
 * Why rows and a sweep rather than a pg-boss job per timer: the row already is the durable,
 * exactly-once record, and a job per timer cost every filing and transition a heavy insert into
 * pg-boss's table (about a tenth of the filing's CPU, measured with bench/cases.mjs).
 */

export type DesiredTimer = { scope: string; attempt: number; kind: 'warning' | 'overdue'; dueAt: Date };

/** The timers a case should have now: its own limit, and each running step's, unless it ended. */
export function desiredTimers(
  row: CaseRow,
  state: DerivedCaseState,
  caseSla: SlaPlan,
  calendar: WorkingCalendar,
  share: number,
): DesiredTimer[] {
  if (isTerminal(state.status)) return [];
  const out: DesiredTimer[] = [];
  const add = (scope: string, attempt: number, sla: SlaPlan) => {
    if (sla.warnAt) out.push({ scope, attempt, kind: 'warning', dueAt: sla.warnAt });
    if (sla.dueAt) out.push({ scope, attempt, kind: 'overdue', dueAt: sla.dueAt });
  };
  add('case', 0, caseSla);
  for (const step of state.steps) {
    if (step.state !== 'open' || !step.openedAt) continue;
    const plan = row.plan.steps.find((s) => s.id === step.id);
    if (!plan) continue;
    add(step.id, step.attempt, planSla(calendar, step.openedAt, plan.workingDays, suspensionIntervals(step.suspensions), share));
  }
  return out;
}

/** A planned or fired timer (`due_at` is a string when read inside JSON, as `readCaseHistory` does). */
export type TimerRow = { id: string; scope: string; attempt: number; kind: 'warning' | 'overdue'; due_at: Date | string; state: string };

/**
 * The case's planned and fired timers. Two branches, because the only indexes on case_id are the
 * partial ones `where state = 'planned'` and `where state = 'fired'`: a single `state in (…)` can
 * use neither, and read the whole table on every action (it did: 5 ms per transition at 15,000
 * timers, growing with the table).
 */
export const CASE_TIMERS_SQL = `select id, scope, attempt, kind, due_at, state from case_timer where case_id = $1 and state = 'planned'
  union all
  select id, scope, attempt, kind, due_at, state from case_timer where case_id = $1 and state = 'fired'`;

/**
 * Makes the planned timers match `desired`: a moved deadline (suspension, resumption) cancels
 * the old timer and plans a new one; a timer that already fired is never planned
 * again for the same step attempt. `existing`: the case's timers as read under its row lock
 * (none on its first action).
 */
export async function syncTimers(
  ctx: Pick<Platform, 'clock'>,
  tx: Sql,
  caseId: string,
  desired: readonly DesiredTimer[],
  existing: readonly TimerRow[],
): Promise<void> {
  const same = (t: TimerRow, d: DesiredTimer) => t.scope === d.scope && t.attempt === d.attempt && t.kind === d.kind;
  const moved = existing.filter(
    (t) => t.state === 'planned' && !desired.some((d) => same(t, d) && new Date(t.due_at).getTime() === d.dueAt.getTime()),
  );
  if (moved.length > 0) {
    await tx.write(`update case_timer set state = 'cancelled' where id = any($1::text[]) and state = 'planned'`, [moved.map((t) => t.id)]);
  }
  const planned = desired
    .filter((d) => !existing.some((t) => same(t, d) && (t.state === 'fired' || new Date(t.due_at).getTime() === d.dueAt.getTime())))
    .map((d) => ({ ...d, id: randomUUID() }));
  if (planned.length === 0) return;
  // One statement however many timers: this runs on every action.
  await tx.write(
    `insert into case_timer (id, case_id, scope, attempt, kind, due_at, state, created_at)
     select t.id, $1, t.scope, t.attempt, t.kind, t.due_at, 'planned', $7
     from unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::timestamptz[]) as t(id, scope, attempt, kind, due_at)`,
    [
      caseId,
      planned.map((p) => p.id),
      planned.map((p) => p.scope),
      planned.map((p) => p.attempt),
      planned.map((p) => p.kind),
      planned.map((p) => p.dueAt.toISOString()),
      ctx.clock.now(),
    ],
  );
}
