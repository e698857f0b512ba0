import { deriveCaseState, planSla, suspensionIntervals } from '@tongban/domain';
import { recordAudit } from '../../platform/audit/audit.ts';
import { loadWorkingCalendar } from '../../platform/calendar/calendar-store.ts';
import type { Platform } from '../../platform/context.ts';
import { enqueueNotification, registerNotifyJobs } from '../../platform/notify/index.ts';
import { findCaseRow, listActionRows, toAction } from './cases.shared.ts';
import { casesStorage } from './cases.storage.ts';
import { attachSuppliedMaterial, MATERIAL_SUPPLIED_QUEUE, type MaterialSuppliedEvent } from './use-cases/attach-supplied-material.ts';
import { desiredTimers } from './use-cases/case-timers.ts';
import { purgeExpiredDrafts } from './use-cases/drafts.ts';
import { purgeUnattachedUploads as purgeUploads } from './use-cases/uploads.ts';

/**
 * Background work of the cases module, both recurring jobs (`Jobs.every`): the SLA sweep, which
 * fires the due rows of `case_timer` (warnings and overdue escalations), the draft purge and the
 * clean-up of uploads nothing holds.
 * Firing trusts nothing but the row, the clock and the state derived from the actions, and fires
 * at most once (row lock + unique index).
 */
export const SLA_SWEEP_QUEUE = 'cases.sla-sweep';
export const DRAFT_PURGE_QUEUE = 'cases.drafts-purge';
export const UPLOAD_PURGE_QUEUE = 'cases.uploads-purge';
const PURGE_EVERY_SECONDS = 60 * 60;

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
    if (now.getTime() < new Date(timer.due_at).getTime()) return 'early';
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
      // Later than planned (the calendar changed, say): the sweep finds it again at the new instant.
      await tx.query('update case_timer set due_at = $2 where id = $1', [timerId, wanted.dueAt]);
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

const SWEEP_PAGE = 200;

/**
 * Fires every planned timer that is due by the clock, each in its own transaction, a page at a time
 * in due order. The SLA sweep job runs it; tests run it with a manual clock, operators after an
 * outage. A timer that throws is logged and passed over (the next sweep tries it again), so one bad
 * row never holds back the others.
 */
export async function runDueSlaTimers(platform: Platform): Promise<Record<TimerOutcome | 'failed', number>> {
  const counts: Record<TimerOutcome | 'failed', number> = { fired: 0, early: 0, stale: 0, skipped: 0, failed: 0 };
  const now = platform.clock.now();
  let after: { due_at: Date; id: string } | undefined;
  for (;;) {
    const page: { id: string; due_at: Date }[] = await platform.db.query(
      `select id, due_at from case_timer where state = 'planned' and due_at <= $1
         and ($2::timestamptz is null or (due_at, id) > ($2, $3)) order by due_at, id limit ${SWEEP_PAGE}`,
      [now, after?.due_at ?? null, after?.id ?? null],
    );
    for (const t of page) {
      try {
        counts[await fireSlaTimer(platform, t.id)]++;
      } catch (error) {
        counts.failed++;
        platform.log.error({ err: error, timerId: t.id }, 'SLA timer failed to fire');
      }
    }
    if (page.length < SWEEP_PAGE) return counts;
    after = page[page.length - 1];
  }
}

export async function registerCasesJobs(platform: Platform): Promise<void> {
  if (!platform.config.JOBS_ENABLED) return;
  await registerNotifyJobs(platform);
  await platform.jobs.work<MaterialSuppliedEvent>(MATERIAL_SUPPLIED_QUEUE, async (event) => {
    await attachSuppliedMaterial(platform, event);
  });
  await platform.jobs.every(
    SLA_SWEEP_QUEUE,
    platform.config.CASE_SLA_SWEEP_SECONDS,
    async () => {
      await runDueSlaTimers(platform);
    },
    (error) => platform.log.error({ err: error }, 'SLA sweep failed'),
  );
  await platform.jobs.every(
    DRAFT_PURGE_QUEUE,
    PURGE_EVERY_SECONDS,
    async () => {
      await purgeExpiredDrafts(platform);
    },
    (error) => platform.log.error({ err: error }, 'draft purge failed'),
  );
  await platform.jobs.every(
    UPLOAD_PURGE_QUEUE,
    PURGE_EVERY_SECONDS,
    async () => {
      await purgeUnattachedUploads(platform);
    },
    (error) => platform.log.error({ err: error }, 'upload clean-up failed'),
  );
}

/** Deletes the uploads no case and no draft holds, older than UPLOAD_UNATTACHED_HOURS (audited). Returns how many. */
export function purgeUnattachedUploads(platform: Platform): Promise<number> {
  return purgeUploads(platform, casesStorage(platform).store);
}
