import { randomUUID } from 'node:crypto';
import {
  bundleOutcome,
  type CaseAction,
  type CaseActionKind,
  type CaseOutcome,
  caseStatusLabels,
  chinaDateOf,
  type DerivedCaseState,
  deriveCaseState,
  dueDateOf,
  elapsedWorkingDays,
  isTerminal,
  planSla,
  type SlaPlan,
  suspensionIntervals,
  type WorkingCalendar,
} from '@tongban/domain';
import { type AuditActor, auditInsert } from '../../../platform/audit/audit.ts';
import { loadWorkingCalendar } from '../../../platform/calendar/calendar-store.ts';
import type { Platform } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { enqueueNotification } from '../../../platform/notify/index.ts';
import { type ActionRow, type CaseRow, findCaseRow, toAction } from '../cases.shared.ts';
import { runConclusionHooks } from '../conclusion-hooks.ts';
import { CASE_TIMERS_SQL, desiredTimers, syncTimers, type TimerRow } from './case-timers.ts';

export type ActingParty = { type: 'user' | 'staff' | 'system'; id: string | null; name: string | null; departmentId: string | null };

export type NewAction = {
  kind: CaseActionKind;
  stepId?: string | undefined;
  payload?: CaseAction['payload'];
  by: ActingParty;
  /** Materials this action adds (filing, a supplement), counted on the case row in the same update. */
  addedMaterials?: { byApplicant: number; byPlatform: number };
};

export type CommitContext = Pick<Platform, 'db' | 'clock' | 'jobs' | 'config'> & { requestId?: string | undefined };

const terminalKinds: readonly CaseActionKind[] = ['acceptance_refused', 'step_rejected', 'decided', 'withdrawn', 'bundle_concluded'];

export type Committed = { row: CaseRow; state: DerivedCaseState; action: CaseAction; caseSla: SlaPlan };

type TaskRow = { id: string; step_id: string; attempt: number; status: 'open' | 'suspended' };

/**
 * What an action is decided on and what `commitAction` then brings in line: the case's actions so
 * far, its open tasks and its timers. A new case has none of them.
 */
export type CaseHistory = {
  readonly previous: readonly CaseAction[];
  readonly tasks: readonly TaskRow[];
  readonly timers: readonly TimerRow[];
};

export const NEW_CASE: CaseHistory = { previous: [], tasks: [], timers: [] };

/**
 * The history in one statement: one round trip instead of three on every transition (each one
 * costs both processes a socket write and a wake-up, more than reading these few rows). The
 * tasks and timers come through the same indexes as on their own (`cases.query-plans.test.ts`).
 * The caller holds the case row lock, so nothing here changes before the commit.
 */
export const CASE_HISTORY_SQL = `select
  coalesce((select json_agg(a order by a.seq) from (
    select seq, kind, step_id, actor_type, actor_id, actor_name, actor_department_id, at, payload from case_action where case_id = $1) a), '[]') as actions,
  coalesce((select json_agg(t) from (
    select id, step_id, attempt, status from case_task where case_id = $1 and status in ('open', 'suspended')) t), '[]') as tasks,
  coalesce((select json_agg(m) from (${CASE_TIMERS_SQL}) m), '[]') as timers`;

export async function readCaseHistory(tx: Sql, caseId: string): Promise<CaseHistory> {
  const [row] = await tx.query<{ actions: ActionRow[]; tasks: TaskRow[]; timers: TimerRow[] }>(CASE_HISTORY_SQL, [caseId]);
  if (!row) throw new Error('the history query returns one row');
  return { previous: row.actions.map(toAction), tasks: row.tasks, timers: row.timers };
}

function auditActorOf(by: ActingParty): AuditActor {
  return by.type === 'system' ? { type: 'system', id: by.id ?? 'cases' } : { type: by.type, id: by.id ?? undefined };
}

/**
 * The one way a case changes: append an action (seq = version + 1, so two writers that read the
 * same version cannot both append) and, in the same transaction, bring everything derived from
 * the actions up to date — the cached status and counters, the department tasks, the case's and
 * steps' due dates and SLA timers, the visit log, the audit entry, the applicant's notification,
 * and a bundle's join. The caller holds the case row lock (`for update`).
 */
export async function commitAction(ctx: CommitContext, tx: Sql, row: CaseRow, history: CaseHistory, input: NewAction): Promise<Committed> {
  const { previous } = history;
  const at = ctx.clock.now();
  const seq = row.version + 1;
  const action: CaseAction = { seq, kind: input.kind, at: at.toISOString(), stepId: input.stepId, payload: input.payload ?? {} };
  const state = deriveCaseState([...previous, action], row.plan);
  const calendar = await loadWorkingCalendar(ctx.db, tx);
  const share = ctx.config.CASE_SLA_WARNING_SHARE;
  const intervals = suspensionIntervals(state.suspensions);
  const ended = isTerminal(state.status);
  const caseSla = planSla(calendar, row.submitted_at, row.promised_days, intervals, share);
  const submittedDate = chinaDateOf(new Date(row.submitted_at));
  const statutoryDue = dueDateOf(calendar, submittedDate, row.statutory_days, intervals);
  const elapsed = ended ? elapsedWorkingDays(calendar, submittedDate, chinaDateOf(at), intervals) : null;
  const visit = action.payload.visit;

  const appendParams = [
    row.id,
    seq,
    input.kind,
    input.stepId ?? null,
    input.by.type,
    input.by.id,
    input.by.name,
    input.by.departmentId,
    at,
    JSON.stringify(action.payload),
    terminalKinds.includes(input.kind),
  ];
  const audit = auditInsert(
    at,
    {
      actor: auditActorOf(input.by),
      action: `cases.case.${input.kind}`,
      target: { type: 'case', id: row.id },
      subject: row.enterprise_credit_code ?? row.applicant_id_number,
      detail: { trackingNumber: row.tracking_no, seq, stepId: input.stepId ?? null, status: state.status, ...auditDetail(action.payload) },
      requestId: ctx.requestId,
    },
    16 + appendParams.length,
  );
  // The action, its audit entry and the case row's new state in one statement (one round trip on
  // every filing and transition). The action's unique (case_id, seq) and the version guard still
  // make a second writer of the same version fail.
  const [updated] = await tx.query<CaseRow>(
    `with appended as (
       insert into case_action (case_id, seq, kind, step_id, actor_type, actor_id, actor_name, actor_department_id, at, payload, terminal)
       values ($16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
     ), audited as (${audit.sql})
     update case_file set status = $2, outcome = $3, version = $4, concluded_at = $5, due_date = $6, due_at = $7, warn_at = $8,
       statutory_due_date = $9, visits = visits + $10, steps_passed = $11, elapsed_working_days = $12,
       materials_by_applicant = materials_by_applicant + $14, materials_by_platform = materials_by_platform + $15
     where id = $1 and version = $13 returning *`,
    [
      row.id,
      state.status,
      state.outcome ?? null,
      seq,
      state.concludedAt ?? null,
      caseSla.dueDate ?? null,
      caseSla.dueAt ?? null,
      caseSla.warnAt ?? null,
      statutoryDue ?? null,
      visit ? 1 : 0,
      state.stepsPassed,
      elapsed,
      row.version,
      input.addedMaterials?.byApplicant ?? 0,
      input.addedMaterials?.byPlatform ?? 0,
      ...appendParams,
      ...audit.params,
    ],
  );
  // The row lock makes this impossible; the unique seq would have failed first. Belt and braces.
  if (!updated) throw new Error(`case ${row.id} changed under its lock`);

  if (visit) {
    await tx.query(
      `insert into case_visit (case_id, at, reason, service_centre_id, staff_id, action_seq) values ($1, $2, $3, $4, $5, $6)`,
      [row.id, at, visit.reason, visit.serviceCentreId ?? null, input.by.type === 'staff' ? input.by.id : null, seq],
    );
  }
  await syncTasks(tx, row, state, at, input.by, calendar, share, history.tasks);
  await syncTimers(ctx, tx, row.id, desiredTimers(row, state, caseSla, calendar, share), history.timers);

  const receipt = input.kind === 'submitted' && !row.parent_id;
  const changed = input.kind !== 'submitted' && state.status !== row.status;
  if (receipt || changed || input.kind === 'supplement_requested') await notifyApplicant(ctx, tx, updated, action, at);

  // Results that follow a conclusion (the e-licence) are recorded in this same transaction.
  if (ended && !isTerminal(row.status) && !row.is_bundle && state.outcome) {
    const [result] = await tx.query<{ certificate_no: string | null }>('select certificate_no from case_result where case_id = $1', [
      row.id,
    ]);
    await runConclusionHooks({
      sql: tx,
      at,
      caseId: row.id,
      trackingNumber: row.tracking_no,
      itemCode: row.item_code,
      catalogueVersionId: row.catalogue_version_id,
      outcome: state.outcome,
      applicant: {
        type: row.applicant_type,
        idNumber: row.applicant_id_number,
        name: row.applicant_name,
        userId: row.applicant_user_id,
        enterpriseCreditCode: row.enterprise_credit_code,
        enterpriseName: row.enterprise_name,
      },
      responsibleDepartmentId: row.responsible_department_id,
      form: row.form,
      certificateNumber: result?.certificate_no ?? null,
      decidedBy: input.by,
      requestId: ctx.requestId,
    });
  }
  if (row.parent_id && ended) await joinBundle(ctx, tx, row.parent_id);
  return { row: updated, state, action, caseSla };
}

function auditDetail(payload: CaseAction['payload']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['reason', 'toStepId', 'procedure', 'outcome', 'channel', 'missing'] as const)
    if (payload[key] !== undefined) out[key] = payload[key];
  if (payload.visit) out.visit = payload.visit;
  return out;
}

/** One task per active step attempt; tasks of steps that closed become done (or cancelled). */
async function syncTasks(
  tx: Sql,
  row: CaseRow,
  state: DerivedCaseState,
  at: Date,
  by: ActingParty,
  calendar: WorkingCalendar,
  share: number,
  active: readonly TaskRow[],
) {
  const planned = new Map(row.plan.steps.map((s) => [s.id, s]));
  const matched = new Set<string>();
  for (const step of state.steps) {
    if (step.state !== 'open' && step.state !== 'suspended') continue;
    const plan = planned.get(step.id);
    if (!plan || !step.openedAt) continue;
    const sla = planSla(calendar, step.openedAt, plan.workingDays, suspensionIntervals(step.suspensions), share);
    const task = active.find((t) => t.step_id === step.id && t.attempt === step.attempt);
    if (!task) {
      await tx.write(
        `insert into case_task (id, case_id, step_id, attempt, step_kind, step_name_zh, step_name_en, department_id, role, status, opened_at, due_date, warn_at, due_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          randomUUID(),
          row.id,
          step.id,
          step.attempt,
          plan.kind,
          plan.name.zh,
          plan.name.en,
          plan.departmentId,
          plan.role,
          step.state,
          step.openedAt,
          sla.dueDate ?? null,
          sla.warnAt ?? null,
          sla.dueAt ?? null,
        ],
      );
      continue;
    }
    matched.add(task.id);
    await tx.write(`update case_task set status = $2, due_date = $3, warn_at = $4, due_at = $5, version = version + 1 where id = $1`, [
      task.id,
      step.state,
      sla.dueDate ?? null,
      sla.warnAt ?? null,
      sla.dueAt ?? null,
    ]);
  }
  for (const task of active) {
    if (matched.has(task.id)) continue;
    const step = state.steps.find((s) => s.id === task.step_id);
    const done = step !== undefined && step.attempt === task.attempt && ['passed', 'rejected', 'returned'].includes(step.state);
    await tx.write(`update case_task set status = $2, closed_at = $3, closed_by = $4, version = version + 1 where id = $1`, [
      task.id,
      done ? 'done' : 'cancelled',
      at,
      done && by.type === 'staff' ? by.id : null,
    ]);
  }
}

async function notifyApplicant(ctx: CommitContext, tx: Sql, row: CaseRow, action: CaseAction, at: Date) {
  const label = caseStatusLabels[row.status];
  const name = row.item_name_zh;
  let title = `办件状态更新：${label.zh} Case update: ${label.en}`;
  let body = `您的办件「${name}」（编号 ${row.tracking_no}）现为：${label.zh}。Your case ${row.tracking_no} is now: ${label.en}.`;
  let kind = 'cases.status_changed';
  if (action.kind === 'submitted') {
    kind = 'cases.submitted';
    title = `已收到您的申请 Application received: ${row.tracking_no}`;
    body = `您的申请「${name}」已提交，办件编号 ${row.tracking_no}，承诺办结日期 ${row.due_date ?? '—'}。Application received; promised completion date ${row.due_date ?? '—'}.`;
  } else if (action.kind === 'supplement_requested') {
    const missing = (action.payload.missing as { description: string }[] | undefined) ?? [];
    kind = 'cases.supplement_requested';
    title = `请补正材料 Please supply missing materials`;
    body = `您的办件「${name}」（编号 ${row.tracking_no}）需要补正：${missing.map((m) => m.description).join('；')}。原因：${String(action.payload.reason ?? '')}。可在网上补正，无需到现场。You can supply them online.`;
  }
  await enqueueNotification(tx, ctx.jobs, at, {
    recipient: { type: 'person', idNumber: row.applicant_id_number },
    kind,
    title,
    body,
    link: `/portal/cases/${row.id}`,
    caseId: row.id,
    email: row.contact.email,
    mobile: row.contact.mobile,
  });
}

/**
 * The bundle join: with the parent row locked, the parent concludes once every member ended.
 * Two members ending at the same instant serialise on that lock; the second sees the first's
 * committed status, so exactly one of them concludes the parent (the unique terminal action is
 * the backstop).
 */
async function joinBundle(ctx: CommitContext, tx: Sql, parentId: string): Promise<void> {
  const parent = await findCaseRow(tx, parentId, { lock: true });
  if (!parent || isTerminal(parent.status)) return;
  const members = await tx.query<{ id: string; item_code: string; status: CaseRow['status'] }>(
    'select id, item_code, status from case_file where parent_id = $1 order by id',
    [parentId],
  );
  const outcome: CaseOutcome | undefined = bundleOutcome(members.map((m) => m.status));
  if (!outcome) return;
  await commitAction(ctx, tx, parent, await readCaseHistory(tx, parentId), {
    kind: 'bundle_concluded',
    payload: { outcome, members: members.map((m) => ({ caseId: m.id, itemCode: m.item_code, status: m.status })) },
    by: { type: 'system', id: 'cases.bundle-join', name: null, departmentId: null },
  });
}
