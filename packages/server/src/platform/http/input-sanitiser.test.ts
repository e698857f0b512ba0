import { apiKeyScopes, rolePermissions, staffRoles } from '@tongban/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loginStaff,
  loginUser,
  type StaffKey,
  seedIdentityFixtures,
  staff,
  staffKeyOfRole,
} from '../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp, TestClient } from '../../../test/harness.ts';
import type { RouteAccess } from '../auth/actor.ts';

/**
 * One input sanitiser for all text (input-sanitiser.ts), proved over the whole OpenAPI document:
 * for every operation, every string slot its schema describes (path parameters, query parameters,
 * body fields at any depth, record keys) gets text PostgreSQL cannot store or that is not text
 * (NUL, lone surrogates, noncharacters, C0 controls), and the answer must be 400 VALIDATION_FAILED
 * naming that slot — never a 5xx. A second property throws arbitrary junk (wrong types, huge
 * strings, `__proto__` keys) at random slots of random operations: never a 5xx.
 *
 * Each request goes out with a session that passes the operation's access check (a staff member
 * of a role holding the permission, a citizen, or none), so the sanitiser, not the access hook,
 * answers.
 */

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  enum?: unknown[];
  const?: unknown;
};
type Parameter = { in: 'path' | 'query' | 'header' | 'cookie'; name: string; schema?: JsonSchema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};
type OpenApi = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, JsonSchema> } };

/** Where a string can go in a body: the path of keys ('*' = any record key, a number = array index). */
type Slot = (string | number)[];

const BODY_POISONS = ['\u0000', 'a\ud800', '\udc00b', 'x\ufffe', '\uffff', '\ufdd0', 'a\u0001b', '\u001b[31m'];
/** In URLs: NUL, U+FFFE and ESC percent-encoded (a lone surrogate has no UTF-8 form). */
const URL_POISONS = ['%00', 'a%00b', '%EF%BF%BE', '%1B'];

let doc: OpenApi;
const deref = (s: JsonSchema | undefined): JsonSchema | undefined => {
  if (!s?.$ref) return s;
  const name = s.$ref.split('/').pop() ?? '';
  return doc.components?.schemas?.[name];
};

/** Every place a string can stand in a value of this schema, to depth 6. */
function stringSlots(schema: JsonSchema | undefined, prefix: Slot = [], depth = 0): Slot[] {
  const s = deref(schema);
  if (!s || depth > 6) return [];
  const out: Slot[] = [];
  for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) out.push(...stringSlots(alt, prefix, depth + 1));
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const untyped = types.length === 0 && !s.anyOf && !s.oneOf && !s.allOf && s.enum === undefined && s.const === undefined;
  if (types.includes('string') || s.enum !== undefined || untyped) out.push(prefix);
  if (types.includes('object') || s.properties) {
    for (const [k, v] of Object.entries(s.properties ?? {})) out.push(...stringSlots(v, [...prefix, k], depth + 1));
    if (s.additionalProperties && typeof s.additionalProperties === 'object') {
      out.push([...prefix, '*']);
      out.push(...stringSlots(s.additionalProperties, [...prefix, 'k'], depth + 1));
    }
  }
  if (types.includes('array') || s.items) {
    if (s.items) out.push(...stringSlots(s.items, [...prefix, 0], depth + 1));
    for (const [i, item] of (s.prefixItems ?? []).entries()) out.push(...stringSlots(item, [...prefix, i], depth + 1));
  }
  const seen = new Set<string>();
  return out.filter((slot) => {
    const key = JSON.stringify(slot);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A body holding `value` at `slot` ('*' puts the value in a record key instead). */
function bodyWith(slot: Slot, value: unknown): { body: unknown; field: string } {
  const build = (i: number): unknown => {
    if (i === slot.length) return value;
    const key = slot[i] as string | number;
    if (key === '*') return { [typeof value === 'string' ? value : JSON.stringify(value)]: 'v' };
    if (typeof key === 'number') return [build(i + 1)];
    return { [key]: build(i + 1) };
  };
  // A poisoned record key is reported at the record.
  const reported = slot[slot.length - 1] === '*' ? slot.slice(0, -1) : slot;
  return { body: build(0), field: ['body', ...reported].join('.') };
}

const fill = (url: string, params: Record<string, string> = {}) => url.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? 'X1');
const toRouteUrl = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

let t: TestApp;
const clients = new Map<string, TestClient>();
let accessOf: Map<string, RouteAccess>;

/** Channel routes take an API key: one holding every scope, issued once by the system administrator. */
let channelToken: string | undefined;
async function apiKeyHeaders(access: RouteAccess | undefined): Promise<Record<string, string>> {
  if (typeof access !== 'object' || !('apiKey' in access)) return {};
  if (!channelToken) {
    const admin = await clientFor('staff');
    const res = await admin.post('/api/v1/api-keys', { name: '输入检查', channel: 'partner_system', scopes: [...apiKeyScopes] });
    channelToken = res.json().token as string;
  }
  return { authorization: `Bearer ${channelToken}` };
}

async function clientFor(access: RouteAccess | undefined): Promise<TestClient> {
  let key = 'anonymous';
  if (access === 'user' || access === 'authenticated') key = 'user';
  else if (access === 'staff') key = 'sysAdmin';
  else if (typeof access === 'object' && 'permission' in access) {
    const role = staffRoles.find((r) => rolePermissions[r].includes(access.permission));
    key = role ? staffKeyOfRole[role] : 'sysAdmin';
  }
  const cached = clients.get(key);
  if (cached) return cached;
  const client =
    key === 'anonymous'
      ? new TestClient(t.app)
      : key === 'user'
        ? await loginUser(t.app, 'alice')
        : await loginStaff(t.app, key as StaffKey);
  clients.set(key, client);
  return client;
}

type Op = { method: string; path: string; op: Operation; access: RouteAccess | undefined };
let ops: Op[];

function jsonBodySchema(op: Operation): JsonSchema | undefined {
  return op.requestBody?.content?.['application/json']?.schema;
}

async function send(o: Op, url: string, body?: unknown) {
  const client = await clientFor(o.access);
  const method = o.method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  const res = await client.request(method, url, body, await apiKeyHeaders(o.access));
  let json: { code?: string; field?: string } = {};
  try {
    json = res.json();
  } catch {
    // not JSON
  }
  return { status: res.statusCode, code: json.code, field: json.field, text: res.body.slice(0, 200) };
}

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '1000000', SESSION_IDLE_MINUTES: '1000000' });
  await seedIdentityFixtures(t.app);
  doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as OpenApi;
  accessOf = new Map(t.app.registeredRoutes.map((r) => [`${r.method} ${r.url}`, r.access]));
  ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([method, op]) => ({ method, path, op, access: accessOf.get(`${method.toUpperCase()} ${toRouteUrl(path)}`) })),
  );
});
afterAll(() => t.close());

describe('one input sanitiser for every operation of the OpenAPI document', () => {
  it('documents many operations, each with a registered access rule', () => {
    expect(ops.length).toBeGreaterThan(50);
    expect(ops.filter((o) => o.access === undefined).map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  it('refuses non-storable text in every path parameter with 400 naming it', async () => {
    const wrong: string[] = [];
    let tried = 0;
    for (const o of ops) {
      for (const p of (o.op.parameters ?? []).filter((x) => x.in === 'path')) {
        for (const poison of URL_POISONS) {
          tried++;
          const res = await send(o, fill(o.path, { [p.name]: poison }), o.method === 'get' || o.method === 'delete' ? undefined : {});
          if (res.status !== 400 || res.code !== 'VALIDATION_FAILED' || res.field !== `params.${p.name}`)
            wrong.push(`${o.method} ${o.path} ${p.name}=${poison} → ${res.status} ${res.code} ${res.field}`);
        }
      }
    }
    expect(tried).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  });

  it('refuses non-storable text in every query parameter with 400 naming it', async () => {
    const wrong: string[] = [];
    let tried = 0;
    for (const o of ops) {
      for (const p of (o.op.parameters ?? []).filter((x) => x.in === 'query')) {
        for (const poison of URL_POISONS) {
          tried++;
          const res = await send(o, `${fill(o.path)}?${encodeURIComponent(p.name)}=${poison}`);
          if (res.status !== 400 || res.code !== 'VALIDATION_FAILED' || res.field !== `querystring.${p.name}`)
            wrong.push(`${o.method} ${o.path} ?${p.name}=${poison} → ${res.status} ${res.code} ${res.field}`);
        }
      }
    }
    expect(tried).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  });

  it('refuses non-storable text in every string of every JSON body, at any depth, with 400 naming it', async () => {
    const wrong: string[] = [];
    let tried = 0;
    for (const o of ops) {
      const schema = jsonBodySchema(o.op);
      if (!schema) continue;
      for (const slot of stringSlots(schema)) {
        for (const poison of BODY_POISONS) {
          tried++;
          const { body, field } = bodyWith(slot, poison);
          const res = await send(o, fill(o.path), body);
          if (res.status !== 400 || res.code !== 'VALIDATION_FAILED' || res.field !== field)
            wrong.push(`${o.method} ${o.path} ${field}=${JSON.stringify(poison)} → ${res.status} ${res.code} ${res.field}`);
        }
      }
    }
    expect(tried).toBeGreaterThan(200);
    expect(wrong).toEqual([]);
  });

  it('refuses non-storable text in the request headers routes store (idempotency key, user agent)', async () => {
    const alice = await clientFor('user');
    const keyed = await alice.post('/api/v1/cases', {}, { 'idempotency-key': 'key\u0001x' });
    expect(keyed.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'headers.idempotency-key' });
    const agent = await new TestClient(t.app).post(
      '/api/v1/auth/login',
      { kind: 'staff', username: staff.clerk.username, password: 'x' },
      { 'user-agent': 'Mozilla\u001b[0m' },
    );
    expect(agent.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'headers.user-agent' });
  });

  it('never answers 5xx to junk in any slot of any operation', async () => {
    const junk = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.constantFrom('\u0000', '\ud800', '\udfff', '\ufffe', '１２３', '\u200b', '__proto__', 'constructor', '长'.repeat(5000)),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(JSON.parse('{"__proto__":{"polluted":true}}')),
      fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'a', 'toString'), fc.string({ maxLength: 5 })),
    );
    const targets = ops.flatMap((o) => {
      const slots = stringSlots(jsonBodySchema(o.op)).map((slot) => ({ o, kind: 'body' as const, slot, name: '' }));
      const params = (o.op.parameters ?? [])
        .filter((p) => p.in === 'query' || p.in === 'path')
        .map((p) => ({ o, kind: p.in as 'query' | 'path', slot: [] as Slot, name: p.name }));
      return [...slots, ...params];
    });
    expect(targets.length).toBeGreaterThan(100);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), junk, async (target, value) => {
        const { o } = target;
        let res: Awaited<ReturnType<typeof send>>;
        const asUrl = () => {
          const s = typeof value === 'string' ? value : JSON.stringify(value);
          // A lone surrogate cannot be percent-encoded: send its replacement's bytes raw instead.
          try {
            return encodeURIComponent(s.slice(0, 300));
          } catch {
            return '%ED%A0%80';
          }
        };
        if (target.kind === 'body') res = await send(o, fill(o.path), bodyWith(target.slot, value).body);
        else if (target.kind === 'path') res = await send(o, fill(o.path, { [target.name]: asUrl() }));
        else res = await send(o, `${fill(o.path)}?${encodeURIComponent(target.name)}=${asUrl()}`);
        if (res.status >= 500)
          throw new Error(`${o.method} ${o.path} ${target.kind} ${target.name || target.slot.join('.')} → ${res.status} ${res.text}`);
      }),
      { numRuns: 1000, seed: 14 },
    );
  });

  it('uses single-role fixtures for the sessions it picks', () => {
    for (const [role, key] of Object.entries(staffKeyOfRole)) expect(staff[key as StaffKey].roles).toEqual([role]);
  });
});
