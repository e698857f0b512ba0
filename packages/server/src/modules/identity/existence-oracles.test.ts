import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enterprises,
  FIXTURE_PASSWORD,
  freshAddress,
  loginUser,
  makeIdNumber,
  people,
  seedIdentityFixtures,
  staff,
  strangerIdNumber,
  userIds,
} from '../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp, TestClient } from '../../../test/harness.ts';
import { hashPassword, importUsers } from './index.ts';

/**
 * Finding 10 of issue 14: registration, login, lockout and agent invitation must not tell a
 * stranger whether a person or an account exists, and one address must not be able to lock
 * people out of their own accounts.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '100000' });
  await seedIdentityFixtures(t.app);
});
afterAll(() => t.close());

type Answer = Awaited<ReturnType<TestClient['post']>>;
/** What a client can observe of an answer: status, body (request ids aside) and the headers that differ by meaning. */
function observed(res: Answer) {
  const body = res.body ? (JSON.parse(res.body) as Record<string, unknown>) : null;
  if (body) {
    delete body.requestId;
    // Values that name the request itself, not whether anyone exists: a fresh random id, the masked number typed.
    if (typeof body.id === 'string') body.id = '<id>';
    if (typeof body.idNumberMasked === 'string') body.idNumberMasked = '<as typed, masked>';
  }
  return {
    status: res.statusCode,
    body,
    retryAfter: res.headers['retry-after'] ?? null,
    setCookies: res.cookies.map((c) => c.name).sort(),
  };
}

const anon = () => new TestClient(t.app, freshAddress());

/**
 * Each path: the same request about someone who exists (has an account, is in the registry) and
 * about someone who does not; a sequence of requests where the answer could change with repetition.
 */
type OraclePath = { name: string; run(who: 'existing' | 'missing'): Promise<Answer[]> };

const paths: OraclePath[] = [
  {
    name: 'registration start (person in the registry with that mobile vs a stranger)',
    run: async (who) => {
      const body =
        who === 'existing'
          ? { name: people.bob.name, idNumber: people.bob.idNumber, mobile: people.bob.mobile }
          : { name: '无名氏', idNumber: strangerIdNumber, mobile: people.bob.mobile };
      return [await anon().post('/api/v1/auth/register/start', body)];
    },
  },
  {
    name: 'registration start (person with an account vs a stranger)',
    run: async (who) => {
      const body =
        who === 'existing'
          ? { name: people.alice.name, idNumber: people.alice.idNumber, mobile: people.alice.mobile }
          : { name: people.alice.name, idNumber: strangerIdNumber, mobile: people.alice.mobile };
      return [await anon().post('/api/v1/auth/register/start', body)];
    },
  },
  {
    name: 'registration with a guessed code (person with an account vs a stranger)',
    run: async (who) => {
      const idNumber = who === 'existing' ? people.alice.idNumber : strangerIdNumber;
      const body = { name: people.alice.name, idNumber, mobile: people.alice.mobile, code: '123456', password: 'guess-2026-x' };
      return [await anon().post('/api/v1/auth/register', body)];
    },
  },
  {
    name: 'login with a wrong password (account vs no account)',
    run: async (who) => {
      const username = who === 'existing' ? people.erin.idNumber : strangerIdNumber;
      return [await anon().post('/api/v1/auth/login', { kind: 'user', username, password: 'wrong-pass-1' })];
    },
  },
  {
    name: 'lockout: repeated wrong passwords from many addresses, then the right one (citizen vs no account)',
    run: async (who) => {
      const username = who === 'existing' ? people.dave.idNumber : makeIdNumber('310115', '19770707', 913);
      const out: Answer[] = [];
      for (let i = 0; i < 8; i++) out.push(await anon().post('/api/v1/auth/login', { kind: 'user', username, password: `wrong-${i}-x` }));
      out.push(
        await anon().post('/api/v1/auth/login', { kind: 'user', username, password: who === 'existing' ? FIXTURE_PASSWORD : 'x1234567' }),
      );
      return out;
    },
  },
  {
    name: 'lockout: repeated wrong passwords (staff vs no such username)',
    run: async (who) => {
      const username = who === 'existing' ? staff.reviewer.username : 'nobody.here';
      const out: Answer[] = [];
      for (let i = 0; i < 8; i++) out.push(await anon().post('/api/v1/auth/login', { kind: 'staff', username, password: `wrong-${i}-x` }));
      return out;
    },
  },
  {
    name: 'agent invitation (person with an account vs a person without)',
    run: async (who) => {
      const alice = await loginUser(t.app, 'alice');
      const idNumber = who === 'existing' ? people.dave.idNumber : people.frank.idNumber;
      return [await alice.post(`/api/v1/enterprises/${enterprises.preRegistered.creditCode}/agents`, { idNumber })];
    },
  },
];

describe('no existence oracles (finding 10)', () => {
  for (const path of paths) {
    it(`answers alike on ${path.name}`, async () => {
      // Both runs at the same instant of the manual clock, so that any retry time is comparable.
      const existing = (await path.run('existing')).map(observed);
      const missing = (await path.run('missing')).map(observed);
      for (const a of existing) expect(a.status).toBeLessThan(500);
      expect(existing).toEqual(missing);
    });
  }

  it('lets an invitee become an agent only by accepting the invitation', async () => {
    t.clock.advance(16 * 60_000); // past the back-off the lockout paths above left on Dave
    const alice = await loginUser(t.app, 'alice');
    const creditCode = enterprises.preRegistered.creditCode;
    const invited = await alice.post(`/api/v1/enterprises/${creditCode}/agents`, { idNumber: people.dave.idNumber });
    expect(invited.statusCode).toBe(202);
    const dave = await loginUser(t.app, 'dave');
    const mine = async () =>
      ((await dave.get('/api/v1/enterprises/mine')).json().items as { creditCode: string }[]).map((e) => e.creditCode);
    expect(await mine()).not.toContain(creditCode);
    const list = await dave.get('/api/v1/enterprise-invitations');
    expect(list.statusCode).toBe(200);
    const invitation = (list.json().items as { id: string; creditCode: string; enterpriseName: string }[]).find(
      (i) => i.creditCode === creditCode,
    );
    expect(invitation).toMatchObject({ enterpriseName: enterprises.preRegistered.name });
    // Nobody else can accept it.
    const erin = await loginUser(t.app, 'erin');
    expect((await erin.post(`/api/v1/enterprise-invitations/${invitation?.id}/accept`)).statusCode).toBe(404);
    expect((await dave.post(`/api/v1/enterprise-invitations/${invitation?.id}/accept`)).statusCode).toBe(200);
    expect(await mine()).toContain(creditCode);
    const view = (await alice.get('/api/v1/enterprises/mine'))
      .json()
      .items.find((e: { creditCode: string }) => e.creditCode === creditCode);
    expect(view.agents.map((a: { userId: string }) => a.userId)).toContain(userIds.dave);
  });
});

describe('back-off that slows an attacker without locking the owner out (finding 10)', () => {
  it('keeps owners with a known device able to log in while one address hammers dozens of accounts', async () => {
    const passwordHash = await hashPassword(FIXTURE_PASSWORD);
    const victims = Array.from({ length: 24 }, (_, i) => ({
      idNumber: makeIdNumber('310115', '19600101', 100 + i * 2 + 1),
      name: `受害人${i}`,
      mobile: `137000000${String(i).padStart(2, '0')}`,
    }));
    await importUsers(t.app.platform.db, victims, passwordHash);
    // Each owner has logged in before on their own device.
    const devices: TestClient[] = [];
    for (const v of victims) {
      const own = anon();
      const res = await own.post('/api/v1/auth/login', { kind: 'user', username: v.idNumber, password: FIXTURE_PASSWORD });
      expect(res.statusCode).toBe(200);
      await own.post('/api/v1/auth/logout');
      devices.push(own);
    }

    const attacker = new TestClient(t.app, '198.51.100.66');
    let refused: Answer | undefined;
    for (let round = 0; round < 10; round++) {
      for (const v of victims) {
        const res = await attacker.post('/api/v1/auth/login', { kind: 'user', username: v.idNumber, password: `guess-${round}-x` });
        expect([401, 429]).toContain(res.statusCode);
        if (res.statusCode === 429) refused = res;
      }
    }
    // The attacker is slowed: refused, told when to retry.
    expect(refused?.json()).toMatchObject({ code: 'AUTH_LOGIN_THROTTLED' });
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused?.json().details.retryAfterSeconds).toBe(Number(refused?.headers['retry-after']));

    // Every owner still gets in from their known device, with the right password.
    for (const [i, v] of victims.entries()) {
      const res = await devices[i]?.post('/api/v1/auth/login', { kind: 'user', username: v.idNumber, password: FIXTURE_PASSWORD });
      expect(res?.statusCode, v.name).toBe(200);
    }
    // The known device does not help a wrong password.
    const wrong = await devices[0]?.post('/api/v1/auth/login', { kind: 'user', username: victims[0]?.idNumber, password: 'still-wrong-1' });
    expect(wrong?.statusCode).not.toBe(200);
  });

  it('forgets a device unused for LOGIN_DEVICE_DAYS, and purges codes, counts and devices that no longer matter', async () => {
    const own = anon();
    expect(
      (await own.post('/api/v1/auth/login', { kind: 'user', username: people.erin.idNumber, password: FIXTURE_PASSWORD })).statusCode,
    ).toBe(200);
    await own.post('/api/v1/auth/logout');
    t.clock.advance(181 * 86_400_000);
    // Someone drives Erin's account into back-off …
    for (let i = 0; i < 7; i++)
      await anon().post('/api/v1/auth/login', { kind: 'user', username: people.erin.idNumber, password: `x-${i}-wrong` });
    // … and the device, unused for 181 days, no longer passes it.
    const res = await own.post('/api/v1/auth/login', { kind: 'user', username: people.erin.idNumber, password: FIXTURE_PASSWORD });
    expect(res.statusCode).toBe(429);

    t.clock.advance(2 * 86_400_000);
    const { purgeIdentityLeftovers } = await import('./identity.jobs.ts');
    const purged = await purgeIdentityLeftovers(t.app.platform);
    expect(purged.loginThrottles).toBeGreaterThan(0);
    expect(purged.knownDevices).toBeGreaterThan(0);
    expect(purged.oneTimeCodes).toBeGreaterThan(0);
    const left = await t.app.platform.db.query('select 1 from login_throttle');
    expect(left).toEqual([]);
  });
});
