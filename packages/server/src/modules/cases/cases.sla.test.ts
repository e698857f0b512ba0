import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireSlaTimer, runDueSlaTimers } from './index.ts';
import { act, applyOnline, type CasesWorld, createCasesWorld, detail, fakeUpload } from './testing/case-fixtures.ts';

let w: CasesWorld;
beforeAll(async () => {
  w = await createCasesWorld({}, '2026-02-12T10:00:00+08:00');
});
afterAll(() => w?.close());

type Timer = { id: string; scope: string; kind: string; state: string; due_at: Date };
const timersOf = (caseId: string, state = 'planned') =>
  w.app.platform.db.query<Timer>(
    'select id, scope, kind, state, due_at from case_timer where case_id = $1 and state = $2 order by due_at, scope',
    [caseId, state],
  );
const at = (s: string) => new Date(s).toISOString();
const describeTimers = (timers: Timer[]) => timers.map((t) => `${t.scope}/${t.kind}@${new Date(t.due_at).toISOString()}`);

describe('time limits in working days', () => {
  it('stops the clock during a 补正 across the Spring Festival and counts the adjusted Saturday', async () => {
    const alice = await w.user('alice');
    const clerk = await w.staff('st-samr-clerk');
    const filed = await applyOnline(w);
    // Thu Feb 12: Fri 13 (1), Sat 14 worked (2), Feb 15–23 holidays, Tue 24 (3), 25 (4), 26 (5).
    expect(filed.expectedCompletionDate).toBe('2026-02-26');
    w.clock.set('2026-02-13T10:00:00+08:00');
    const requested = await act(clerk, filed.caseId, 'request-supplement', {
      reason: '缺申请书签名',
      missing: [{ description: '签名的申请书' }],
    });
    expect(requested.json().expectedCompletionDate).toBeNull();
    expect(await timersOf(filed.caseId)).toEqual([]);
    w.clock.set('2026-02-24T15:00:00+08:00');
    const upload = await fakeUpload(w.app, { type: 'user', id: 'u-alice' });
    const supplied = await act(alice, filed.caseId, 'supply-supplement', { materials: [{ materialId: 'application', uploadId: upload }] });
    // Feb 13 counted (1); Feb 14 and 24 fall in the suspension; Feb 25 (2), 26 (3), 27 (4), Sat Feb 28 worked (5).
    expect(supplied.json().expectedCompletionDate).toBe('2026-02-28');
    const d = await detail(alice, filed.caseId);
    expect(d).toMatchObject({
      expectedCompletionDate: '2026-02-28',
      statutoryCompletionDate: '2026-03-20',
      elapsedWorkingDays: 1,
      clockStopped: false,
    });
  });
});

describe('SLA timers', () => {
  let caseId: string;
  beforeAll(async () => {
    w.clock.set('2026-03-02T09:00:00+08:00');
    caseId = (await applyOnline(w)).caseId;
  });

  it('plans a warning and an overdue timer per limit', async () => {
    const timers = await timersOf(caseId);
    expect(describeTimers(timers)).toEqual([
      `accept/overdue@${at('2026-03-04T00:00:00+08:00')}`,
      `case/warning@${at('2026-03-07T00:00:00+08:00')}`,
      `case/overdue@${at('2026-03-10T00:00:00+08:00')}`,
    ]);
  });

  it('never fires early and fires exactly once, even when the job runs several times at once', async () => {
    const [acceptOverdue] = await timersOf(caseId);
    const id = acceptOverdue?.id as string;
    expect(await fireSlaTimer(w.app.platform, id)).toBe('early');
    w.clock.set('2026-03-03T23:59:59+08:00');
    await runDueSlaTimers(w.app.platform);
    expect((await timersOf(caseId)).map((t) => t.id)).toContain(id);
    w.clock.set('2026-03-04T00:00:00+08:00');
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => fireSlaTimer(w.app.platform, id)));
    expect(outcomes.filter((o) => o === 'fired')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'skipped')).toHaveLength(4);
    await runDueSlaTimers(w.app.platform);
    expect(await fireSlaTimer(w.app.platform, id)).toBe('skipped');
    const audits = await w.app.platform.db.query(`select 1 from audit_log where action = 'cases.sla.overdue' and target_id = $1`, [caseId]);
    expect(audits).toHaveLength(1);

    const supervisor = await w.staff('supervisor');
    const inbox = (await supervisor.get('/api/v1/inbox')).json();
    expect(inbox.items.filter((i: { kind: string; caseId: string }) => i.kind === 'cases.sla_overdue' && i.caseId === caseId)).toHaveLength(
      1,
    );
    expect(
      (await (await w.staff('hpAdmin')).get('/api/v1/inbox')).json().items.filter((i: { caseId: string }) => i.caseId === caseId),
    ).toEqual([]);
    const red = (await (await w.staff('st-samr-clerk')).get('/api/v1/workbench/tasks?sla=red')).json().items;
    expect(red.map((t: { caseId: string; sla: string }) => `${t.caseId}:${t.sla}`)).toContain(`${caseId}:red`);
    const overdue = (await supervisor.get('/api/v1/workbench/overdue')).json().items;
    const acceptTask = red.find((t: { caseId: string; stepId: string }) => t.caseId === caseId && t.stepId === 'accept');
    // The step entry names its running task, so the supervisor can reassign it from this list.
    expect(overdue).toContainEqual(
      expect.objectContaining({ caseId, scope: 'step', stepId: 'accept', sla: 'red', taskId: acceptTask.id, role: 'window_clerk' }),
    );
  });

  it('re-plans the timers on suspension and resumption, and fires none while the clock stands still', async () => {
    const clerk = await w.staff('st-samr-clerk');
    const reviewer = await w.staff('reviewer');
    await act(clerk, caseId, 'accept');
    expect(describeTimers(await timersOf(caseId))).toContain(`review/overdue@${at('2026-03-07T00:00:00+08:00')}`);
    await act(reviewer, caseId, 'suspend', { procedure: 'inspection', reason: '需现场核查' });
    expect(await timersOf(caseId)).toEqual([]);
    w.clock.set('2026-03-12T10:00:00+08:00');
    await runDueSlaTimers(w.app.platform);
    expect(await timersOf(caseId, 'fired')).toHaveLength(1);
    const resumed = await act(reviewer, caseId, 'resume', { note: '核查完毕' });
    // Filed Mon Mar 2; the clock stood still over (Mar 4, Mar 12]: Mar 3, 4, 13, 16, 17.
    expect(resumed.json().expectedCompletionDate).toBe('2026-03-17');
    expect(describeTimers(await timersOf(caseId))).toEqual([
      `case/warning@${at('2026-03-17T00:00:00+08:00')}`,
      `review/overdue@${at('2026-03-17T00:00:00+08:00')}`,
      `case/overdue@${at('2026-03-18T00:00:00+08:00')}`,
    ]);
    w.clock.set('2026-03-16T23:59:00+08:00');
    await runDueSlaTimers(w.app.platform);
    expect(await timersOf(caseId, 'fired')).toHaveLength(1);
    w.clock.set('2026-03-17T00:00:00+08:00');
    await runDueSlaTimers(w.app.platform);
    await runDueSlaTimers(w.app.platform);
    expect(describeTimers(await timersOf(caseId, 'fired')).map((s) => s.split('@')[0])).toEqual([
      'accept/overdue',
      'case/warning',
      'review/overdue',
    ]);
    const cancelled = await timersOf(caseId, 'cancelled');
    expect(cancelled.length).toBeGreaterThan(0);
    expect(await fireSlaTimer(w.app.platform, cancelled[0]?.id as string)).toBe('skipped');
  });
});
