import { FORM_LIMITS } from '@tongban/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/harness.ts';
import { type CasesWorld, createCasesWorld } from './testing/case-fixtures.ts';

/**
 * A form is bounded (domain FORM_LIMITS: number of fields, total bytes; values are flat strings or
 * numbers), generated over the OpenAPI document: every operation whose JSON body carries a `form`
 * (drafts, submissions, window intake, preview) refuses an oversized one with 400
 * VALIDATION_FAILED naming `body.form`, and stores nothing.
 */

type Schema = { properties?: Record<string, { type?: string }> };
type Doc = { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>> };

let w: CasesWorld;
let ops: { method: string; path: string; url: string }[];
beforeAll(async () => {
  w = await createCasesWorld();
  const doc = (await w.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as Doc;
  ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, op]) => op.requestBody?.content?.['application/json']?.schema?.properties?.form?.type === 'object')
      .map(([method]) => ({ method: method.toUpperCase(), path, url: path.replace(/\{\w+\}/g, '6f1c7c52-8f3e-4b7a-9d7e-1a2b3c4d5e6f') })),
  );
}, 120_000);
afterAll(() => w.close());

async function clientFor(method: string, path: string): Promise<TestClient> {
  const route = w.app.registeredRoutes.find((r) => r.method === method && r.url === path.replace(/\{(\w+)\}/g, ':$1'));
  return typeof route?.access === 'object' ? w.staff('clerk') : w.user('alice');
}

const manyKeys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, 'x']));

describe('form size limits', () => {
  it('finds the operations that take a form', () => {
    expect(ops.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/cases',
        'POST /api/v1/cases/drafts',
        'PUT /api/v1/cases/drafts/{id}',
        'POST /api/v1/cases/window-intake',
      ]),
    );
  });

  it.each([
    ['50,000 keys', () => manyKeys(50_000)],
    ['one key over the limit', () => manyKeys(FORM_LIMITS.maxKeys + 1)],
    ['more bytes than the limit', () => Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}`, '长'.repeat(5000)]))],
  ])('refuses a form with %s on every operation that takes one, naming body.form', async (_label, form) => {
    const wrong: string[] = [];
    for (const o of ops) {
      const client = await clientFor(o.method, o.path);
      const res = await client.request(o.method as 'POST' | 'PUT', o.url, { itemCode: 'TEST-PERMIT', form: form() });
      const body = res.json();
      const fields = [body.field, ...(body.details?.issues ?? []).map((i: { field: string }) => i.field)];
      if (res.statusCode !== 400 || body.code !== 'VALIDATION_FAILED' || !fields.includes('body.form'))
        wrong.push(`${o.method} ${o.path} → ${res.statusCode} ${body.code} ${body.field}`);
    }
    expect(wrong).toEqual([]);
    const [drafts] = await w.app.platform.db.query<{ n: number }>('select count(*)::int as n from case_draft');
    expect(drafts?.n).toBe(0);
  });

  it('still takes a form at the limits', async () => {
    const alice = await w.user('alice');
    const res = await alice.post('/api/v1/cases/drafts', { itemCode: 'TEST-PERMIT', form: manyKeys(FORM_LIMITS.maxKeys) });
    expect(res.statusCode, res.body).toBe(201);
  });
});
