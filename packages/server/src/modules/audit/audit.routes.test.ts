import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshAddress, loginStaff, seedIdentityFixtures } from '../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp, TestClient } from '../../../test/harness.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { asAttacker, sealAll } from '../../platform/audit/test-support.ts';

let t: TestApp;
let auditor: TestClient;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '1000' });
  await seedIdentityFixtures(t.app);
  auditor = await loginStaff(t.app, 'auditor');
  const { db } = t.app.platform;
  for (const [i, target] of ['case-1', 'case-2', 'case-1'].entries()) {
    await db.transaction((tx) =>
      recordAudit(tx, t.clock.now(), {
        actor: { type: 'staff', id: i === 2 ? 'st-other' : 'st-reviewer' },
        action: i === 0 ? 'cases.case.accepted' : 'cases.case.approved',
        target: { type: 'case', id: target },
        detail: { step: i },
      }),
    );
  }
});
afterAll(() => t.close());

type ListBody = {
  items: { id: number; action: string; targetId: string; actorId: string; chainPosition: number | null }[];
  hasMore: boolean;
};

describe('GET /api/v1/audit', () => {
  it('needs a session and the audit.read permission', async () => {
    expect((await new TestClient(t.app, freshAddress()).get('/api/v1/audit')).statusCode).toBe(401);
    const clerk = await loginStaff(t.app, 'clerk');
    const denied = await clerk.get('/api/v1/audit');
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'AUTH_FORBIDDEN' });
  });

  it('filters by target, actor and action, newest first', async () => {
    const byTarget = (await auditor.get('/api/v1/audit?targetType=case&targetId=case-1')).json() as ListBody;
    expect(byTarget.items.map((e) => e.targetId)).toEqual(['case-1', 'case-1']);
    expect(byTarget.items[0]?.id).toBeGreaterThan(byTarget.items[1]?.id ?? Number.POSITIVE_INFINITY);

    const byActor = (await auditor.get('/api/v1/audit?actorId=st-other')).json() as ListBody;
    expect(byActor.items.map((e) => e.action)).toEqual(['cases.case.approved']);

    const byAction = (await auditor.get('/api/v1/audit?action=cases.case.accepted')).json() as ListBody;
    expect(byAction.items.map((e) => e.targetId)).toEqual(['case-1']);
  });

  it('pages', async () => {
    const first = (await auditor.get('/api/v1/audit?targetType=case&pageSize=2')).json() as ListBody;
    const second = (await auditor.get('/api/v1/audit?targetType=case&pageSize=2&page=2')).json() as ListBody;
    expect(first.items).toHaveLength(2);
    expect(first.hasMore).toBe(true);
    expect(second.items).toHaveLength(1);
    expect(second.hasMore).toBe(false);
    expect(new Set([...first.items, ...second.items].map((e) => e.id)).size).toBe(3);
  });

  it('shows the chain position once an entry is sealed', async () => {
    const before = (await auditor.get('/api/v1/audit?targetType=case')).json() as ListBody;
    expect(before.items.every((e) => e.chainPosition === null)).toBe(true);
    await sealAll(t.app.platform.db, t.app.platform.signer, t.clock, 'audit');
    const after = (await auditor.get('/api/v1/audit?targetType=case')).json() as ListBody;
    expect(after.items.every((e) => typeof e.chainPosition === 'number')).toBe(true);
  });

  it('refuses an unknown stream with a validation error', async () => {
    const res = await auditor.get('/api/v1/audit?stream=secret');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'querystring.stream' });
  });
});

describe('GET /api/v1/audit/verify', () => {
  it('needs the audit.read permission', async () => {
    const clerk = await loginStaff(t.app, 'clerk');
    expect((await clerk.get('/api/v1/audit/verify')).statusCode).toBe(403);
  });

  it('reports a sound chain, then the tampering', async () => {
    const { db, signer } = t.app.platform;
    await sealAll(db, signer, t.clock, 'audit');
    const sound = await auditor.get('/api/v1/audit/verify?stream=audit');
    expect(sound.statusCode).toBe(200);
    expect(sound.json()).toMatchObject({ stream: 'audit', ok: true, findings: [] });
    expect(sound.json().checkedEntries).toBeGreaterThanOrEqual(3);

    await asAttacker(db, (tx) => tx.query(`update audit_log set detail = '{"step": 99}' where target_id = 'case-2'`));
    const broken = await auditor.get('/api/v1/audit/verify');
    expect(broken.statusCode).toBe(200);
    expect(broken.json()).toMatchObject({ ok: false, findings: [{ kind: 'entry_edited' }] });
  });
});
