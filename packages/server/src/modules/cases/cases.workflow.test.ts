import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, applyOnline, type CasesWorld, createCasesWorld, detail, fakeUpload } from './testing/case-fixtures.ts';

let w: CasesWorld;
beforeAll(async () => {
  w = await createCasesWorld();
});
afterAll(() => w?.close());

describe('the lifecycle of a single case', () => {
  it('goes from filing through 补正, review and decision to a result', async () => {
    const alice = await w.user('alice');
    const clerk = await w.staff('st-samr-clerk');
    const reviewer = await w.staff('reviewer');
    const approver = await w.staff('approver');
    const filed = await applyOnline(w);
    expect(filed.expectedCompletionDate).toBe('2026-03-09');

    let d = await detail(alice, filed.caseId);
    expect(d).toMatchObject({ status: 'submitted', itemVersion: 1, channel: 'online' });
    expect(d.steps.map((s: { id: string; state: string }) => `${s.id}:${s.state}`)).toEqual([
      'accept:open',
      'review:pending',
      'approve:pending',
    ]);
    expect(
      d.materials
        .map((m: { materialId: string; provenance: string; state: string }) => `${m.materialId}:${m.provenance}:${m.state}`)
        .sort(),
    ).toEqual(['application:applicant:attached', 'id_card:datahub:pending']);
    expect(d.allowedActions).toEqual([{ action: 'withdraw', stepId: null }]);

    // The clerk of the responsible department asks for a supplement, listing what is missing: a
    // catalogue material, and something the catalogue does not name (described in words).
    let res = await act(clerk, filed.caseId, 'request-supplement', {
      reason: '申请书缺少签名',
      missing: [{ materialId: 'application', description: '签名的申请书' }, { description: '经营场所租赁合同复印件' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'supplement_requested', expectedCompletionDate: null });
    d = await detail(alice, filed.caseId);
    expect(d.supplementRequest.missing).toEqual([
      { materialId: 'application', description: '签名的申请书' },
      { materialId: null, description: '经营场所租赁合同复印件' },
    ]);
    expect(d.clockStopped).toBe(true);

    // Supplied online the next day: no visit. The described item goes up as `supplement-2` (the
    // second item of the request) and is named by the department's description.
    w.clock.advance(24 * 3600_000);
    const upload = await fakeUpload(w.app, { type: 'user', id: 'u-alice' }, 'signed.pdf');
    const lease = await fakeUpload(w.app, { type: 'user', id: 'u-alice' }, 'lease.pdf');
    res = await act(alice, filed.caseId, 'supply-supplement', {
      materials: [
        { materialId: 'application', uploadId: upload },
        { materialId: 'supplement-2', uploadId: lease },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    d = await detail(clerk, filed.caseId);
    expect(d.materials.find((m: { materialId: string }) => m.materialId === 'supplement-2')).toMatchObject({
      name: { zh: '经营场所租赁合同复印件' },
      fileName: 'lease.pdf',
      state: 'attached',
    });
    // Requested Mon Mar 2 (counts), supplied Tue Mar 3 (does not): 5 working days end Tue Mar 10.
    expect(res.json()).toMatchObject({ status: 'submitted', expectedCompletionDate: '2026-03-10' });

    expect((await act(clerk, filed.caseId, 'accept', { opinion: '材料齐全' })).statusCode).toBe(200);
    res = await act(reviewer, filed.caseId, 'approve', { opinion: '符合条件' });
    expect(res.statusCode, res.body).toBe(200);
    res = await act(approver, filed.caseId, 'decide', {
      outcome: 'approved',
      reasons: '符合法定条件',
      legalBasis: [{ law: '《行政许可法》', article: '第三十八条' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('approved');

    d = await detail(alice, filed.caseId);
    expect(d.visits).toEqual([]);
    expect(d.result).toMatchObject({ outcome: 'approved', certificateNumber: `ZS${filed.trackingNumber}` });
    expect(d.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'submitted',
      'supplement_requested',
      'supplement_supplied',
      'accepted',
      'step_approved',
      'decided',
    ]);
    const html = await alice.get(`/api/v1/cases/${filed.caseId}/result`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('准予行政许可决定书');
    expect(html.body).toContain(filed.trackingNumber);
  });
});

describe('refusals', () => {
  it('answers wrong status with 409, wrong role with 403 and a missing reason with 400', async () => {
    const clerk = await w.staff('st-samr-clerk');
    const reviewer = await w.staff('reviewer');
    const { caseId } = await applyOnline(w);
    let res = await act(reviewer, caseId, 'accept');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CASES_ROLE_FORBIDDEN');
    res = await act(reviewer, caseId, 'approve');
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CASES_ACTION_NOT_ALLOWED');
    res = await act(clerk, caseId, 'request-supplement', { missing: [{ description: '签名' }] });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.reason' });
    res = await act(clerk, caseId, 'accept', { expectedVersion: 0 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CASES_CONCURRENT_UPDATE');
    expect((await act(clerk, caseId, 'accept', { expectedVersion: 1 })).statusCode).toBe(200);
    res = await act(reviewer, caseId, 'reject', { reason: '不符合条件' });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('body.legalBasis');
    const approver = await w.staff('approver');
    res = await act(approver, caseId, 'decide', { outcome: 'approved', reasons: '同意', legalBasis: [{ law: '《行政许可法》' }] });
    expect(res.statusCode).toBe(409); // the review step comes first
  });

  it('answers wrong department with 403 when the case is visible, 404 when it is not', async () => {
    const clerk = await w.staff('st-samr-clerk');
    const psb = await w.staff('st-psb-reviewer');
    const { caseId } = await applyOnline(w, 'TEST-PARALLEL');
    expect((await psb.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect((await act(clerk, caseId, 'accept')).statusCode).toBe(200);
    const res = await act(psb, caseId, 'approve', { stepId: 'samr' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CASES_WRONG_DEPARTMENT');
  });

  it('refuses acceptance with a reason and issues a notice', async () => {
    const clerk = await w.staff('st-samr-clerk');
    const alice = await w.user('alice');
    const { caseId } = await applyOnline(w);
    const res = await act(clerk, caseId, 'refuse-acceptance', { reason: '不属于本部门职权范围' });
    expect(res.json()).toMatchObject({ status: 'not_accepted' });
    expect((await act(alice, caseId, 'withdraw', { reason: '不办了' })).statusCode).toBe(409);
    expect((await alice.get(`/api/v1/cases/${caseId}/result`)).body).toContain('不予受理通知书');
  });
});

describe('review steps', () => {
  it('returns to an earlier step, suspends for expert review, resumes and refuses at the decision', async () => {
    const clerk = await w.staff('st-samr-clerk');
    const reviewer = await w.staff('reviewer');
    const approver = await w.staff('approver');
    const { caseId } = await applyOnline(w);
    await act(clerk, caseId, 'accept');
    await act(reviewer, caseId, 'approve');
    let res = await act(approver, caseId, 'return', { toStepId: 'approve', reason: '退回自身' });
    expect(res.json().code).toBe('CASES_STEP_INVALID');
    res = await act(approver, caseId, 'return', { toStepId: 'review', reason: '请核实经营范围' });
    expect(res.statusCode, res.body).toBe(200);
    let d = await detail(reviewer, caseId);
    expect(d.steps.find((s: { id: string }) => s.id === 'review')).toMatchObject({ state: 'open', attempt: 2 });

    res = await act(reviewer, caseId, 'suspend', { procedure: 'expert_review', reason: '需专家评审' });
    expect(res.json()).toMatchObject({ status: 'suspended', expectedCompletionDate: null });
    expect((await act(reviewer, caseId, 'approve')).statusCode).toBe(409);
    res = await act(reviewer, caseId, 'resume', { note: '专家意见已出具' });
    expect(res.json().status).toBe('in_review');
    await act(reviewer, caseId, 'approve');
    res = await act(approver, caseId, 'decide', {
      outcome: 'refused',
      reasons: '经营范围不符合规定',
      legalBasis: [{ law: '《行政许可法》', article: '第三十八条' }],
    });
    expect(res.json().status).toBe('refused');
    d = await detail(reviewer, caseId);
    expect(d.result).toMatchObject({ outcome: 'refused', certificateNumber: null, reasons: '经营范围不符合规定' });
    expect(d.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'submitted',
      'accepted',
      'step_approved',
      'step_returned',
      'suspended',
      'resumed',
      'step_approved',
      'decided',
    ]);
  });

  it('rejects at a review step with reason and legal basis, ending the case', async () => {
    const clerk = await w.staff('st-samr-clerk');
    const reviewer = await w.staff('reviewer');
    const { caseId } = await applyOnline(w);
    await act(clerk, caseId, 'accept');
    const res = await act(reviewer, caseId, 'reject', { reason: '场所不符合要求', legalBasis: [{ law: '《行政许可法》' }] });
    expect(res.json().status).toBe('refused');
    const tasks = await w.app.platform.db.query<{ step_id: string; status: string }>(
      'select step_id, status from case_task where case_id = $1 order by opened_at, step_id',
      [caseId],
    );
    expect(tasks.map((t) => `${t.step_id}:${t.status}`)).toEqual(['accept:done', 'review:done']);
  });

  it('runs parallel steps of two departments at once, each seeing only its own task', async () => {
    const clerk = await w.staff('st-samr-clerk');
    const samr = await w.staff('reviewer');
    const psb = await w.staff('st-psb-reviewer');
    const approver = await w.staff('approver');
    const { caseId } = await applyOnline(w, 'TEST-PARALLEL');
    await act(clerk, caseId, 'accept');
    const psbTasks = (await psb.get('/api/v1/workbench/tasks')).json().items.filter((t: { caseId: string }) => t.caseId === caseId);
    const samrTasks = (await samr.get('/api/v1/workbench/tasks')).json().items.filter((t: { caseId: string }) => t.caseId === caseId);
    expect(psbTasks.map((t: { stepId: string }) => t.stepId)).toEqual(['psb']);
    expect(samrTasks.map((t: { stepId: string }) => t.stepId)).toEqual(['samr']);
    expect((await act(psb, caseId, 'approve')).statusCode).toBe(200);
    expect((await detail(samr, caseId)).status).toBe('in_review');
    expect((await act(samr, caseId, 'approve')).statusCode).toBe(200);
    const d = await detail(approver, caseId);
    expect(d.steps.map((s: { id: string; state: string }) => `${s.id}:${s.state}`)).toEqual([
      'accept:passed',
      'samr:passed',
      'psb:passed',
      'decision:open',
    ]);
    const res = await act(approver, caseId, 'decide', { outcome: 'approved', reasons: '同意', legalBasis: [{ law: '《行政许可法》' }] });
    expect(res.json().status).toBe('approved');
  });

  it('lets the applicant withdraw before the decision but not staff', async () => {
    const alice = await w.user('alice');
    const clerk = await w.staff('st-samr-clerk');
    const { caseId } = await applyOnline(w);
    expect((await act(clerk, caseId, 'withdraw', { reason: '替申请人撤回' })).json().code).toBe('CASES_ROLE_FORBIDDEN');
    const res = await act(alice, caseId, 'withdraw', { reason: '暂不需要' });
    expect(res.json().status).toBe('withdrawn');
    const tasks = await w.app.platform.db.query<{ status: string }>('select status from case_task where case_id = $1', [caseId]);
    expect(tasks.map((t) => t.status)).toEqual(['cancelled']);
  });
});

describe('the window', () => {
  it('takes a supplement at any centre for the person present and counts the visit', async () => {
    const clerk = await w.staff('st-samr-clerk');
    const hpClerk = await w.staff('hpClerk');
    const { caseId } = await applyOnline(w);
    await act(clerk, caseId, 'request-supplement', {
      reason: '缺申请书',
      missing: [{ materialId: 'application', description: '申请书原件扫描' }],
    });
    const upload = await fakeUpload(w.app, { type: 'staff', id: 'st-hp-clerk' });
    let res = await act(hpClerk, caseId, 'supply-supplement', { materials: [{ materialId: 'application', uploadId: upload }] });
    expect(res.statusCode).toBe(404);
    res = await act(hpClerk, caseId, 'supply-supplement', {
      materials: [{ materialId: 'application', uploadId: upload }],
      applicantIdNumber: w.people.alice.idNumber,
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = await detail(clerk, caseId);
    expect(d.visits).toEqual([expect.objectContaining({ reason: 'supplement', serviceCentreId: 'SH-HP-WT' })]);
    expect(
      d.materials
        .filter((m: { materialId: string }) => m.materialId === 'application')
        .map((m: { provenance: string; state: string }) => `${m.provenance}:${m.state}`),
    ).toEqual(['applicant:replaced', 'window:attached']);
  });
});

describe('claims and concurrency', () => {
  it('lets one reviewer hold a task and a supervisor reassign it', async () => {
    const clerk = await w.staff('st-samr-clerk');
    const a = await w.staff('st-rev-0');
    const b = await w.staff('st-rev-1');
    const supervisor = await w.staff('supervisor');
    const { caseId } = await applyOnline(w);
    await act(clerk, caseId, 'accept');
    const task = (await a.get('/api/v1/workbench/tasks')).json().items.find((t: { caseId: string }) => t.caseId === caseId);
    const listed = async (query: string) =>
      (await a.get(`/api/v1/workbench/tasks?${query}`)).json().items.some((t: { id: string }) => t.id === task.id);
    expect(await listed('unclaimed=true&item=TEST-PERMIT')).toBe(true);
    expect(await listed('item=TEST-SEAL')).toBe(false);
    expect((await a.post(`/api/v1/tasks/${task.id}/claim`, {})).json()).toMatchObject({ claimedBy: 'st-rev-0' });
    expect(await listed('unclaimed=true')).toBe(false);
    expect(await listed('mine=true&item=TEST-PERMIT')).toBe(true);
    expect((await b.post(`/api/v1/tasks/${task.id}/claim`, {})).json().code).toBe('CASES_TASK_CLAIMED');
    expect((await act(b, caseId, 'approve')).json().code).toBe('CASES_TASK_CLAIMED');
    expect((await supervisor.post(`/api/v1/tasks/${task.id}/reassign`, { staffId: 'st-samr-clerk', reason: '转交' })).json().code).toBe(
      'CASES_REASSIGN_TARGET_INVALID',
    );
    expect((await a.post(`/api/v1/tasks/${task.id}/reassign`, { staffId: 'st-rev-1', reason: '转交' })).statusCode).toBe(403);
    const res = await supervisor.post(`/api/v1/tasks/${task.id}/reassign`, { staffId: 'st-rev-1', reason: '审查员休假' });
    expect(res.json()).toMatchObject({ claimedBy: 'st-rev-1' });
    expect((await act(a, caseId, 'approve')).json().code).toBe('CASES_TASK_CLAIMED');
    expect((await act(b, caseId, 'approve')).statusCode).toBe(200);
  });

  it('lets exactly one of 50 concurrent approvals of one task through; the others get 409', async () => {
    const clerk = await w.staff('st-samr-clerk');
    const reviewers = await Promise.all(['st-rev-0', 'st-rev-1', 'st-rev-2', 'st-rev-3', 'st-rev-4'].map((k) => w.staff(k)));
    const { caseId } = await applyOnline(w);
    await act(clerk, caseId, 'accept');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => act(reviewers[i % 5] as (typeof reviewers)[number], caseId, 'approve', { opinion: `第${i}次` })),
    );
    const codes = results.map((r) => r.statusCode);
    expect(results.filter((r) => r.statusCode !== 200 && r.statusCode !== 409).map((r) => r.body)).toEqual([]);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    const approvals = await w.app.platform.db.query('select 1 from case_action where case_id = $1 and kind = $2', [
      caseId,
      'step_approved',
    ]);
    expect(approvals).toHaveLength(1);
    const [row] = await w.app.platform.db.query<{ version: number; status: string }>(
      'select version, status from case_file where id = $1',
      [caseId],
    );
    expect(row).toEqual({ version: 3, status: 'in_review' });
  });

  it('lets exactly one of several concurrent claimers win', async () => {
    const clerk = await w.staff('st-samr-clerk');
    const reviewers = await Promise.all(['st-rev-0', 'st-rev-1', 'st-rev-2', 'st-rev-3', 'st-rev-4'].map((k) => w.staff(k)));
    const { caseId } = await applyOnline(w);
    await act(clerk, caseId, 'accept');
    const [task] = await w.app.platform.db.query<{ id: string }>(`select id from case_task where case_id = $1 and status = 'open'`, [
      caseId,
    ]);
    const results = await Promise.all(reviewers.map((r) => r.post(`/api/v1/tasks/${task?.id}/claim`, {})));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(4);
  });
});
