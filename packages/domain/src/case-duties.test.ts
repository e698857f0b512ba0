import { describe, expect, it } from 'vitest';
import { checkAction } from './case-actions.ts';
import { caseDuties, distinctDuties, dutiesConflict, findDutyConflict, stepKindDuty } from './case-duties.ts';
import { type CaseAction, type CasePlan, deriveCaseState, type PlannedStep } from './case-status.ts';
import { processStepKinds } from './catalogue.ts';
import { permissions } from './permissions.ts';

const step = (id: string, kind: PlannedStep['kind'], role: PlannedStep['role'], stage: number, decision = false): PlannedStep => ({
  id,
  kind,
  name: { zh: id, en: id },
  departmentId: 'D',
  role,
  stage,
  workingDays: 1,
  decision,
});

const plan: CasePlan = {
  steps: [
    step('accept', 'accept', 'window_clerk', 0),
    step('review', 'review', 'reviewer', 1),
    step('approve', 'approve', 'approver', 2),
    step('issue', 'issue', 'window_clerk', 3, true),
  ],
  promisedDays: 5,
  statutoryDays: 20,
  responsibleDepartmentId: 'D',
};

const everyone = { kind: 'staff' as const, departmentIds: new Set(['D']), permissions: new Set(permissions) };
let seq = 0;
const act = (kind: CaseAction['kind'], stepId?: string, staffId?: string): CaseAction => ({
  seq: ++seq,
  kind,
  at: `2026-03-02T0${Math.min(seq, 9)}:00:00.000Z`,
  stepId,
  staffId,
  payload: {},
});

describe('distinct duties', () => {
  it('gives every step kind a duty and keeps the relation symmetric and irreflexive', () => {
    for (const kind of processStepKinds) expect(caseDuties).toContain(stepKindDuty[kind]);
    for (const a of caseDuties) {
      expect(dutiesConflict(a, a)).toBe(false);
      for (const b of caseDuties) expect(dutiesConflict(a, b)).toBe(dutiesConflict(b, a));
    }
    expect(distinctDuties.length).toBe(5);
    expect(dutiesConflict('examination', 'approval')).toBe(true);
    expect(dutiesConflict('acceptance', 'issue')).toBe(false);
  });

  it('refuses the approver who approved the review step on the approval step (finding 5), and says which step', () => {
    const actions = [act('submitted'), act('accepted', 'accept', 'clerk'), act('step_approved', 'review', 'approver')];
    const state = deriveCaseState(actions, plan);
    expect(state.activeStepIds).toEqual(['approve']);
    expect(checkAction(state, plan, 'approve', { ...everyone, staffId: 'approver' }, 'approve')).toBe('duty_conflict');
    expect(findDutyConflict(plan, state.performers, 'approve', 'approver')?.id).toBe('review');
    expect(checkAction(state, plan, 'approve', { ...everyone, staffId: 'other' }, 'approve')).toBeUndefined();
    // Without a staff id the rule cannot be checked (the web app's view of itself).
    expect(checkAction(state, plan, 'approve', everyone, 'approve')).toBeUndefined();
  });

  it('lets the accepting window issue the result, but not whoever examined or approved', () => {
    const actions = [
      act('submitted'),
      act('accepted', 'accept', 'clerk'),
      act('step_approved', 'review', 'reviewer'),
      act('step_approved', 'approve', 'approver'),
    ];
    const state = deriveCaseState(actions, plan);
    expect(checkAction(state, plan, 'decide', { ...everyone, staffId: 'clerk' }, 'issue')).toBeUndefined();
    expect(checkAction(state, plan, 'decide', { ...everyone, staffId: 'reviewer' }, 'issue')).toBe('duty_conflict');
    expect(checkAction(state, plan, 'decide', { ...everyone, staffId: 'approver' }, 'issue')).toBe('duty_conflict');
  });

  it('counts any step action as performing the step, across a return', () => {
    const actions = [
      act('submitted'),
      act('accepted', 'accept', 'clerk'),
      act('step_approved', 'review', 'reviewer'),
      { ...act('step_returned', 'approve', 'approver'), payload: { toStepId: 'review' } },
    ];
    const state = deriveCaseState(actions, plan);
    expect(state.activeStepIds).toEqual(['review']);
    // The approver who sent it back may not now do the review itself.
    expect(checkAction(state, plan, 'approve', { ...everyone, staffId: 'approver' }, 'review')).toBe('duty_conflict');
    expect(checkAction(state, plan, 'approve', { ...everyone, staffId: 'reviewer' }, 'review')).toBeUndefined();
  });
});
