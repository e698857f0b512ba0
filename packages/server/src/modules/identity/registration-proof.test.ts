import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions, freshAddress, people, seedIdentityFixtures } from '../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp, TestClient } from '../../../test/harness.ts';

/**
 * Finding 2 of issue 14: a name and an ID number are no proof of being that person. Registration
 * takes a one-time code sent by SMS to the mobile the population registry holds for the person.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '1000' });
  await seedIdentityFixtures(t.app);
});
afterAll(() => t.close());

const client = () => new TestClient(t.app, freshAddress());
const accountsOf = async (idNumber: string) =>
  (await t.app.platform.db.query('select id from user_account where id_number = $1', [idNumber])).length;

/** The development SMS channel: the text messages the outbox holds for a number, newest first. */
async function smsTo(mobile: string): Promise<string[]> {
  const rows = await t.app.platform.db.query<{ body: string }>(
    `select body from outbound_message where channel = 'sms' and recipient = $1 order by created_at desc, id desc`,
    [mobile],
  );
  return rows.map((r) => r.body);
}
const codeIn = (text: string | undefined) => /\b(\d{6})\b/.exec(text ?? '')?.[1];

describe('registration with proof of the registry mobile (finding 2)', () => {
  it('does not open an account for a real name and ID number with any mobile', async () => {
    const res = await client().post('/api/v1/auth/register', {
      name: people.bob.name,
      idNumber: people.bob.idNumber,
      mobile: '13912345678',
      password: 'takeover-2026',
    });
    expect(res.statusCode).not.toBe(201);
    expect(res.statusCode).toBeLessThan(500);
    expect(await accountsOf(people.bob.idNumber)).toBe(0);
  });

  it('sends a code only to the registry mobile, and registers with that code', async () => {
    const wrongMobile = await client().post('/api/v1/auth/register/start', {
      name: people.bob.name,
      idNumber: people.bob.idNumber,
      mobile: '13912345678',
    });
    expect(wrongMobile.statusCode).toBe(202);
    expect(await smsTo('13912345678')).toEqual([]);

    const c = client();
    const start = await c.post('/api/v1/auth/register/start', {
      name: people.bob.name,
      idNumber: people.bob.idNumber,
      mobile: people.bob.mobile,
    });
    expect(start.statusCode).toBe(202);
    expect(start.json()).toEqual(wrongMobile.json());
    const code = codeIn((await smsTo(people.bob.mobile as string))[0]);
    expect(code).toMatch(/^\d{6}$/);

    const wrongCode = await c.post('/api/v1/auth/register', {
      name: people.bob.name,
      idNumber: people.bob.idNumber,
      mobile: people.bob.mobile,
      code: code === '000000' ? '111111' : '000000',
      password: 'bob-pass-2026',
    });
    expect(wrongCode.statusCode).toBe(422);
    expect(await accountsOf(people.bob.idNumber)).toBe(0);

    const done = await c.post('/api/v1/auth/register', {
      name: people.bob.name,
      idNumber: people.bob.idNumber,
      mobile: people.bob.mobile,
      code,
      password: 'bob-pass-2026',
    });
    expect(done.statusCode).toBe(201);
    expect(done.json()).toMatchObject({ name: people.bob.name });
    expect(await accountsOf(people.bob.idNumber)).toBe(1);
    const audit = await auditActions(t.app, 'identity.user.registered');
    expect(audit.at(-1)).toMatchObject({ subject: people.bob.idNumber });
    const login = await client().post('/api/v1/auth/login', { kind: 'user', username: people.bob.idNumber, password: 'bob-pass-2026' });
    expect(login.statusCode).toBe(200);
  });

  it('lets a code be used once, for a few tries, for ten minutes, and a new code end the old one', async () => {
    const details = { name: people.dave.name, idNumber: people.dave.idNumber, mobile: people.dave.mobile as string };
    // Dave already has an account: he gets a reminder, never a code.
    await client().post('/api/v1/auth/register/start', details);
    expect(codeIn((await smsTo(details.mobile))[0])).toBeUndefined();

    const { importRegistryPeople } = await import('../registry/index.ts');
    const { makeIdNumber } = await import('../../../test/fixtures/identity-fixtures.ts');
    const gina = {
      ...people.bob,
      idNumber: makeIdNumber('310115', '19910303', 822),
      name: '黄佳',
      sex: 'female' as const,
      mobile: '13800000088',
    };
    await importRegistryPeople(t.app.platform.db, [gina]);
    const body = { name: gina.name, idNumber: gina.idNumber, mobile: gina.mobile };
    const complete = (code: string | undefined) => client().post('/api/v1/auth/register', { ...body, code, password: 'gina-2026-x' });
    const wrong = (code: string | undefined) => (code === '999999' ? '999998' : '999999');

    await client().post('/api/v1/auth/register/start', body);
    const first = codeIn((await smsTo(gina.mobile))[0]);
    // Asking again within a minute sends nothing new; after it, a new code ends the first.
    await client().post('/api/v1/auth/register/start', body);
    expect(await smsTo(gina.mobile)).toHaveLength(1);
    t.clock.advance(61_000);
    await client().post('/api/v1/auth/register/start', body);
    const second = codeIn((await smsTo(gina.mobile))[0]);
    if (first !== second) expect((await complete(first)).statusCode).toBe(422);

    // Five wrong tries void the code, even the right one afterwards.
    for (let i = 0; i < 5; i++) expect((await complete(wrong(second))).statusCode).toBe(422);
    expect((await complete(second)).statusCode).toBe(422);

    // A fresh code expires after ten minutes.
    t.clock.advance(61_000);
    await client().post('/api/v1/auth/register/start', body);
    const third = codeIn((await smsTo(gina.mobile))[0]);
    t.clock.advance(600_000);
    expect((await complete(third)).statusCode).toBe(422);

    t.clock.advance(61_000);
    await client().post('/api/v1/auth/register/start', body);
    const fourth = codeIn((await smsTo(gina.mobile))[0]);
    expect((await complete(fourth)).statusCode).toBe(201);
    expect((await complete(fourth)).statusCode).toBe(422);
    // Only a salted hash of the code is stored.
    const stored = await t.app.platform.db.query<{ code_hash: string }>('select code_hash from one_time_code where subject = $1', [
      gina.idNumber,
    ]);
    expect(stored.length).toBeGreaterThan(0);
    for (const row of stored) expect(row.code_hash).not.toContain(fourth as string);
  });
});
