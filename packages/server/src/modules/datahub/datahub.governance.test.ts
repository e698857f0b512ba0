import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breakCheckChar } from '../../../test/fixtures/identity-fixtures.ts';
import { createHubWorld, family, fileOnline, type HubWorld } from './testing/world.ts';

/**
 * The resources catalogue and its governance: who may register and change resources, the field
 * dictionary, data-quality reports, open data, once-only metrics and the sharing advisor.
 */
let w: HubWorld;
beforeAll(async () => {
  w = await createHubWorld();
}, 240_000);
afterAll(() => w.close());

const degree = {
  code: 'TEACHER-QUALIFICATION',
  name: { zh: '教师资格信息', en: 'Teacher qualifications' },
  subjectKind: 'person',
  subjectField: 'id_number',
  updateFrequency: 'yearly',
  sharingClass: 'conditional',
  provider: { kind: 'registry', adapter: 'degree' },
  fields: [
    { name: 'id_number', element: 'resident_id_number', personal: true },
    { name: 'name', element: 'person_name', personal: true },
  ],
};

describe('the data resources catalogue', () => {
  it('lists the seeded resources with their owners, fields and dictionary types', async () => {
    const res = await (await w.staff('pdReviewer')).get('/api/v1/datahub/resources');
    expect(res.statusCode, res.body).toBe(200);
    const byCode = new Map(res.json().items.map((r: { code: string }) => [r.code, r]));
    expect([...byCode.keys()]).toEqual(
      expect.arrayContaining([
        'POPULATION',
        'ENTERPRISE-REGISTRATION',
        'REAL-ESTATE-TITLE',
        'MARRIAGE',
        'SOCIAL-INSURANCE',
        'HOUSING-FUND',
        'DEGREE',
        'BIRTH',
        'TAX-REGISTRATION',
        'VEHICLE',
        'DRIVING-LICENCE',
      ]),
    );
    expect(byCode.get('MARRIAGE')).toMatchObject({
      ownerDepartmentId: 'SH-CA',
      ownerDepartmentName: '上海市民政局',
      sharingClass: 'conditional',
      subjectKind: 'person',
    });
    expect(byCode.get('TAX-REGISTRATION')).toMatchObject({ sharingClass: 'unconditional', openData: true, subjectKind: 'enterprise' });
    const fund = byCode.get('HOUSING-FUND') as { fields: { name: string; type: string; sensitive: boolean; consentRequired: boolean }[] };
    expect(fund.fields.find((f) => f.name === 'balance')).toMatchObject({ type: 'money', sensitive: true, consentRequired: true });
  });

  it('gives one element one type everywhere (一数一源): the dictionary says who uses it', async () => {
    const fields = (await (await w.staff('psb')).get('/api/v1/datahub/fields')).json().items;
    const id = fields.find((f: { key: string }) => f.key === 'resident_id_number');
    expect(id).toMatchObject({ type: 'id_number' });
    expect(id.usedBy).toEqual(
      expect.arrayContaining([
        'POPULATION.id_number',
        'MARRIAGE.spouse_id_number',
        'REAL-ESTATE-TITLE.owner_id_number',
        'BIRTH.mother_id_number',
      ]),
    );
    const resources = (await (await w.staff('psb')).get('/api/v1/datahub/resources')).json().items;
    const typesOfIdFields = new Set(
      resources.flatMap((r: { fields: { element: string; type: string }[] }) =>
        r.fields.filter((f) => f.element === 'resident_id_number').map((f) => f.type),
      ),
    );
    expect([...typesOfIdFields]).toEqual(['id_number']);
    // Only the big-data centre curates the dictionary.
    const psb = await (await w.staff('psb')).request('PUT', '/api/v1/datahub/fields/person_name', {
      key: 'person_name',
      name: { zh: '姓名', en: 'Name' },
      type: 'number',
    });
    expect(psb.json().code).toBe('AUTH_FORBIDDEN');
  });

  it('lets a data officer register, change and retire resources of their own department only', async () => {
    const ca = await w.staff('ca');
    const created = await ca.post('/api/v1/datahub/resources', degree);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ ownerDepartmentId: 'SH-CA', version: 1, status: 'active' });
    expect((await ca.post('/api/v1/datahub/resources', degree)).json().code).toBe('CONFLICT');

    const changed = await ca.request('PUT', '/api/v1/datahub/resources/TEACHER-QUALIFICATION', {
      ...degree,
      code: undefined,
      sharingClass: 'unconditional',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ sharingClass: 'unconditional', version: 2 });

    const other = await (await w.staff('psb')).request('PUT', '/api/v1/datahub/resources/TEACHER-QUALIFICATION', {
      ...degree,
      code: undefined,
    });
    expect(other.json().code).toBe('DATAHUB_NOT_OWNER');
    expect((await (await w.staff('psb')).request('DELETE', '/api/v1/datahub/resources/TEACHER-QUALIFICATION')).json().code).toBe(
      'DATAHUB_NOT_OWNER',
    );
    expect((await (await w.staff('pdReviewer')).post('/api/v1/datahub/resources', { ...degree, code: 'OTHER-THING' })).statusCode).toBe(
      403,
    );

    const retired = await ca.request('DELETE', '/api/v1/datahub/resources/TEACHER-QUALIFICATION');
    expect(retired.json()).toMatchObject({ status: 'retired', version: 3 });
    const audit = await w.app.platform.db.query<{ action: string }>(
      `select action from audit_log where target_id = 'TEACHER-QUALIFICATION' and stream = 'audit' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['datahub.resource.created', 'datahub.resource.updated', 'datahub.resource.retired']);
  });

  it.each([
    ['an element missing from the dictionary', { fields: [{ name: 'id_number', element: 'no_such_element' }] }, 'body.fields.0.element'],
    ['a subject field of the wrong type', { subjectField: 'name' }, 'body.subjectField'],
    ['an unknown registry adapter', { provider: { kind: 'registry', adapter: 'nowhere' } }, 'body.provider.adapter'],
    ['a department system not registered', { provider: { kind: 'http', providerId: 'not_registered' } }, 'body.provider.providerId'],
  ])('refuses a resource with %s', async (_label, change, field) => {
    const res = await (await w.staff('ca')).post('/api/v1/datahub/resources', { ...degree, code: 'BROKEN-RESOURCE', ...change });
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });

  it('refuses a department system whose key is not an Ed25519 public key', async () => {
    const res = await (await w.staff('hc')).post('/api/v1/datahub/providers', {
      id: 'bad_system',
      name: { zh: '系统', en: 'System' },
      baseUrl: 'http://127.0.0.1:9',
      keyId: 'k1',
      publicKeyPem: '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----',
    });
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.publicKeyPem' });
  });

  it('publishes the hub’s request-signing keys', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/api/v1/datahub/keys' });
    expect(res.statusCode).toBe(200);
    expect(res.json().keys[0]).toMatchObject({
      keyId: expect.stringMatching(/^datahub-hub-/),
      publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY'),
    });
  });
});

describe('data quality', () => {
  it('reports completeness, validity and freshness per resource of the department, and finds a broken check digit', async () => {
    const ca = await w.staff('ca');
    const clean = (await ca.get('/api/v1/datahub/quality')).json();
    expect(clean.departmentId).toBe('SH-CA');
    const marriage = clean.resources.find((r: { resource: string }) => r.resource === 'MARRIAGE');
    expect(marriage).toMatchObject({ status: 'checked', completeness: 1, validity: 1, freshness: 1, score: 100 });
    expect(marriage.records).toBeGreaterThan(0);

    await w.app.platform.db.query('update datahub_registry_marriage set spouse_id_number = $2 where id_number = $1', [
      family.gina.idNumber,
      breakCheckChar(family.hank.idNumber),
    ]);
    const broken = (await ca.get('/api/v1/datahub/quality')).json().resources.find((r: { resource: string }) => r.resource === 'MARRIAGE');
    const spouse = broken.fields.find((f: { name: string }) => f.name === 'spouse_id_number');
    expect(spouse).toMatchObject({ invalid: 1, invalidSamples: [expect.stringContaining('*')] });
    expect(spouse.validity).toBeLessThan(1);
    expect(broken.score).toBeLessThan(100);

    w.clock.advance(3 * 86_400_000);
    const stale = (await ca.get('/api/v1/datahub/quality')).json().resources.find((r: { resource: string }) => r.resource === 'MARRIAGE');
    expect(stale).toMatchObject({ freshness: 0, staleRecords: stale.records });
  });

  it('checks the population registry through the registry module, and keeps other departments’ reports to the big-data centre', async () => {
    const psb = (await (await w.staff('psb')).get('/api/v1/datahub/quality')).json();
    const population = psb.resources.find((r: { resource: string }) => r.resource === 'POPULATION');
    expect(population).toMatchObject({ status: 'checked', validity: 1 });
    expect(population.records).toBeGreaterThan(0);
    expect(population.fields.find((f: { name: string }) => f.name === 'id_number')).toMatchObject({ invalid: 0, missing: 0 });
    expect((await (await w.staff('psb')).get('/api/v1/datahub/quality?department=SH-CA')).json().code).toBe('AUTH_FORBIDDEN');
    const all = (await (await w.staff('bdc')).get('/api/v1/datahub/quality')).json();
    expect(all.departmentId).toBeNull();
    expect(all.resources.length).toBeGreaterThanOrEqual(11);
  });
});

describe('open data', () => {
  it('publishes open resources without personal fields, to anyone', async () => {
    const list = await w.app.inject({ method: 'GET', url: '/api/v1/datahub/open-data' });
    expect(list.statusCode).toBe(200);
    const sets = new Map(list.json().items.map((d: { code: string }) => [d.code, d]));
    expect([...sets.keys()].sort()).toEqual(['ENTERPRISE-REGISTRATION', 'TAX-REGISTRATION']);
    expect(sets.get('TAX-REGISTRATION')).toMatchObject({ available: true, records: 3, publisherName: '国家税务总局上海市税务局' });
    const enterpriseFields = (sets.get('ENTERPRISE-REGISTRATION') as { fields: { name: string }[] }).fields.map((f) => f.name);
    expect(enterpriseFields).not.toContain('legal_representative_id_number');
    expect(enterpriseFields).toContain('credit_code');
    // Read in bulk through the registry module's scan, without the representative's personal data.
    expect(sets.get('ENTERPRISE-REGISTRATION')).toMatchObject({ available: true });
    const enterprises = await w.app.inject({ method: 'GET', url: '/api/v1/datahub/open-data/ENTERPRISE-REGISTRATION?pageSize=50' });
    expect(enterprises.statusCode).toBe(200);
    expect(enterprises.json().rows.length).toBeGreaterThan(0);
    expect(enterprises.json().rows[0]).not.toHaveProperty('legal_representative_id_number');
    expect(enterprises.json().rows[0].credit_code).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);

    const page = await w.app.inject({ method: 'GET', url: '/api/v1/datahub/open-data/TAX-REGISTRATION?pageSize=2' });
    expect(page.json()).toMatchObject({ page: 1, pageSize: 2, hasMore: true });
    expect(Object.keys(page.json().rows[0]).sort()).toEqual([
      'credit_code',
      'registered_on',
      'status',
      'tax_authority',
      'taxpayer_name',
      'taxpayer_type',
    ]);
    const second = await w.app.inject({ method: 'GET', url: '/api/v1/datahub/open-data/TAX-REGISTRATION?page=2&pageSize=2' });
    expect(second.json()).toMatchObject({ hasMore: false });
    expect(second.json().rows).toHaveLength(1);
    expect((await w.app.inject({ method: 'GET', url: '/api/v1/datahub/open-data/POPULATION' })).statusCode).toBe(404);
  });
});

describe('once-only metrics and the sharing advisor', () => {
  it('counts per item the materials sharing eliminates, and what still needs a grant', async () => {
    await fileOnline(w, 'gina', 'DH-PERMIT', { form: { 'applicant.name': family.gina.name, 'applicant.id_number': family.gina.idNumber } });
    const metrics = (await (await w.staff('pdReviewer')).get('/api/v1/datahub/metrics')).json();
    const permit = metrics.items.find((i: { code: string }) => i.code === 'DH-PERMIT');
    expect(permit).toMatchObject({ materials: 2, fromHub: 2, eliminatedBySharing: 2, uncovered: [], suppliedInCases: 2 });
    const ent = metrics.items.find((i: { code: string }) => i.code === 'DH-ENT');
    expect(ent).toMatchObject({ fromHub: 2, eliminatedBySharing: 2 });
    expect(metrics.overall.items).toBe(metrics.items.length);
    expect(metrics.overall.platformShare).toBeGreaterThan(0);

    // Items the hub learns of through a grant request count too, with what no grant covers yet.
    const request = await (await w.staff('pdSamr')).post('/api/v1/datahub/grants', {
      resource: 'POPULATION',
      fields: ['name'],
      purpose: '出具证明须核验身份',
      items: ['DH-CERT'],
    });
    expect(request.statusCode).toBe(201);
    const cert = (await (await w.staff('pdReviewer')).get('/api/v1/datahub/metrics?item=DH-CERT')).json();
    expect(cert.items).toEqual([
      expect.objectContaining({
        code: 'DH-CERT',
        fromHub: 1,
        eliminatedBySharing: 0,
        uncovered: [{ materialId: 'id_card', resource: 'POPULATION', reason: 'DATAHUB_NO_GRANT' }],
      }),
    ]);
  });

  it('advises the grant that would spare the applicant a material', async () => {
    const advice = (await (await w.staff('bdc')).get('/api/v1/datahub/sharing-advice')).json().items;
    const cert = advice.find((a: { itemCode: string }) => a.itemCode === 'DH-CERT');
    expect(cert).toMatchObject({
      consumerDepartmentId: 'SH-PD-SAMR',
      resource: 'POPULATION',
      providerDepartmentId: 'SH-PSB',
      suggestedGrant: { resource: 'POPULATION', fields: ['name', 'id_number'], items: ['DH-CERT'] },
    });
    expect(cert.existingGrantId).not.toBeNull();
    const old = advice.find((a: { itemCode: string }) => a.itemCode === 'DH-OLD');
    expect(old).toMatchObject({
      materialId: 'household_copy',
      resource: 'POPULATION',
      suggestedGrant: { resource: 'POPULATION', items: ['DH-OLD'] },
    });
    expect(old.suggestedGrant.fields).toEqual(expect.arrayContaining(['name', 'id_number', 'household_address']));
  });
});
