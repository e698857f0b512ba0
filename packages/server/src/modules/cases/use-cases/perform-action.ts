import {
  type ActionBodies,
  type ActionRefusal,
  type ActionResult,
  type ActorView,
  AppError,
  actionRules,
  type CaseAction,
  type CaseActionKind,
  checkAction,
  deriveCaseState,
  dutyOf,
  findDutyConflict,
  isTerminal,
  type PlannedStep,
  returnTargets,
  stepTargetOf,
  type WorkflowAction,
} from '@tongban/domain';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { type CaseRow, canSeeCase, caseNotFound, findCaseRow, isApplicantOf, staffScope } from '../cases.shared.ts';
import { type ActingParty, type CaseHistory, commitAction, type NewAction, readCaseHistory } from './commit-action.ts';
import { attachSupplement } from './supplement-materials.ts';

/**
 * Every workflow transition (`POST /cases/:id/actions/<action>`): lock the case row, derive its
 * state from the actions, ask the one action table whether this actor may do this now, then
 * append the action. Concurrent attempts on one step serialise on the row lock; the loser finds
 * the step already closed and gets 409.
 */
const kindOf: Record<WorkflowAction, CaseActionKind> = {
  accept: 'accepted',
  request_supplement: 'supplement_requested',
  refuse_acceptance: 'acceptance_refused',
  supply_supplement: 'supplement_supplied',
  approve: 'step_approved',
  return: 'step_returned',
  reject: 'step_rejected',
  suspend: 'suspended',
  resume: 'resumed',
  decide: 'decided',
  withdraw: 'withdrawn',
  collect_result: 'result_collected',
  record_visit: 'visit_recorded',
};

export function refusalError(refusal: ActionRefusal, action: WorkflowAction): AppError {
  switch (refusal) {
    case 'wrong_status':
    case 'step_not_actionable':
      return new AppError(
        'CASES_ACTION_NOT_ALLOWED',
        `办件当前状态下不能执行此操作（${action}）。This action is not allowed in the case's current state.`,
        {
          details: { action, refusal },
        },
      );
    case 'wrong_role':
      return new AppError('CASES_ROLE_FORBIDDEN', '您的角色不能执行此操作。Your role may not take this action.', { details: { action } });
    case 'duty_conflict':
      return dutyConflictError(action, undefined, undefined);
    case 'wrong_department':
      return new AppError('CASES_WRONG_DEPARTMENT', '该环节不属于您所在部门。This step belongs to another department.', {
        details: { action },
      });
    default:
      return new AppError('CASES_STEP_INVALID', '没有可执行此操作的环节。No step of this case takes this action.', {
        field: 'body.stepId',
        details: { action },
      });
  }
}

/** The person already performed a step of a distinct duty in this case (`case-duties.ts`). */
function dutyConflictError(action: WorkflowAction, stepId: string | undefined, earlier: PlannedStep | undefined): AppError {
  const name = earlier ? `「${earlier.name.zh}」` : '';
  const nameEn = earlier ? ` "${earlier.name.en}"` : '';
  return new AppError(
    'CASES_DUTY_CONFLICT',
    `您已办理本件的${name}环节，按职责分离不能再办理此环节，请由他人办理。You performed the step${nameEn} of this case; separation of duties requires someone else to take this one.`,
    { details: { action, stepId: stepId ?? null, earlierStepId: earlier?.id ?? null, earlierDuty: earlier ? dutyOf(earlier) : null } },
  );
}

function partyOf(ctx: Ctx): ActingParty {
  const a = ctx.actor;
  if (a.kind === 'staff') return { type: 'staff', id: a.staffId, name: a.name, departmentId: a.departmentId };
  if (a.kind === 'user') return { type: 'user', id: a.userId, name: a.name, departmentId: null };
  return { type: 'system', id: null, name: null, departmentId: null };
}

/**
 * @throws CASES_NOT_FOUND (also for a case the actor may not see), CASES_ACTION_NOT_ALLOWED,
 *   CASES_ROLE_FORBIDDEN, CASES_WRONG_DEPARTMENT, CASES_STEP_INVALID, CASES_TASK_CLAIMED,
 *   CASES_CONCURRENT_UPDATE (expectedVersion differs), CASES_UPLOAD_NOT_FOUND
 */
export async function performAction<A extends WorkflowAction>(
  ctx: Ctx,
  caseId: string,
  action: A,
  body: ActionBodies[A],
): Promise<ActionResult> {
  return ctx.db.transaction(async (tx) => {
    if (action === 'withdraw') {
      // A bundle is withdrawn member by member, each under its own lock (members before the parent).
      const peek = await findCaseRow(tx, caseId);
      if (peek?.is_bundle) return withdrawBundle(ctx, tx, peek, body as ActionBodies['withdraw']);
    }
    const row = await findCaseRow(tx, caseId, { lock: true });
    if (!row) throw caseNotFound();
    const view = await visibleAs(ctx, tx, row, body as { applicantIdNumber?: string });
    if (row.is_bundle) throw refusalError('wrong_status', action);
    const expected = (body as { expectedVersion?: number }).expectedVersion;
    if (expected !== undefined && expected !== row.version) {
      throw new AppError('CASES_CONCURRENT_UPDATE', '办件已被他人更新，请刷新后重试。The case changed meanwhile; reload and retry.', {
        details: { expectedVersion: expected, version: row.version },
      });
    }
    return applyAction(ctx, tx, row, await readCaseHistory(tx, row.id), view, action, body);
  });
}

async function visibleAs(ctx: Ctx, tx: Sql, row: CaseRow, body: { applicantIdNumber?: string }): Promise<ActorView> {
  const actor = ctx.actor;
  if (actor.kind === 'user') {
    if (!isApplicantOf(actor, row)) throw caseNotFound();
    return { kind: 'applicant' };
  }
  if (actor.kind !== 'staff') throw caseNotFound();
  const presentAtWindow =
    actor.permissions.has('cases.intake') && body.applicantIdNumber !== undefined && body.applicantIdNumber === row.applicant_id_number;
  const scope = staffScope(actor);
  if (!presentAtWindow && !(await canSeeCase(tx, actor, row, scope))) throw caseNotFound();
  return { kind: 'staff', departmentIds: new Set(scope), permissions: actor.permissions, staffId: actor.staffId };
}

async function applyAction<A extends WorkflowAction>(
  ctx: Ctx,
  tx: Sql,
  row: CaseRow,
  history: CaseHistory,
  view: ActorView,
  action: A,
  body: ActionBodies[A],
): Promise<ActionResult> {
  const state = deriveCaseState(history.previous, row.plan);
  const rule = actionRules[action];
  let stepId: string | undefined;
  if (rule.step) {
    stepId = (body as { stepId?: string }).stepId;
    if (stepId === undefined) {
      const candidates = state.activeStepIds.filter((id) => !checkAction(state, row.plan, action, view, id));
      if (candidates.length > 1) {
        throw new AppError('VALIDATION_FAILED', `请指明环节：${candidates.join('、')}。Say which step (stepId).`, {
          field: 'body.stepId',
          details: { candidates },
        });
      }
      // None the actor may take: name a step this action targets (so the refusal says why: role,
      // department), or say the action has no place now.
      stepId =
        candidates[0] ??
        state.activeStepIds.find((id) => {
          const step = row.plan.steps.find((s) => s.id === id);
          return step !== undefined && rule.step?.target.includes(stepTargetOf(step));
        });
      if (stepId === undefined) throw refusalError('wrong_status', action);
    }
  }
  if (action === 'collect_result' && state.resultCollected) throw refusalError('wrong_status', action);
  const refusal = checkAction(state, row.plan, action, view, stepId);
  if (refusal === 'duty_conflict' && view.kind === 'staff' && view.staffId !== undefined && stepId !== undefined) {
    const earlier = findDutyConflict(row.plan, state.performers, stepId, view.staffId);
    throw dutyConflictError(action, stepId, earlier);
  }
  if (refusal) throw refusalError(refusal, action);

  const party = partyOf(ctx);
  const payload: CaseAction['payload'] = {};
  const b = body as Record<string, unknown>;
  for (const key of ['reason', 'opinion', 'note', 'missing', 'procedure', 'legalBasis', 'reasons', 'toStepId'] as const) {
    if (b[key] !== undefined) (payload as Record<string, unknown>)[key] = b[key];
  }

  if (stepId !== undefined)
    await claimForAction(tx, row.id, stepId, state.steps.find((s) => s.id === stepId)?.attempt ?? 0, party, ctx.clock.now());

  let addedMaterials: NewAction['addedMaterials'];
  switch (action) {
    case 'return': {
      const to = (body as ActionBodies['return']).toStepId;
      if (!returnTargets(state, row.plan, stepId as string).includes(to)) {
        throw new AppError('CASES_STEP_INVALID', '只能退回到之前已办理的环节。You can only return to an earlier step that ran.', {
          field: 'body.toStepId',
        });
      }
      break;
    }
    case 'supply_supplement': {
      addedMaterials = {
        byApplicant: await attachSupplement(ctx, tx, row, body as ActionBodies['supply_supplement'], row.version + 1),
        byPlatform: 0,
      };
      if (ctx.actor.kind === 'staff') payload.visit = { reason: 'supplement', serviceCentreId: ctx.actor.departmentId };
      payload.channel = ctx.actor.kind === 'staff' ? 'window' : 'online';
      break;
    }
    case 'decide': {
      const d = body as ActionBodies['decide'];
      payload.outcome = d.outcome;
      await writeResult(tx, row, d.outcome, d.reasons, d.legalBasis, party, ctx.clock.now());
      break;
    }
    case 'reject': {
      const r = body as ActionBodies['reject'];
      await writeResult(tx, row, 'refused', r.reason, r.legalBasis, party, ctx.clock.now());
      break;
    }
    case 'refuse_acceptance':
      await writeResult(tx, row, 'not_accepted', (body as ActionBodies['refuse_acceptance']).reason, [], party, ctx.clock.now());
      break;
    case 'collect_result':
      payload.visit = { reason: 'result_pickup', serviceCentreId: party.departmentId ?? undefined };
      break;
    case 'record_visit':
      payload.visit = { reason: (body as ActionBodies['record_visit']).reason, serviceCentreId: party.departmentId ?? undefined };
      break;
  }

  const committed = await commitAction(ctx, tx, row, history, {
    kind: kindOf[action],
    stepId,
    payload,
    by: party,
    ...(addedMaterials ? { addedMaterials } : {}),
  });
  return {
    caseId: row.id,
    status: committed.row.status,
    version: committed.row.version,
    expectedCompletionDate: committed.row.due_date,
  };
}

/**
 * The step's task is claimed by whoever acts (unless someone else holds it). One conditional
 * update when the task is free or already the actor's; a second look only when it is not.
 * @throws CASES_TASK_CLAIMED
 */
async function claimForAction(tx: Sql, caseId: string, stepId: string, attempt: number, party: ActingParty, at: Date) {
  if (party.type !== 'staff') return;
  const claimed = await tx.query(
    `update case_task set claimed_by = $4, claimed_at = case when claimed_by is null then $5 else claimed_at end,
       version = version + (claimed_by is null)::int
     where case_id = $1 and step_id = $2 and attempt = $3 and status in ('open', 'suspended') and (claimed_by is null or claimed_by = $4)
     returning id`,
    [caseId, stepId, attempt, party.id, at],
  );
  if (claimed.length > 0) return;
  const [task] = await tx.query<{ claimed_by: string | null }>(
    `select claimed_by from case_task where case_id = $1 and step_id = $2 and attempt = $3 and status in ('open', 'suspended')`,
    [caseId, stepId, attempt],
  );
  if (task?.claimed_by && task.claimed_by !== party.id) {
    throw new AppError('CASES_TASK_CLAIMED', '该任务已由他人认领。Another reviewer has claimed this task.', {
      details: { claimedBy: task.claimed_by },
    });
  }
}

async function writeResult(tx: Sql, row: CaseRow, outcome: string, reasons: string, legalBasis: unknown[], party: ActingParty, at: Date) {
  await tx.query(
    `insert into case_result (case_id, outcome, reasons, legal_basis, certificate_no, decided_by, decided_at, delivery) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      row.id,
      outcome,
      reasons,
      JSON.stringify(legalBasis),
      outcome === 'approved' ? `ZS${row.tracking_no}` : null,
      party.id,
      at,
      JSON.stringify(row.delivery),
    ],
  );
}

/**
 * Withdrawing a bundle withdraws every member still running (members locked in id order, then
 * the parent by the join, the same order as a member concluding on its own: no deadlock).
 */
async function withdrawBundle(ctx: Ctx, tx: Sql, parent: CaseRow, body: ActionBodies['withdraw']): Promise<ActionResult> {
  if (ctx.actor.kind !== 'user' || !isApplicantOf(ctx.actor, parent)) {
    if (ctx.actor.kind === 'staff' && (await canSeeCase(tx, ctx.actor, parent))) throw refusalError('wrong_role', 'withdraw');
    throw caseNotFound();
  }
  const members = await tx.query<CaseRow>('select * from case_file where parent_id = $1 order by id for update', [parent.id]);
  const running = members.filter((m) => !isTerminal(m.status));
  if (running.length === 0 || isTerminal(parent.status)) throw refusalError('wrong_status', 'withdraw');
  for (const member of running) {
    await applyAction(ctx, tx, member, await readCaseHistory(tx, member.id), { kind: 'applicant' }, 'withdraw', { reason: body.reason });
  }
  const after = (await findCaseRow(tx, parent.id)) as CaseRow;
  return { caseId: parent.id, status: after.status, version: after.version, expectedCompletionDate: after.due_date };
}
