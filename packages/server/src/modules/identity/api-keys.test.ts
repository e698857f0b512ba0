import { apiKeyScopes } from '@tongban/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshAddress, loginStaff, seedIdentityFixtures } from '../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp, TestClient } from '../../../test/harness.ts';

/**
 * API keys as an access kind: issued by a system administrator to a channel, shown once, kept as a
 * hash, scoped, revocable, rate-limited per key, every use logged. The generated part walks every
 * route that declares `{ apiKey }` access.
 */

let t: TestApp;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '100000' });
  await seedIdentityFixtures(t.app);
  admin = await loginStaff(t.app, 'sysAdmin');
});
afterAll(() => t.close());

async function issue(body: Record<string, unknown>) {
  const res = await admin.post('/api/v1/api-keys', { name: '市民云App', channel: 'mobile_app', scopes: [...apiKeyScopes], ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; token: string; scopes: string[] };
}

const channel = () => new TestClient(t.app, freshAddress());
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const channelRoutes = () => t.app.registeredRoutes.filter((r) => typeof r.access === 'object' && 'apiKey' in r.access);
const fill = (url: string) => url.replace(/:[A-Za-z_]+/g, 'X1');

describe('issuing keys', () => {
  it('shows the token once, keeps only its hash, and audits the issue', async () => {
    const key = await issue({});
    expect(key.token).toMatch(/^tbk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const list = await admin.get('/api/v1/api-keys');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(key.token.slice(21));
    const [row] = await t.app.platform.db.query<{ secret_hash: string }>('select secret_hash from api_key where id = $1', [key.id]);
    expect(row?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(key.token.slice(21));
    const audit = await t.app.platform.db.query<{ action: string }>('select action from audit_log where target_id = $1', [key.id]);
    expect(audit.map((a) => a.action)).toEqual(['identity.api_key.issued']);
  });

  it('refuses an unknown scope or channel with the field', async () => {
    const res = await admin.post('/api/v1/api-keys', { name: 'x', channel: 'mobile_app', scopes: ['cases.approve'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toMatch(/^body\.scopes/);
  });
});

describe('every channel route', () => {
  it('exists (the generated checks below are not vacuous)', () => {
    expect(channelRoutes().length).toBeGreaterThan(0);
  });

  it('answers 401 AUTH_API_KEY_REQUIRED without a key, and ignores a staff session', async () => {
    const wrong: string[] = [];
    for (const route of channelRoutes()) {
      for (const client of [channel(), admin]) {
        const res = await client.request(route.method as 'GET', fill(route.url), route.method === 'GET' ? undefined : {});
        if (res.statusCode !== 401 || res.json().code !== 'AUTH_API_KEY_REQUIRED')
          wrong.push(`${route.method} ${route.url} → ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 401 AUTH_API_KEY_INVALID to a malformed, unknown, wrongly signed or revoked key', async () => {
    const key = await issue({ name: '将吊销' });
    const revoked = await admin.post(`/api/v1/api-keys/${key.id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    const wrongSecret = `${key.token.slice(0, -1)}${key.token.endsWith('A') ? 'B' : 'A'}`;
    const tokens = ['nonsense', 'tbk_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', wrongSecret, key.token];
    const wrong: string[] = [];
    for (const route of channelRoutes()) {
      for (const token of tokens) {
        const res = await channel().request(route.method as 'GET', fill(route.url), route.method === 'GET' ? undefined : {}, bearer(token));
        if (res.statusCode !== 401 || res.json().code !== 'AUTH_API_KEY_INVALID')
          wrong.push(`${route.url} ${token.slice(0, 12)} → ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("answers 403 AUTH_API_KEY_SCOPE to a key without the route's scope, and lets a key with it through", async () => {
    const wrong: string[] = [];
    for (const route of channelRoutes()) {
      const access = route.access as { apiKey: string };
      const all = await issue({ name: '全部权限' });
      const pass = await channel().request(
        route.method as 'GET',
        fill(route.url),
        route.method === 'GET' ? undefined : {},
        bearer(all.token),
      );
      if ([401, 403].includes(pass.statusCode)) wrong.push(`${route.url} with every scope → ${pass.statusCode}`);
      if (access.apiKey === '*') continue;
      const others = apiKeyScopes.filter((s) => s !== access.apiKey);
      if (others.length === 0) continue;
      const lacking = await issue({ name: '缺少权限', scopes: others });
      const res = await channel().request(
        route.method as 'GET',
        fill(route.url),
        route.method === 'GET' ? undefined : {},
        bearer(lacking.token),
      );
      if (res.statusCode !== 403 || res.json().code !== 'AUTH_API_KEY_SCOPE')
        wrong.push(`${route.url} without ${access.apiKey} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('a key in use', () => {
  it('tells its holder what it may do', async () => {
    const key = await issue({ name: '网格化平台', channel: 'partner_system', scopes: ['hotline.requests.read'], ratePerMinute: 120 });
    const res = await channel().get('/api/v1/api-keys/self', bearer(key.token));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: key.id,
      name: '网格化平台',
      channel: 'partner_system',
      scopes: ['hotline.requests.read'],
      ratePerMinute: 120,
    });
  });

  it('is limited per key: over its rate it answers 429 with Retry-After, and another key is unaffected', async () => {
    const slow = await issue({ name: '限流', ratePerMinute: 3 });
    const other = await issue({ name: '另一个' });
    // Different addresses: the limit follows the key, not the address.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await channel().get('/api/v1/api-keys/self', bearer(slow.token))).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const refused = await channel().get('/api/v1/api-keys/self', bearer(slow.token));
    expect(refused.json().code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await channel().get('/api/v1/api-keys/self', bearer(other.token))).statusCode).toBe(200);
  });

  it('logs every use with its outcome, accepted or refused, and stops working when revoked', async () => {
    const key = await issue({ name: '日志', ratePerMinute: 2 });
    await channel().get('/api/v1/api-keys/self', bearer(key.token));
    await channel().get('/api/v1/api-keys/self', bearer(key.token));
    await channel().get('/api/v1/api-keys/self', bearer(key.token)); // over the rate
    await admin.post(`/api/v1/api-keys/${key.id}/revoke`);
    await channel().get('/api/v1/api-keys/self', bearer(key.token));
    const uses = await admin.get(`/api/v1/api-keys/${key.id}/uses`);
    expect(uses.statusCode).toBe(200);
    const outcomes = (uses.json().items as { outcome: string; route: string; requestId: string }[]).map((u) => u.outcome).reverse();
    expect(outcomes).toEqual(['accepted', 'accepted', 'refused_rate', 'refused_revoked']);
    for (const use of uses.json().items) {
      expect(use.route).toBe('/api/v1/api-keys/self');
      expect(use.requestId).toBeTruthy();
    }
    const listed = (await admin.get('/api/v1/api-keys')).json().items.find((k: { id: string }) => k.id === key.id);
    expect(listed.revokedAt).not.toBeNull();
    expect(listed.lastUsedAt).not.toBeNull();
    expect(listed.usesLastDay).toBe(4);
    const audit = await t.app.platform.db.query<{ action: string }>('select action from audit_log where target_id = $1 order by id', [
      key.id,
    ]);
    expect(audit.map((a) => a.action)).toEqual(['identity.api_key.issued', 'identity.api_key.revoked']);
  });

  it('expires at its expiry time', async () => {
    const key = await issue({ name: '临时', expiresAt: new Date(t.clock.now().getTime() + 3600_000).toISOString() });
    const before = await channel().get('/api/v1/api-keys/self', bearer(key.token));
    expect(before.statusCode, before.body).toBe(200);
    t.clock.advance(3600_000 + 1);
    const res = await channel().get('/api/v1/api-keys/self', bearer(key.token));
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_API_KEY_INVALID');
  });

  it('keeps the use log append-only', async () => {
    await expect(t.app.platform.db.query('update api_key_use set outcome = $1', ['accepted'])).rejects.toThrow(
      /append-only|permission denied/,
    );
    await expect(t.app.platform.db.query('delete from api_key_use')).rejects.toThrow(/append-only|permission denied/);
  });
});

describe('the OpenAPI document', () => {
  it("states every operation's security and access exactly as the routes declare it", async () => {
    const doc = (await channel().get('/api/docs/json')).json() as {
      paths: Record<string, Record<string, { security?: Record<string, string[]>[]; 'x-tongban-access'?: string }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKey', 'csrf', 'session']);
    const wrong: string[] = [];
    let operations = 0;
    for (const route of t.app.registeredRoutes.filter((r) => r.url.startsWith('/api/v1/'))) {
      const path = route.url.replace(/:([A-Za-z_]+)/g, '{$1}');
      const op = doc.paths[path]?.[route.method.toLowerCase()];
      if (!op) continue; // hidden from the document on purpose (schema.hide)
      operations++;
      const a = route.access;
      const label = typeof a === 'string' ? a : 'permission' in a ? `permission:${a.permission}` : `apiKey:${a.apiKey}`;
      if (op['x-tongban-access'] !== label)
        wrong.push(`${route.method} ${route.url}: x-tongban-access ${op['x-tongban-access']} ≠ ${label}`);
      const schemes = (op.security ?? []).flatMap((s) => Object.keys(s)).sort();
      const expected =
        a === 'public'
          ? []
          : typeof a === 'object' && 'apiKey' in a
            ? ['apiKey']
            : route.method === 'GET'
              ? ['session']
              : ['csrf', 'session'];
      if (op.security === undefined || JSON.stringify(schemes) !== JSON.stringify(expected))
        wrong.push(`${route.method} ${route.url}: security ${JSON.stringify(op.security)}`);
    }
    expect(operations).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  });
});
