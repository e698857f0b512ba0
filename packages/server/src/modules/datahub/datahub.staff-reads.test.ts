import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginStaff, staff } from '../../../test/fixtures/identity-fixtures.ts';
import { presentAtWindow } from '../../../test/fixtures/presence.ts';
import type { TestClient } from '../../../test/harness.ts';
import { createHubWorld, family, fileOnline, type HubWorld } from './testing/world.ts';

/**
 * Issue 14, findings 3 and 9: staff reads of a person's case, material files, drafts and pre-fill
 * were not recorded anywhere the person could see (pre-fill named the item's department, not the
 * clerk's centre). Every staff route that returns a person's data now declares
 * `config.personalData`, and every such read is an entry in the person's "who used my data" that
 * names the reader's own department or centre and the staff member.
 *
 * Generated over the registered routes: every route that declares `personalData` (a kind) must
 * have a probe below, and each probe must leave such an entry; every staff-reachable GET route of
 * the modules that hold case and data-hub data must declare it (a kind, or `false`).
 */
let w: HubWorld;
let permit: { caseId: string; trackingNumber: string };
let old: { caseId: string; trackingNumber: string };
let materialId: string;
let draftId: string;
let reviewer: TestClient;
let approver: TestClient;
let clerk: TestClient;

type Usage = {
  id: string;
  channel: string;
  consumerDepartmentId: string | null;
  actorType: string;
  actorName?: string | null;
  caseId: string | null;
};
const usageOf = async (): Promise<Usage[]> => (await (await w.user('gina')).get('/api/v1/datahub/my-data-usage?pageSize=200')).json().items;

beforeAll(async () => {
  w = await createHubWorld();
  const gina = await w.user('gina');
  permit = await fileOnline(w, 'gina', 'DH-PERMIT', {
    form: { 'applicant.name': family.gina.name, 'applicant.id_number': family.gina.idNumber },
  });
  // DH-OLD still asks for an uploaded copy of the household register: a material file.
  await gina.ensureCsrf();
  const boundary = '----tongban';
  const pdf = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';
  const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="户口簿.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${boundary}--\r\n`;
  const up = await gina.request('POST', '/api/v1/cases/uploads', payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  expect(up.statusCode, up.body).toBe(201);
  old = await fileOnline(w, 'gina', 'DH-OLD', { materials: [{ materialId: 'household_copy', uploadId: up.json().items[0].id }] });
  const detail = (await gina.get(`/api/v1/cases/${old.caseId}`)).json();
  materialId = detail.materials.find((m: { materialId: string }) => m.materialId === 'household_copy').id;

  reviewer = await w.staff('pdReviewer');
  approver = await loginStaff(w.app, 'approver');
  clerk = await loginStaff(w.app, 'hpClerk');
  // The clerk's reads need the person present: her ID card read at the clerk's centre.
  await presentAtWindow(w.app, clerk, 'SH-HP-WT', family.gina);
  // Decided, so that its result certificate can be read.
  expect((await reviewer.post(`/api/v1/cases/${old.caseId}/actions/approve`, { opinion: '符合条件' })).statusCode).toBe(200);
  const decided = await approver.post(`/api/v1/cases/${old.caseId}/actions/decide`, {
    outcome: 'approved',
    reasons: '符合法定条件',
    legalBasis: [{ law: '《行政许可法》', article: '第三十八条' }],
  });
  expect(decided.statusCode, decided.body).toBe(200);
  const draft = await clerk.post('/api/v1/cases/drafts', {
    itemCode: 'DH-PERMIT',
    applicantIdNumber: family.gina.idNumber,
    form: { 'applicant.name': family.gina.name },
    materials: [],
    answers: {},
    contact: {},
  });
  expect(draft.statusCode, draft.body).toBe(201);
  draftId = draft.json().id;
}, 240_000);
afterAll(() => w.close());

type Probe = { reader: () => TestClient; department: string; name: string; url: () => string };
const byReviewer = (url: () => string): Probe => ({
  reader: () => reviewer,
  department: 'SH-PD-SAMR',
  name: staff.reviewer.name,
  url,
});
const byClerk = (url: () => string): Probe => ({
  reader: () => clerk,
  department: staff.hpClerk.departmentId,
  name: staff.hpClerk.name,
  url,
});

/** One request per route that declares `personalData`, by a member of staff who may make it. */
const probes: Record<string, Probe> = {
  'GET /api/v1/cases/:id': byReviewer(() => `/api/v1/cases/${permit.caseId}`),
  'GET /api/v1/cases/:id/result': byReviewer(() => `/api/v1/cases/${old.caseId}/result`),
  'GET /api/v1/cases/:id/materials/:materialId/file': byReviewer(() => `/api/v1/cases/${old.caseId}/materials/${materialId}/file`),
  'GET /api/v1/datahub/cases/:caseId/supplies': byReviewer(() => `/api/v1/datahub/cases/${permit.caseId}/supplies`),
  'GET /api/v1/cases/lookup': byClerk(
    () => `/api/v1/cases/lookup?trackingNumber=${permit.trackingNumber}&idNumber=${family.gina.idNumber}`,
  ),
  'GET /api/v1/cases/drafts': byClerk(() => `/api/v1/cases/drafts?applicantIdNumber=${family.gina.idNumber}`),
  'GET /api/v1/cases/drafts/:id': byClerk(() => `/api/v1/cases/drafts/${draftId}`),
  'GET /api/v1/datahub/prefill': byClerk(() => `/api/v1/datahub/prefill?item=DH-PERMIT&applicant=${family.gina.idNumber}`),
  'GET /api/v1/people/:idNumber': byClerk(() => `/api/v1/people/${family.gina.idNumber}`),
};

/** The modules whose staff GET routes must each say whether they return a person's data. */
const personalPrefixes = ['/api/v1/cases', '/api/v1/datahub', '/api/v1/people', '/api/v1/workbench'];

describe('every staff read of a person’s data is in their “who used my data”', () => {
  it('makes every staff-reachable GET route of cases and the data hub declare config.personalData', () => {
    const undeclared = w.app.registeredRoutes
      .filter((r) => r.method === 'GET' && r.access !== 'public' && r.access !== 'user')
      .filter((r) => personalPrefixes.some((p) => r.url.startsWith(p)))
      .filter((r) => (r as { personalData?: unknown }).personalData === undefined)
      .map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
  });

  it('has a probe for every route that declares it, and no probe for a route that does not', () => {
    const declared = w.app.registeredRoutes
      .filter((r) => {
        const kind = (r as { personalData?: unknown }).personalData;
        return kind !== undefined && kind !== false;
      })
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(declared).toEqual(Object.keys(probes).sort());
  });

  for (const [route, probe] of Object.entries(probes)) {
    it(`logs ${route} under the reader’s own department, with the reader's name kept for data officers`, async () => {
      const before = new Set((await usageOf()).map((u) => u.id));
      const res = await probe.reader().get(probe.url());
      expect(res.statusCode, res.body).toBe(200);
      const added = (await usageOf()).filter((u) => !before.has(u.id));
      expect(added.length, route).toBeGreaterThan(0);
      // The person sees which department or centre read their data; the staff member is kept in
      // the log for the data officer's console, not shown in the person's own log.
      for (const entry of added) {
        expect(entry).toMatchObject({ consumerDepartmentId: probe.department, actorType: 'staff', actorName: null });
      }
      const kept = await w.app.platform.db.query<{ actor_name: string | null }>(
        'select actor_name from datahub_exchange where id = any($1)',
        [added.map((u) => u.id)],
      );
      expect(kept.map((k) => k.actor_name)).toEqual(added.map(() => probe.name));
    });
  }

  it('does not log the applicant’s own reads as a staff read', async () => {
    const before = (await usageOf()).length;
    const gina = await w.user('gina');
    expect((await gina.get(`/api/v1/cases/${permit.caseId}`)).statusCode).toBe(200);
    expect((await gina.get(`/api/v1/cases/drafts/${draftId}`)).statusCode).toBe(200);
    expect((await usageOf()).length).toBe(before);
  });
});
