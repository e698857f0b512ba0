import { randomUUID } from 'node:crypto';
import { buildDemoCatalogue, buildDemoCity, buildTestCity, type City, DEMO_PASSWORD, prefillSources, resourceFields } from '@tongban/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, TestClient } from '../../../test/harness.ts';
import { seedDemoIfEmpty } from '../../seed-demo.ts';
import { demoGrantNeeds } from './seed/import-demo.ts';
import { buildDemoRegistries } from './seed/registries.ts';
import { demoResources } from './seed/resources.ts';
import { prefillSourceResources } from './use-cases/applicant.ts';

/**
 * The demo city's hub: its resources match what the catalogue asks for, its registries agree with
 * the population registry, and — loaded with the real demo seed — starting a business and the
 * newborn bundle ask the applicant for nothing a seeded registry holds.
 */
const city: City = buildDemoCity();
const ageAt = (birth: string, ref: string) => Number(ref.slice(0, 4)) - Number(birth.slice(0, 4)) - (ref.slice(5) < birth.slice(5) ? 1 : 0);

describe('the demo resources and registries', () => {
  it('define exactly the fields the seeded catalogue names, for every resource', () => {
    expect(Object.fromEntries(demoResources.map((r) => [r.code, r.fields.map((f) => f.name)]))).toEqual(
      Object.fromEntries(Object.entries(resourceFields).map(([code, fields]) => [code, [...fields]])),
    );
    for (const [source, resource] of Object.entries(prefillSources)) expect(prefillSourceResources[source]).toBe(resource);
  });

  it('derive registries consistent with the population registry, the same every time', () => {
    const registries = buildDemoRegistries(city);
    const small = buildTestCity();
    expect(buildDemoRegistries(small)).toEqual(buildDemoRegistries(buildTestCity()));
    const people = new Map(city.people.map((p) => [p.idNumber, p]));

    // A marriage record for each married person, naming the spouse the population registry names.
    const marriages = new Map(registries.marriages.map((m) => [m.id_number, m]));
    const married = city.people.filter((p) => p.maritalStatus === 'married');
    expect(married.length).toBeGreaterThan(1000);
    for (const p of married) {
      const m = marriages.get(p.idNumber);
      expect(m, p.idNumber).toMatchObject({
        marital_status: 'married',
        spouse_id_number: p.spouseIdNumber,
        spouse_name: people.get(p.spouseIdNumber ?? '')?.name,
      });
      const other = marriages.get(p.spouseIdNumber ?? '');
      expect(other?.certificate_number).toBe(m?.certificate_number);
      expect(other?.registered_on).toBe(m?.registered_on);
    }
    expect(city.people.filter((p) => p.maritalStatus === 'unmarried').some((p) => marriages.has(p.idNumber))).toBe(false);

    // A birth certificate for every child under one, with married parents of the same household.
    const babies = city.people.filter((p) => ageAt(p.birthDate, city.referenceDate) === 0);
    expect(babies.length).toBeGreaterThan(0);
    expect(registries.births).toHaveLength(babies.length);
    for (const b of registries.births) {
      const mother = people.get(b.mother_id_number ?? '');
      const father = people.get(b.father_id_number ?? '');
      const child = babies.find((x) => x.name === b.child_name && x.birthDate === b.child_birth_date);
      expect(child, b.certificate_number).toBeDefined();
      expect(mother).toMatchObject({
        sex: 'female',
        maritalStatus: 'married',
        spouseIdNumber: father?.idNumber,
        householdAddress: child?.householdAddress,
      });
      expect(father?.sex).toBe('male');
    }
    const demoMother = registries.births.find(
      (b) => b.mother_id_number === city.demo.citizen.idNumber || b.father_id_number === city.demo.citizen.idNumber,
    );
    expect(demoMother).toBeDefined();

    // Employers exist, and every enterprise is registered for tax.
    const credit = new Set(city.enterprises.map((e) => e.creditCode));
    expect(registries.socialInsurance.every((s) => s.employer_credit_code === null || credit.has(s.employer_credit_code))).toBe(true);
    expect(registries.tax.map((t) => t.credit_code).sort()).toEqual([...credit].sort());
    expect(new Set(registries.realEstate.map((r) => r.unit_number)).size).toBe(registries.realEstate.length);
    expect(new Set(registries.vehicles.map((v) => v.vin)).size).toBe(registries.vehicles.length);
  });

  it('grant every department what the catalogue needs, so starting a business and the newborn bundle are covered', () => {
    const catalogue = buildDemoCatalogue();
    const needs = demoGrantNeeds(catalogue, demoResources);
    const byCode = new Map(catalogue.map((i) => [i.code, i]));
    const covered = (consumer: string, resource: string, fields: readonly string[], item: string) => {
      const r = demoResources.find((x) => x.code === resource);
      if (!r) return false;
      if (r.sharingClass === 'unconditional' || r.owner === consumer) return true;
      const need = needs.find((n) => n.consumer === consumer && n.resource === resource);
      return Boolean(need?.items.has(item) && fields.every((f) => need.fields.has(f)));
    };
    for (const bundle of ['SH-YJS-001', 'SH-YJS-002']) {
      for (const code of byCode.get(bundle)?.bundleMembers ?? []) {
        const member = byCode.get(code);
        for (const m of member?.materials ?? []) {
          if (m.source.kind !== 'datahub') continue;
          expect(covered(member?.responsibleDepartment ?? '', m.source.resource, m.source.fields, code), `${code} ${m.id}`).toBe(true);
        }
      }
    }
    // Nobody is granted a resource shared unconditionally, nor their own.
    expect(needs.some((n) => n.resource === 'ENTERPRISE-REGISTRATION' || n.resource === 'TAX-REGISTRATION')).toBe(false);
    expect(needs.some((n) => demoResources.find((r) => r.code === n.resource)?.owner === n.consumer)).toBe(false);
  });
});

describe('the demo city, seeded for real', () => {
  let t: TestApp;
  const login = async (kind: 'user' | 'staff', username: string) => {
    const client = new TestClient(t.app, `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);
    const res = await client.post('/api/v1/auth/login', { kind, username, password: DEMO_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    return client;
  };
  const upload = async (client: TestClient) => {
    await client.ensureCsrf();
    const boundary = '----tongban-datahub';
    const pdf = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="申请表.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${boundary}--\r\n`;
    const res = await client.request('POST', '/api/v1/cases/uploads', payload, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().items[0].id as string;
  };

  beforeAll(async () => {
    t = await createTestApp({ SESSION_IDLE_MINUTES: '1000000', SESSION_ABSOLUTE_HOURS: '100000' });
    expect(await seedDemoIfEmpty(t.app.platform)).toBeDefined();
  }, 600_000);
  afterAll(() => t?.close());

  it('files the newborn bundle with every hub material fetched, only signed forms uploaded', async () => {
    const citizen = await login('user', city.demo.citizen.idNumber);
    const preview = (await citizen.get('/api/v1/datahub/preview?item=SH-YJS-002')).json();
    expect(preview.materials.length).toBeGreaterThan(0);
    for (const m of preview.materials) expect(m, m.materialId).toMatchObject({ available: true, consentRequired: false });

    const prefill = (await citizen.get('/api/v1/datahub/prefill?item=SH-YJS-002')).json();
    expect(prefill.refused).toEqual([]);
    expect(prefill.values['child.name']).toBeTruthy();
    expect(prefill.values['mother.id_number'] ?? prefill.values['father.id_number']).toBe(city.demo.citizen.idNumber);

    const baby = city.people.find((p) => p.name === prefill.values['child.name'] && p.birthDate === prefill.values['child.birth_date']);
    expect(baby).toBeDefined();
    const res = await citizen.post(
      '/api/v1/cases',
      {
        itemCode: 'SH-YJS-002',
        answers: { settle_with: 'father', parents_married: 'yes', who: 'newborn', hukou: 'local', age: 'infant', applicant_mode: 'self' },
        form: {
          ...prefill.values,
          // The merged form asks for the child's ID number (the medical-insurance member needs it), though
          // the bundle's own household step assigns it; the demo baby already has one.
          'child.id_number': baby?.idNumber,
          'applicant.mobile': city.demo.citizen.mobile,
          'bank.name': '中国工商银行',
          'delivery.address': '上海市浦东新区世纪大道100号',
        },
        // Only what the parents sign themselves is uploaded.
        materials: [
          { materialId: 'joint_form', uploadId: await upload(citizen) },
          { materialId: 'confirmation', uploadId: await upload(citizen) },
          { materialId: 'declaration', uploadId: await upload(citizen) },
        ],
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(res.statusCode, res.body).toBe(201);
    const filed = res.json() as { members: { caseId: string; itemCode: string }[] };
    const supplies = [];
    for (const m of filed.members) supplies.push(...(await citizen.get(`/api/v1/datahub/cases/${m.caseId}/supplies`)).json().items);
    expect(supplies.length).toBeGreaterThanOrEqual(5);
    for (const s of supplies) expect(s, `${s.itemCode} ${s.materialId}`).toMatchObject({ state: 'attached' });
    expect(new Set(supplies.map((s: { providerDepartmentName: string }) => s.providerDepartmentName))).toEqual(
      new Set(['上海市公安局', '上海市民政局', '上海市卫生健康委员会']),
    );
    // And the parent sees each of those accesses in "who used my data".
    const usage = (await citizen.get('/api/v1/datahub/my-data-usage?pageSize=200')).json().items;
    const caseIds = new Set(filed.members.map((m) => m.caseId));
    expect(usage.filter((e: { caseId: string; result: string }) => caseIds.has(e.caseId) && e.result === 'ok')).toHaveLength(
      supplies.length,
    );
  });

  it('lets a founder start a business asking for no registry data either', async () => {
    const founder = await login('user', city.demo.legalRepresentative.idNumber);
    const preview = (await founder.get('/api/v1/datahub/preview?item=SH-YJS-001')).json();
    // The bundle merges materials by resource: one identity material (POPULATION) for all its members.
    expect(preview.materials.map((m: { resource: string }) => m.resource).sort()).toEqual([
      'POPULATION',
      'REAL-ESTATE-TITLE',
      'TAX-REGISTRATION',
    ]);
    for (const m of preview.materials) expect(m, m.materialId).toMatchObject({ available: true, consentRequired: false });
  });

  it('reports the share of materials the platform supplies, and data quality per department', async () => {
    const bigData = await login('staff', 'data.bigdata');
    const metrics = (await bigData.get('/api/v1/datahub/metrics')).json();
    expect(metrics.overall.items).toBe(buildDemoCatalogue().length);
    for (const code of ['SH-YJS-001', 'SH-YJS-002']) {
      const item = metrics.items.find((i: { code: string }) => i.code === code);
      expect(item.uncovered, code).toEqual([]);
      expect(item.eliminatedBySharing).toBe(item.fromHub);
    }
    expect(metrics.overall.platformShare).toBeGreaterThan(0.2);
    console.log(
      `data hub metrics: ${metrics.overall.suppliedByPlatform}/${metrics.overall.materials} materials supplied by the platform (${metrics.overall.platformShare}), ${metrics.overall.eliminatedBySharing} by sharing (${metrics.overall.sharingShare})`,
    );

    const quality = (await bigData.get('/api/v1/datahub/quality')).json();
    const checked = quality.resources.filter((r: { status: string }) => r.status === 'checked');
    expect(checked.map((r: { resource: string }) => r.resource).sort()).toEqual([
      'BIRTH',
      'DEGREE',
      'DRIVING-LICENCE',
      'ENTERPRISE-REGISTRATION',
      'HOUSING-FUND',
      'MARRIAGE',
      'POPULATION',
      'REAL-ESTATE-TITLE',
      'SOCIAL-INSURANCE',
      'TAX-REGISTRATION',
      'VEHICLE',
    ]);
    for (const r of checked) expect(r, r.resource).toMatchObject({ validity: 1, completeness: 1, freshness: 1 });
    const psb = (await (await login('staff', 'data.psb')).get('/api/v1/datahub/quality')).json();
    expect(psb.resources.map((r: { resource: string }) => r.resource).sort()).toEqual(['DRIVING-LICENCE', 'POPULATION', 'VEHICLE']);
  }, 120_000); // scans every registry of the demo city, the population register included
});
