import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditActions,
  FIXTURE_PASSWORD,
  freshAddress,
  loginStaff,
  seedIdentityFixtures,
  staff,
} from '../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp, TestClient } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '1000' });
  await seedIdentityFixtures(t.app);
});
afterAll(() => t.close());

const anonymous = () => new TestClient(t.app, freshAddress());
type StaffItem = { id: string; username: string; departmentId: string; roles: string[]; active: boolean };
const usernames = (items: StaffItem[]) => items.map((s) => s.username).sort();

describe('departments', () => {
  it('lists departments publicly, flat with parentId, filterable by kind', async () => {
    const res = await anonymous().get('/api/v1/departments');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; parentId: string | null }[];
    expect(items.map((d) => d.id)).toContain('SH-PD-LJZ-SC');
    expect(items.find((d) => d.id === 'SH-PD-LJZ')?.parentId).toBe('SH-PD');
    const districts = (await anonymous().get('/api/v1/departments?kind=district')).json().items as { id: string }[];
    expect(districts.map((d) => d.id)).toEqual(['SH-HP', 'SH-PD']);
    expect((await anonymous().get('/api/v1/departments?kind=planet')).statusCode).toBe(400);
  });

  it('shows one department with its ancestors', async () => {
    const res = await anonymous().get('/api/v1/departments/sh-pd-ljz-sc');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'SH-PD-LJZ-SC', kind: 'service_centre' });
    expect(res.json().ancestors.map((a: { id: string }) => a.id)).toEqual(['SH', 'SH-PD', 'SH-PD-LJZ']);
    expect((await anonymous().get('/api/v1/departments/SH-NOPE')).json().code).toBe('IDENTITY_DEPARTMENT_NOT_FOUND');
  });

  it('lets a system administrator create and change departments, within the nesting rules', async () => {
    const admin = await loginStaff(t.app, 'sysAdmin');
    const created = await admin.post('/api/v1/departments', {
      id: 'SH-PD-ZJ',
      parentId: 'SH-PD',
      kind: 'street',
      nameZh: '张江镇',
      nameEn: 'Zhangjiang Town',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 'SH-PD-ZJ', parentId: 'SH-PD', active: true });
    expect(
      (await admin.post('/api/v1/departments', { id: 'SH-PD-ZJ', parentId: 'SH-PD', kind: 'street', nameZh: '重复', nameEn: 'Dup' }))
        .statusCode,
    ).toBe(409);
    const badNesting = await admin.post('/api/v1/departments', {
      id: 'SH-X',
      parentId: 'SH',
      kind: 'street',
      nameZh: '错',
      nameEn: 'Wrong',
    });
    expect(badNesting.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.parentId' });
    const noParent = await admin.post('/api/v1/departments', {
      id: 'SH-Y',
      parentId: 'SH-NOPE',
      kind: 'district',
      nameZh: '无',
      nameEn: 'None',
    });
    expect(noParent.json()).toMatchObject({ code: 'IDENTITY_DEPARTMENT_NOT_FOUND', field: 'body.parentId' });

    const renamed = await admin.request('PATCH', '/api/v1/departments/SH-PD-ZJ', { nameEn: 'Zhangjiang' });
    expect(renamed.json()).toMatchObject({ nameEn: 'Zhangjiang', nameZh: '张江镇' });
    const cycle = await admin.request('PATCH', '/api/v1/departments/SH-PD', { parentId: 'SH-PD-LJZ' });
    expect(cycle.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.parentId' });
    const moved = await admin.request('PATCH', '/api/v1/departments/SH-PD-ZJ', { parentId: 'SH-HP' });
    expect(moved.json()).toMatchObject({ parentId: 'SH-HP' });
    const deactivated = await admin.request('PATCH', '/api/v1/departments/SH-PD-ZJ', { active: false });
    expect(deactivated.json().active).toBe(false);
    expect(((await anonymous().get('/api/v1/departments')).json().items as { id: string }[]).map((d) => d.id)).not.toContain('SH-PD-ZJ');
    expect(
      ((await anonymous().get('/api/v1/departments?includeInactive=true')).json().items as { id: string }[]).map((d) => d.id),
    ).toContain('SH-PD-ZJ');

    const audit = await auditActions(t.app, 'identity.department.');
    expect(audit.map((a) => a.action)).toEqual([
      'identity.department.created',
      'identity.department.updated',
      'identity.department.updated',
      'identity.department.updated',
    ]);
  });

  it('does not let a department administrator manage departments', async () => {
    const pdAdmin = await loginStaff(t.app, 'pdAdmin');
    const res = await pdAdmin.post('/api/v1/departments', { id: 'SH-PD-Q', parentId: 'SH-PD', kind: 'street', nameZh: '某', nameEn: 'Q' });
    expect(res.statusCode).toBe(403);
  });
});

describe('staff administration scoped to the department subtree', () => {
  it('shows a system administrator everyone, a department administrator or supervisor only their subtree', async () => {
    const all = (await (await loginStaff(t.app, 'sysAdmin')).get('/api/v1/staff?pageSize=100')).json();
    expect(all.total).toBe(Object.keys(staff).length);
    const pd = (await (await loginStaff(t.app, 'pdAdmin')).get('/api/v1/staff?pageSize=100')).json();
    expect(usernames(pd.items)).toEqual(
      [staff.clerk, staff.reviewer, staff.approver, staff.pdAdmin, staff.supervisor].map((s) => s.username).sort(),
    );
    const sup = (await (await loginStaff(t.app, 'supervisor')).get('/api/v1/staff?pageSize=100')).json();
    expect(usernames(sup.items)).toEqual(usernames(pd.items));
    const hp = (await (await loginStaff(t.app, 'hpAdmin')).get('/api/v1/staff?pageSize=100')).json();
    expect(usernames(hp.items)).toEqual([staff.hpAdmin.username, staff.hpClerk.username].sort());
  });

  it('filters by department subtree and text, and pages', async () => {
    const pdAdmin = await loginStaff(t.app, 'pdAdmin');
    const bureau = (await pdAdmin.get('/api/v1/staff?departmentId=SH-PD-SAMR')).json();
    expect(usernames(bureau.items)).toEqual([staff.approver.username, staff.reviewer.username]);
    const byName = (await pdAdmin.get(`/api/v1/staff?q=${encodeURIComponent(staff.clerk.name)}`)).json();
    expect(usernames(byName.items)).toEqual([staff.clerk.username]);
    const wildcard = (await pdAdmin.get('/api/v1/staff?q=%25')).json();
    expect(wildcard.total).toBe(0);
    const page1 = (await pdAdmin.get('/api/v1/staff?pageSize=2&page=1')).json();
    const page3 = (await pdAdmin.get('/api/v1/staff?pageSize=2&page=3')).json();
    expect(page1).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page3.items).toHaveLength(1);
    const outside = await pdAdmin.get('/api/v1/staff?departmentId=SH-HP');
    expect(outside.statusCode).toBe(403);
    expect(outside.json().field).toBe('query.departmentId');
  });

  it('answers staff outside the scope as not found', async () => {
    const pdAdmin = await loginStaff(t.app, 'pdAdmin');
    expect((await pdAdmin.get(`/api/v1/staff/${staff.clerk.id}`)).statusCode).toBe(200);
    const outside = await pdAdmin.get(`/api/v1/staff/${staff.hpClerk.id}`);
    const missing = await pdAdmin.get('/api/v1/staff/no-such-id');
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
    expect((await pdAdmin.request('PATCH', `/api/v1/staff/${staff.hpClerk.id}`, { active: false })).statusCode).toBe(404);
  });

  it('lets a department administrator create staff in their subtree only, without system_admin', async () => {
    const pdAdmin = await loginStaff(t.app, 'pdAdmin');
    const body = { username: 'New.Clerk', name: '新人', departmentId: 'SH-PD-LJZ-SC', roles: ['window_clerk'], password: 'Initial-2026' };
    const created = await pdAdmin.post('/api/v1/staff', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: 'new.clerk', departmentId: 'SH-PD-LJZ-SC', roles: ['window_clerk'], active: true });
    const login = await anonymous().post('/api/v1/auth/login', { kind: 'staff', username: 'new.clerk', password: 'Initial-2026' });
    expect(login.statusCode).toBe(200);

    expect((await pdAdmin.post('/api/v1/staff', { ...body, username: 'new.clerk' })).json()).toMatchObject({
      code: 'IDENTITY_USERNAME_TAKEN',
      field: 'body.username',
    });
    expect((await pdAdmin.post('/api/v1/staff', { ...body, username: 'x.hp', departmentId: 'SH-HP-WT' })).json()).toMatchObject({
      code: 'AUTH_FORBIDDEN',
      field: 'body.departmentId',
    });
    expect((await pdAdmin.post('/api/v1/staff', { ...body, username: 'x.root', roles: ['system_admin'] })).json()).toMatchObject({
      code: 'IDENTITY_ROLE_GRANT_FORBIDDEN',
      field: 'body.roles',
    });
    expect((await pdAdmin.post('/api/v1/staff', { ...body, username: 'x.role', roles: ['emperor'] })).json()).toMatchObject({
      code: 'IDENTITY_ROLE_UNKNOWN',
      field: 'body.roles',
    });
    expect((await pdAdmin.post('/api/v1/staff', { ...body, username: 'x.weak', password: 'password' })).json()).toMatchObject({
      code: 'AUTH_PASSWORD_TOO_WEAK',
    });
    expect((await pdAdmin.post('/api/v1/staff', { ...body, username: 'x.dept', departmentId: 'SH-NOPE' })).json().code).toBe(
      'IDENTITY_DEPARTMENT_NOT_FOUND',
    );
    const audit = await auditActions(t.app, 'identity.staff.created');
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('Initial-2026');
  });

  it('lets a department administrator change roles and department within scope, but not touch a system administrator', async () => {
    const pdAdmin = await loginStaff(t.app, 'pdAdmin');
    const roles = await pdAdmin.request('PATCH', `/api/v1/staff/${staff.approver.id}`, { roles: ['approver', 'reviewer'] });
    expect(roles.json().roles).toEqual(['approver', 'reviewer']);
    const moved = await pdAdmin.request('PATCH', `/api/v1/staff/${staff.approver.id}`, { departmentId: 'SH-PD-LJZ' });
    expect(moved.json().departmentId).toBe('SH-PD-LJZ');
    const away = await pdAdmin.request('PATCH', `/api/v1/staff/${staff.approver.id}`, { departmentId: 'SH-HP' });
    expect(away.json()).toMatchObject({ code: 'AUTH_FORBIDDEN', field: 'body.departmentId' });
    const escalate = await pdAdmin.request('PATCH', `/api/v1/staff/${staff.approver.id}`, { roles: ['system_admin'] });
    expect(escalate.statusCode).toBe(403);
    const self = await pdAdmin.request('PATCH', `/api/v1/staff/${staff.pdAdmin.id}`, { active: false });
    expect(self.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.active' });

    // A system administrator placed inside the district is still out of a department admin's reach.
    const sysAdmin = await loginStaff(t.app, 'sysAdmin');
    const rootInPd = await sysAdmin.post('/api/v1/staff', {
      username: 'root.pd',
      name: '区内系统管理员',
      departmentId: 'SH-PD',
      roles: ['system_admin'],
      password: 'Root-pass-2026',
    });
    expect(rootInPd.statusCode).toBe(201);
    const touch = await pdAdmin.request('PATCH', `/api/v1/staff/${rootInPd.json().id}`, { active: false });
    expect(touch.statusCode).toBe(403);
    const changes = await auditActions(t.app, 'identity.staff.updated');
    expect(changes.length).toBe(2);
  });

  it('ends the sessions of a deactivated staff member at once and refuses their login', async () => {
    const clerk = await loginStaff(t.app, 'clerk');
    expect((await clerk.get('/api/v1/auth/me')).statusCode).toBe(200);
    const pdAdmin = await loginStaff(t.app, 'pdAdmin');
    const res = await pdAdmin.request('PATCH', `/api/v1/staff/${staff.clerk.id}`, { active: false });
    expect(res.json().active).toBe(false);
    expect((await clerk.get('/api/v1/auth/me')).statusCode).toBe(401);
    const login = await anonymous().post('/api/v1/auth/login', {
      kind: 'staff',
      username: staff.clerk.username,
      password: FIXTURE_PASSWORD,
    });
    expect(login.json().code).toBe('AUTH_INVALID_CREDENTIALS');
    await pdAdmin.request('PATCH', `/api/v1/staff/${staff.clerk.id}`, { active: true });
  });

  it('resets a password, ending the sessions that used the old one', async () => {
    const reviewer = await loginStaff(t.app, 'reviewer');
    const pdAdmin = await loginStaff(t.app, 'pdAdmin');
    expect((await pdAdmin.request('PATCH', `/api/v1/staff/${staff.reviewer.id}`, { password: 'Reset-pass-2026' })).statusCode).toBe(200);
    expect((await reviewer.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect(
      (await anonymous().post('/api/v1/auth/login', { kind: 'staff', username: staff.reviewer.username, password: 'Reset-pass-2026' }))
        .statusCode,
    ).toBe(200);
  });

  it('lists roles with labels and permissions for staff', async () => {
    const clerk = await loginStaff(t.app, 'hpClerk');
    const res = await clerk.get('/api/v1/roles');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { role: string; label: { zh: string; en: string }; permissions: string[] }[];
    expect(items).toHaveLength(10);
    expect(items.find((r) => r.role === 'window_clerk')).toMatchObject({ label: { zh: '综合窗口受理员', en: 'Window clerk' } });
    expect(items.find((r) => r.role === 'system_admin')?.permissions).toContain('identity.departments.manage');
  });
});
