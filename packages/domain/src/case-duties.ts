import type { CasePlan, PlannedStep, StepKind } from './case-status.ts';

/**
 * Distinct duties within one case (separation of duties, issue 14): each step of a plan is one
 * duty, and the same person may not perform two steps whose duties are marked distinct.
 *
 * - `acceptance` (受理): the accept step.
 * - `examination` (审查/核查): review and on-site inspection steps — one handler may both
 *   examine the file and inspect the site.
 * - `approval` (审批/决定): approve steps, including the decision that concludes the case when it
 *   is an approve step (the platform's added decision step too).
 * - `issue` (制证送达): issuing the result of a decision already taken.
 *
 * Acceptance, examination and approval are pairwise distinct (受理、审查、决定相分离: the finding
 * was one approver approving both the review and the approval step). Issue is distinct from
 * examination and approval (whoever decided does not also hand out), but not from acceptance:
 * the window that accepted is the window that delivers (一窗受理、一窗出件).
 * The same duty twice (two review steps, a step done again after a return) is one duty.
 * A person "performs" a step by any step action on it (accept, request supplement, approve,
 * return, reject, suspend, resume, decide), in any attempt.
 */

export const caseDuties = ['acceptance', 'examination', 'approval', 'issue'] as const;
export type CaseDuty = (typeof caseDuties)[number];

export const stepKindDuty: Record<StepKind, CaseDuty> = {
  accept: 'acceptance',
  review: 'examination',
  inspect: 'examination',
  approve: 'approval',
  issue: 'issue',
};

/** The pairs of duties one person may not both perform in one case. */
export const distinctDuties: readonly (readonly [CaseDuty, CaseDuty])[] = [
  ['acceptance', 'examination'],
  ['acceptance', 'approval'],
  ['examination', 'approval'],
  ['examination', 'issue'],
  ['approval', 'issue'],
];

export function dutyOf(step: Pick<PlannedStep, 'kind'>): CaseDuty {
  return stepKindDuty[step.kind];
}

export function dutiesConflict(a: CaseDuty, b: CaseDuty): boolean {
  return distinctDuties.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

/**
 * The earlier step of a distinct duty that `staffId` performed in this case, if any: acting on
 * `stepId` would then be a second duty.
 */
export function findDutyConflict(
  plan: CasePlan,
  performers: readonly { stepId: string; staffId: string }[],
  stepId: string,
  staffId: string,
): PlannedStep | undefined {
  const step = plan.steps.find((s) => s.id === stepId);
  if (!step) return undefined;
  const duty = dutyOf(step);
  for (const p of performers) {
    if (p.staffId !== staffId || p.stepId === stepId) continue;
    const earlier = plan.steps.find((s) => s.id === p.stepId);
    if (earlier && dutiesConflict(duty, dutyOf(earlier))) return earlier;
  }
  return undefined;
}
