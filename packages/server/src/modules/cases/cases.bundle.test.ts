import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, applyOnline, type CasesWorld, createCasesWorld, detail } from './testing/case-fixtures.ts';

let w: CasesWorld;
beforeAll(async () => {
  w = await createCasesWorld();
});
afterAll(() => w?.close());

const decide = { outcome: 'approved', reasons: '符合条件', legalBasis: [{ law: '《行政许可法》' }] };

/** Drives both members of a bundle to their decision step. */
async function toDecisions(filed: { members: { caseId: string; itemCode: string }[] }) {
  const permit = filed.members.find((m) => m.itemCode === 'TEST-PERMIT')?.caseId as string;
  const seal = filed.members.find((m) => m.itemCode === 'TEST-SEAL')?.caseId as string;
  expect((await act(await w.staff('st-samr-clerk'), permit, 'accept')).statusCode).toBe(200);
  expect((await act(await w.staff('reviewer'), permit, 'approve')).statusCode).toBe(200);
  expect((await act(await w.staff('st-psb-reviewer'), seal, 'approve')).statusCode).toBe(200);
  return { permit, seal };
}

describe('one-thing bundles', () => {
  it('files one parent and one member per item, each in its department, running at once, with one timeline', async () => {
    const filed = await applyOnline(w, 'TEST-BUNDLE');
    expect(filed.members.map((m) => m.itemCode).sort()).toEqual(['TEST-PERMIT', 'TEST-SEAL']);
    const alice = await w.user('alice');
    const parent = await detail(alice, filed.caseId);
    expect(parent).toMatchObject({ isBundle: true, status: 'in_progress' });
    expect(
      parent.members
        .map((m: { itemCode: string; departmentId: string; status: string }) => `${m.itemCode}:${m.departmentId}:${m.status}`)
        .sort(),
    ).toEqual(['TEST-PERMIT:SH-PD-SAMR:submitted', 'TEST-SEAL:SH-PSB:in_review']);
    const samrTasks = (await (await w.staff('st-samr-clerk')).get('/api/v1/workbench/tasks')).json().items;
    const psbTasks = (await (await w.staff('st-psb-reviewer')).get('/api/v1/workbench/tasks')).json().items;
    expect(samrTasks.some((t: { caseId: string }) => filed.members.some((m) => m.caseId === t.caseId))).toBe(true);
    expect(psbTasks.some((t: { caseId: string }) => filed.members.some((m) => m.caseId === t.caseId))).toBe(true);
    // Shared data entered once reaches every member.
    const member = await detail(alice, filed.members[0]?.caseId as string);
    expect(member.form['business.scope']).toBe('软件开发');
    expect(member.parentId).toBe(filed.caseId);
    const { permit } = await toDecisions(filed);
    const timeline = (await detail(alice, filed.caseId)).timeline;
    expect(new Set(timeline.map((e: { caseId: string }) => e.caseId)).size).toBe(3);
    expect(timeline.filter((e: { caseId: string; kind: string }) => e.caseId === permit && e.kind === 'accepted')).toHaveLength(1);
  });

  it('concludes the parent exactly once when two members conclude at the same instant', async () => {
    const filed = await applyOnline(w, 'TEST-BUNDLE');
    const { permit, seal } = await toDecisions(filed);
    const [a, b] = await Promise.all([
      act(await w.staff('approver'), permit, 'decide', decide),
      act(await w.staff('st-psb-approver'), seal, 'decide', decide),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const parent = await detail(await w.user('alice'), filed.caseId);
    expect(parent.status).toBe('approved');
    const joins = await w.app.platform.db.query(`select 1 from case_action where case_id = $1 and kind = 'bundle_concluded'`, [
      filed.caseId,
    ]);
    expect(joins).toHaveLength(1);
    const html = await (await w.user('alice')).get(`/api/v1/cases/${filed.caseId}/result`);
    expect(html.body.match(/准予行政许可决定书/g)).toHaveLength(2);
  });

  it('reports a partial result when one member is refused', async () => {
    const filed = await applyOnline(w, 'TEST-BUNDLE');
    const { permit, seal } = await toDecisions(filed);
    await act(await w.staff('approver'), permit, 'decide', decide);
    expect((await detail(await w.user('alice'), filed.caseId)).status).toBe('in_progress');
    await act(await w.staff('st-psb-approver'), seal, 'decide', { ...decide, outcome: 'refused', reasons: '印章式样不合规' });
    const parent = await detail(await w.user('alice'), filed.caseId);
    expect(parent).toMatchObject({ status: 'partially_approved', outcome: 'partially_approved' });
    expect(parent.members.map((m: { itemCode: string; status: string }) => `${m.itemCode}:${m.status}`).sort()).toEqual([
      'TEST-PERMIT:approved',
      'TEST-SEAL:refused',
    ]);
  });

  it('withdraws every running member when the applicant withdraws the bundle', async () => {
    const filed = await applyOnline(w, 'TEST-BUNDLE');
    const alice = await w.user('alice');
    expect((await act(await w.staff('st-samr-clerk'), filed.caseId, 'withdraw', { reason: '代撤' })).statusCode).toBe(403);
    const res = await act(alice, filed.caseId, 'withdraw', { reason: '改变计划' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('withdrawn');
    const parent = await detail(alice, filed.caseId);
    expect(parent.members.map((m: { status: string }) => m.status)).toEqual(['withdrawn', 'withdrawn']);
    expect((await act(alice, filed.caseId, 'withdraw', { reason: '再撤' })).statusCode).toBe(409);
  });
});
