import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, freshAddress, loginStaff } from '../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp, TestClient } from '../../../test/harness.ts';
import { catalogueFixtures } from './testing/catalogue-fixtures.ts';
import { pdAdmin2, seedCatalogueFixtures } from './testing/fixture-setup.ts';
import { buildItem } from './testing/item-builder.ts';

let t: TestApp;
let pd: TestClient;
let pd2: TestClient;
let sys: TestClient;
let reviewer: TestClient;
let clerk: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  await seedCatalogueFixtures(t.app, { items: catalogueFixtures.filter((i) => !i.bundleMembers) });
  pd = await loginStaff(t.app, 'pdAdmin');
  sys = await loginStaff(t.app, 'sysAdmin');
  reviewer = await loginStaff(t.app, 'reviewer');
  clerk = await loginStaff(t.app, 'clerk');
  pd2 = new TestClient(t.app, freshAddress());
  const res = await pd2.post('/api/v1/auth/login', { kind: 'staff', username: pdAdmin2.username, password: FIXTURE_PASSWORD });
  if (res.statusCode !== 200) throw new Error(res.body);
});
afterAll(() => t.close());

function body(code: string, overrides: Record<string, unknown> = {}) {
  const { popularity: _p, ...item } = buildItem({
    code,
    zh: '户外广告设施设置许可',
    en: 'Outdoor advertising permit',
    department: 'SH-PD-SAMR',
    promisedDays: 10,
  });
  return { ...item, ...overrides };
}
const contentOf = (code: string, overrides: Record<string, unknown> = {}) => {
  const { code: _c, ...content } = body(code, overrides);
  return content;
};

describe('admin API', () => {
  it('takes an item from draft to the portal, a second administrator publishing', async () => {
    const created = await pd.post('/api/v1/catalogue/items', body('PD-ADV-001'));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: 'PD-ADV-001', version: 1, status: 'draft' });
    expect((await t.app.inject('/api/v1/catalogue/items/PD-ADV-001')).statusCode).toBe(404);

    expect(
      (await pd.request('PUT', '/api/v1/catalogue/items/PD-ADV-001/draft', contentOf('PD-ADV-001', { visits: 1 }))).json(),
    ).toMatchObject({ version: 1, created: false });
    expect((await pd.post('/api/v1/catalogue/items/PD-ADV-001/actions/submit')).json()).toMatchObject({ status: 'submitted' });
    const own = await pd.post('/api/v1/catalogue/items/PD-ADV-001/actions/publish');
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ code: 'CATALOGUE_SELF_PUBLISH_FORBIDDEN' });
    const published = await pd2.post('/api/v1/catalogue/items/PD-ADV-001/actions/publish');
    expect(published.statusCode, published.body).toBe(200);
    const guide = await t.app.inject('/api/v1/catalogue/items/PD-ADV-001');
    expect(guide.json()).toMatchObject({ version: 1, content: { visits: 1 } });

    // Editing the published item makes version 2; version 1 cannot change.
    const v2 = await pd.request('PUT', '/api/v1/catalogue/items/PD-ADV-001/draft', contentOf('PD-ADV-001', { visits: 0 }));
    expect(v2.json()).toMatchObject({ version: 2, status: 'draft', created: true });
    const immutable = await pd.request('PUT', '/api/v1/catalogue/items/PD-ADV-001/versions/1', contentOf('PD-ADV-001'));
    expect(immutable.statusCode).toBe(409);
    expect(immutable.json()).toMatchObject({ code: 'CATALOGUE_VERSION_IMMUTABLE' });
    expect(
      (await pd.request('PUT', '/api/v1/catalogue/items/PD-ADV-001/versions/2', contentOf('PD-ADV-001', { visits: 0, promisedDays: 9 })))
        .statusCode,
    ).toBe(400);

    const compare = (await reviewer.get('/api/v1/catalogue/items/PD-ADV-001/versions/1/compare/2')).json();
    expect(compare.changes).toEqual([{ path: 'visits', kind: 'changed', before: 1, after: 0 }]);
    const versions = (await reviewer.get('/api/v1/catalogue/items/PD-ADV-001/versions')).json();
    expect(versions).toMatchObject({
      publishedVersion: 1,
      items: [
        { version: 1, status: 'published' },
        { version: 2, status: 'draft' },
      ],
    });
    expect((await reviewer.get('/api/v1/catalogue/items/PD-ADV-001/versions/2')).json()).toMatchObject({ content: { visits: 0 } });
    const drafts = (await reviewer.get('/api/v1/catalogue/drafts?status=draft')).json();
    expect(drafts.items.map((d: { code: string }) => d.code)).toContain('PD-ADV-001');

    await pd.post('/api/v1/catalogue/items/PD-ADV-001/actions/submit');
    expect((await sys.post('/api/v1/catalogue/items/PD-ADV-001/actions/publish')).statusCode).toBe(200);
    expect((await t.app.inject('/api/v1/catalogue/items/PD-ADV-001')).json()).toMatchObject({ version: 2, content: { visits: 0 } });

    const withdrawn = await pd2.post('/api/v1/catalogue/items/PD-ADV-001/actions/withdraw', { reason: '政策调整，事项取消' });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', withdrawnReason: '政策调整，事项取消' });
    expect((await t.app.inject('/api/v1/catalogue/items/PD-ADV-001')).statusCode).toBe(404);
    expect((await t.app.inject('/api/v1/catalogue/search?q=户外广告')).json().items).toEqual([]);
  });

  it('requires a session and the right permission', async () => {
    const anonymous = new TestClient(t.app, freshAddress());
    expect((await anonymous.post('/api/v1/catalogue/items', body('PD-ADV-002'))).json()).toMatchObject({ code: 'AUTH_REQUIRED' });
    expect((await anonymous.get('/api/v1/catalogue/drafts')).statusCode).toBe(401);
    const byClerk = await clerk.post('/api/v1/catalogue/items', body('PD-ADV-002'));
    expect(byClerk.statusCode).toBe(403);
    expect(byClerk.json()).toMatchObject({ code: 'AUTH_FORBIDDEN', details: { permission: 'catalogue.edit' } });
    expect((await reviewer.post('/api/v1/catalogue/items/SAMR-QYSL/actions/withdraw', { reason: '无权限测试' })).statusCode).toBe(403);
    expect((await clerk.get('/api/v1/catalogue/drafts')).statusCode).toBe(403);
    // CSRF: a state change without the token is refused.
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalogue/items',
      payload: body('PD-ADV-002'),
      headers: {
        cookie: Object.entries(pd.cookies)
          .map(([k, v]) => `${k}=${v}`)
          .join('; '),
      },
    });
    expect(noCsrf.json()).toMatchObject({ code: 'AUTH_CSRF_INVALID' });
    // Every catalogue route says who may call it; only reads are public.
    const routes = t.app.registeredRoutes.filter((r) => r.url.startsWith('/api/v1/catalogue'));
    for (const r of routes) expect(r.method === 'GET' || r.access !== 'public', `${r.method} ${r.url}`).toBe(true);
    expect(routes.filter((r) => r.access === 'public').every((r) => !r.url.includes('versions') && !r.url.includes('drafts'))).toBe(true);
  });

  it('answers bad input on every admin route with a code and the field', async () => {
    await pd.post('/api/v1/catalogue/items', body('PD-ADV-003'));
    const cases: [string, 'POST' | 'PUT' | 'GET', string, unknown, string, string][] = [
      ['create: empty body', 'POST', '/api/v1/catalogue/items', {}, 'VALIDATION_FAILED', 'body.'],
      ['create: lower-case code', 'POST', '/api/v1/catalogue/items', body('pd-adv-9'), 'VALIDATION_FAILED', 'body.code'],
      [
        'create: unknown type',
        'POST',
        '/api/v1/catalogue/items',
        body('PD-ADV-009', { type: 'licence' }),
        'VALIDATION_FAILED',
        'body.type',
      ],
      [
        'create: wrong step kind',
        'POST',
        '/api/v1/catalogue/items',
        body('PD-ADV-009', { process: [{ id: 'a', kind: 'stamp' }] }),
        'VALIDATION_FAILED',
        'body.process.0.',
      ],
      [
        'create: unknown department',
        'POST',
        '/api/v1/catalogue/items',
        body('PD-ADV-009', { implementingDepartments: ['SH-GHOST'] }),
        'CATALOGUE_PROCESS_INVALID',
        'body.implementingDepartments.0',
      ],
      [
        'create: other department',
        'POST',
        '/api/v1/catalogue/items',
        body('PD-ADV-009', { responsibleDepartment: 'SH-PSB' }),
        'AUTH_FORBIDDEN',
        'body.responsibleDepartment',
      ],
      [
        'create: NUL in a name',
        'POST',
        '/api/v1/catalogue/items',
        body('PD-ADV-009', { name: { zh: '户外\u0000广告', en: 'x' } }),
        'VALIDATION_FAILED',
        'body.name.zh',
      ],
      ['create: taken code', 'POST', '/api/v1/catalogue/items', body('PD-ADV-003'), 'CONFLICT', 'body.code'],
      ['edit: bad code', 'PUT', '/api/v1/catalogue/items/x/draft', contentOf('X'), 'VALIDATION_FAILED', 'params.code'],
      ['edit: unknown item', 'PUT', '/api/v1/catalogue/items/PD-NOPE-1/draft', contentOf('X'), 'CATALOGUE_ITEM_NOT_FOUND', 'params.code'],
      [
        'edit: step not first',
        'PUT',
        '/api/v1/catalogue/items/PD-ADV-003/draft',
        contentOf('X', { process: [...contentOf('X').process.slice(1), contentOf('X').process[0]] }),
        'CATALOGUE_PROCESS_INVALID',
        'body.process.2.kind',
      ],
      [
        'edit: bad condition',
        'PUT',
        '/api/v1/catalogue/items/PD-ADV-003/draft',
        contentOf('X', { materials: [{ ...contentOf('X').materials[0], requirement: 'conditional', when: { nope: ['x'] } }] }),
        'CATALOGUE_PROCESS_INVALID',
        'body.materials.0.when.nope',
      ],
      ['edit version: zero', 'PUT', '/api/v1/catalogue/items/PD-ADV-003/versions/0', contentOf('X'), 'VALIDATION_FAILED', 'params.version'],
      [
        'edit version: missing',
        'PUT',
        '/api/v1/catalogue/items/PD-ADV-003/versions/7',
        contentOf('X'),
        'CATALOGUE_ITEM_NOT_FOUND',
        'params.version',
      ],
      ['submit: bad code', 'POST', '/api/v1/catalogue/items/%20/actions/submit', {}, 'VALIDATION_FAILED', 'params.code'],
      ['publish: unknown item', 'POST', '/api/v1/catalogue/items/PD-NOPE-1/actions/publish', {}, 'CATALOGUE_ITEM_NOT_FOUND', 'params.code'],
      ['reject: no reason', 'POST', '/api/v1/catalogue/items/PD-ADV-003/actions/reject', {}, 'VALIDATION_FAILED', 'body.reason'],
      [
        'withdraw: reason too short',
        'POST',
        '/api/v1/catalogue/items/PD-ADV-003/actions/withdraw',
        { reason: 'x' },
        'VALIDATION_FAILED',
        'body.reason',
      ],
      [
        'withdraw: NUL',
        'POST',
        '/api/v1/catalogue/items/SAMR-QYSL/actions/withdraw',
        { reason: '取消\u0000' },
        'VALIDATION_FAILED',
        'body.reason',
      ],
      ['versions: bad code', 'GET', '/api/v1/catalogue/items/lower/versions', undefined, 'VALIDATION_FAILED', 'params.code'],
      ['version: not a number', 'GET', '/api/v1/catalogue/items/PD-ADV-003/versions/abc', undefined, 'VALIDATION_FAILED', 'params.version'],
      ['compare: zero', 'GET', '/api/v1/catalogue/items/PD-ADV-003/versions/0/compare/1', undefined, 'VALIDATION_FAILED', 'params.a'],
      [
        'compare: missing',
        'GET',
        '/api/v1/catalogue/items/PD-ADV-003/versions/1/compare/9',
        undefined,
        'CATALOGUE_ITEM_NOT_FOUND',
        'params.b',
      ],
      ['drafts: bad status', 'GET', '/api/v1/catalogue/drafts?status=published', undefined, 'VALIDATION_FAILED', 'querystring.status'],
      ['drafts: bad page', 'GET', '/api/v1/catalogue/drafts?page=-1', undefined, 'VALIDATION_FAILED', 'querystring.page'],
    ];
    for (const [name, method, url, payload, code, field] of cases) {
      const client = code === 'AUTH_FORBIDDEN' ? pd : sys;
      const res = await client.request(method, url, payload);
      expect(res.statusCode, `${name}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, name).toBeLessThan(500);
      const answer = res.json();
      expect(answer.code, `${name}: ${res.body}`).toBe(code);
      if (field.endsWith('.')) expect(answer.field, name).toMatch(new RegExp(`^${field.replace('.', '\\.')}`));
      else expect(answer.field, `${name}: ${res.body}`).toBe(field);
      expect(res.body).not.toMatch(/at \w+ \(|node_modules/);
    }
    // Malformed JSON.
    const broken = await sys.request('POST', '/api/v1/catalogue/items', '{"code":', { 'content-type': 'application/json' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body' });
    // State errors carry a code too.
    const notSubmitted = await sys.post('/api/v1/catalogue/items/PD-ADV-003/actions/publish');
    expect(notSubmitted.json()).toMatchObject({ code: 'CATALOGUE_INVALID_TRANSITION' });
  });
});

/** Strings with the characters that break things: NUL, lone surrogates, zero-width, full-width digits, prototype keys. */
const nasty = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('\u0000', '\ud800', '\udc00', '\u200b', '１２３', '__proto__', '<script>', "'; drop table catalogue_item; --"),
    fc.string({ maxLength: 8 }),
  )
  .map(([a, b, c]) => `${a}${b}${c}`);

const junk = fc.oneof(
  { arbitrary: nasty, weight: 4 },
  { arbitrary: fc.string({ unit: 'binary' }), weight: 2 },
  fc.constant('长'.repeat(600)),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.anything(), { maxLength: 4 }),
  fc.dictionary(fc.constantFrom('__proto__', 'zh', 'en', 'kind', 'id', 'x'), fc.anything(), { maxKeys: 3 }),
  fc.anything(),
);

const paths = [
  ['code'],
  ['name'],
  ['name', 'zh'],
  ['name', 'en'],
  ['conditions', '0', 'zh'],
  ['contacts', 'consultation'],
  ['materials', '0', 'name', 'zh'],
  ['materials', '0', 'notes'],
  ['form', '0', 'label', 'en'],
  ['form', '0', 'prefill'],
  ['process', '1', 'name', 'zh'],
  ['type'],
  ['responsibleDepartment'],
  ['implementingDepartments'],
  ['legalBasis', '0', 'law'],
  ['fee'],
  ['fee', 'kind'],
  ['promisedDays'],
  ['statutoryDays'],
  ['visits'],
  ['channels'],
  ['situations'],
  ['materials', '0'],
  ['materials', '0', 'source'],
  ['materials', '0', 'when'],
  ['form', '0', 'key'],
  ['form', '0', 'type'],
  ['form', '1', 'when'],
  ['process', '0', 'kind'],
  ['process', '1', 'department'],
  ['process', '1', 'parallelGroup'],
  ['process', '2', 'workingDays'],
  ['bundleMembers'],
  ['summary'],
  ['__proto__'],
];

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown) {
  let node: Record<string, unknown> = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (!next || typeof next !== 'object') return;
    node = next as Record<string, unknown>;
  }
  Object.defineProperty(node, path[path.length - 1] as string, { value, enumerable: true, configurable: true, writable: true });
}

describe('fuzzing the create and edit bodies', () => {
  let n = 0;
  const expectClientError = async (res: { statusCode: number; body: string }) => {
    expect(res.statusCode, res.body).toBeLessThan(500);
    const answer = JSON.parse(res.body);
    if (res.statusCode >= 400) {
      expect(typeof answer.code).toBe('string');
      if (answer.code === 'VALIDATION_FAILED' || answer.code === 'CATALOGUE_PROCESS_INVALID') expect(typeof answer.field).toBe('string');
      expect(res.body).not.toMatch(/node_modules|at \w+ \(/);
    }
  };

  it('never answers random bodies with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(junk, fc.dictionary(fc.string(), junk, { maxKeys: 6 })), async (payload) => {
        await expectClientError(
          await sys.request('POST', '/api/v1/catalogue/items', JSON.stringify(payload ?? null), { 'content-type': 'application/json' }),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('never answers a valid item with one part broken with a 5xx, on create and on edit', async () => {
    await pd.post('/api/v1/catalogue/items', body('PD-FUZZ-000'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ path: fc.constantFrom(...paths), value: junk }), { minLength: 1, maxLength: 3 }),
        async (mutations) => {
          n++;
          const created = body(`PD-FUZZ-${String(n).padStart(3, '0')}`) as unknown as Record<string, unknown>;
          const edited = contentOf('PD-FUZZ-000') as unknown as Record<string, unknown>;
          for (const m of mutations) {
            setPath(created, m.path, m.value);
            setPath(edited, m.path, m.value);
          }
          await expectClientError(
            await sys.request('POST', '/api/v1/catalogue/items', JSON.stringify(created), { 'content-type': 'application/json' }),
          );
          await expectClientError(
            await sys.request('PUT', '/api/v1/catalogue/items/PD-FUZZ-000/draft', JSON.stringify(edited), {
              'content-type': 'application/json',
            }),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
