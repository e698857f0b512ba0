import { type Permission, rolePermissions, type StaffRole, staffRoles } from '@tongban/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIXTURE_PASSWORD,
  freshAddress,
  loginStaff,
  loginUser,
  seedIdentityFixtures,
  staff,
  staffKeyOfRole,
} from '../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp, TestClient } from '../../../test/harness.ts';
import type { RouteAccess } from '../../platform/auth/actor.ts';
import { hashPassword, importStaff } from './index.ts';

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
  'GET /api/v1/staff/role-changes': { permission: 'identity.staff.read' },
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
  'GET /api/v1/api-keys': { permission: 'identity.api_keys.manage' },
  'POST /api/v1/api-keys': { permission: 'identity.api_keys.manage' },
  'POST /api/v1/api-keys/:id/revoke': { permission: 'identity.api_keys.manage' },
  'GET /api/v1/api-keys/:id/uses': { permission: 'identity.api_keys.manage' },
  'GET /api/v1/api-keys/self': { apiKey: '*' },
};
const identityPrefixes = [
  '/api/v1/auth/',
  '/api/v1/enterprise-invitations',
  '/api/v1/departments',
  '/api/v1/staff',
  '/api/v1/roles',
  '/api/v1/enterprises',
  '/api/v1/people/',
  '/api/v1/api-keys',
];

/** Channel routes take an API key and never a session; api-keys.test.ts walks them. */
const isChannelRoute = (access: RouteAccess) => typeof access === 'object' && 'apiKey' in access;
const sessionRoutes = () => t.app.registeredRoutes.filter((r) => r.access !== 'public' && !isChannelRoute(r.access));

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
  if (!('permission' in access)) return 'deny'; // channel routes take an API key, never a session
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
  return typeof access === 'object' && 'permission' in access && res.body.details?.permission === access.permission;
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
    const routes = sessionRoutes();
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
    for (const route of sessionRoutes()) {
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
      const routes = sessionRoutes();
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

/**
 * Separation of duties, written out independently of `role-grants.ts` and `rolePermissions`
 * (issue 14): who holds the watching permissions, and which roles each role may grant.
 */
const HOLDERS: Partial<Record<Permission, StaffRole[]>> = {
  'audit.read': ['auditor'],
  'identity.staff.manage': ['department_admin', 'system_admin'],
  'catalogue.publish': ['department_admin', 'system_admin'],
  'datahub.grant': ['data_officer'],
};
const OPERATIONAL: StaffRole[] = ['approver', 'reviewer', 'window_clerk'];
const HOTLINE: StaffRole[] = ['dispatcher', 'hotline_operator'];
/** What a granter may grant (and take away) in a department that runs the hotline or not. */
function mayGrant(granter: StaffRole, runsHotline: boolean): StaffRole[] {
  if (granter === 'system_admin') return [...staffRoles];
  if (granter === 'department_admin') return runsHotline ? [...OPERATIONAL, ...HOTLINE] : OPERATIONAL;
  return [];
}

/** The role-granting drivers, by `METHOD url`: one per operation whose request body carries `roles`. */
type GrantDriver = (granter: TestClient, granterId: string, departmentId: string, role: StaffRole, n: number) => Promise<Answer>;
const GRANT_PATHS: Record<string, { self: boolean; drive: GrantDriver }> = {
  'POST /api/v1/staff': {
    self: false,
    drive: async (granter, _id, departmentId, role, n) =>
      answer(
        await granter.post('/api/v1/staff', {
          username: `grant.${n}`,
          name: '授权测试',
          departmentId,
          roles: [role],
          password: 'Grant-test-2026',
        }),
      ),
  },
  'PATCH /api/v1/staff/:id': {
    self: false,
    drive: async (granter, _id, departmentId, role, n) => {
      // A person the granter administers: holding one operational role other than the one granted.
      const base: StaffRole = role === 'reviewer' ? 'window_clerk' : 'reviewer';
      const id = `st-grant-${n}`;
      await t.app.platform.db.transaction((tx) =>
        importStaff(tx, [{ id, username: `grant.${n}`, name: '授权测试', departmentId, roles: [base] }], targetHash),
      );
      return answer(await granter.request('PATCH', `/api/v1/staff/${id}`, { roles: [base, role] }));
    },
  },
  'PATCH /api/v1/staff/:id (self)': {
    self: true,
    drive: async (granter, granterId, _d, role) => {
      const me = (await granter.get('/api/v1/auth/me')).json() as { roles: StaffRole[] };
      const roles = me.roles.includes(role) ? me.roles.filter((r) => r !== role) : [...me.roles, role];
      return answer(await granter.request('PATCH', `/api/v1/staff/${granterId}`, { roles: roles.length > 0 ? roles : ['reviewer'] }));
    },
  },
};

function answer(res: { statusCode: number; json(): unknown }): Answer {
  return { statusCode: res.statusCode, body: res.json() as Answer['body'] };
}

let targetHash = '';
const hotlineAdmin = {
  id: 'st-sh-admin',
  username: 'admin.city',
  name: '市级管理员',
  departmentId: 'SH',
  roles: ['department_admin'] as StaffRole[],
};

describe('separation of duties', () => {
  beforeAll(async () => {
    targetHash = await hashPassword(FIXTURE_PASSWORD);
    // A department administrator of a department that runs the hotline (the fixtures' hotline staff sit in SH).
    await t.app.platform.db.transaction((tx) => importStaff(tx, [hotlineAdmin], targetHash));
  });

  it('gives the watching permissions only to the roles meant to hold them', () => {
    for (const [permission, holders] of Object.entries(HOLDERS)) {
      const actual = staffRoles.filter((r) => rolePermissions[r].includes(permission as Permission)).sort();
      expect(actual, permission).toEqual([...holders].sort());
    }
  });

  it('finds every role-granting operation in the OpenAPI document and drives each', async () => {
    const doc = (await t.app.inject('/api/docs/json')).json() as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: object } }> } }>>;
    };
    const granting: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        if (schema?.properties && 'roles' in schema.properties)
          granting.push(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
      }
    }
    const driven = Object.keys(GRANT_PATHS).filter((k) => !k.endsWith('(self)'));
    expect(granting.sort()).toEqual(driven.sort());
  });

  it('holds the grant rule for every role × role-granting path × target role, self-grants included', async () => {
    const granters: { label: string; role: StaffRole; id: string; departmentId: string; client: TestClient; hotline: boolean }[] = [];
    for (const role of staffRoles) {
      const member = staff[staffKeyOfRole[role]];
      granters.push({
        label: role,
        role,
        id: member.id,
        departmentId: member.departmentId,
        client: await loginStaff(t.app, staffKeyOfRole[role]),
        hotline: member.departmentId === 'SH',
      });
    }
    const cityAdmin = new TestClient(t.app, freshAddress());
    await cityAdmin.post('/api/v1/auth/login', { kind: 'staff', username: hotlineAdmin.username, password: FIXTURE_PASSWORD });
    granters.push({
      label: 'department_admin (hotline office)',
      role: 'department_admin',
      id: hotlineAdmin.id,
      departmentId: 'SH',
      client: cityAdmin,
      hotline: true,
    });

    let n = 0;
    const wrong: string[] = [];
    let allowed = 0;
    let refused = 0;
    for (const g of granters) {
      for (const [path, { self, drive }] of Object.entries(GRANT_PATHS)) {
        for (const target of staffRoles) {
          n++;
          const res = await drive(g.client, g.id, g.departmentId, target, n);
          const manages = rolePermissions[g.role].includes('identity.staff.manage');
          const expected = !self && manages && mayGrant(g.role, g.hotline).includes(target);
          const ok = res.statusCode === 200 || res.statusCode === 201;
          if (expected) allowed++;
          else refused++;
          if (expected && !ok) wrong.push(`${g.label} ${path} → ${target}: expected allowed, got ${res.statusCode} ${res.body.code}`);
          if (!expected) {
            // Refused by the access hook (no identity.staff.manage) or by the grant rule, nothing else.
            const code = manages ? 'IDENTITY_ROLE_GRANT_FORBIDDEN' : 'AUTH_FORBIDDEN';
            if (res.statusCode !== 403 || res.body.code !== code)
              wrong.push(`${g.label} ${path} → ${target}: expected 403 ${code}, got ${res.statusCode} ${res.body.code}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(allowed).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    // Every grant that went through is on the role-change record the department's administrators read.
    const [{ count } = { count: 0 }] = await t.app.platform.db.query<{ count: number }>(
      `select count(*)::int as count from staff_role_change where changed_by is not null`,
    );
    expect(count).toBe(allowed);
  });
});
