import { buildTestCity, DEMO_PASSWORD } from '@tongban/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshAddress } from '../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp, TestClient } from '../../../test/harness.ts';
import { seedCity } from '../../seed-demo.ts';

/**
 * Separation of duties in staff administration, against the seeded test city (the accounts the
 * demo's `npm start` prints): issue 14, finding 1.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '100000' });
  await seedCity(t.app.platform, buildTestCity());
}, 120_000);
afterAll(() => t.close());

async function login(username: string): Promise<TestClient> {
  const client = new TestClient(t.app, freshAddress());
  const res = await client.post('/api/v1/auth/login', { kind: 'staff', username, password: DEMO_PASSWORD });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
  return client;
}

describe('finding 1: a department administrator turning itself into a one-person office', () => {
  it('refuses the department administrator granting itself every role but system_admin', async () => {
    const admin = await login('deptadmin.samr');
    const res = await admin.request('PATCH', '/api/v1/staff/staff-deptadmin.samr', {
      roles: ['department_admin', 'supervisor', 'data_officer', 'approver', 'reviewer', 'window_clerk'],
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json()).toMatchObject({ code: 'IDENTITY_ROLE_GRANT_FORBIDDEN', field: 'body.roles' });
    // Not even one operational role for itself.
    const self = await admin.request('PATCH', '/api/v1/staff/staff-deptadmin.samr', { roles: ['department_admin', 'approver'] });
    expect(self.json()).toMatchObject({ code: 'IDENTITY_ROLE_GRANT_FORBIDDEN', field: 'body.roles' });
    const me = (await admin.get('/api/v1/auth/me')).json() as { roles: string[] };
    expect(me.roles).toEqual(['department_admin']);
  });

  it('refuses a second administrator (or a supervisor, data officer) created by a department administrator', async () => {
    const admin = await login('deptadmin.samr');
    for (const role of ['department_admin', 'supervisor', 'data_officer']) {
      const res = await admin.post('/api/v1/staff', {
        username: `second.${role}`,
        name: '第二账号',
        departmentId: 'SH-SAMR',
        roles: [role],
        password: 'Initial-2026x',
      });
      expect(res.statusCode, `${role}: ${res.body}`).toBe(403);
      expect(res.json()).toMatchObject({ code: 'IDENTITY_ROLE_GRANT_FORBIDDEN', field: 'body.roles' });
    }
    // An operational role for someone else is still the administrator's job.
    const clerk = await admin.post('/api/v1/staff', {
      username: 'second.clerk',
      name: '新受理员',
      departmentId: 'SH-SAMR',
      roles: ['window_clerk'],
      password: 'Initial-2026x',
    });
    expect(clerk.statusCode, clerk.body).toBe(201);
  });

  it('keeps the city-wide audit and exchange log to the auditor role', async () => {
    const supervisor = await login('supervisor.samr');
    expect((await supervisor.get('/api/v1/audit?stream=exchange')).statusCode).toBe(403);
    const sysAdmin = await login('admin');
    expect((await sysAdmin.get('/api/v1/audit?stream=exchange')).statusCode).toBe(403);
    const auditor = await login('auditor');
    expect((await auditor.get('/api/v1/audit?stream=exchange')).statusCode).toBe(200);
  });

  it("shows every role change to the department's other administrators, and only to them", async () => {
    const admin = await login('deptadmin.samr');
    const reviewer = await admin.get('/api/v1/staff?q=reviewer.samr');
    const target = (reviewer.json() as { items: { id: string }[] }).items[0]?.id as string;
    expect((await admin.request('PATCH', `/api/v1/staff/${target}`, { roles: ['reviewer', 'approver'] })).statusCode).toBe(200);
    // A second administrator of the bureau, appointed by a system administrator.
    const sys = await login('admin');
    const created = await sys.post('/api/v1/staff', {
      username: 'deptadmin2.samr',
      name: '第二管理员',
      departmentId: 'SH-SAMR',
      roles: ['department_admin'],
      password: 'Initial-2026x',
    });
    expect(created.statusCode, created.body).toBe(201);
    const other = new TestClient(t.app, freshAddress());
    expect(
      (await other.post('/api/v1/auth/login', { kind: 'staff', username: 'deptadmin2.samr', password: 'Initial-2026x' })).statusCode,
    ).toBe(200);
    const feed = (await other.get('/api/v1/staff/role-changes')).json() as {
      items: { staffId: string; changedBy: { id: string } | null; added: string[]; removed: string[]; rolesTo: string[] }[];
    };
    expect(feed.items).toContainEqual(
      expect.objectContaining({
        staffId: target,
        changedBy: expect.objectContaining({ id: 'staff-deptadmin.samr' }),
        added: ['approver'],
        removed: [],
      }),
    );
    // The creation of the second administrator is on the record too, by the system administrator.
    expect(feed.items).toContainEqual(
      expect.objectContaining({ changedBy: expect.objectContaining({ id: 'staff-admin' }), rolesTo: ['department_admin'] }),
    );
    // Another bureau's administrator sees none of it.
    const psbAdmin = await sys.post('/api/v1/staff', {
      username: 'deptadmin.psb',
      name: '公安管理员',
      departmentId: 'SH-PSB',
      roles: ['department_admin'],
      password: 'Initial-2026x',
    });
    expect(psbAdmin.statusCode, psbAdmin.body).toBe(201);
    const psb = new TestClient(t.app, freshAddress());
    expect((await psb.post('/api/v1/auth/login', { kind: 'staff', username: 'deptadmin.psb', password: 'Initial-2026x' })).statusCode).toBe(
      200,
    );
    const theirs = (await psb.get('/api/v1/staff/role-changes')).json() as { items: { staffId: string }[] };
    expect(theirs.items.map((i) => i.staffId)).not.toContain(target);
    // And the change is audited.
    const [entry] = await t.app.platform.db.query<{ detail: { roles?: unknown } }>(
      `select detail from audit_log where action = 'identity.staff.updated' and target_id = $1 order by id desc limit 1`,
      [target],
    );
    expect(entry?.detail.roles).toEqual({ from: ['reviewer'], to: ['approver', 'reviewer'] });
  });

  it('tells the role-granting form which roles the caller may grant, by department', async () => {
    const grantable = async (client: TestClient, query = '') =>
      ((await client.get(`/api/v1/roles${query}`)).json() as { items: { role: string; grantable: boolean }[] }).items
        .filter((r) => r.grantable)
        .map((r) => r.role)
        .sort();
    const admin = await login('deptadmin.samr');
    expect(await grantable(admin)).toEqual(['approver', 'reviewer', 'window_clerk']);
    // The 12345 office runs the hotline: there its administrator also grants the hotline roles.
    expect(await grantable(admin, '?departmentId=SH-12345')).toEqual([
      'approver',
      'dispatcher',
      'hotline_operator',
      'reviewer',
      'window_clerk',
    ]);
    expect(await grantable(await login('admin'))).toHaveLength(10);
    expect(await grantable(await login('supervisor.samr'))).toEqual([]);
  });
});
