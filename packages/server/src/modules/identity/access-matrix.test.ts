import { rolePermissions, type StaffRole, staffRoles } from '@tongban/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freshAddress,
  loginStaff,
  loginUser,
  type StaffKey,
  seedIdentityFixtures,
  staff,
} from '../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp, TestClient } from '../../../test/harness.ts';
import type { RouteAccess } from '../../platform/auth/actor.ts';

/**
 * The access matrix, generated from the routes the app actually registered: every route of
 * every module, for anonymous callers, a citizen and a staff member of each role. The expectation
 * comes from `rolePermissions` in domain, so a route declaring the wrong permission, or a role
 * granting more than it should, fails here.
 *
 * The assertion is only about access control: 401/403 from the access hook versus "got past it"
 * (any other answer, including validation errors from the dummy path parameters and bodies).
 */

/**
 * Every route that answers without a session. Adding a public route anywhere means adding it
 * here, on purpose, in review.
 */
const PUBLIC_ROUTES = [
  'GET /healthz',
  'GET /readyz',
  'GET /api/docs',
  'GET /api/docs/json',
  'GET /api/docs/yaml',
  'GET /api/docs/static/*',
  'GET /api/docs/static/index.html',
  'GET /api/docs/static/swagger-initializer.js',
  'GET /api/v1/auth/csrf',
  'GET /api/v1/auth/session',
  // identity
  'POST /api/v1/auth/register/start',
  'POST /api/v1/auth/register',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'GET /api/v1/departments',
  'GET /api/v1/departments/:id',
  // catalogue: the published catalogue is open data
  'GET /api/v1/catalogue/search',
  'GET /api/v1/catalogue/items/:code',
  'GET /api/v1/catalogue/items/:code/materials',
  'GET /api/v1/catalogue/bundles',
  'GET /api/v1/catalogue/bundles/:code',
  'GET /api/v1/catalogue/themes',
  'GET /api/v1/catalogue/events',
  'GET /api/v1/catalogue/popular',
  'GET /api/v1/catalogue/departments',
  'GET /api/v1/catalogue/cpsv',
  'GET /api/v1/catalogue/cpsv/context.jsonld',
  'GET /api/v1/catalogue/cpsv.csv',
  // data hub: open data and the public keys that verify signed exchanges
  'GET /api/v1/datahub/keys',
  'GET /api/v1/datahub/open-data',
  'GET /api/v1/datahub/open-data/:code',
  // licences: anyone verifies an e-licence (issuer keys, contexts, status lists, shared links)
  'GET /api/v1/licences/contexts/v1',
  'GET /api/v1/licences/issuers',
  'GET /api/v1/licences/issuers/:slug/did.json',
  'GET /api/v1/licences/issuers/:slug/jwks.json',
  'GET /api/v1/licences/shared/:token',
  'GET /api/v1/licences/status/:listId',
  'GET /api/v1/licences/types',
  'GET /api/v1/licences/types/:code',
  'POST /api/v1/licences/verify',
].sort();

/**
 * What each identity route is meant to require, written out independently of the route code, so
 * a route that declares the wrong access fails here (the matrix below only checks that what is
 * declared is enforced).
 */
const IDENTITY_ROUTE_ACCESS: Record<string, RouteAccess> = {
  'POST /api/v1/auth/register/start': 'public',
  'POST /api/v1/auth/register': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'public',
  'POST /api/v1/auth/password': 'authenticated',
  'GET /api/v1/auth/me': 'authenticated',
  'GET /api/v1/auth/session': 'public',
  'GET /api/v1/departments': 'public',
  'GET /api/v1/departments/:id': 'public',
  'POST /api/v1/departments': { permission: 'identity.departments.manage' },
  'PATCH /api/v1/departments/:id': { permission: 'identity.departments.manage' },
  'GET /api/v1/staff': { permission: 'identity.staff.read' },
  'GET /api/v1/staff/:id': { permission: 'identity.staff.read' },
  'POST /api/v1/staff': { permission: 'identity.staff.manage' },
  'PATCH /api/v1/staff/:id': { permission: 'identity.staff.manage' },
  'GET /api/v1/roles': 'staff',
  'POST /api/v1/enterprises': 'user',
  'GET /api/v1/enterprises/mine': 'user',
  'POST /api/v1/enterprises/:creditCode/agents': 'user',
  'GET /api/v1/enterprises/:creditCode/invitations': 'user',
  'GET /api/v1/enterprise-invitations': 'user',
  'POST /api/v1/enterprise-invitations/:id/accept': 'user',
  'POST /api/v1/enterprise-invitations/:id/decline': 'user',
  'DELETE /api/v1/enterprises/:creditCode/agents/:userId': 'user',
  'GET /api/v1/people/:idNumber': { permission: 'identity.people.lookup' },
};
const identityPrefixes = [
  '/api/v1/auth/',
  '/api/v1/enterprise-invitations',
  '/api/v1/departments',
  '/api/v1/staff',
  '/api/v1/roles',
  '/api/v1/enterprises',
  '/api/v1/people/',
];

const staffKeyOfRole: Record<StaffRole, StaffKey> = {
  window_clerk: 'clerk',
  reviewer: 'reviewer',
  approver: 'approver',
  department_admin: 'pdAdmin',
  data_officer: 'dataOfficer',
  hotline_operator: 'hotlineOperator',
  dispatcher: 'dispatcher',
  supervisor: 'supervisor',
  system_admin: 'sysAdmin',
};

type Principal = { label: string; kind: 'user' } | { label: string; kind: 'staff'; role: StaffRole };
const principals: Principal[] = [
  ...staffRoles.map((role) => ({ label: role, kind: 'staff' as const, role })),
  { label: 'citizen', kind: 'user' },
];

function expectation(access: RouteAccess, p: Principal): 'allow' | 'deny' {
  if (access === 'public' || access === 'authenticated') return 'allow';
  if (access === 'user') return p.kind === 'user' ? 'allow' : 'deny';
  if (p.kind !== 'staff') return 'deny';
  if (access === 'staff') return 'allow';
  return rolePermissions[p.role].includes(access.permission) ? 'allow' : 'deny';
}

/** Path with dummy values for its parameters. */
const fill = (url: string) => url.replace(/:[A-Za-z_]+/g, 'X1').replace(/\*/g, 'x');

type Answer = { statusCode: number; body: { code?: string; message?: string; details?: { permission?: string } } };

/** The access hook's refusals of the wrong kind of account (platform/http/access.ts). */
const wrongKindMessage = /^This route is for (staff accounts|citizen and enterprise accounts)\.$/;

/**
 * Whether the answer is the access hook's refusal for this route, as opposed to a 403 from the
 * route's own business rules (which only happens after access control let the caller in).
 */
function deniedByAccessControl(access: RouteAccess, res: Answer): boolean {
  if (res.statusCode === 401) return true;
  if (res.statusCode !== 403 || res.body.code !== 'AUTH_FORBIDDEN') return false;
  if (wrongKindMessage.test(res.body.message ?? '')) return true;
  return typeof access === 'object' && res.body.details?.permission === access.permission;
}

async function call(client: TestClient, method: string, url: string): Promise<Answer> {
  const m = method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  const res = await client.request(m, fill(url), m === 'GET' || m === 'DELETE' ? undefined : {});
  let body: Answer['body'] = {};
  try {
    body = res.json();
  } catch {
    // Non-JSON answers (files, CSV) got past access control.
  }
  return { statusCode: res.statusCode, body };
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '100000' });
  await seedIdentityFixtures(t.app);
});
afterAll(() => t.close());

describe('route access matrix', () => {
  it('keeps the public routes to the explicit allowlist', () => {
    const publicRoutes = t.app.registeredRoutes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect([...new Set(publicRoutes)].sort()).toEqual(PUBLIC_ROUTES);
  });

  it('declares the intended access on every identity route', () => {
    const declared = Object.fromEntries(
      t.app.registeredRoutes
        .filter((r) => identityPrefixes.some((p) => r.url.startsWith(p)) && r.url !== '/api/v1/auth/csrf')
        .map((r) => [`${r.method} ${r.url}`, r.access]),
    );
    expect(declared).toEqual(IDENTITY_ROUTE_ACCESS);
  });

  it('answers 401 on every non-public route without a session', async () => {
    const routes = t.app.registeredRoutes.filter((r) => r.access !== 'public');
    expect(routes.length).toBeGreaterThan(10);
    const anonymous = new TestClient(t.app, freshAddress());
    const wrong: string[] = [];
    for (const route of routes) {
      const res = await call(anonymous, route.method, route.url);
      if (res.statusCode !== 401 || res.body.code !== 'AUTH_REQUIRED')
        wrong.push(`${route.method} ${route.url} → ${res.statusCode} ${res.body.code}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 401 (session expired) with a stale cookie on every non-public route', async () => {
    const client = await loginStaff(t.app, 'sysAdmin');
    t.clock.advance(13 * 3600_000);
    const wrong: string[] = [];
    for (const route of t.app.registeredRoutes.filter((r) => r.access !== 'public')) {
      const res = await call(client, route.method, route.url);
      if (res.statusCode !== 401) wrong.push(`${route.method} ${route.url} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('uses single-role fixtures, so each row of the matrix is exactly one role', () => {
    for (const role of staffRoles) expect(staff[staffKeyOfRole[role]].roles).toEqual([role]);
  });

  for (const principal of principals) {
    it(`lets ${principal.label} through exactly the routes its permissions grant`, async () => {
      const client = principal.kind === 'user' ? await loginUser(t.app, 'alice') : await loginStaff(t.app, staffKeyOfRole[principal.role]);
      const routes = t.app.registeredRoutes.filter((r) => r.access !== 'public');
      const wrong: string[] = [];
      const outcomes = { allow: 0, deny: 0 };
      for (const route of routes) {
        const expected = expectation(route.access, principal);
        outcomes[expected]++;
        const res = await call(client, route.method, route.url);
        if (expected === 'deny') {
          if (res.statusCode !== 403 || !deniedByAccessControl(route.access, res))
            wrong.push(`${route.method} ${route.url}: expected 403, got ${res.statusCode} ${res.body.code ?? ''}`);
        } else if (deniedByAccessControl(route.access, res)) {
          wrong.push(`${route.method} ${route.url}: expected to pass access control, got ${res.statusCode} ${res.body.code ?? ''}`);
        }
      }
      expect(wrong).toEqual([]);
      // Every principal is both let in somewhere and kept out somewhere: the matrix is not vacuous.
      expect(outcomes.allow).toBeGreaterThan(0);
      expect(outcomes.deny).toBeGreaterThan(0);
      // The session is still good after the whole sweep (no route logged it out as a side effect).
      expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    });
  }
});
