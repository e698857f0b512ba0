import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginStaff, loginUser, people, seedIdentityFixtures } from '../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/harness.ts';
import { recordDataUse } from './index.ts';

/**
 * The data officer's exchange log (`GET /datahub/usage`): who in the consuming department used the
 * department's data — the staff member, not only the department — filtered by date range, subject
 * and resource.
 */
let t: TestApp;
let officer: TestClient;

type Use = { when: string; subject: string; resource: string; provider: string; actor: string };
const uses: Use[] = [
  { when: '2026-03-01T10:00:00+08:00', subject: people.alice.idNumber, resource: 'POPULATION', provider: 'SH-PSB', actor: 'st-reviewer' },
  { when: '2026-03-02T10:00:00+08:00', subject: people.bob.idNumber, resource: 'POPULATION', provider: 'SH-PSB', actor: 'st-approver' },
  { when: '2026-03-03T10:00:00+08:00', subject: people.alice.idNumber, resource: 'HOUSEHOLD', provider: 'SH-PSB', actor: 'st-reviewer' },
  { when: '2026-03-02T11:00:00+08:00', subject: people.alice.idNumber, resource: 'MARRIAGE', provider: 'SH-CA', actor: 'st-reviewer' },
];

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '1000' });
  await seedIdentityFixtures(t.app);
  officer = await loginStaff(t.app, 'dataOfficer');
  for (const u of uses) {
    await t.app.platform.db.transaction((tx) =>
      recordDataUse(tx, new Date(u.when), {
        channel: 'filing',
        action: 'datahub.exchange.succeeded',
        actor: { type: 'staff', id: u.actor },
        resource: u.resource,
        resourceName: { zh: u.resource, en: u.resource },
        providerDepartmentId: u.provider,
        consumerDepartmentId: 'SH-PD-SAMR',
        subject: u.subject,
        fields: ['name'],
        purpose: '审查申请',
        caseId: `case-${u.when}`,
        target: { type: 'case', id: `case-${u.when}` },
      }),
    );
  }
});
afterAll(() => t.close());

type Entry = { resource: string; subject: string; at: string; actorId: string | null; actorName: string | null; caseId: string | null };
const list = async (query: string) => {
  const res = await officer.get(`/api/v1/datahub/usage?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Entry[] }).items;
};

describe('GET /api/v1/datahub/usage for the data officer console', () => {
  it('names the staff member who used the data, besides the department, purpose and case', async () => {
    const items = await list('');
    expect(items.map((e) => `${e.resource}:${e.actorId}:${e.actorName}`)).toEqual([
      'HOUSEHOLD:st-reviewer:吴刚',
      'POPULATION:st-approver:郑丽',
      'POPULATION:st-reviewer:吴刚',
    ]);
    expect(items[0]).toMatchObject({ consumerDepartmentName: expect.any(String), purpose: '审查申请', caseId: expect.any(String) });
  });

  it('filters by subject (the full ID number), still answering it masked', async () => {
    const items = await list(`subject=${people.alice.idNumber}`);
    expect(items.map((e) => e.resource)).toEqual(['HOUSEHOLD', 'POPULATION']);
    expect(items.every((e) => e.subject.includes('*'))).toBe(true);
  });

  it('filters by a date range: from inclusive, to exclusive', async () => {
    const from = encodeURIComponent('2026-03-02T00:00:00+08:00');
    const to = encodeURIComponent('2026-03-03T10:00:00+08:00');
    expect((await list(`from=${from}&to=${to}`)).map((e) => e.actorId)).toEqual(['st-approver']);
    expect((await list(`from=${from}`)).map((e) => e.resource)).toEqual(['HOUSEHOLD', 'POPULATION']);
  });

  it('combines the filters with the resource filter and paging', async () => {
    expect((await list(`resource=POPULATION&subject=${people.alice.idNumber}`)).map((e) => e.actorId)).toEqual(['st-reviewer']);
    const first = await officer.get('/api/v1/datahub/usage?pageSize=2');
    expect(first.json()).toMatchObject({ hasMore: true });
    expect((await list('pageSize=2&page=2')).map((e) => e.resource)).toEqual(['POPULATION']);
  });

  it('refuses a malformed subject or date with the field', async () => {
    for (const [query, field] of [
      ['subject=abc', 'querystring.subject'],
      ['from=2026-13-01', 'querystring.from'],
    ] as const) {
      const res = await officer.get(`/api/v1/datahub/usage?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
  });

  it('shows the person their own log without the staff member’s name', async () => {
    // The person sees the department that read their data; staff names stay inside government.
    const alice = await loginUser(t.app, 'alice');
    const items = (await alice.get('/api/v1/datahub/my-data-usage')).json().items as Entry[];
    expect(items.length).toBe(3);
    expect(items.every((e) => e.actorId === null && e.actorName === null)).toBe(true);
  });
});
