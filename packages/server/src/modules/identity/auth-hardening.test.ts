import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, loginStaff, people, seedIdentityFixtures, staff } from '../../../test/fixtures/identity-fixtures.ts';
import { presentAtWindow } from '../../../test/fixtures/presence.ts';
import { createTestApp, type TestApp, TestClient } from '../../../test/harness.ts';

/**
 * Abuse resistance of the login, registration and lookup routes: per-address rate limits that a
 * forged X-Forwarded-For cannot dodge, and cookies marked Secure when configured.
 */

const LIMIT = 3;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: String(LIMIT) });
  await seedIdentityFixtures(t.app);
});
afterAll(() => t.close());

let spoof = 0;
const spoofed = () => ({ 'x-forwarded-for': `203.0.113.${++spoof}`, 'x-real-ip': `198.51.100.${spoof}` });

describe('rate limits per client address', () => {
  it('limits login attempts even when every request claims another X-Forwarded-For', async () => {
    const attacker = new TestClient(t.app, '192.0.2.10');
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      const res = await attacker.post(
        '/api/v1/auth/login',
        { kind: 'staff', username: staff.clerk.username, password: `guess-${i}-x` },
        spoofed(),
      );
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.json().code).toBe('RATE_LIMITED');
        expect(res.headers['retry-after']).toBeDefined();
      }
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // Another address is not affected, and the right password still works there.
    const other = new TestClient(t.app, '192.0.2.11');
    const ok = await other.post('/api/v1/auth/login', { kind: 'staff', username: staff.clerk.username, password: FIXTURE_PASSWORD });
    expect(ok.statusCode).toBe(200);
  });

  it('limits registration attempts per address', async () => {
    const c = new TestClient(t.app, '192.0.2.20');
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) {
      const res = await c.post(
        '/api/v1/auth/register',
        { name: '某某', idNumber: people.bob.idNumber, mobile: '13900000001', password: 'x' },
        spoofed(),
      );
      statuses.push(res.statusCode);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, LIMIT)).not.toContain(429);
  });

  it('limits registry lookups by clerks', async () => {
    const clerk = await loginStaff(t.app, 'clerk');
    await presentAtWindow(t.app, clerk, 'SH-PD-LJZ-SC', people.alice);
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++)
      statuses.push((await clerk.request('GET', `/api/v1/people/${people.alice.idNumber}`, undefined, spoofed())).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('behind a trusted proxy', () => {
  let proxied: TestApp;
  beforeAll(async () => {
    proxied = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: String(LIMIT), TRUSTED_PROXIES: '192.0.2.1', COOKIE_SECURE: 'true' });
    await seedIdentityFixtures(proxied.app);
  });
  afterAll(() => proxied.close());

  it('believes X-Forwarded-For from the proxy only, so clients behind it are limited one by one', async () => {
    const proxy = new TestClient(proxied.app, '192.0.2.1');
    // A new unknown username each time, so the per-account back-off does not interfere with what is measured here.
    let n = 0;
    const login = (client: string) =>
      proxy.post(
        '/api/v1/auth/login',
        { kind: 'staff', username: `nobody.${++n}`, password: 'wrong-pass-1' },
        { 'x-forwarded-for': client },
      );
    // Distinct real clients behind the proxy each get their own budget …
    for (let i = 0; i < LIMIT + 2; i++) expect((await login(`198.51.100.${i + 1}`)).statusCode).toBe(401);
    // … and one client behind it is limited however the proxy relays it.
    const one: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) one.push((await login('198.51.100.200')).statusCode);
    expect(one).toEqual([401, 401, 401, 429]);
  });

  it('marks the session cookie Secure when COOKIE_SECURE is set', async () => {
    const c = new TestClient(proxied.app, '192.0.2.50');
    const res = await c.post('/api/v1/auth/login', { kind: 'staff', username: staff.sysAdmin.username, password: FIXTURE_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((k) => k.name === 'tb_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
  });
});

describe('a service hall: many people behind one public address', () => {
  let hall: TestApp;
  beforeAll(async () => {
    hall = await createTestApp({
      RATE_LIMIT_AUTH_PER_MINUTE: '8',
      RATE_LIMIT_AUTH_TRUSTED_PER_MINUTE: '40',
      LOGIN_ADDRESS_MAX_FAILURES: '4',
      LOGIN_TRUSTED_NETWORK_MAX_FAILURES: '30',
      LOGIN_TRUSTED_NETWORKS: '203.0.113.0/24, 2001:db8::/32',
    });
    await seedIdentityFixtures(hall.app);
  });
  afterAll(() => hall.close());

  const attempt = (address: string, username: string, password: string) =>
    new TestClient(hall.app, address).post('/api/v1/auth/login', { kind: 'staff', username, password });

  it('gives a trusted network the higher rate limit and address threshold, and others the lower', async () => {
    const statuses: number[] = [];
    // Ten mistyped logins of different clerks, then every clerk logs in: all from the hall's address,
    // more than the ordinary rate limit (8) and address threshold (4) allow.
    for (let i = 0; i < 10; i++) statuses.push((await attempt('203.0.113.7', `typo.${i}`, 'wrong-pass-1')).statusCode);
    for (const s of Object.values(staff)) statuses.push((await attempt('203.0.113.7', s.username, FIXTURE_PASSWORD)).statusCode);
    expect(statuses).toEqual([...Array(10).fill(401), ...Object.values(staff).map(() => 200)]);
    // IPv4-mapped and IPv6 addresses of the trusted networks count too.
    expect((await attempt('::ffff:203.0.113.8', staff.clerk.username, FIXTURE_PASSWORD)).statusCode).toBe(200);
    expect((await attempt('2001:db8::5', staff.clerk.username, FIXTURE_PASSWORD)).statusCode).toBe(200);

    // An ordinary address: the address back-off starts after 4 failures (whatever the accounts) …
    const other: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await new TestClient(hall.app, '192.0.2.99').post('/api/v1/auth/login', {
        kind: 'staff',
        username: `typo.other.${i}`,
        password: 'wrong-pass-1',
      });
      other.push(res.statusCode);
      if (res.statusCode === 429) expect(['AUTH_LOGIN_THROTTLED', 'RATE_LIMITED']).toContain(res.json().code);
    }
    expect(other).toEqual([401, 401, 401, 401, 401, 429]);
    // … and then refuses even a right password from there (no known device), saying when to retry.
    const refused = await attempt('192.0.2.99', staff.reviewer.username, FIXTURE_PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'AUTH_LOGIN_THROTTLED' });
    expect(Number(refused.headers['retry-after'])).toBe(refused.json().details.retryAfterSeconds);
  });
});
