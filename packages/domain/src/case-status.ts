import type { SuspensionInterval } from './case-timing.ts';
import type { LocalizedText, ProcessStep, ServiceItemContent } from './catalogue.ts';
import { applicableSteps, type SituationAnswers } from './catalogue-situations.ts';

/**
 * A case (办件) is an append-only list of actions; everything else — status, open steps, the
 * clock's suspensions, visits, who may act next — is derived here by pure functions, so the
 * server, the web app and the tests agree. The server caches the derived status in a column in
 * the same transaction as each action.
 */

// ---------------------------------------------------------------------------------------------
// The plan: the item's process as it applies to this case, frozen at filing.

export type StepRole = ProcessStep['role'];
export type StepKind = ProcessStep['kind'];

export type PlannedStep = {
  id: string;
  kind: StepKind;
  name: LocalizedText;
  /** A real department id (`responsible` resolved at filing). */
  departmentId: string;
  role: StepRole;
  /** Steps with the same stage run at once; stage n+1 opens when every step of stage n passed. */
  stage: number;
  workingDays: number;
  /** The step whose `decide` concludes the case (办结). */
  decision: boolean;
};

export type CasePlan = {
  steps: PlannedStep[];
  promisedDays: number;
  statutoryDays: number;
  responsibleDepartmentId: string;
};

export const DECISION_STEP_ID = 'decision';

const decisionName: LocalizedText = { zh: '办结决定', en: 'Decision' };

/**
 * The steps that apply to these situation answers, with `responsible` resolved and parallel
 * groups numbered as stages. The decision (办结) is the last step when that is a single `approve`
 * or `issue` step; otherwise the responsible department's approver decides in an added final step.
 */
export function planCase(content: ServiceItemContent, answers: SituationAnswers): CasePlan {
  const applicable = applicableSteps(content, answers);
  const steps: PlannedStep[] = [];
  let stage = -1;
  let previousGroup: string | undefined;
  for (const step of applicable) {
    if (!step.parallelGroup || step.parallelGroup !== previousGroup) stage++;
    previousGroup = step.parallelGroup;
    steps.push({
      id: step.id,
      kind: step.kind,
      name: step.name,
      departmentId: step.department === 'responsible' ? content.responsibleDepartment : step.department,
      role: step.role,
      stage,
      workingDays: step.workingDays,
      decision: false,
    });
  }
  const last = steps[steps.length - 1];
  const lastAlone = last !== undefined && steps.filter((s) => s.stage === last.stage).length === 1;
  if (last && lastAlone && (last.kind === 'approve' || last.kind === 'issue')) last.decision = true;
  else {
    let id = DECISION_STEP_ID;
    while (steps.some((s) => s.id === id)) id = `${id}-final`;
    steps.push({
      id,
      kind: 'approve',
      name: decisionName,
      departmentId: content.responsibleDepartment,
      role: 'approver',
      stage: stage + 1,
      workingDays: 0,
      decision: true,
    });
  }
  return {
    steps,
    promisedDays: content.promisedDays,
    statutoryDays: content.statutoryDays,
    responsibleDepartmentId: content.responsibleDepartment,
  };
}

// ---------------------------------------------------------------------------------------------
// Actions

export const caseActionKinds = [
  'submitted',
  'accepted',
  'supplement_requested',
  'supplement_supplied',
  'acceptance_refused',
  'step_approved',
  'step_returned',
  'step_rejected',
  'suspended',
  'resumed',
  'decided',
  'withdrawn',
  'result_collected',
  'visit_recorded',
  'bundle_concluded',
] as const;
export type CaseActionKind = (typeof caseActionKinds)[number];

export const specialProcedures = ['inspection', 'expert_review'] as const;
export type SpecialProcedure = (typeof specialProcedures)[number];
export type SuspensionReason = SpecialProcedure | 'supplement';

export const visitReasons = ['filing', 'supplement', 'result_pickup', 'identity_check', 'consultation', 'other'] as const;
export type VisitReason = (typeof visitReasons)[number];

export type Visit = { at: string; reason: VisitReason; serviceCentreId: string | undefined };

export const caseOutcomes = ['approved', 'refused', 'not_accepted', 'withdrawn', 'partially_approved'] as const;
export type CaseOutcome = (typeof caseOutcomes)[number];

/** One recorded action, as stored (`at` an ISO instant). Payload keys depend on the kind. */
export type CaseAction = {
  seq: number;
  kind: CaseActionKind;
  at: string;
  stepId?: string | undefined;
  /** The staff member who took it, if one did (who performed which step: `case-duties.ts`). */
  staffId?: string | undefined;
  payload: {
    toStepId?: string;
    procedure?: SpecialProcedure;
    outcome?: CaseOutcome;
    visit?: { reason: VisitReason; serviceCentreId?: string | undefined };
    [key: string]: unknown;
  };
};

// ---------------------------------------------------------------------------------------------
// Derived state

export const caseStatuses = [
  'submitted', // waiting for acceptance (受理)
  'supplement_requested', // 补正: waiting for the applicant, clock stopped
  'in_review',
  'suspended', // every open step is in a special procedure
  'in_progress', // a bundle's parent while its members run
  'approved',
  'refused',
  'not_accepted',
  'withdrawn',
  'partially_approved', // a bundle whose members ended differently
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const terminalStatuses: readonly CaseStatus[] = ['approved', 'refused', 'not_accepted', 'withdrawn', 'partially_approved'];
export function isTerminal(status: CaseStatus): boolean {
  return terminalStatuses.includes(status);
}

export const stepStates = ['pending', 'open', 'suspended', 'passed', 'returned', 'rejected', 'cancelled'] as const;
export type StepState = (typeof stepStates)[number];

export type StepSuspension = { from: string; to: string | undefined; reason: SuspensionReason };

export type StepStatus = {
  id: string;
  state: StepState;
  /** 0 before the step ever opened; +1 each time it (re)opens. */
  attempt: number;
  openedAt: string | undefined;
  closedAt: string | undefined;
  /** Suspensions of the current attempt (they stop this step's clock). */
  suspensions: StepSuspension[];
};

export type DerivedCaseState = {
  status: CaseStatus;
  outcome: CaseOutcome | undefined;
  submittedAt: string | undefined;
  acceptedAt: string | undefined;
  concludedAt: string | undefined;
  steps: StepStatus[];
  /** Steps someone can act on now (open or suspended). */
  activeStepIds: string[];
  /** Every interval the case's clock stood still (补正 and special procedures of any step). */
  suspensions: StepSuspension[];
  visits: Visit[];
  resultCollected: boolean;
  /** Number of steps passed (including repeated ones after a return). */
  stepsPassed: number;
  /** Every step action a staff member took: who performed which step (distinct duties). */
  performers: { stepId: string; staffId: string }[];
};

/** A bundle's parent has no steps of its own; its members each run their own plan. */
export function deriveCaseState(actions: readonly CaseAction[], plan: CasePlan): DerivedCaseState {
  const steps = new Map<string, StepStatus>(
    plan.steps.map((s) => [s.id, { id: s.id, state: 'pending', attempt: 0, openedAt: undefined, closedAt: undefined, suspensions: [] }]),
  );
  const planned = new Map(plan.steps.map((s) => [s.id, s]));
  const caseSuspensions: StepSuspension[] = [];
  const visits: Visit[] = [];
  let outcome: CaseOutcome | undefined;
  let submittedAt: string | undefined;
  let acceptedAt: string | undefined;
  let concludedAt: string | undefined;
  let resultCollected = false;
  let stepsPassed = 0;
  let bundleRunning = false;

  const open = (s: StepStatus, at: string) => {
    s.state = 'open';
    s.attempt++;
    s.openedAt = at;
    s.closedAt = undefined;
    s.suspensions = [];
  };
  const close = (s: StepStatus, state: StepState, at: string) => {
    if (s.state === 'suspended') endSuspension(s, at);
    s.state = state;
    s.closedAt = at;
  };
  const endSuspension = (s: StepStatus, at: string) => {
    const current = s.suspensions[s.suspensions.length - 1];
    if (current && current.to === undefined) current.to = at;
  };
  const openStage = (stage: number, at: string) => {
    for (const p of plan.steps) if (p.stage === stage) open(steps.get(p.id) as StepStatus, at);
  };
  const advance = (from: number, at: string) => {
    const stage = plan.steps.filter((p) => p.stage === from).map((p) => steps.get(p.id) as StepStatus);
    if (stage.every((s) => s.state === 'passed')) {
      const next = plan.steps.find((p) => p.stage > from);
      if (next) openStage(next.stage, at);
    }
  };
  const closeAllActive = (at: string) => {
    for (const s of steps.values()) if (s.state === 'open' || s.state === 'suspended') close(s, 'cancelled', at);
  };
  const conclude = (value: CaseOutcome, at: string) => {
    outcome = value;
    concludedAt = at;
    closeAllActive(at);
  };
  const suspend = (s: StepStatus, at: string, reason: SuspensionReason) => {
    s.state = 'suspended';
    const suspension: StepSuspension = { from: at, to: undefined, reason };
    s.suspensions.push(suspension);
    caseSuspensions.push(suspension); // the same object: closing it closes both
  };

  for (const action of actions) {
    const step = action.stepId === undefined ? undefined : steps.get(action.stepId);
    const stage = action.stepId === undefined ? undefined : planned.get(action.stepId)?.stage;
    if (action.payload.visit) {
      visits.push({ at: action.at, reason: action.payload.visit.reason, serviceCentreId: action.payload.visit.serviceCentreId });
    }
    switch (action.kind) {
      case 'submitted':
        submittedAt = action.at;
        if (plan.steps.length === 0) bundleRunning = true;
        else openStage(0, action.at);
        break;
      case 'accepted':
      case 'step_approved':
        if (!step || stage === undefined) break;
        if (action.kind === 'accepted') acceptedAt = action.at;
        close(step, 'passed', action.at);
        stepsPassed++;
        advance(stage, action.at);
        break;
      case 'supplement_requested':
        if (step) suspend(step, action.at, 'supplement');
        break;
      case 'suspended':
        if (step) suspend(step, action.at, action.payload.procedure ?? 'inspection');
        break;
      case 'supplement_supplied': {
        const waiting = [...steps.values()].find((s) => s.state === 'suspended' && s.suspensions.at(-1)?.reason === 'supplement');
        if (waiting) {
          endSuspension(waiting, action.at);
          waiting.state = 'open';
        }
        break;
      }
      case 'resumed':
        if (step && step.state === 'suspended') {
          endSuspension(step, action.at);
          step.state = 'open';
        }
        break;
      case 'step_returned': {
        const target = action.payload.toStepId === undefined ? undefined : steps.get(action.payload.toStepId);
        const targetStage = action.payload.toStepId === undefined ? undefined : planned.get(action.payload.toStepId)?.stage;
        if (!step || !target || targetStage === undefined) break;
        close(step, 'returned', action.at);
        // Everything after the target's stage is done again; the target's parallel siblings keep their state.
        for (const p of plan.steps) {
          if (p.stage <= targetStage) continue;
          const s = steps.get(p.id) as StepStatus;
          if (s.state === 'open' || s.state === 'suspended') close(s, 'cancelled', action.at);
          s.state = 'pending';
        }
        open(target, action.at);
        break;
      }
      case 'acceptance_refused':
        if (step) close(step, 'rejected', action.at);
        conclude('not_accepted', action.at);
        break;
      case 'step_rejected':
        if (step) close(step, 'rejected', action.at);
        conclude('refused', action.at);
        break;
      case 'decided': {
        const approved = action.payload.outcome === 'approved';
        if (step) {
          close(step, approved ? 'passed' : 'rejected', action.at);
          if (approved) stepsPassed++;
        }
        conclude(approved ? 'approved' : 'refused', action.at);
        break;
      }
      case 'withdrawn':
        conclude('withdrawn', action.at);
        bundleRunning = false;
        break;
      case 'bundle_concluded':
        outcome = action.payload.outcome;
        concludedAt = action.at;
        bundleRunning = false;
        break;
      case 'result_collected':
        resultCollected = true;
        break;
      case 'visit_recorded':
        break;
    }
  }

  const all = [...steps.values()];
  const active = all.filter((s) => s.state === 'open' || s.state === 'suspended');
  let status: CaseStatus;
  if (outcome) status = outcome;
  else if (bundleRunning) status = 'in_progress';
  else {
    const acceptStep = active.find((s) => planned.get(s.id)?.kind === 'accept');
    if (acceptStep) status = acceptStep.state === 'suspended' ? 'supplement_requested' : 'submitted';
    else if (active.length > 0 && active.every((s) => s.state === 'suspended')) status = 'suspended';
    else status = 'in_review';
  }
  return {
    status,
    outcome,
    submittedAt,
    acceptedAt,
    concludedAt,
    steps: all,
    activeStepIds: active.map((s) => s.id),
    suspensions: caseSuspensions,
    visits,
    resultCollected,
    stepsPassed,
    performers: actions.flatMap((a) =>
      a.stepId !== undefined && a.staffId !== undefined ? [{ stepId: a.stepId, staffId: a.staffId }] : [],
    ),
  };
}

/** The case clock's suspensions in the shape the time-limit functions take. */
export function suspensionIntervals(list: readonly StepSuspension[]): SuspensionInterval[] {
  return list.map((s) => ({ from: s.from, to: s.to }));
}
