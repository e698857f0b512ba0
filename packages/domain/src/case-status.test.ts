import { describe, expect, it } from 'vitest';
import { type ActorView, allowedActions, bundleOutcome, checkAction, returnTargets } from './case-actions.ts';
import { type CaseAction, type CaseActionKind, deriveCaseState, planCase } from './case-status.ts';
import { type ServiceItemContent, serviceItemContentSchema } from './catalogue.ts';
import { permissionsOf } from './permissions.ts';

const l = (zh: string) => ({ zh, en: zh });
function content(process: unknown[]): ServiceItemContent {
  return serviceItemContentSchema.parse({
    name: l('测试事项'),
    type: 'administrative_licence',
    responsibleDepartment: 'BUREAU',
    legalBasis: [{ law: '《测试法》' }],
    applicantType: 'person',
    fee: { kind: 'free' },
    statutoryDays: 20,
    promisedDays: 10,
    visits: 0,
    channels: ['online', 'window'],
    onlineDepth: 'fully_online',
    contacts: { consultation: '12345', complaint: '12345' },
    situations: [
      {
        id: 'big',
        question: l('规模'),
        options: [
          { id: 'yes', label: l('是') },
          { id: 'no', label: l('否') },
        ],
      },
    ],
    materials: [],
    process,
  });
}
const step = (id: string, kind: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind,
  name: l(id),
  department: 'responsible',
  role: kind === 'accept' ? 'window_clerk' : kind === 'approve' ? 'approver' : 'reviewer',
  workingDays: 1,
  ...extra,
});
const parallel = content([
  step('accept', 'accept'),
  step('fire', 'review', { department: 'FIRE', parallelGroup: 'g' }),
  step('env', 'review', { department: 'ENV', parallelGroup: 'g' }),
  step('site', 'inspect', { when: { big: ['yes'] } }),
  step('sign', 'approve'),
]);

let seq = 0;
const act = (kind: CaseActionKind, stepId?: string, payload: CaseAction['payload'] = {}): CaseAction => ({
  seq: ++seq,
  kind,
  at: `2026-03-0${Math.min(9, 2 + Math.floor(seq / 3))}T10:00:${String(seq % 60).padStart(2, '0')}+08:00`,
  stepId,
  payload,
});
const staff = (departments: string[], ...roles: Parameters<typeof permissionsOf>[0]): ActorView => ({
  kind: 'staff',
  departmentIds: new Set(departments),
  permissions: permissionsOf(roles),
});

describe('planning a case', () => {
  it('resolves the responsible department, numbers parallel stages and skips steps whose situation does not apply', () => {
    const plan = planCase(parallel, { big: 'no' });
    expect(plan.steps.map((s) => [s.id, s.stage, s.departmentId, s.decision])).toEqual([
      ['accept', 0, 'BUREAU', false],
      ['fire', 1, 'FIRE', false],
      ['env', 1, 'ENV', false],
      ['sign', 2, 'BUREAU', true],
    ]);
    expect(planCase(parallel, { big: 'yes' }).steps.map((s) => s.id)).toEqual(['accept', 'fire', 'env', 'site', 'sign']);
  });

  it('adds a decision step by the responsible approver when the process does not end with one', () => {
    const plan = planCase(content([step('accept', 'accept'), step('check', 'review')]), {});
    expect(plan.steps.at(-1)).toMatchObject({ id: 'decision', role: 'approver', departmentId: 'BUREAU', decision: true, stage: 2 });
  });
});

describe('deriving the status from actions', () => {
  const plan = planCase(parallel, { big: 'no' });

  it('walks acceptance, 补正, parallel review and the decision', () => {
    const actions: CaseAction[] = [act('submitted')];
    expect(deriveCaseState(actions, plan)).toMatchObject({ status: 'submitted', activeStepIds: ['accept'] });
    actions.push(act('supplement_requested', 'accept'));
    let state = deriveCaseState(actions, plan);
    expect(state.status).toBe('supplement_requested');
    expect(state.suspensions).toHaveLength(1);
    expect(state.suspensions[0]?.to).toBeUndefined();
    actions.push(act('supplement_supplied', undefined, { visit: undefined }));
    state = deriveCaseState(actions, plan);
    expect(state.status).toBe('submitted');
    expect(state.suspensions[0]?.to).toBeDefined();
    expect(state.visits).toEqual([]);
    actions.push(act('accepted', 'accept'));
    expect(deriveCaseState(actions, plan)).toMatchObject({ status: 'in_review', activeStepIds: ['fire', 'env'] });
    actions.push(act('step_approved', 'fire'));
    expect(deriveCaseState(actions, plan).activeStepIds).toEqual(['env']);
    actions.push(act('suspended', 'env', { procedure: 'expert_review' }));
    expect(deriveCaseState(actions, plan).status).toBe('suspended');
    actions.push(act('resumed', 'env'));
    actions.push(act('step_approved', 'env'));
    state = deriveCaseState(actions, plan);
    expect(state).toMatchObject({ status: 'in_review', activeStepIds: ['sign'], stepsPassed: 3 });
    expect(state.suspensions.map((s) => s.reason)).toEqual(['supplement', 'expert_review']);
    actions.push(act('decided', 'sign', { outcome: 'approved' }));
    expect(deriveCaseState(actions, plan)).toMatchObject({ status: 'approved', outcome: 'approved', activeStepIds: [] });
  });

  it('returns to an earlier step: the target reopens, later stages run again, parallel siblings keep their state', () => {
    const actions = [act('submitted'), act('accepted', 'accept'), act('step_approved', 'fire'), act('step_approved', 'env')];
    expect(returnTargets(deriveCaseState(actions, plan), plan, 'sign')).toEqual(['accept', 'fire', 'env']);
    actions.push(act('step_returned', 'sign', { toStepId: 'env' }));
    let state = deriveCaseState(actions, plan);
    expect(state.activeStepIds).toEqual(['env']);
    expect(state.steps.find((s) => s.id === 'fire')?.state).toBe('passed');
    expect(state.steps.find((s) => s.id === 'env')?.attempt).toBe(2);
    actions.push(act('step_approved', 'env'));
    expect(deriveCaseState(actions, plan).activeStepIds).toEqual(['sign']);
    actions.push(act('step_returned', 'sign', { toStepId: 'accept' }));
    state = deriveCaseState(actions, plan);
    expect(state).toMatchObject({ status: 'submitted', activeStepIds: ['accept'] });
    expect(state.steps.filter((s) => s.state === 'pending').map((s) => s.id)).toEqual(['fire', 'env', 'sign']);
  });

  it('ends on refusal of acceptance, rejection at a step and withdrawal, cancelling open steps', () => {
    expect(deriveCaseState([act('submitted'), act('acceptance_refused', 'accept')], plan).status).toBe('not_accepted');
    const rejected = deriveCaseState([act('submitted'), act('accepted', 'accept'), act('step_rejected', 'fire')], plan);
    expect(rejected.status).toBe('refused');
    expect(rejected.steps.find((s) => s.id === 'env')?.state).toBe('cancelled');
    expect(deriveCaseState([act('submitted'), act('withdrawn')], plan).status).toBe('withdrawn');
  });

  it('records visits with their reason', () => {
    const state = deriveCaseState(
      [
        act('submitted', undefined, { visit: { reason: 'filing', serviceCentreId: 'C1' } }),
        act('visit_recorded', undefined, { visit: { reason: 'consultation' } }),
      ],
      plan,
    );
    expect(state.visits.map((v) => v.reason)).toEqual(['filing', 'consultation']);
  });
});

describe('the action table', () => {
  const plan = planCase(parallel, { big: 'no' });
  const submitted = deriveCaseState([act('submitted')], plan);
  const reviewing = deriveCaseState([act('submitted'), act('accepted', 'accept')], plan);

  it('lets the right role of the right department act on an open step', () => {
    expect(checkAction(submitted, plan, 'accept', staff(['BUREAU'], 'window_clerk'), 'accept')).toBeUndefined();
    expect(checkAction(submitted, plan, 'accept', staff(['BUREAU'], 'reviewer'), 'accept')).toBe('wrong_role');
    expect(checkAction(submitted, plan, 'accept', staff(['FIRE'], 'window_clerk'), 'accept')).toBe('wrong_department');
    expect(checkAction(submitted, plan, 'approve', staff(['BUREAU'], 'window_clerk'), 'accept')).toBe('wrong_status');
    expect(checkAction(reviewing, plan, 'approve', staff(['FIRE'], 'reviewer'), 'fire')).toBeUndefined();
    expect(checkAction(reviewing, plan, 'approve', staff(['FIRE'], 'reviewer'), 'env')).toBe('wrong_department');
    expect(checkAction(reviewing, plan, 'decide', staff(['BUREAU'], 'approver'), 'sign')).toBe('step_not_actionable');
    expect(checkAction(reviewing, plan, 'decide', staff(['FIRE'], 'approver'), 'fire')).toBe('wrong_step');
    expect(checkAction(reviewing, plan, 'approve', { kind: 'applicant' }, 'fire')).toBe('wrong_role');
  });

  it('lets the applicant withdraw before the decision and supply a supplement only when asked', () => {
    expect(checkAction(reviewing, plan, 'withdraw', { kind: 'applicant' })).toBeUndefined();
    expect(checkAction(reviewing, plan, 'withdraw', staff(['BUREAU'], 'approver'))).toBe('wrong_role');
    expect(checkAction(reviewing, plan, 'supply_supplement', { kind: 'applicant' })).toBe('wrong_status');
    const approved = deriveCaseState([act('submitted'), act('decided', 'sign', { outcome: 'approved' })], plan);
    expect(checkAction(approved, plan, 'withdraw', { kind: 'applicant' })).toBe('wrong_status');
  });

  it('lists what each actor may do now', () => {
    expect(allowedActions(reviewing, plan, staff(['FIRE', 'ENV'], 'reviewer')).map((a) => `${a.action}:${a.stepId ?? ''}`)).toEqual([
      'approve:fire',
      'approve:env',
      'return:fire',
      'return:env',
      'reject:fire',
      'reject:env',
      'suspend:fire',
      'suspend:env',
    ]);
    expect(allowedActions(reviewing, plan, { kind: 'applicant' })).toEqual([{ action: 'withdraw' }]);
  });
});

describe('bundle join', () => {
  it('concludes only when every member ended', () => {
    expect(bundleOutcome(['approved', 'in_review'])).toBeUndefined();
    expect(bundleOutcome(['approved', 'approved'])).toBe('approved');
    expect(bundleOutcome(['approved', 'refused'])).toBe('partially_approved');
    expect(bundleOutcome(['refused', 'not_accepted'])).toBe('refused');
    expect(bundleOutcome(['withdrawn', 'withdrawn'])).toBe('withdrawn');
  });
});
