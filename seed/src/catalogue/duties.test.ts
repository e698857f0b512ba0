import {
  type ActorView,
  type CaseAction,
  type CasePlan,
  checkAction,
  deriveCaseState,
  dutiesConflict,
  dutyOf,
  permissions,
  planCase,
  serviceItemInputSchema,
  stepTargetOf,
  type WorkflowAction,
} from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { buildDemoCatalogue } from './index.ts';

/**
 * Distinct duties over every workflow the demo catalogue can produce (issue 14): each distinct
 * step plan (every item, under every combination of situation answers, or each answer alone when
 * there are too many) is walked to its decision by one person per step, and before each step
 * every person who performed an earlier step tries it: refused exactly when the two duties are
 * distinct (`case-duties.ts`). So no single person completes two distinct duties of one case, and
 * every plan can still be completed by distinct people.
 */

type Answers = Record<string, string>;

function answerSets(situations: readonly { id: string; options: readonly { id: string }[] }[]): Answers[] {
  const product = situations.reduce((n, q) => n * q.options.length, 1);
  if (product <= 64) {
    let sets: Answers[] = [{}];
    for (const q of situations) sets = sets.flatMap((a) => q.options.map((o) => ({ ...a, [q.id]: o.id })));
    return sets;
  }
  return [{}, ...situations.flatMap((q) => q.options.map((o) => ({ [q.id]: o.id })))];
}

const shapeOf = (plan: CasePlan) =>
  plan.steps.map((s) => `${s.id}:${s.kind}:${s.role}:${s.stage}:${s.departmentId}:${s.decision ? 'D' : ''}`).join('|');

const actionFor = (target: ReturnType<typeof stepTargetOf>): WorkflowAction =>
  target === 'accept' ? 'accept' : target === 'decision' ? 'decide' : 'approve';

const plans = new Map<string, { code: string; plan: CasePlan }>();
for (const item of buildDemoCatalogue()) {
  if (item.bundleMembers) continue; // a bundle's parent has no steps of its own; its members are items here
  const content = serviceItemInputSchema.parse(item);
  for (const answers of answerSets(content.situations)) {
    const plan = planCase(content, answers);
    const key = shapeOf(plan);
    if (!plans.has(key)) plans.set(key, { code: item.code, plan });
  }
}

const view = (staffId: string): ActorView => ({
  kind: 'staff',
  departmentIds: { has: () => true } as unknown as ReadonlySet<string>,
  permissions: new Set(permissions),
  staffId,
});

describe('distinct duties over the demo catalogue', () => {
  it('finds many distinct workflow shapes', () => {
    expect(plans.size).toBeGreaterThan(10);
  });

  it('never asks one department role for two distinct duties of a case (the demo city has one approver, reviewer… per department)', () => {
    const clashes: string[] = [];
    for (const { code, plan } of plans.values()) {
      for (const a of plan.steps)
        for (const b of plan.steps)
          if (a.id < b.id && a.departmentId === b.departmentId && a.role === b.role && dutiesConflict(dutyOf(a), dutyOf(b)))
            clashes.push(`${code}: ${a.id} and ${b.id} both ${a.role} of ${a.departmentId}`);
    }
    expect(clashes).toEqual([]);
  });

  it('lets no single person perform two distinct-duty steps of one case, in every workflow shape', () => {
    let refusalsChecked = 0;
    let allowancesChecked = 0;
    const wrong: string[] = [];
    for (const { code, plan } of plans.values()) {
      let seq = 0;
      const at = () => new Date(Date.UTC(2026, 2, 2, 1, seq)).toISOString();
      const actions: CaseAction[] = [{ seq: ++seq, kind: 'submitted', at: at(), payload: {} }];
      const performed: { stepId: string; staffId: string }[] = [];
      for (let guard = 0; guard < 100; guard++) {
        const state = deriveCaseState(actions, plan);
        if (state.outcome) break;
        const stepId = state.activeStepIds[0];
        const step = plan.steps.find((s) => s.id === stepId);
        if (!step || !stepId) {
          wrong.push(`${code}: stuck in ${state.status}`);
          break;
        }
        const action = actionFor(stepTargetOf(step));
        for (const earlier of performed) {
          const earlierStep = plan.steps.find((s) => s.id === earlier.stepId);
          if (!earlierStep) continue;
          const distinct = dutiesConflict(dutyOf(step), dutyOf(earlierStep));
          const refusal = checkAction(state, plan, action, view(earlier.staffId), stepId);
          if (distinct) refusalsChecked++;
          else allowancesChecked++;
          if (refusal !== (distinct ? 'duty_conflict' : undefined)) {
            wrong.push(`${code}: ${earlier.staffId} (did ${earlier.stepId}) on ${stepId} → ${refusal ?? 'allowed'}`);
          }
        }
        const person = `staff-for-${stepId}`;
        const own = checkAction(state, plan, action, view(person), stepId);
        if (own) wrong.push(`${code}: a fresh person refused on ${stepId}: ${own}`);
        const kind = action === 'accept' ? 'accepted' : action === 'decide' ? 'decided' : 'step_approved';
        actions.push({ seq: ++seq, kind, at: at(), stepId, staffId: person, payload: action === 'decide' ? { outcome: 'approved' } : {} });
        performed.push({ stepId, staffId: person });
      }
      const final = deriveCaseState(actions, plan);
      if (final.outcome !== 'approved') wrong.push(`${code}: ended ${final.status}`);
    }
    expect(wrong).toEqual([]);
    // The walk is not vacuous: distinct duties were tried and refused, same duties allowed.
    expect(refusalsChecked).toBeGreaterThan(plans.size);
    expect(allowancesChecked).toBeGreaterThan(0);
  });
});
