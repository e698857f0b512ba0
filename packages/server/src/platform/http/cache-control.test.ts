import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshAddress, loginStaff, loginUser, seedIdentityFixtures } from '../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp, TestClient } from '../../../test/harness.ts';

/**
 * Personal answers must not be kept by browsers or shared caches (cache-control.ts): generated
 * over every registered route. Every answer of a non-public route (whoever asks, refusals
 * included) and every API answer to a request with a session says `no-store`, unless the route
 * chose its own policy — which only public routes may relax (a public catalogue read says
 * `public, max-age=30` to everyone alike).
 */

const fill = (url: string) => url.replace(/:[A-Za-z_]+/g, 'X1').replace(/\*/g, 'x');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '1000000', SESSION_IDLE_MINUTES: '1000000' });
  await seedIdentityFixtures(t.app);
});
afterAll(() => t.close());

async function sweep(client: TestClient, routes: typeof t.app.registeredRoutes) {
  const answers: { route: string; status: number; cacheControl: string | undefined }[] = [];
  for (const r of routes) {
    const m = r.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(m)) continue;
    const res = await client.request(m, fill(r.url), m === 'GET' || m === 'DELETE' ? undefined : {});
    const header = res.headers['cache-control'];
    answers.push({ route: `${r.method} ${r.url}`, status: res.statusCode, cacheControl: typeof header === 'string' ? header : undefined });
  }
  return answers;
}

describe('Cache-Control: no-store on personal answers', () => {
  it('says no-store on every answer of every non-public route, to anonymous callers, citizens and staff', async () => {
    const routes = t.app.registeredRoutes.filter((r) => r.access !== 'public');
    expect(routes.length).toBeGreaterThan(50);
    const clients = [new TestClient(t.app, freshAddress()), await loginUser(t.app, 'alice'), await loginStaff(t.app, 'sysAdmin')];
    const wrong: string[] = [];
    for (const client of clients) {
      for (const a of await sweep(client, routes)) {
        if (!a.cacheControl?.includes('no-store')) wrong.push(`${a.route} → ${a.status} ${a.cacheControl}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('says no-store on every API answer to a request with a session, unless the public route set its own policy', async () => {
    // Logging out mid-sweep would leave the rest of the sweep without a session.
    const routes = t.app.registeredRoutes.filter(
      (r) => r.access === 'public' && r.url.startsWith('/api/v1/') && r.url !== '/api/v1/auth/logout',
    );
    expect(routes.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const client of [await loginUser(t.app, 'alice'), await loginStaff(t.app, 'clerk')]) {
      for (const a of await sweep(client, routes)) if (!a.cacheControl) wrong.push(`${a.route} → ${a.status} (no Cache-Control)`);
    }
    expect(wrong).toEqual([]);
    // The session answer is personal: no-store.
    const alice = await loginUser(t.app, 'alice');
    expect((await alice.get('/api/v1/auth/session')).headers['cache-control']).toBe('no-store');
  });

  it('leaves public answers to anonymous callers cacheable as the route decides', async () => {
    const anonymous = new TestClient(t.app, freshAddress());
    expect((await anonymous.get('/api/v1/catalogue/themes')).headers['cache-control']).not.toBe('no-store');
    expect((await anonymous.get('/healthz')).headers['cache-control']).toBeUndefined();
  });
});
