import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../../test/harness.ts';
import { act, applyOnline, type CasesWorld, createCasesWorld } from './testing/case-fixtures.ts';

let w: CasesWorld;
let aliceCase: string;
let daveCase: string;
beforeAll(async () => {
  w = await createCasesWorld();
  aliceCase = (await applyOnline(w, 'TEST-PERMIT', 'alice', { contact: { email: 'alice@example.cn', mobile: '13800000001' } })).caseId;
  daveCase = (await applyOnline(w, 'TEST-PERMIT', 'dave')).caseId;
});
afterAll(() => w?.close());

describe('who sees which case', () => {
  it('shows an applicant only their own cases; another’s id gets the very same 404 as a random one', async () => {
    const alice = await w.user('alice');
    const mine = await alice.get(`/api/v1/cases/${aliceCase}`);
    expect(mine.statusCode).toBe(200);
    const theirs = await alice.get(`/api/v1/cases/${daveCase}`);
    const random = await alice.get(`/api/v1/cases/${randomUUID()}`);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).toBe(random.body);
    expect((await alice.get(`/api/v1/cases/${daveCase}/result`)).body).toBe((await alice.get(`/api/v1/cases/${randomUUID()}/result`)).body);
    expect((await act(alice, daveCase, 'withdraw', { reason: '冒名撤回' })).body).toBe(
      (await act(alice, randomUUID(), 'withdraw', { reason: '冒名撤回' })).body,
    );
    const list = (await alice.get('/api/v1/cases/mine')).json().items.map((c: { id: string }) => c.id);
    expect(list).toContain(aliceCase);
    expect(list).not.toContain(daveCase);
  });

  it('shows staff only their department subtree’s cases and tasks', async () => {
    const psb = await w.staff('st-psb-reviewer');
    const hpClerk = await w.staff('hpClerk');
    const samr = await w.staff('reviewer');
    const supervisor = await w.staff('supervisor');
    for (const client of [psb, hpClerk]) {
      expect((await client.get(`/api/v1/cases/${aliceCase}`)).statusCode).toBe(404);
      expect((await act(client, aliceCase, 'accept')).statusCode).toBe(404);
    }
    expect((await samr.get(`/api/v1/cases/${aliceCase}`)).statusCode).toBe(200);
    expect((await supervisor.get(`/api/v1/cases/${aliceCase}`)).statusCode).toBe(200);
    const psbTasks = (await psb.get('/api/v1/workbench/tasks')).json().items;
    expect(psbTasks.filter((t: { caseId: string }) => t.caseId === aliceCase)).toEqual([]);
    const [task] = await w.app.platform.db.query<{ id: string }>(`select id from case_task where case_id = $1`, [aliceCase]);
    const claim = await psb.post(`/api/v1/tasks/${task?.id}/claim`, {});
    expect(claim.statusCode).toBe(404);
    expect(claim.json().code).toBe('CASES_TASK_NOT_FOUND');
  });

  it('refuses the wrong kind of account and anonymous callers', async () => {
    const anonymous = new TestClient(w.app, '10.200.0.1');
    expect((await anonymous.get(`/api/v1/cases/${aliceCase}`)).statusCode).toBe(401);
    expect((await anonymous.get('/api/v1/inbox')).statusCode).toBe(401);
    expect((await (await w.staff('reviewer')).post('/api/v1/cases', { itemCode: 'TEST-PERMIT' })).statusCode).toBe(403);
    expect((await (await w.user('alice')).get('/api/v1/workbench/tasks')).statusCode).toBe(403);
    expect((await (await w.staff('reviewer')).get('/api/v1/workbench/overdue')).statusCode).toBe(403);
  });

  it('lets a window clerk find a case only with both tracking number and the ID number', async () => {
    const clerk = await w.staff('hpClerk');
    const [row] = await w.app.platform.db.query<{ tracking_no: string }>('select tracking_no from case_file where id = $1', [aliceCase]);
    const tracking = row?.tracking_no as string;
    const found = await clerk.get(
      `/api/v1/cases/lookup?trackingNumber=${tracking.replaceAll('-', '').toLowerCase()}&idNumber=${w.people.alice.idNumber}`,
    );
    expect(found.json().id).toBe(aliceCase);
    const wrong = await clerk.get(`/api/v1/cases/lookup?trackingNumber=${tracking}&idNumber=${w.people.dave.idNumber}`);
    expect(wrong.statusCode).toBe(404);
  });
});

describe('counting and notifications', () => {
  it('summarises visits, materials, steps and days per item for supervisors and analysts only', async () => {
    const clerk = await w.staff('st-samr-clerk');
    const reviewer = await w.staff('reviewer');
    const approver = await w.staff('approver');
    await act(clerk, aliceCase, 'accept');
    await act(reviewer, aliceCase, 'approve');
    w.clock.advance(2 * 24 * 3600_000);
    await act(approver, aliceCase, 'decide', { outcome: 'approved', reasons: '同意', legalBasis: [{ law: '《行政许可法》' }] });
    expect((await reviewer.get('/api/v1/cases/metrics')).statusCode).toBe(403);
    const res = await (await w.staff('supervisor')).get('/api/v1/cases/metrics?item=TEST-PERMIT');
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m.overall).toMatchObject({
      cases: 2,
      concluded: 1,
      approved: 1,
      visitsTotal: 0,
      atMostOneVisitShare: 1,
      materialsByApplicant: 2,
      stepsAverage: 3,
      elapsedWorkingDaysAverage: 2,
      promisedDaysAverage: 5,
      onTimeShare: 1,
    });
    expect(m.items).toHaveLength(1);
  });

  it('tells the applicant in the inbox and by e-mail (captured without SMTP), and nobody else', async () => {
    const alice = await w.user('alice');
    const inbox = (await alice.get('/api/v1/inbox')).json();
    expect(inbox.items.filter((i: { caseId: string }) => i.caseId === aliceCase).map((i: { kind: string }) => i.kind)).toContain(
      'cases.status_changed',
    );
    expect(inbox.unread).toBeGreaterThan(0);
    const dave = await w.user('dave');
    expect((await dave.get('/api/v1/inbox')).json().items.filter((i: { caseId: string }) => i.caseId === aliceCase)).toEqual([]);
    const first = inbox.items[0];
    expect((await dave.post(`/api/v1/inbox/${first.id}/read`)).statusCode).toBe(404);
    expect((await alice.post(`/api/v1/inbox/${first.id}/read`)).statusCode).toBe(204);
    // The captured mail is shown by the development mailbox, which is off unless DEV_MAILBOX=true
    // (platform/notify/dev-mailbox.test.ts), so here it is read from its table.
    const mails = await w.app.platform.db.query<{ body: string }>(
      `select body from outbound_message where channel = 'email' and recipient = 'alice@example.cn'`,
    );
    expect(mails.length).toBeGreaterThan(0);
    expect(mails[0]?.body).toContain('办件');
  });
});
