import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditActions,
  enterprises,
  FIXTURE_PASSWORD,
  freshAddress,
  loginStaff,
  loginUser,
  people,
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

const MINUTE = 60_000;
const client = () => new TestClient(t.app, freshAddress());
const me = (c: TestClient) => c.get('/api/v1/auth/me');

describe('login', () => {
  it('sets an httpOnly SameSite=Lax session cookie whose token the database stores only hashed', async () => {
    const c = client();
    const res = await c.post('/api/v1/auth/login', { kind: 'staff', username: staff.clerk.username, password: FIXTURE_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((k) => k.name === 'tb_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const token = cookie?.value as string;
    expect(token.length).toBeGreaterThanOrEqual(40);
    const rows = await t.app.platform.db.query<{ token_hash: string }>(
      "select token_hash from session where principal_type = 'staff' and principal_id = $1",
      [staff.clerk.id],
    );
    expect(rows.map((r) => r.token_hash)).toContain(createHash('sha256').update(token).digest('hex'));
    const raw = await t.app.platform.db.query('select 1 from session where token_hash = $1 or id = $1 or user_agent = $1', [token]);
    expect(raw).toHaveLength(0);
  });

  it('tells the web app who is signed in, and a visitor that nobody is (200, not 401)', async () => {
    const visitor = await client().get('/api/v1/auth/session');
    expect(visitor.statusCode).toBe(200);
    expect(visitor.json()).toEqual({ me: null });
    const c = await loginStaff(t.app, 'pdAdmin');
    const signedIn = await c.get('/api/v1/auth/session');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().me).toEqual((await me(c)).json());
    await c.post('/api/v1/auth/logout', {});
    expect((await c.get('/api/v1/auth/session')).json()).toEqual({ me: null });
  });

  it('answers who the staff member is, with roles, permissions and department', async () => {
    const c = await loginStaff(t.app, 'pdAdmin');
    const res = await me(c);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      kind: 'staff',
      id: staff.pdAdmin.id,
      name: staff.pdAdmin.name,
      roles: ['department_admin'],
      departmentId: 'SH-PD',
      departmentName: '浦东新区',
      idNumberMasked: null,
      enterprises: [],
    });
    expect(res.json().permissions).toContain('identity.staff.manage');
    expect(res.json().permissions).not.toContain('identity.departments.manage');
  });

  it('answers who the citizen is, with a masked ID number and the enterprises they act for', async () => {
    const c = await loginUser(t.app, 'alice');
    const body = (await me(c)).json();
    expect(body).toMatchObject({ kind: 'user', name: people.alice.name, roles: [], permissions: [], departmentId: null });
    expect(body.idNumberMasked).toBe(`${people.alice.idNumber.slice(0, 3)}***********${people.alice.idNumber.slice(-4)}`);
    expect(JSON.stringify(body)).not.toContain(people.alice.idNumber);
    expect(body.enterprises).toEqual([
      { creditCode: enterprises.preRegistered.creditCode, name: enterprises.preRegistered.name, capacity: 'legal_representative' },
    ]);
  });

  it('answers a wrong password and an unknown account the same way, and audits both', async () => {
    const wrong = await client().post('/api/v1/auth/login', { kind: 'staff', username: staff.reviewer.username, password: 'wrong-pass-1' });
    const unknown = await client().post('/api/v1/auth/login', { kind: 'staff', username: 'nobody.here', password: 'wrong-pass-1' });
    const wrongUser = await client().post('/api/v1/auth/login', { kind: 'user', username: people.erin.idNumber, password: 'wrong-pass-1' });
    for (const res of [wrong, unknown, wrongUser]) expect(res.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual(wrongUser.json());
    expect(wrong.json().code).toBe('AUTH_INVALID_CREDENTIALS');
    const failures = await auditActions(t.app, 'identity.login.failed');
    expect(failures.map((f) => f.detail.reason)).toEqual(expect.arrayContaining(['wrong_password', 'unknown_account']));
    // The audit never holds the full ID number typed at a login.
    expect(JSON.stringify(failures)).not.toContain(people.erin.idNumber);
  });

  it('is CSRF-protected like every state-changing route', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { kind: 'staff', username: staff.clerk.username, password: FIXTURE_PASSWORD },
      remoteAddress: freshAddress(),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('AUTH_CSRF_INVALID');
  });

  it('rotates the CSRF secret at login and at logout: a token obtained before either no longer works', async () => {
    const c = client();
    const cookieHeader = () =>
      Object.entries(c.cookies)
        .map(([k, v]) => `${k}=${v}`)
        .join('; ');
    /** A state change with this token and the client's current cookies; 403 only when CSRF refuses it. */
    const withToken = (token: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        payload: { currentPassword: 'wrong-password-1', newPassword: 'Another2027pass' },
        headers: { cookie: cookieHeader(), 'x-csrf-token': token },
        remoteAddress: c.remoteAddress,
      });

    await c.ensureCsrf();
    const anonymous = { secret: c.cookies._csrf, token: c.csrfToken };
    expect(anonymous.secret).toBeTruthy();
    const login = await c.post('/api/v1/auth/login', { kind: 'staff', username: staff.reviewer.username, password: FIXTURE_PASSWORD });
    expect(login.statusCode, login.body).toBe(200);
    expect(c.cookies._csrf).toBeTruthy();
    expect(c.cookies._csrf).not.toBe(anonymous.secret);
    const stale = await withToken(anonymous.token);
    expect(stale.statusCode).toBe(403);
    expect(stale.json().code).toBe('AUTH_CSRF_INVALID');
    const fresh = (await c.get('/api/v1/auth/csrf')).json().token as string;
    const accepted = await withToken(fresh);
    expect(accepted.json().code).not.toBe('AUTH_CSRF_INVALID');

    const signedIn = c.cookies._csrf;
    c.csrfToken = fresh;
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect(c.cookies._csrf).toBeTruthy();
    expect(c.cookies._csrf).not.toBe(signedIn);
    const afterLogout = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { kind: 'staff', username: staff.reviewer.username, password: FIXTURE_PASSWORD },
      headers: { cookie: cookieHeader(), 'x-csrf-token': fresh },
      remoteAddress: c.remoteAddress,
    });
    expect(afterLogout.statusCode).toBe(403);
    expect(afterLogout.json().code).toBe('AUTH_CSRF_INVALID');
  });

  it('backs off after LOGIN_MAX_FAILURES failures, doubling the wait, and says when to retry', async () => {
    const attempt = (password: string) =>
      client().post('/api/v1/auth/login', { kind: 'staff', username: staff.approver.username, password });
    for (let i = 1; i <= 5; i++) expect((await attempt(`wrong-${i}-x`)).json().code).toBe('AUTH_INVALID_CREDENTIALS');
    // The sixth failure starts a 30 s back-off; the right password from a new device waits too.
    expect((await attempt('wrong-6-x')).statusCode).toBe(401);
    const refused = await attempt(FIXTURE_PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'AUTH_LOGIN_THROTTLED', details: { retryAfterSeconds: 30 } });
    expect(refused.headers['retry-after']).toBe('30');
    t.clock.advance(30_000);
    // The next failure doubles the wait.
    expect((await attempt('wrong-7-x')).statusCode).toBe(401);
    expect((await attempt(FIXTURE_PASSWORD)).json().details.retryAfterSeconds).toBe(60);
    t.clock.advance(60_000);
    expect((await attempt(FIXTURE_PASSWORD)).statusCode).toBe(200);
    expect(await auditActions(t.app, 'identity.login.backoff_started')).toHaveLength(2);
    expect((await auditActions(t.app, 'identity.login.refused_throttled')).length).toBeGreaterThanOrEqual(2);
  });

  it('resets the failure count on success (failures must be consecutive)', async () => {
    const attempt = (password: string) =>
      client().post('/api/v1/auth/login', { kind: 'staff', username: staff.dispatcher.username, password });
    for (let i = 0; i < 4; i++) expect((await attempt('wrong-pass-1')).statusCode).toBe(401);
    expect((await attempt(FIXTURE_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt('wrong-pass-1')).statusCode).toBe(401);
    expect((await attempt(FIXTURE_PASSWORD)).statusCode).toBe(200);
  });

  it('ends the session a client already held when it logs in again', async () => {
    const c = await loginUser(t.app, 'dave');
    const oldToken = c.cookies.tb_session as string;
    const res = await c.post('/api/v1/auth/login', { kind: 'user', username: people.dave.idNumber, password: FIXTURE_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(c.cookies.tb_session).not.toBe(oldToken);
    const stale = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: `tb_session=${oldToken}` } });
    expect(stale.statusCode).toBe(401);
  });
});

describe('session lifetime', () => {
  it('expires after SESSION_IDLE_MINUTES without activity, and activity keeps it alive', async () => {
    const c = await loginStaff(t.app, 'supervisor');
    t.clock.advance(29 * MINUTE);
    expect((await me(c)).statusCode).toBe(200);
    t.clock.advance(29 * MINUTE);
    expect((await me(c)).statusCode).toBe(200);
    t.clock.advance(30 * MINUTE);
    const expired = await me(c);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('AUTH_SESSION_EXPIRED');
    // Still expired (not "never logged in") on the next request, and audited once.
    expect((await me(c)).json().code).toBe('AUTH_SESSION_EXPIRED');
    const audit = (await auditActions(t.app, 'identity.session.expired')).filter((a) => a.detail.principalId === staff.supervisor.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail.reason).toBe('idle_timeout');
  });

  it('expires SESSION_ABSOLUTE_HOURS after login however active it is', async () => {
    const c = await loginStaff(t.app, 'hotlineOperator');
    const start = t.clock.now().getTime();
    while (t.clock.now().getTime() + 25 * MINUTE < start + 12 * 60 * MINUTE) {
      t.clock.advance(25 * MINUTE);
      expect((await me(c)).statusCode).toBe(200);
    }
    t.clock.set(new Date(start + 12 * 60 * MINUTE));
    const res = await me(c);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_SESSION_EXPIRED');
  });

  it('writes last_seen_at at most once a minute', async () => {
    const c = await loginStaff(t.app, 'dataOfficer');
    const lastSeen = async () =>
      (
        await t.app.platform.db.query<{ last_seen_at: Date }>(
          'select last_seen_at from session where principal_id = $1 and ended_at is null',
          [staff.dataOfficer.id],
        )
      )[0]?.last_seen_at.getTime();
    const first = await lastSeen();
    t.clock.advance(30_000);
    await me(c);
    expect(await lastSeen()).toBe(first);
    t.clock.advance(31_000);
    await me(c);
    expect(await lastSeen()).toBe(t.clock.now().getTime());
  });
});

describe('logout and password change', () => {
  it('logout ends the session at once and clears the cookie', async () => {
    const c = await loginUser(t.app, 'erin');
    const token = c.cookies.tb_session as string;
    const res = await c.post('/api/v1/auth/logout');
    expect(res.statusCode).toBe(204);
    expect(c.cookies.tb_session).toBeUndefined();
    const reused = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: `tb_session=${token}` } });
    expect(reused.statusCode).toBe(401);
    expect(reused.json().code).toBe('AUTH_REQUIRED');
    expect((await auditActions(t.app, 'identity.session.logged_out')).length).toBeGreaterThanOrEqual(1);
    // Logging out without a session is harmless.
    expect((await client().post('/api/v1/auth/logout')).statusCode).toBe(204);
  });

  it('password change ends every other session of that person, keeps this one, and swaps the password', async () => {
    const here = await loginStaff(t.app, 'reviewer');
    const elsewhere = await loginStaff(t.app, 'reviewer');
    const citizen = await loginUser(t.app, 'dave');

    const wrong = await here.post('/api/v1/auth/password', { currentPassword: 'not-it-123', newPassword: 'New-pass-2026' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', field: 'body.currentPassword' });
    const weak = await here.post('/api/v1/auth/password', { currentPassword: FIXTURE_PASSWORD, newPassword: 'short1' });
    expect(weak.json()).toMatchObject({ code: 'AUTH_PASSWORD_TOO_WEAK', field: 'body.newPassword' });
    const same = await here.post('/api/v1/auth/password', { currentPassword: FIXTURE_PASSWORD, newPassword: FIXTURE_PASSWORD });
    expect(same.json()).toMatchObject({ code: 'AUTH_PASSWORD_TOO_WEAK', field: 'body.newPassword' });

    const res = await here.post('/api/v1/auth/password', { currentPassword: FIXTURE_PASSWORD, newPassword: 'New-pass-2026' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ endedSessions: 1 });
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(elsewhere)).json().code).toBe('AUTH_REQUIRED');
    // Someone else's session is untouched.
    expect((await me(citizen)).statusCode).toBe(200);

    const oldPassword = await client().post('/api/v1/auth/login', {
      kind: 'staff',
      username: staff.reviewer.username,
      password: FIXTURE_PASSWORD,
    });
    expect(oldPassword.statusCode).toBe(401);
    const newPassword = await client().post('/api/v1/auth/login', {
      kind: 'staff',
      username: staff.reviewer.username,
      password: 'New-pass-2026',
    });
    expect(newPassword.statusCode).toBe(200);
    const changed = await auditActions(t.app, 'identity.password.changed');
    expect(changed.at(-1)).toMatchObject({ actor_type: 'staff', actor_id: staff.reviewer.id });
  });

  it('requires a session to change a password', async () => {
    const res = await client().post('/api/v1/auth/password', { currentPassword: FIXTURE_PASSWORD, newPassword: 'New-pass-2026' });
    expect(res.statusCode).toBe(401);
  });
});
