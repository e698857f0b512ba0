import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';

/**
 * The API document as the server serves it, linted with Redocly's recommended rules (none
 * switched off): a route added without a summary, a tag, an error answer or security fails here.
 */
/**
 * Known, not accepted: path pairs that Redocly's no-ambiguous-paths calls ambiguous (Fastify prefers
 * the static segment, so the server answers right, but a client generator may not). Renaming them
 * moves URLs that issued licences (status lists) and the web app use; it is tracked in the issue
 * and this list may only shrink.
 */
const KNOWN_AMBIGUOUS = [
  '`/api/v1/licences/status/{listId}` and `/api/v1/licences/{id}/shares`',
  '`/api/v1/licences/status/{listId}` and `/api/v1/licences/{id}/qr`',
  '`/api/v1/licences/status/{listId}` and `/api/v1/licences/{id}/credential`',
  '`/api/v1/cases/{id}/result` and `/api/v1/cases/drafts/{id}`',
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the OpenAPI document', () => {
  it("passes Redocly's recommended rules with no errors", async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: res.body, absoluteRef: 'openapi.json', config });
    const describe = (p: (typeof problems)[number]) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`;
    const known = (p: (typeof problems)[number]) =>
      p.ruleId === 'no-ambiguous-paths' && KNOWN_AMBIGUOUS.some((pair) => p.message.includes(pair));
    const errors = problems.filter((p) => p.severity === 'error' && !known(p)).map(describe);
    const warnings = problems.filter((p) => p.severity === 'warn' && !known(p)).map(describe);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    // The known list may only shrink: a pair that is no longer reported must leave it.
    expect(problems.filter(known)).toHaveLength(KNOWN_AMBIGUOUS.length);
  });
});
