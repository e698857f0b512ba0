import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditActions,
  breakCheckChar,
  FIXTURE_PASSWORD,
  freshAddress,
  people,
  seedIdentityFixtures,
  strangerIdNumber,
} from '../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp, TestClient } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '1000' });
  await seedIdentityFixtures(t.app);
});
afterAll(() => t.close());

const client = () => new TestClient(t.app, freshAddress());
const register = (body: Record<string, unknown>) => client().post('/api/v1/auth/register', body);

describe('citizen registration (real-name verification against the population registry)', () => {
  it('rejects an ID number with a wrong check digit', async () => {
    const res = await register({
      name: people.bob.name,
      idNumber: breakCheckChar(people.bob.idNumber),
      mobile: '13900000001',
      password: 'abc12345',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'IDENTITY_ID_NUMBER_INVALID', field: 'body.idNumber' });
  });

  it('rejects an impossible birth date even with a matching check digit', async () => {
    const first17 = '31011519900231123';
    const { residentIdCheckChar } = await import('@tongban/domain');
    const res = await register({
      name: '某某',
      idNumber: first17 + residentIdCheckChar(first17),
      mobile: '13900000001',
      password: 'abc12345',
    });
    expect(res.json()).toMatchObject({ code: 'IDENTITY_ID_NUMBER_INVALID', field: 'body.idNumber' });
  });

  it('refuses a valid ID number that is not in the registry', async () => {
    const res = await register({ name: '无名氏', idNumber: strangerIdNumber, mobile: '13900000001', password: 'abc12345' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'IDENTITY_NOT_IN_REGISTRY' });
  });

  it('refuses a name that does not match the registry, with the same answer as an unknown person', async () => {
    const mismatch = await register({ name: '李四', idNumber: people.bob.idNumber, mobile: '13900000001', password: 'abc12345' });
    const unknown = await register({ name: '李四', idNumber: strangerIdNumber, mobile: '13900000001', password: 'abc12345' });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json()).toEqual(unknown.json());
  });

  it('refuses a deceased person', async () => {
    const res = await register({ name: people.carol.name, idNumber: people.carol.idNumber, mobile: '13900000003', password: 'abc12345' });
    expect(res.json()).toMatchObject({ code: 'IDENTITY_NOT_IN_REGISTRY' });
  });

  it('enforces the password policy', async () => {
    for (const password of ['abc1234', 'abcdefgh', '12345678']) {
      const res = await register({ name: people.bob.name, idNumber: people.bob.idNumber, mobile: '13900000001', password });
      expect(res.statusCode, password).toBe(400);
      expect(res.json()).toMatchObject({ code: 'AUTH_PASSWORD_TOO_WEAK', field: 'body.password' });
    }
  });

  it('validates the mobile number', async () => {
    const res = await register({ name: people.bob.name, idNumber: people.bob.idNumber, mobile: '12345', password: 'abc12345' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.mobile' });
  });

  it('registers a person from the registry, audits it, and lets them log in by ID number or mobile', async () => {
    const res = await register({ name: people.bob.name, idNumber: people.bob.idNumber, mobile: '13900000011', password: 'bob-pass-2026' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.name).toBe(people.bob.name);
    expect(body.idNumberMasked).toBe(`${people.bob.idNumber.slice(0, 3)}***********${people.bob.idNumber.slice(-4)}`);
    expect(body).not.toHaveProperty('idNumber');
    // No session is opened by registering.
    expect(res.cookies.find((c) => c.name === 'tb_session')).toBeUndefined();

    const audit = await auditActions(t.app, 'identity.user.registered');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ subject: people.bob.idNumber, actor_type: 'user', actor_id: body.userId });

    const byId = await client().post('/api/v1/auth/login', { kind: 'user', username: people.bob.idNumber, password: 'bob-pass-2026' });
    expect(byId.statusCode).toBe(200);
    expect(byId.json()).toMatchObject({ kind: 'user', name: people.bob.name });
    const byMobile = await client().post('/api/v1/auth/login', { kind: 'user', username: '13900000011', password: 'bob-pass-2026' });
    expect(byMobile.statusCode).toBe(200);
  });

  it('refuses to register the same person twice, and a mobile already in use', async () => {
    const again = await register({ name: people.bob.name, idNumber: people.bob.idNumber, mobile: '13900000012', password: 'abc12345' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'IDENTITY_ALREADY_REGISTERED', field: 'body.idNumber' });
    const sameMobile = await register({
      name: people.frank.name,
      idNumber: people.frank.idNumber,
      mobile: '13900000011',
      password: 'abc12345',
    });
    expect(sameMobile.statusCode).toBe(409);
    expect(sameMobile.json()).toMatchObject({ code: 'IDENTITY_ALREADY_REGISTERED', field: 'body.mobile' });
  });

  it('accepts full-width digits and zero-width characters typed on a Chinese IME', async () => {
    const toFullWidth = (s: string) => s.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const idNumber = `\u200B${toFullWidth(people.frank.idNumber).slice(0, 6)}\u200D${toFullWidth(people.frank.idNumber).slice(6)}\uFEFF`;
    expect(idNumber).not.toBe(people.frank.idNumber);
    const res = await register({
      name: ` ${people.frank.name}\u200B`,
      idNumber,
      mobile: toFullWidth('13900000021'),
      password: 'frank-2026',
    });
    expect(res.statusCode).toBe(201);
    const login = await client().post('/api/v1/auth/login', { kind: 'user', username: people.frank.idNumber, password: 'frank-2026' });
    expect(login.statusCode).toBe(200);
    const stored = await t.app.platform.db.query<{ id_number: string; mobile: string; name: string }>(
      'select id_number, mobile, name from user_account where id_number = $1',
      [people.frank.idNumber],
    );
    expect(stored).toEqual([{ id_number: people.frank.idNumber, mobile: '13900000021', name: people.frank.name }]);
  });

  it('never answers with a stack trace or a 5xx for hostile input', async () => {
    const bodies = [
      { name: 'x'.repeat(10_000), idNumber: people.bob.idNumber, mobile: '13900000001', password: 'abc12345' },
      { name: people.bob.name, idNumber: 12345, mobile: '13900000001', password: 'abc12345' },
      { name: people.bob.name, idNumber: '', mobile: '13900000001', password: FIXTURE_PASSWORD },
      { name: people.bob.name, idNumber: '\u200B\u200B', mobile: '13900000001', password: 'p'.repeat(1000) },
    ];
    for (const body of bodies) {
      const res = await register(body);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.body).not.toMatch(/at .*\.ts:\d+/);
      expect(res.json().code).toBeTypeOf('string');
    }
    const proto = await client().request(
      'POST',
      '/api/v1/auth/register',
      `{"__proto__":{"admin":true},"name":"${people.bob.name}","idNumber":"${people.bob.idNumber}","mobile":"13900000001","password":"abc12345"}`,
      { 'content-type': 'application/json' },
    );
    expect(proto.statusCode).toBe(400);
    expect(proto.json().code).toBe('VALIDATION_FAILED');
  });
});
