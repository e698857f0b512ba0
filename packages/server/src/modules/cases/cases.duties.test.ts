import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalogue } from '../catalogue/index.ts';
import { act, applyOnline, type CasesWorld, createCasesWorld, testItems } from './testing/case-fixtures.ts';

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
