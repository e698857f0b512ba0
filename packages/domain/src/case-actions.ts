import { findDutyConflict } from './case-duties.ts';
import type { CaseOutcome, CasePlan, CaseStatus, DerivedCaseState, PlannedStep, StepRole, StepState } from './case-status.ts';
import { isTerminal } from './case-status.ts';
import type { Permission } from './permissions.ts';

/**
 * Who may do what, when: the one table of workflow actions (which statuses, which acting role,
 * which kind of step in which state), and the checks the server and the web app both run on it.
 */

export const workflowActions = [
  'accept',
  'request_supplement',
  'refuse_acceptance',
  'supply_supplement',
  'approve',
  'return',
  'reject',
  'suspend',
  'resume',
  'decide',
  'withdraw',
  'collect_result',
  'record_visit',
] as const;
export type WorkflowAction = (typeof workflowActions)[number];

/**
 * Who acts: `applicant` (the person, their enterprise's representative or agent), `step_staff`
 * (staff of the step's department, or above it, whose roles grant the step's role),
 * `intake_clerk` (a window clerk of any service centre, the applicant standing at the window).
 */
export type ActingRole = 'applicant' | 'step_staff' | 'intake_clerk';

/** Which steps a step action may target: the acceptance, the decision, or the other steps. */
export type StepTarget = 'accept' | 'decision' | 'review';

export type ActionRule = {
  statuses: readonly CaseStatus[];
  by: readonly ActingRole[];
  /** For step actions: which kind of step, in which state. */
  step?: { target: readonly StepTarget[]; states: readonly StepState[] };
};

const running: readonly CaseStatus[] = ['submitted', 'supplement_requested', 'in_review', 'suspended'];

export const actionRules: Record<WorkflowAction, ActionRule> = {
  accept: { statuses: ['submitted'], by: ['step_staff'], step: { target: ['accept'], states: ['open'] } },
  request_supplement: { statuses: ['submitted'], by: ['step_staff'], step: { target: ['accept'], states: ['open'] } },
  refuse_acceptance: { statuses: ['submitted'], by: ['step_staff'], step: { target: ['accept'], states: ['open'] } },
  supply_supplement: { statuses: ['supplement_requested'], by: ['applicant', 'intake_clerk'] },
  approve: { statuses: ['in_review', 'suspended'], by: ['step_staff'], step: { target: ['review'], states: ['open'] } },
  return: { statuses: ['in_review', 'suspended'], by: ['step_staff'], step: { target: ['review', 'decision'], states: ['open'] } },
  reject: { statuses: ['in_review', 'suspended'], by: ['step_staff'], step: { target: ['review'], states: ['open'] } },
  suspend: { statuses: ['in_review', 'suspended'], by: ['step_staff'], step: { target: ['review', 'decision'], states: ['open'] } },
  resume: { statuses: ['in_review', 'suspended'], by: ['step_staff'], step: { target: ['review', 'decision'], states: ['suspended'] } },
  decide: { statuses: ['in_review'], by: ['step_staff'], step: { target: ['decision'], states: ['open'] } },
  withdraw: { statuses: running, by: ['applicant'] },
  collect_result: { statuses: ['approved', 'refused'], by: ['intake_clerk'] },
  record_visit: { statuses: [...running, 'approved', 'refused', 'not_accepted'], by: ['intake_clerk'] },
};

/** The permission a staff member needs to act on a step of each role. */
export const stepRolePermission: Record<StepRole, Permission> = {
  window_clerk: 'cases.intake',
  reviewer: 'cases.review',
  approver: 'cases.approve',
};

export function stepTargetOf(step: PlannedStep): StepTarget {
  if (step.decision) return 'decision';
  return step.kind === 'accept' ? 'accept' : 'review';
}

/** What the acting person is, as far as the rules care. */
export type ActorView =
  | { kind: 'applicant' }
  | {
      kind: 'staff';
      departmentIds: ReadonlySet<string>;
      permissions: ReadonlySet<Permission>;
      /** Who it is, for the distinct-duty rule (`case-duties.ts`); without it that rule is not checked. */
      staffId?: string | undefined;
    }
  | { kind: 'none' };

export type ActionRefusal =
  | 'wrong_status'
  | 'wrong_role'
  | 'wrong_department'
  | 'no_such_step'
  | 'wrong_step'
  | 'step_not_actionable'
  /** The person already performed a step of a distinct duty in this case. */
  | 'duty_conflict';

/**
 * Whether `actor` may take `action` (on `stepId`, for step actions) in `state`; the reason when not.
 * Status is checked first, so a late second click gets `wrong_status` (409) rather than a 403.
 */
export function checkAction(
  state: DerivedCaseState,
  plan: CasePlan,
  action: WorkflowAction,
  actor: ActorView,
  stepId?: string,
): ActionRefusal | undefined {
  const rule = actionRules[action];
  if (!rule.statuses.includes(state.status)) return 'wrong_status';
  if (!rule.step) {
    if (actor.kind === 'applicant') return rule.by.includes('applicant') ? undefined : 'wrong_role';
    if (actor.kind === 'staff') return rule.by.includes('intake_clerk') && actor.permissions.has('cases.intake') ? undefined : 'wrong_role';
    return 'wrong_role';
  }
  if (stepId === undefined) return 'no_such_step';
  const planned = plan.steps.find((s) => s.id === stepId);
  const status = state.steps.find((s) => s.id === stepId);
  if (!planned || !status) return 'no_such_step';
  if (!rule.step.target.includes(stepTargetOf(planned))) return 'wrong_step';
  if (!rule.step.states.includes(status.state)) return 'step_not_actionable';
  if (actor.kind !== 'staff') return 'wrong_role';
  if (!actor.departmentIds.has(planned.departmentId)) return 'wrong_department';
  if (!actor.permissions.has(stepRolePermission[planned.role])) return 'wrong_role';
  if (actor.staffId !== undefined && findDutyConflict(plan, state.performers, stepId, actor.staffId)) return 'duty_conflict';
  return undefined;
}

export type AllowedAction = { action: WorkflowAction; stepId?: string };

/** Every action `actor` may take now: what the UI offers, computed from the same table. */
export function allowedActions(state: DerivedCaseState, plan: CasePlan, actor: ActorView): AllowedAction[] {
  const out: AllowedAction[] = [];
  for (const action of Object.keys(actionRules) as WorkflowAction[]) {
    if (actionRules[action].step) {
      for (const stepId of state.activeStepIds) if (!checkAction(state, plan, action, actor, stepId)) out.push({ action, stepId });
    } else if (!checkAction(state, plan, action, actor)) out.push({ action });
  }
  return out;
}

/** The steps a `return` may go back to from `stepId`: every step of an earlier stage that ran. */
export function returnTargets(state: DerivedCaseState, plan: CasePlan, stepId: string): string[] {
  const from = plan.steps.find((s) => s.id === stepId);
  if (!from) return [];
  return plan.steps.filter((s) => s.stage < from.stage && (state.steps.find((x) => x.id === s.id)?.attempt ?? 0) > 0).map((s) => s.id);
}

/** Bundle join: the parent's outcome once every member ended; undefined while one still runs. */
export function bundleOutcome(memberStatuses: readonly CaseStatus[]): CaseOutcome | undefined {
  if (memberStatuses.length === 0 || !memberStatuses.every(isTerminal)) return undefined;
  if (memberStatuses.every((s) => s === 'approved')) return 'approved';
  if (memberStatuses.every((s) => s === 'withdrawn')) return 'withdrawn';
  if (memberStatuses.some((s) => s === 'approved')) return 'partially_approved';
  return 'refused';
}
