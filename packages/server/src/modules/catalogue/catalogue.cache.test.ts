import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serviceItemInputSchema } from '@tongban/domain';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { GENERATION_CHECK_MS, settleCatalogueCache } from './catalogue.cache.ts';
import { createDraft, publishVersion, submitVersion, withdrawItem } from './catalogue.service.ts';
import { importCatalogue } from './index.ts';
import { acceptsEncoding } from './routes/send-cached.ts';
import { catalogueFixtures } from './testing/catalogue-fixtures.ts';
import { ctxFor, seedCatalogueFixtures, fixtureStaff as staff } from './testing/fixture-setup.ts';
import { buildItem } from './testing/item-builder.ts';
import { buildSearchQuery } from './use-cases/search-text.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedCatalogueFixtures(t.app, { items: catalogueFixtures });
});
afterAll(() => t.close());

const get = async (url: string) => t.app.inject({ method: 'GET', url });
type SearchBody = { items: { code: string }[]; total: number; match: string };
async function search(params: Record<string, string>): Promise<{ body: SearchBody; raw: string }> {
  const res = await get(`/api/v1/catalogue/search?${new URLSearchParams(params)}`);
  expect(res.statusCode, res.body).toBe(200);
  return { body: res.json() as SearchBody, raw: res.body };
}
const codes = (b: SearchBody) => b.items.map((i) => i.code);

/** The SQL statements `run` sends to the database. */
async function queriesDuring(run: () => Promise<unknown>): Promise<string[]> {
  const spy = vi.spyOn(t.app.platform.db, 'query');
  try {
    await run();
    return spy.mock.calls.map(([text]) => text.replace(/\s+/g, ' ').trim());
  } finally {
    spy.mockRestore();
  }
}
const GENERATION_QUERY = 'select generation::text as generation from catalogue_state';

describe('search ranking in two steps', () => {
  it('orders every page exactly as sorting all matches by every key would', async () => {
    // The reference: one query sorting every match by all keys (the costly trigram similarity included).
    const reference = async (q: string) => {
      const s = buildSearchQuery(q);
      if (!s) throw new Error(q);
      const rows = await t.app.platform.db.query<{ code: string }>(
        `select i.code from catalogue_item i, to_tsquery('simple', $1) q, to_tsquery('simple', $2) qa
         where i.published_version_id is not null and i.search_vector @@ q
         order by (i.search_vector @@ qa) desc, ts_rank_cd('{0.05, 0.2, 0.4, 1.0}', i.search_vector, q) desc,
                  similarity(i.search_name, $3) desc, i.popularity desc, i.code`,
        [s.strict, s.strictName, s.text],
      );
      return rows.map((r) => r.code);
    };
    let compared = 0;
    for (const q of ['登记', '证', '许可', '营业执照', '公积金', 'registration', '申请']) {
      const expected = await reference(q);
      const pages: string[] = [];
      for (let page = 1; page <= Math.ceil(expected.length / 3) + 1; page++) {
        const { body } = await search({ q, pageSize: '3', page: String(page) });
        if (body.items.length > 0) expect(body).toMatchObject({ match: 'exact', total: expected.length });
        pages.push(...codes(body));
      }
      expect(pages, q).toEqual(expected);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(40);
  });
});

describe('cached public reads', () => {
  it('serves a repeated search from the cache, and shows a publication and a withdrawal at once', async () => {
    const first = await search({ q: '道路挖掘' });
    expect(codes(first.body)).not.toContain('PD-CACHE-1');
    // The same query again (spaces and full-width letters aside) costs no query.
    expect(await queriesDuring(() => search({ q: ' 道路挖掘 ' }))).toEqual([]);
    expect(await queriesDuring(() => search({ q: 'ＲＯＡＤ' }))).not.toEqual([]);
    expect(await queriesDuring(() => search({ q: 'road' }))).toEqual([]);

    const item = buildItem({ code: 'PD-CACHE-1', zh: '道路挖掘许可', en: 'Road excavation permit', department: 'SH-PD-SAMR' });
    const { popularity: _p, ...draft } = item;
    await createDraft(ctxFor(t.app, staff.pdAdmin), serviceItemInputSchema.parse(draft));
    await submitVersion(ctxFor(t.app, staff.pdAdmin), 'PD-CACHE-1');
    await publishVersion(ctxFor(t.app, staff.pdAdmin2), 'PD-CACHE-1');
    const published = await search({ q: '道路挖掘' });
    expect(published.body.match).toBe('exact');
    expect(codes(published.body)[0]).toBe('PD-CACHE-1');
    expect((await get('/api/v1/catalogue/items/PD-CACHE-1')).statusCode).toBe(200);

    await withdrawItem(ctxFor(t.app, staff.pdAdmin2), 'PD-CACHE-1', '测试撤回 test withdrawal');
    expect(codes((await search({ q: '道路挖掘' })).body)).not.toContain('PD-CACHE-1');
    expect((await get('/api/v1/catalogue/items/PD-CACHE-1')).statusCode).toBe(404);
  });

  it("sees another server process's change once the generation check is due, not before", async () => {
    // Another process changes the database: nothing in this process is told.
    t.clock.advance(GENERATION_CHECK_MS);
    const guideBefore = (await get('/api/v1/catalogue/items/WATER-JR')).body;
    const before = await search({ q: '排水许可' });
    await settleCatalogueCache(t.app.platform.db);
    expect(codes(before.body)).not.toContain('PD-CACHE-2');
    const other = buildItem({
      code: 'PD-CACHE-2',
      zh: '城镇污水排入排水管网许可',
      en: 'Sewage discharge permit',
      department: 'SH-PD-SAMR',
    });
    await t.app.platform.db.transaction((tx) => importCatalogue(tx, [other], { publishedBy: 'seed', publishedAt: t.clock.now() }));
    await t.app.platform.db.query(`update catalogue_item set popularity = popularity + 1 where code = 'WATER-JR'`);

    expect((await search({ q: '排水许可' })).raw).toBe(before.raw);
    t.clock.advance(GENERATION_CHECK_MS - 1);
    expect(await queriesDuring(() => search({ q: '排水许可' }))).toEqual([]);
    t.clock.advance(1);
    // The check is due: this request starts it and is answered from the cache without waiting.
    expect(await queriesDuring(async () => expect((await search({ q: '排水许可' })).raw).toBe(before.raw))).toEqual([GENERATION_QUERY]);
    await settleCatalogueCache(t.app.platform.db);
    const after = await search({ q: '排水许可' });
    expect(codes(after.body)).toContain('PD-CACHE-2');
    // Everything was cleared, guides included: rebuilt from the database, same content.
    expect((await get('/api/v1/catalogue/items/PD-CACHE-2')).statusCode).toBe(200);
    let guideAfter = '';
    expect(
      await queriesDuring(async () => {
        guideAfter = (await get('/api/v1/catalogue/items/WATER-JR')).body;
      }),
    ).not.toEqual([]);
    expect(guideAfter).toBe(guideBefore);

    // Nothing changed since: the next check reads the generation and keeps the cache.
    t.clock.advance(GENERATION_CHECK_MS);
    expect(
      await queriesDuring(async () => {
        await search({ q: '排水许可' });
        await settleCatalogueCache(t.app.platform.db);
        await search({ q: '排水许可' });
        await get('/api/v1/catalogue/items/WATER-JR');
      }),
    ).toEqual([GENERATION_QUERY]);
  });
});

describe('compressed answers', () => {
  it('sends cached answers compressed as the client accepts (Brotli first, then gzip), the same JSON', async () => {
    for (const url of ['/api/v1/catalogue/items/HPF-TQ', '/api/v1/catalogue/search?q=%E7%99%BB%E8%AE%B0', '/api/v1/catalogue/popular']) {
      const plain = await get(url);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toContain('accept-encoding');
      const brotli = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(brotli.statusCode).toBe(200);
      expect(brotli.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(brotli.rawPayload).toString('utf8')).toBe(plain.body);
      const zipped = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate' } });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
      expect(brotli.rawPayload.length).toBeLessThan(zipped.rawPayload.length);
      expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length);
      const refused = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip;q=0, br;q=0' } });
      expect(refused.headers['content-encoding']).toBeUndefined();
      expect(refused.body).toBe(plain.body);
    }
  });

  it('reads Accept-Encoding as HTTP defines it', () => {
    expect(acceptsEncoding('gzip', 'gzip')).toBe(true);
    expect(acceptsEncoding('deflate, GZIP;q=0.5', 'gzip')).toBe(true);
    expect(acceptsEncoding('*', 'gzip')).toBe(true);
    expect(acceptsEncoding(['br', 'gzip'], 'gzip')).toBe(true);
    expect(acceptsEncoding(undefined, 'gzip')).toBe(false);
    expect(acceptsEncoding('br, deflate', 'gzip')).toBe(false);
    expect(acceptsEncoding('gzip;q=0', 'gzip')).toBe(false);
    expect(acceptsEncoding('gzip; q=0.000', 'gzip')).toBe(false);
    expect(acceptsEncoding('x-gzip2', 'gzip')).toBe(false);
    expect(acceptsEncoding('gzip, deflate, br', 'br')).toBe(true);
    expect(acceptsEncoding('br;q=0, gzip', 'br')).toBe(false);
    expect(acceptsEncoding('gzip, deflate', 'br')).toBe(false);
  });
});
