import { type CaseDuty, dutiesConflict, stepKindDuty } from '@tongban/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, freshAddress } from '../../../test/fixtures/identity-fixtures.ts';
import { TestClient } from '../../../test/harness.ts';
import { importCatalogue } from '../catalogue/index.ts';
import { hashPassword, importStaff } from '../identity/index.ts';
import { act, applyOnline, type CasesWorld, createCasesWorld, detail, testItems } from './testing/case-fixtures.ts';

/**
 * Distinct duties in one case (issue 14, finding 5): the same person may not perform two steps of
 * one case that the workflow marks as distinct duties.
 */

let w: CasesWorld;
beforeAll(async () => {
  w = await createCasesWorld();
  const permit = testItems.find((i) => i.code === 'TEST-PERMIT');
  if (!permit) throw new Error('TEST-PERMIT fixture missing');
  const l = (zh: string, en: string) => ({ zh, en });
  // The standard process with an issue step: the approve step is not the decision, so the
  // approver's second act is an `approve` as in the finding.
  const withIssue = {
    ...permit,
    code: 'TEST-SOD',
    process: [
      { id: 'accept', kind: 'accept', name: l('受理', 'Acceptance'), department: 'responsible', role: 'window_clerk', workingDays: 1 },
      { id: 'review', kind: 'review', name: l('审查', 'Review'), department: 'responsible', role: 'reviewer', workingDays: 2 },
      { id: 'approve', kind: 'approve', name: l('决定', 'Decision'), department: 'responsible', role: 'approver', workingDays: 1 },
      { id: 'issue', kind: 'issue', name: l('制证', 'Issue'), department: 'responsible', role: 'window_clerk', workingDays: 0 },
    ],
  } as typeof permit;
  await w.app.platform.db.transaction((tx) => importCatalogue(tx, [withIssue], { publishedBy: 'seed', publishedAt: w.clock.now() }));
  // The one-person office of finding 1: every operational role, over the whole city.
  const hash = await hashPassword(FIXTURE_PASSWORD);
  await w.app.platform.db.transaction((tx) =>
    importStaff(
      tx,
      [{ id: 'st-omni', username: 'omni.city', name: '全能', departmentId: 'SH', roles: ['window_clerk', 'reviewer', 'approver'] }],
      hash,
    ),
  );
});
afterAll(() => w.close());

describe('finding 5: one approver approving both the review and the approval step', () => {
  it('refuses the second approve with CASES_DUTY_CONFLICT naming the earlier step', async () => {
    const { caseId } = await applyOnline(w, 'TEST-SOD');
    const clerk = await w.staff('st-samr-clerk');
    expect((await act(clerk, caseId, 'accept', {})).statusCode).toBe(200);
    const approver = await w.staff('approver');
    const first = await act(approver, caseId, 'approve', { stepId: 'review', opinion: '材料齐全' });
    expect(first.statusCode, first.body).toBe(200);
    const second = await act(approver, caseId, 'approve', { stepId: 'approve', opinion: '同意' });
    expect(second.statusCode, second.body).toBe(403);
    expect(second.json()).toMatchObject({ code: 'CASES_DUTY_CONFLICT', details: { earlierStepId: 'review' } });
  });
});

/** Who does a step when the one-person office may not: the fixture staff of the step's department and role. */
const regular: Record<string, string> = {
  'SH-PD-SAMR:window_clerk': 'st-samr-clerk',
  'SH-PD-SAMR:reviewer': 'reviewer',
  'SH-PD-SAMR:approver': 'approver',
  'SH-PSB:reviewer': 'st-psb-reviewer',
  'SH-PSB:approver': 'st-psb-approver',
};

type StepView = { id: string; kind: keyof typeof stepKindDuty; departmentId: string; role: string; stage: number; state: string };

describe('every workflow shape of the test catalogue', () => {
  // Items filed by a person online (the enterprise item's accept → approve shape is TEST-PERMIT's without review; bundles run their members).
  const shapes = [...testItems.filter((i) => !i.bundleMembers && i.applicantType === 'person').map((i) => i.code), 'TEST-SOD'];

  for (const code of shapes) {
    it(`${code}: one person holding every operational role performs at most one duty (same-duty steps aside)`, async () => {
      const { caseId } = await applyOnline(w, code);
      const omni = new TestClient(w.app, freshAddress());
      expect((await omni.post('/api/v1/auth/login', { kind: 'staff', username: 'omni.city', password: FIXTURE_PASSWORD })).statusCode).toBe(
        200,
      );
      const omniDuties = new Set<CaseDuty>();
      const performedBy = new Map<string, string>();
      let refusals = 0;
      for (let guard = 0; guard < 20; guard++) {
        const d = await detail(omni, caseId);
        if (['approved', 'refused'].includes(d.status)) break;
        const steps = d.steps as StepView[];
        const last = Math.max(...steps.map((s) => s.stage));
        const open = steps.find((s) => s.state === 'open');
        if (!open) throw new Error(`${code}: no open step in ${d.status}`);
        const action = open.stage === last ? 'decide' : open.kind === 'accept' ? 'accept' : 'approve';
        const body =
          action === 'decide'
            ? { stepId: open.id, outcome: 'approved', reasons: '同意', legalBasis: [{ law: '《行政许可法》' }] }
            : { stepId: open.id };
        const duty = stepKindDuty[open.kind];
        const conflict = [...omniDuties].some((done) => dutiesConflict(done, duty));
        const tried = await act(omni, caseId, action, body);
        if (conflict) {
          refusals++;
          expect(tried.statusCode, `${code} ${open.id}: ${tried.body}`).toBe(403);
          expect(tried.json()).toMatchObject({ code: 'CASES_DUTY_CONFLICT', details: { stepId: open.id } });
          const other = await w.staff(regular[`${open.departmentId}:${open.role}`] as string);
          const res = await act(other, caseId, action, body);
          expect(res.statusCode, `${code} ${open.id} by another: ${res.body}`).toBe(200);
          performedBy.set(open.id, 'other');
        } else {
          expect(tried.statusCode, `${code} ${open.id}: ${tried.body}`).toBe(200);
          omniDuties.add(duty);
          performedBy.set(open.id, 'omni');
        }
      }
      const final = await detail(omni, caseId);
      expect(final.status).toBe('approved');
      // No two steps of distinct duties by the one person.
      const steps = final.steps as StepView[];
      const byOmni = steps.filter((s) => performedBy.get(s.id) === 'omni').map((s) => stepKindDuty[s.kind]);
      for (const a of byOmni) for (const b of byOmni) expect(dutiesConflict(a, b)).toBe(false);
      if (steps.length > 1 && new Set(steps.map((s) => stepKindDuty[s.kind])).size > 1) expect(refusals).toBeGreaterThan(0);
    });
  }
});
