import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditActions,
  breakCheckChar,
  FIXTURE_PASSWORD,
  freshAddress,
  makeIdNumber,
  people,
  seedIdentityFixtures,
  strangerIdNumber,
} from '../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp, TestClient } from '../../../test/harness.ts';
import { importRegistryPeople } from '../registry/index.ts';

/** Registry people of this file only: one whose registry mobile is already an account's, one for IME input. */
const local = {
  sharedMobile: {
    ...people.bob,
    idNumber: makeIdNumber('310115', '19700101', 613),
    name: '赵敏',
    sex: 'female',
    mobile: people.alice.mobile,
  },
  ime: { ...people.bob, idNumber: makeIdNumber('310115', '19820202', 715), name: '孙悦', sex: 'male', mobile: '13800000021' },
} as const;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '1000' });
  await seedIdentityFixtures(t.app);
  await importRegistryPeople(t.app.platform.db, Object.values(local));
});
afterAll(() => t.close());

const client = () => new TestClient(t.app, freshAddress());
const start = (body: Record<string, unknown>) => client().post('/api/v1/auth/register/start', body);
const register = (body: Record<string, unknown>) => client().post('/api/v1/auth/register', { code: '123456', ...body });

/** The newest text message the development SMS channel (the outbox) holds for a number. */
async function lastSms(mobile: string): Promise<string | undefined> {
  const rows = await t.app.platform.db.query<{ body: string }>(
    `select body from outbound_message where channel = 'sms' and recipient = $1 order by created_at desc, id desc limit 1`,
    [mobile],
  );
  return rows[0]?.body;
}

/** Both steps, as the web page does them: start, read the code from the SMS, complete. */
async function registerWithCode(body: { name: string; idNumber: string; mobile: string; password: string }, smsTo = body.mobile) {
  const c = client();
  t.clock.advance(1000); // messages are ordered by their time
  const started = await c.post('/api/v1/auth/register/start', { name: body.name, idNumber: body.idNumber, mobile: body.mobile });
  expect(started.statusCode).toBe(202);
  const code = /\b(\d{6})\b/.exec((await lastSms(smsTo)) ?? '')?.[1] ?? '000000';
  return c.post('/api/v1/auth/register', { ...body, code });
}

describe('citizen registration (real-name verification against the population registry)', () => {
  it('rejects an ID number with a wrong check digit', async () => {
    const res = await start({ name: people.bob.name, idNumber: breakCheckChar(people.bob.idNumber), mobile: '13900000001' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'IDENTITY_ID_NUMBER_INVALID', field: 'body.idNumber' });
  });

  it('rejects an impossible birth date even with a matching check digit', async () => {
    const first17 = '31011519900231123';
    const { residentIdCheckChar } = await import('@tongban/domain');
    const res = await start({ name: '某某', idNumber: first17 + residentIdCheckChar(first17), mobile: '13900000001' });
    expect(res.json()).toMatchObject({ code: 'IDENTITY_ID_NUMBER_INVALID', field: 'body.idNumber' });
  });

  it('refuses a valid ID number that is not in the registry, sending no code', async () => {
    const started = await start({ name: '无名氏', idNumber: strangerIdNumber, mobile: '13900000001' });
    expect(started.statusCode).toBe(202);
    expect(started.json().message).toContain('政务服务窗口');
    expect(await lastSms('13900000001')).toBeUndefined();
    const res = await register({ name: '无名氏', idNumber: strangerIdNumber, mobile: '13900000001', password: 'abc12345' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'IDENTITY_REGISTRATION_UNVERIFIED', field: 'body.code' });
  });

  it('answers a name that does not match the registry exactly like an unknown person', async () => {
    const mismatch = await start({ name: '李四', idNumber: people.bob.idNumber, mobile: people.bob.mobile });
    const unknown = await start({ name: '李四', idNumber: strangerIdNumber, mobile: people.bob.mobile });
    expect(mismatch.statusCode).toBe(202);
    expect(mismatch.json()).toEqual(unknown.json());
    expect(await lastSms(people.bob.mobile as string)).toBeUndefined();
  });

  it('sends nothing for a person the registry holds no mobile for, and tells everyone about the window', async () => {
    const res = await start({ name: people.frank.name, idNumber: people.frank.idNumber, mobile: '13900000031' });
    expect(res.statusCode).toBe(202);
    expect(await lastSms('13900000031')).toBeUndefined();
    const done = await register({ name: people.frank.name, idNumber: people.frank.idNumber, mobile: '13900000031', password: 'abc12345' });
    expect(done.json()).toMatchObject({ code: 'IDENTITY_REGISTRATION_UNVERIFIED' });
  });

  it('refuses a deceased person', async () => {
    const res = await registerWithCode({
      name: people.carol.name,
      idNumber: people.carol.idNumber,
      mobile: '13900000003',
      password: 'abc12345',
    });
    expect(res.json()).toMatchObject({ code: 'IDENTITY_REGISTRATION_UNVERIFIED' });
  });

  it('enforces the password policy', async () => {
    for (const password of ['abc1234', 'abcdefgh', '12345678']) {
      const res = await register({ name: people.bob.name, idNumber: people.bob.idNumber, mobile: '13900000001', password });
      expect(res.statusCode, password).toBe(400);
      expect(res.json()).toMatchObject({ code: 'AUTH_PASSWORD_TOO_WEAK', field: 'body.password' });
    }
  });

  it('validates the mobile number', async () => {
    const res = await start({ name: people.bob.name, idNumber: people.bob.idNumber, mobile: '12345' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.mobile' });
  });

  it('registers a person from the registry, audits it, and lets them log in by ID number or mobile', async () => {
    const res = await registerWithCode({
      name: people.bob.name,
      idNumber: people.bob.idNumber,
      mobile: people.bob.mobile as string,
      password: 'bob-pass-2026',
    });
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
    const byMobile = await client().post('/api/v1/auth/login', { kind: 'user', username: people.bob.mobile, password: 'bob-pass-2026' });
    expect(byMobile.statusCode).toBe(200);
  });

  it('sends a registered person a reminder instead of a code, and refuses a mobile already in use', async () => {
    const again = await registerWithCode({
      name: people.bob.name,
      idNumber: people.bob.idNumber,
      mobile: people.bob.mobile as string,
      password: 'abc12345',
    });
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({ code: 'IDENTITY_REGISTRATION_UNVERIFIED' });
    expect(await lastSms(people.bob.mobile as string)).toContain('您已有通办账户');
    const sameMobile = await registerWithCode({ ...local.sharedMobile, mobile: local.sharedMobile.mobile as string, password: 'abc12345' });
    expect(sameMobile.statusCode).toBe(409);
    expect(sameMobile.json()).toMatchObject({ code: 'IDENTITY_ALREADY_REGISTERED', field: 'body.mobile' });
  });

  it('accepts full-width digits and zero-width characters typed on a Chinese IME', async () => {
    const toFullWidth = (s: string) => s.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const idNumber = `\u200B${toFullWidth(local.ime.idNumber).slice(0, 6)}\u200D${toFullWidth(local.ime.idNumber).slice(6)}\uFEFF`;
    expect(idNumber).not.toBe(local.ime.idNumber);
    const res = await registerWithCode(
      { name: ` ${local.ime.name}\u200B`, idNumber, mobile: toFullWidth('13800000021'), password: 'frank-2026' },
      '13800000021',
    );
    expect(res.statusCode).toBe(201);
    const login = await client().post('/api/v1/auth/login', { kind: 'user', username: local.ime.idNumber, password: 'frank-2026' });
    expect(login.statusCode).toBe(200);
    const stored = await t.app.platform.db.query<{ id_number: string; mobile: string; name: string }>(
      'select id_number, mobile, name from user_account where id_number = $1',
      [local.ime.idNumber],
    );
    expect(stored).toEqual([{ id_number: local.ime.idNumber, mobile: '13800000021', name: local.ime.name }]);
  });

  it('never answers with a stack trace or a 5xx for hostile input', async () => {
    const bodies = [
      { name: 'x'.repeat(10_000), idNumber: people.bob.idNumber, mobile: '13900000001', password: 'abc12345' },
      { name: people.bob.name, idNumber: 12345, mobile: '13900000001', password: 'abc12345' },
      { name: people.bob.name, idNumber: '', mobile: '13900000001', password: FIXTURE_PASSWORD },
      { name: people.bob.name, idNumber: '\u200B\u200B', mobile: '13900000001', password: 'p'.repeat(1000) },
    ];
    for (const res of (await Promise.all(bodies.flatMap((b) => [register(b), start(b)]))) as Awaited<ReturnType<typeof start>>[]) {
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
