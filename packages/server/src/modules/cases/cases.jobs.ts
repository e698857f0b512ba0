import { deriveCaseState, planSla, suspensionIntervals } from '@tongban/domain';
import { recordAudit } from '../../platform/audit/audit.ts';
import { loadWorkingCalendar } from '../../platform/calendar/calendar-store.ts';
import type { Platform } from '../../platform/context.ts';
import { enqueueNotification, registerNotifyJobs } from '../../platform/notify/index.ts';
import { findCaseRow, listActionRows, toAction } from './cases.shared.ts';
import { attachSuppliedMaterial, MATERIAL_SUPPLIED_QUEUE, type MaterialSuppliedEvent } from './use-cases/attach-supplied-material.ts';
import { desiredTimers, SLA_QUEUE } from './use-cases/case-timers.ts';
import { purgeExpiredDrafts } from './use-cases/drafts.ts';

/**
 * Background work of the cases module: SLA timers (warnings and overdue escalations) and the
 * draft purge. Timers are rows in `case_timer` with a pg-boss job each; the handler trusts
 * neither the job's timing nor its existence alone: it re-checks the row, the clock and the
 * state derived from the actions, and fires at most once (row lock + unique index).
 */
export const DRAFT_PURGE_QUEUE = 'cases.drafts.purge';
const PURGE_EVERY_MS = 60 * 60 * 1000;

export type TimerOutcome = 'fired' | 'early' | 'stale' | 'skipped';

type TimerRow = { id: string; case_id: string; scope: string; attempt: number; kind: 'warning' | 'overdue'; due_at: Date; state: string };

export async function fireSlaTimer(platform: Platform, timerId: string): Promise<TimerOutcome> {
  return platform.db.transaction(async (tx) => {
    const [peek] = await tx.query<{ case_id: string }>('select case_id from case_timer where id = $1', [timerId]);
    if (!peek) return 'skipped';
    // Same lock order as every action: the case row first, then its timers.
    const row = await findCaseRow(tx, peek.case_id, { lock: true });
    const [timer] = await tx.query<TimerRow>('select * from case_timer where id = $1 for update', [timerId]);
    if (!row || !timer || timer.state !== 'planned') return 'skipped';
    const now = platform.clock.now();
    const requeue = async (at: Date) => {
      await platform.jobs.send(
        SLA_QUEUE,
        { timerId },
        { tx, startAfter: at, singletonKey: `${row.id}:${timer.scope}:${timer.attempt}:${timer.kind}` },
      );
    };
    if (now.getTime() < new Date(timer.due_at).getTime()) {
      await requeue(new Date(timer.due_at));
      return 'early';
    }
    const state = deriveCaseState((await listActionRows(tx, row.id)).map(toAction), row.plan);
    const calendar = await loadWorkingCalendar(platform.db, tx);
    const share = platform.config.CASE_SLA_WARNING_SHARE;
    const caseSla = planSla(calendar, row.submitted_at, row.promised_days, suspensionIntervals(state.suspensions), share);
    const wanted = desiredTimers(row, state, caseSla, calendar, share).find(
      (d) => d.scope === timer.scope && d.attempt === timer.attempt && d.kind === timer.kind,
    );
    if (!wanted) {
      await tx.query(`update case_timer set state = 'cancelled' where id = $1`, [timerId]);
      return 'stale';
    }
    if (now.getTime() < wanted.dueAt.getTime()) {
      await tx.query('update case_timer set due_at = $2 where id = $1', [timerId, wanted.dueAt]);
      await requeue(wanted.dueAt);
      return 'early';
    }
    await tx.query(`update case_timer set state = 'fired', fired_at = $2 where id = $1 and state = 'planned'`, [timerId, now]);

    const step = timer.scope === 'case' ? undefined : row.plan.steps.find((s) => s.id === timer.scope);
    const departmentId = step?.departmentId ?? row.responsible_department_id;
    const what = step ? `环节「${step.name.zh}」` : '办件';
    const overdue = timer.kind === 'overdue';
    await enqueueNotification(tx, platform.jobs, now, {
      recipient: { type: 'department_role', departmentId, role: overdue ? 'supervisor' : (step?.role ?? 'approver') },
      kind: overdue ? 'cases.sla_overdue' : 'cases.sla_warning',
      title: overdue ? `超期督办：${row.tracking_no}` : `即将到期：${row.tracking_no}`,
      body: `${row.item_name_zh}（${row.tracking_no}）${what}${overdue ? '已超过承诺时限。The limit has passed.' : '已用去大部分时限。Most of the limit is used.'}`,
      link: `/workbench/cases/${row.id}`,
      caseId: row.id,
    });
    await recordAudit(tx, now, {
      actor: { type: 'system', id: 'cases.sla' },
      action: overdue ? 'cases.sla.overdue' : 'cases.sla.warning',
      target: { type: 'case', id: row.id },
      subject: row.enterprise_credit_code ?? row.applicant_id_number,
      detail: { scope: timer.scope, attempt: timer.attempt, dueAt: new Date(timer.due_at).toISOString(), departmentId },
    });
    return 'fired';
  });
}

/**
 * Fires every planned timer that is due by the clock: a sweep that does not depend on the job
 * queue (tests drive timers with it and a manual clock; operators can run it after an outage).
 */
export async function runDueSlaTimers(platform: Platform): Promise<Record<TimerOutcome, number>> {
  const due = await platform.db.query<{ id: string }>(
    `select id from case_timer where state = 'planned' and due_at <= $1 order by due_at, id`,
    [platform.clock.now()],
  );
  const counts: Record<TimerOutcome, number> = { fired: 0, early: 0, stale: 0, skipped: 0 };
  for (const t of due) counts[await fireSlaTimer(platform, t.id)]++;
  return counts;
}

export async function registerCasesJobs(platform: Platform): Promise<void> {
  if (!platform.config.JOBS_ENABLED) return;
  await registerNotifyJobs(platform);
  await platform.jobs.work<{ timerId: string }>(SLA_QUEUE, async ({ timerId }) => {
    await fireSlaTimer(platform, timerId);
  });
  await platform.jobs.work<MaterialSuppliedEvent>(MATERIAL_SUPPLIED_QUEUE, async (event) => {
    await attachSuppliedMaterial(platform, event);
  });
  await platform.jobs.work(DRAFT_PURGE_QUEUE, async () => {
    try {
      await purgeExpiredDrafts(platform);
    } catch (error) {
      platform.log.error({ err: error }, 'draft purge failed');
    }
    // Always schedule the next run, so one failure does not end the chain.
    await platform.jobs.send(DRAFT_PURGE_QUEUE, {}, { startAfter: new Date(platform.clock.now().getTime() + PURGE_EVERY_MS) });
  });
  // One chain per database, however many servers start: the schedule row is inserted once.
  await platform.db.transaction(async (tx) => {
    const started = await tx.query(
      `insert into case_schedule (name, started_at) values ('drafts.purge', $1) on conflict do nothing returning name`,
      [platform.clock.now()],
    );
    if (started.length > 0) await platform.jobs.send(DRAFT_PURGE_QUEUE, {}, { tx });
  });
}
