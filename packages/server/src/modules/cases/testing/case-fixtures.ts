import { randomUUID } from 'node:crypto';
import type { StaffRole } from '@tongban/domain';
import { expect } from 'vitest';
import {
  enterprises,
  FIXTURE_PASSWORD,
  freshAddress,
  loginStaff,
  loginUser,
  people,
  type StaffKey,
  seedIdentityFixtures,
  strangerIdNumber,
} from '../../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp, TestClient } from '../../../../test/harness.ts';
import type { App } from '../../../app.ts';
import { type ImportItem, importCatalogue } from '../../catalogue/index.ts';
import { hashPassword, importStaff } from '../../identity/index.ts';

/**
 * A small city for the cases tests: the identity fixtures (departments, people, staff) plus a
 * few more staff, and small inline catalogue items imported with catalogue's `importCatalogue`.
 *
 * - TEST-PERMIT (浦东市场监管局): accept (window clerk, 1 day) → review (reviewer, 2) → approve (approver, 1); 5 promised days.
 * - TEST-PARALLEL: accept → SAMR and PSB review in parallel → decision added by the platform.
 * - TEST-SEAL (公安局): review → approve. TEST-BUNDLE: TEST-PERMIT + TEST-SEAL as one thing.
 */
export const extraStaff = [
  { id: 'st-samr-clerk', username: 'clerk.samr', name: '许静', departmentId: 'SH-PD-SAMR', roles: ['window_clerk'] as StaffRole[] },
  { id: 'st-psb-reviewer', username: 'reviewer.psb', name: '何伟', departmentId: 'SH-PSB', roles: ['reviewer'] as StaffRole[] },
  { id: 'st-psb-approver', username: 'approver.psb', name: '吕芳', departmentId: 'SH-PSB', roles: ['approver'] as StaffRole[] },
  ...Array.from({ length: 5 }, (_, i) => ({
    id: `st-rev-${i}`,
    username: `reviewer.pd.${i}`,
    name: `审查员${i}`,
    departmentId: 'SH-PD-SAMR',
    roles: ['reviewer'] as StaffRole[],
  })),
];

const l = (zh: string, en: string) => ({ zh, en });
const form: ImportItem['form'] = [
  { key: 'applicant.name', label: l('申请人姓名', 'Applicant name'), type: 'text', required: true, prefill: 'population.name' },
  { key: 'applicant.id_number', label: l('身份证号码', 'ID number'), type: 'id_number', required: true, prefill: 'population.id_number' },
  { key: 'business.scope', label: l('经营范围', 'Business scope'), type: 'text', required: true },
];

function item(code: string, zh: string, department: string, process: ImportItem['process'], extra: Partial<ImportItem> = {}): ImportItem {
  return {
    code,
    name: l(zh, code),
    type: 'administrative_licence',
    responsibleDepartment: department,
    legalBasis: [{ law: '《中华人民共和国行政许可法》', article: '第二十九条' }],
    applicantType: 'person',
    fee: { kind: 'free' },
    statutoryDays: 20,
    promisedDays: 5,
    visits: 0,
    channels: ['online', 'window'],
    onlineDepth: 'fully_online',
    contacts: { consultation: '12345', complaint: '12345' },
    materials: [
      {
        id: 'application',
        name: l('申请书', 'Application form'),
        form: 'electronic',
        count: 1,
        requirement: 'required',
        source: { kind: 'applicant' },
      },
      {
        id: 'id_card',
        name: l('身份证', 'ID card'),
        form: 'electronic',
        count: 1,
        requirement: 'required',
        source: { kind: 'datahub', resource: 'POPULATION', fields: ['name'] },
      },
    ],
    form,
    process,
    ...extra,
  };
}

const step = (
  id: string,
  kind: 'accept' | 'review' | 'inspect' | 'approve' | 'issue',
  role: 'window_clerk' | 'reviewer' | 'approver',
  workingDays: number,
  extra: Record<string, unknown> = {},
) => ({
  id,
  kind,
  name: l(id, id),
  department: 'responsible',
  role,
  workingDays,
  ...extra,
});

export const testItems: ImportItem[] = [
  item('TEST-PERMIT', '测试许可', 'SH-PD-SAMR', [
    step('accept', 'accept', 'window_clerk', 1),
    step('review', 'review', 'reviewer', 2),
    step('approve', 'approve', 'approver', 1),
  ]),
  item('TEST-PARALLEL', '测试并联审批', 'SH-PD-SAMR', [
    step('accept', 'accept', 'window_clerk', 1),
    step('samr', 'review', 'reviewer', 2, { parallelGroup: 'joint' }),
    step('psb', 'review', 'reviewer', 2, { department: 'SH-PSB', parallelGroup: 'joint' }),
  ]),
  item('TEST-SEAL', '测试刻章备案', 'SH-PSB', [step('check', 'review', 'reviewer', 1), step('sign', 'approve', 'approver', 1)], {
    promisedDays: 2,
    materials: [
      {
        id: 'seal_form',
        name: l('刻章申请表', 'Seal form'),
        form: 'electronic',
        count: 1,
        requirement: 'required',
        source: { kind: 'applicant' },
      },
    ],
  }),
  item('TEST-ENT', '测试企业事项', 'SH-PD-SAMR', [step('accept', 'accept', 'window_clerk', 1), step('approve', 'approve', 'approver', 1)], {
    applicantType: 'enterprise',
    promisedDays: 3,
  }),
  item('TEST-BUNDLE', '测试一件事', 'SH-PD-SAMR', [step('intake', 'accept', 'window_clerk', 0)], {
    bundleMembers: ['TEST-PERMIT', 'TEST-SEAL'],
    materials: [],
  }),
];

export type CasesWorld = TestApp & {
  people: typeof people;
  enterprises: typeof enterprises;
  strangerIdNumber: string;
  staff(key: StaffKey | string): Promise<TestClient>;
  user(key: 'alice' | 'dave' | 'erin'): Promise<TestClient>;
};

/** A fresh app (PGlite or PostgreSQL) with the fixtures loaded; the clock at Mon 2026-03-02 09:00 China time. */
export async function createCasesWorld(overrides: Record<string, string> = {}, start?: string): Promise<CasesWorld> {
  // Tests move the clock by days; sessions must outlive that.
  const t = await createTestApp({ SESSION_IDLE_MINUTES: '1000000', SESSION_ABSOLUTE_HOURS: '100000', ...overrides });
  if (start) t.clock.set(start);
  await seedIdentityFixtures(t.app);
  const { db, clock } = t.app.platform;
  const passwordHash = await hashPassword(FIXTURE_PASSWORD);
  await db.transaction(async (tx) => {
    await importStaff(tx, extraStaff, passwordHash, { at: clock.now() });
    await importCatalogue(tx, testItems, { publishedBy: 'seed', publishedAt: clock.now() });
  });
  const clients = new Map<string, TestClient>();
  return {
    ...t,
    people,
    enterprises,
    strangerIdNumber,
    async staff(key) {
      const cached = clients.get(`s:${key}`);
      if (cached) return cached;
      const extra = extraStaff.find((s) => s.id === key);
      let client: TestClient;
      if (extra) {
        client = new TestClient(t.app, freshAddress());
        const res = await client.post('/api/v1/auth/login', { kind: 'staff', username: extra.username, password: FIXTURE_PASSWORD });
        if (res.statusCode !== 200) throw new Error(`login ${key}: ${res.body}`);
      } else client = await loginStaff(t.app, key as StaffKey);
      clients.set(`s:${key}`, client);
      return client;
    },
    async user(key) {
      const cached = clients.get(`u:${key}`);
      if (cached) return cached;
      const client = await loginUser(t.app, key);
      clients.set(`u:${key}`, client);
      return client;
    },
  };
}

/** An upload row owned by a user or staff member, as the upload route would record it. */
export async function fakeUpload(app: App, owner: { type: 'user' | 'staff'; id: string }, fileName = 'scan.pdf'): Promise<string> {
  const id = randomUUID();
  await app.platform.db.query(
    `insert into case_upload (id, owner_type, owner_id, storage_key, sha256, media_type, size_bytes, file_name, created_at)
     values ($1, $2, $3, $4, $5, 'application/pdf', 1234, $6, $7)`,
    [id, owner.type, owner.id, randomUUID().replaceAll('-', ''), 'a'.repeat(64), fileName, app.platform.clock.now()],
  );
  return id;
}

/**
 * A complete form for the test items as the applicant submits it: the name and ID number that the
 * portal pre-fills through the data hub, and what they type. Filing reads no registry itself.
 */
export const formFor = (person: { name: string; idNumber: string }) => ({
  'applicant.name': person.name,
  'applicant.id_number': person.idNumber,
  'business.scope': '软件开发',
});

/** Files TEST-PERMIT (or another item) online as alice; returns the submit response. */
export async function applyOnline(
  w: CasesWorld,
  itemCode = 'TEST-PERMIT',
  who: 'alice' | 'dave' | 'erin' = 'alice',
  extra: Record<string, unknown> = {},
) {
  const client = await w.user(who);
  const userId = { alice: 'u-alice', dave: 'u-dave', erin: 'u-erin' }[who];
  const materials = [];
  if (itemCode !== 'TEST-SEAL')
    materials.push({ materialId: 'application', uploadId: await fakeUpload(w.app, { type: 'user', id: userId }) });
  if (itemCode === 'TEST-SEAL' || itemCode === 'TEST-BUNDLE')
    materials.push({ materialId: 'seal_form', uploadId: await fakeUpload(w.app, { type: 'user', id: userId }) });
  const res = await client.post(
    '/api/v1/cases',
    { itemCode, form: formFor(w.people[who]), materials, ...extra },
    { 'idempotency-key': randomUUID() },
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    caseId: string;
    trackingNumber: string;
    expectedCompletionDate: string;
    members: { caseId: string; itemCode: string }[];
  };
}

/** POSTs an action and returns the response. */
export async function act(client: TestClient, caseId: string, action: string, body: Record<string, unknown> = {}) {
  return client.post(`/api/v1/cases/${caseId}/actions/${action}`, body);
}

export async function detail(client: TestClient, caseId: string) {
  const res = await client.get(`/api/v1/cases/${caseId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export { people };
