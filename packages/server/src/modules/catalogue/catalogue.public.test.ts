import { itemGuideSchema } from '@tongban/domain';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { catalogueFixtures } from './testing/catalogue-fixtures.ts';
import { seedCatalogueFixtures } from './testing/fixture-setup.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedCatalogueFixtures(t.app, { items: catalogueFixtures });
});
afterAll(() => t.close());

const get = async (url: string) => t.app.inject({ method: 'GET', url });
type Hit = { code: string; name: { zh: string; en: string }; department: { id: string; name: { zh: string } } };
type SearchBody = { items: Hit[]; total: number; match: string };

async function search(params: Record<string, string>): Promise<SearchBody> {
  const res = await get(`/api/v1/catalogue/search?${new URLSearchParams(params)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as SearchBody;
}
const codes = (b: SearchBody) => b.items.map((i) => i.code);

describe('search', () => {
  it.each([
    ['营业执照', 'SAMR-QYSL'],
    ['开办企业', 'BDL-QYKB'],
    ['生育', 'HC-SYDJ'],
    ['公积金提取', 'HPF-TQ'],
    ['住房公积金', 'HPF-TQ'],
    ['身份证', 'PSB-SFZ'],
    ['结婚登记', 'CA-JHDJ'],
    ['新生儿', 'BDL-CSYJS'],
  ])('puts the right item first for %s', async (q, code) => {
    const body = await search({ q });
    expect(body.match).toBe('exact');
    expect(codes(body)[0]).toBe(code);
  });

  it('ranks name matches before items that only mention the words', async () => {
    // 营业执照 appears in the materials of five more items; the one named after it comes first.
    const body = await search({ q: '营业执照' });
    expect(body.total).toBeGreaterThanOrEqual(6);
    expect(codes(body)).toEqual(expect.arrayContaining(['SAMR-QYBG', 'PSB-GZBA', 'TAX-SCLP']));
    // 生育 in the name (two items) before 生育 only in themes or summaries.
    const birth = await search({ q: '生育' });
    expect(codes(birth).slice(0, 2).sort()).toEqual(['HC-SYDJ', 'HSA-SYJT']);
  });

  it('finds English names', async () => {
    expect(codes(await search({ q: 'provident fund withdrawal' }))[0]).toBe('HPF-TQ');
    expect(codes(await search({ q: 'Driving licence' }))[0]).toBe('PSB-JSZHZ');
    expect(codes(await search({ q: 'MARRIAGE' }))[0]).toBe('CA-JHDJ');
  });

  it('still finds items through typos', async () => {
    const chinese = await search({ q: '营业执招' });
    expect(chinese.match).toBe('fuzzy');
    expect(codes(chinese)[0]).toBe('SAMR-QYSL');
    expect(codes(await search({ q: '公积金体取' }))[0]).toBe('HPF-TQ');
    const english = await search({ q: 'establishment registraton' });
    expect(english.match).toBe('fuzzy');
    expect(codes(english)[0]).toBe('SAMR-QYSL');
    const licence = await search({ q: 'bussiness licence' });
    expect(licence.match).toBe('fuzzy');
    expect(codes(licence).slice(0, 2)).toContain('SAMR-QYSL');
  });

  it('lists and filters without a query, most used first', async () => {
    const all = await search({ pageSize: '100' });
    expect(all).toMatchObject({ match: 'all', total: catalogueFixtures.length });
    expect(codes(all)[0]).toBe('PSB-SFZ');
    const fund = await search({ department: 'SH-HPF' });
    expect(codes(fund)).toEqual(['HPF-TQ', 'HPF-DK', 'HPF-DWJC']);
    expect(fund.items[0]?.department.name.zh).toBe('上海市住房公积金管理中心');
    expect(codes(await search({ type: 'administrative_benefit' })).sort()).toEqual(['HRSS-TXSL', 'HSA-SYJT']);
    expect(codes(await search({ theme: '婚育', pageSize: '50' })).sort()).toEqual([
      'BDL-CSYJS',
      'CA-JHDJ',
      'HC-CSYX',
      'HC-SYDJ',
      'HSA-SYJT',
      'PSB-CSDJ',
    ]);
    // The bundle's summary mentions 登记 too.
    expect(codes(await search({ event: '企业开办', q: '登记' })).sort()).toEqual([
      'BDL-QYKB',
      'HPF-DWJC',
      'HRSS-DWCB',
      'SAMR-GTSL',
      'SAMR-QYSL',
    ]);
    const persons = await search({ applicantType: 'person', pageSize: '100' });
    expect(codes(persons)).toContain('WATER-JR'); // "both"
    expect(codes(persons)).not.toContain('SAMR-QYSL');
    const noVisit = await search({ zeroVisits: 'true', pageSize: '100' });
    expect(codes(noVisit)).not.toContain('PSB-SFZ');
    expect(noVisit.total).toBe(catalogueFixtures.filter((i) => i.visits === 0).length);
    expect(codes(await search({ bundle: 'true' }))).toEqual(['BDL-QYKB', 'BDL-CSYJS']);
    expect(codes(await search({ channel: 'mail_result' }))).toEqual([]);
  });

  it('pages', async () => {
    const page1 = await search({ pageSize: '4', page: '1' });
    const page2 = await search({ pageSize: '4', page: '2' });
    expect(page1.items).toHaveLength(4);
    expect(codes(page2).some((c) => codes(page1).includes(c))).toBe(false);
    expect(page2.total).toBe(catalogueFixtures.length);
  });

  it('answers bad filters with the field', async () => {
    for (const [query, field] of [
      ['pageSize=1000', 'querystring.pageSize'],
      ['type=licence', 'querystring.type'],
      [`q=${'长'.repeat(201)}`, 'querystring.q'],
      ['zeroVisits=maybe', 'querystring.zeroVisits'],
    ] as const) {
      const res = await get(`/api/v1/catalogue/search?${encodeURI(query)}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    // Query syntax characters are words, not operators.
    expect((await get(`/api/v1/catalogue/search?q=${encodeURIComponent("营业 & | ! ' :* <-> (")}`)).statusCode).toBe(200);
  });
});

describe('item guide', () => {
  it('shows everything an applicant needs, splitting what the platform fetches from what to bring', async () => {
    const res = await get('/api/v1/catalogue/items/HPF-TQ');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const guide = itemGuideSchema.parse(res.json());
    expect(guide).toMatchObject({
      code: 'HPF-TQ',
      version: 1,
      department: { id: 'SH-HPF', name: { zh: '上海市住房公积金管理中心' } },
      typeLabel: { zh: '公共服务' },
    });
    expect(guide.materials.platform.map((m) => m.id)).toEqual(['id_card', 'retirement']);
    expect(guide.materials.applicant.map((m) => m.id)).toEqual(['purchase_contract', 'rent_record']);
    expect(guide.content.legalBasis[0]?.law).toBe('《住房公积金管理条例》');
    expect(guide.stepDepartments.responsible?.id).toBe('SH-HPF');
    // Served again from the cache, identical.
    expect((await get('/api/v1/catalogue/items/HPF-TQ')).body).toBe(res.body);
  });

  it('answers unknown and malformed codes', async () => {
    expect((await get('/api/v1/catalogue/items/NO-SUCH')).json()).toMatchObject({ code: 'CATALOGUE_ITEM_NOT_FOUND' });
    expect((await get('/api/v1/catalogue/items/NO-SUCH')).statusCode).toBe(404);
    const bad = await get('/api/v1/catalogue/items/bad%20code');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'params.code' });
  });

  it('narrows the materials to the situation answers', async () => {
    const open = (await get('/api/v1/catalogue/items/HPF-TQ/materials')).json();
    expect(open.pending.map((q: { id: string }) => q.id)).toEqual(['purpose']);
    expect(open.undecided.map((m: { id: string }) => m.id)).toEqual(['purchase_contract', 'rent_record', 'retirement']);
    const buy = (await get('/api/v1/catalogue/items/HPF-TQ/materials?a.purpose=buy')).json();
    expect(buy).toMatchObject({ answers: { purpose: 'buy' }, pending: [], undecided: [] });
    expect(buy.materials.applicant.map((m: { id: string }) => m.id)).toEqual(['purchase_contract']);
    expect(buy.materials.platform.map((m: { id: string }) => m.id)).toEqual(['id_card']);
    const retire = (await get(`/api/v1/catalogue/items/HPF-TQ/materials?answers=${encodeURIComponent('{"purpose":"retire"}')}`)).json();
    expect(retire.materials.platform.map((m: { id: string }) => m.id)).toEqual(['id_card', 'retirement']);
    expect(retire.materials.applicant).toEqual([]);
  });

  it('narrows a bundle through its merged situations', async () => {
    const agent = (await get('/api/v1/catalogue/items/BDL-QYKB/materials?a.applicant_kind=agent')).json();
    expect(agent.materials.applicant.map((m: { id: string }) => m.id)).toContain('power_of_attorney');
    const self = (await get('/api/v1/catalogue/items/BDL-QYKB/materials?a.applicant_kind=self')).json();
    expect(self.materials.applicant.map((m: { id: string }) => m.id)).not.toContain('power_of_attorney');
  });

  it('refuses answers to unknown questions or options, naming them', async () => {
    for (const [query, field] of [
      ['a.purpose=steal', 'query.a.purpose'],
      ['a.colour=red', 'query.a.colour'],
      ['answers=notjson', 'query.answers'],
      [`answers=${encodeURIComponent('{"purpose":1}')}`, 'query.answers.purpose'],
      [`answers=${encodeURIComponent('{"__proto__":"x"}')}`, 'query.a.__proto__'],
      ['a.purpose=buy&a.purpose=rent', 'query.a.purpose'],
    ] as const) {
      const res = await get(`/api/v1/catalogue/items/HPF-TQ/materials?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
  });
});

describe('bundles, themes, events, popular items, departments', () => {
  it('lists bundles and shows one merged', async () => {
    const list = (await get('/api/v1/catalogue/bundles')).json();
    expect(list.items.map((b: { code: string }) => b.code)).toEqual(['BDL-QYKB', 'BDL-CSYJS']);
    expect(list.items[1].members.map((m: { code: string }) => m.code)).toEqual(['HC-CSYX', 'PSB-CSDJ', 'HSA-XSECB', 'HRSS-SBK']);
    const birth = (await get('/api/v1/catalogue/bundles/BDL-CSYJS')).json();
    expect(birth.bundle.form.map((f: { key: string }) => f.key)).toEqual([
      'applicant.name',
      'applicant.id_number',
      'child.name',
      'child.birth_date',
    ]);
    // The birth certificate is produced by the first member and fetched for the others.
    expect(birth.bundle.materials.platform.filter((m: { source: { kind: string } }) => m.source.kind === 'licence')).toHaveLength(1);
    expect(birth.bundle.results.map((r: { code: string }) => r.code)).toEqual(['HC-CSYX']);
    expect((await get('/api/v1/catalogue/bundles/HPF-TQ')).statusCode).toBe(404);
  });

  it('counts items per theme and event, with labels', async () => {
    const themes = (await get('/api/v1/catalogue/themes')).json().items as { id: string; label: { zh: string }; count: number }[];
    expect(themes.find((x) => x.id === '婚育')).toEqual({ id: '婚育', label: { zh: '婚育', en: 'Marriage and childbirth' }, count: 6 });
    const events = (await get('/api/v1/catalogue/events')).json().items as { id: string; count: number }[];
    expect(events.find((x) => x.id === '新生儿出生')?.count).toBe(7);
    expect(
      (await get(`/api/v1/catalogue/search?event=${encodeURIComponent('新市民落户/居住证')}`)).json().items.map((i: Hit) => i.code),
    ).toEqual(['PSB-JZZ']);
    expect(events[0]?.count).toBeGreaterThanOrEqual(events[1]?.count ?? 0);
  });

  it('lists the most-used items and the departments with items', async () => {
    const popular = (await get('/api/v1/catalogue/popular?limit=3')).json();
    expect(popular.items.map((i: { code: string }) => i.code)).toEqual(['PSB-SFZ', 'SAMR-QYSL', 'HPF-TQ']);
    const departments = (await get('/api/v1/catalogue/departments')).json().items as { id: string; count: number; name: { zh: string } }[];
    expect(departments[0]).toEqual({
      id: 'SH-SAMR',
      name: { zh: '上海市市场监督管理局', en: 'Shanghai Market Regulation Bureau' },
      count: 6,
    });
    expect(departments.reduce((n, d) => n + d.count, 0)).toBe(catalogueFixtures.length);
  });
});

describe('open data', () => {
  it('publishes CPSV-AP JSON-LD that expands with the bundled context and no network', async () => {
    const res = await get('/api/v1/catalogue/cpsv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/ld+json');
    const doc = res.json();
    const contextUrl = doc['@context'][0] as string;
    expect(contextUrl).toMatch(/\/api\/v1\/catalogue\/cpsv\/context\.jsonld$/);
    const context = (await get(new URL(contextUrl).pathname)).json();
    const loaded: string[] = [];
    const documentLoader = async (url: string) => {
      loaded.push(url);
      if (url !== contextUrl) throw new Error(`no network: ${url}`);
      return { contextUrl: undefined, documentUrl: url, document: context };
    };
    const expanded = (await jsonld.expand(doc, { documentLoader: documentLoader as never })) as Record<string, unknown>[];
    expect(loaded).toEqual([contextUrl]);
    const services = expanded.filter((n) => (n['@type'] as string[] | undefined)?.includes('http://purl.org/vocab/cpsv#PublicService'));
    expect(services).toHaveLength(catalogueFixtures.length);
    const CV = 'http://data.europa.eu/m8g/';
    for (const s of services) {
      const authority = (s[`${CV}hasCompetentAuthority`] as Record<string, unknown>[])[0];
      expect(authority?.['@type']).toEqual([`${CV}PublicOrganisation`]);
      expect((s['http://purl.org/vocab/cpsv#hasInput'] as unknown[]).length).toBeGreaterThan(0);
      expect(s[`${CV}processingTime`]).toEqual([
        { '@type': 'http://www.w3.org/2001/XMLSchema#duration', '@value': expect.stringMatching(/^P\d+D$/) },
      ]);
      expect((s[`${CV}hasLegalResource`] as unknown[]).length).toBeGreaterThan(0);
      expect(s[`${CV}hasCost`]).toBeDefined();
    }
    const fund = services.find((s) => (s['@id'] as string).endsWith('/items/HPF-TQ')) as Record<string, unknown>;
    expect(fund['http://purl.org/dc/terms/title']).toEqual(
      expect.arrayContaining([
        { '@value': '住房公积金提取', '@language': 'zh' },
        { '@value': 'Housing provident fund withdrawal', '@language': 'en' },
      ]),
    );
    expect(fund[`${CV}processingTime`]).toEqual([{ '@type': 'http://www.w3.org/2001/XMLSchema#duration', '@value': 'P3D' }]);
    const id = (await jsonld.expand(doc, { documentLoader: documentLoader as never })) as Record<string, unknown>[];
    expect(id).toEqual(expanded);
  });

  it('publishes the catalogue as CSV', async () => {
    const res = await get('/api/v1/catalogue/cpsv.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]?.startsWith('code,name_zh,name_en,type')).toBe(true);
    expect(lines).toHaveLength(catalogueFixtures.length + 1);
    const fund = lines.find((l) => l.startsWith('HPF-TQ,'));
    expect(fund).toContain('住房公积金提取,Housing provident fund withdrawal,public_service,公共服务,SH-HPF,上海市住房公积金管理中心');
  });
});
