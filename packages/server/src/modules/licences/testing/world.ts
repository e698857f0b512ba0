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
} from '../../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp, TestClient } from '../../../../test/harness.ts';
import { type ImportItem, importCatalogue } from '../../catalogue/index.ts';
import { hashPassword, importStaff } from '../../identity/index.ts';
import { issueForCase } from '../use-cases/issue.ts';

/**
 * A small city for the licences tests: the identity fixtures (departments, people, enterprises,
 * staff) plus a window clerk of 浦东市场监管局 and a 公安局 approver, and catalogue items:
 * - LIC-FOOD (浦东市场监管局, person or enterprise): accept → approve; result 食品经营许可证
 *   (FOOD-BUSINESS-LICENCE, valid 5 years).
 * - LIC-NONE: the same process, no licence as its result.
 * - LIC-USE: needs a FOOD-BUSINESS-LICENCE as a material (source: the licence library).
 * Cases are driven through the public cases API only.
 */
const extraStaff = [
  { id: 'st-samr-clerk', username: 'clerk.samr', name: '许静', departmentId: 'SH-PD-SAMR', roles: ['window_clerk'] as StaffRole[] },
  { id: 'st-psb-approver', username: 'approver.psb', name: '吕芳', departmentId: 'SH-PSB', roles: ['approver'] as StaffRole[] },
  { id: 'st-psb-reviewer', username: 'reviewer.psb', name: '何伟', departmentId: 'SH-PSB', roles: ['reviewer'] as StaffRole[] },
];

const l = (zh: string, en: string) => ({ zh, en });

function item(code: string, extra: Partial<ImportItem>): ImportItem {
  return {
    code,
    name: l(`测试${code}`, code),
    type: 'administrative_licence',
    responsibleDepartment: 'SH-PD-SAMR',
    legalBasis: [{ law: '《中华人民共和国食品安全法》', article: '第三十五条' }],
    applicantType: 'both',
    fee: { kind: 'free' },
    statutoryDays: 20,
    promisedDays: 5,
    visits: 0,
    channels: ['online', 'window'],
    onlineDepth: 'fully_online',
    contacts: { consultation: '12345', complaint: '12345' },
    materials: [],
    form: [
      { key: 'applicant.name', label: l('申请人姓名', 'Applicant name'), type: 'text', required: true, prefill: 'population.name' },
      {
        key: 'applicant.id_number',
        label: l('身份证号码', 'ID number'),
        type: 'id_number',
        required: true,
        prefill: 'population.id_number',
      },
      { key: 'business.scope', label: l('经营范围', 'Business scope'), type: 'text', required: true },
    ],
    process: [
      { id: 'accept', kind: 'accept', name: l('受理', 'Accept'), department: 'responsible', role: 'window_clerk', workingDays: 1 },
      { id: 'approve', kind: 'approve', name: l('决定', 'Decide'), department: 'responsible', role: 'approver', workingDays: 2 },
    ],
    ...extra,
  };
}

export const licenceItems: ImportItem[] = [
  item('LIC-FOOD', {
    name: l('食品经营许可', 'Food business licence'),
    result: { name: l('食品经营许可证', 'Food business licence'), licenceType: 'FOOD-BUSINESS-LICENCE' },
  }),
  item('LIC-NONE', { name: l('无证照结果的事项', 'An item without a licence') }),
  item('LIC-USE', {
    name: l('食品经营许可变更', 'Food licence change'),
    materials: [
      {
        id: 'food_licence',
        name: l('食品经营许可证', 'Food business licence'),
        form: 'electronic',
        count: 1,
        requirement: 'required',
        source: { kind: 'licence', licenceType: 'FOOD-BUSINESS-LICENCE' },
      },
    ],
  }),
];

type Who = 'alice' | 'dave' | 'erin';
type CaseOptions = { item?: string; who?: Who; enterprise?: string };

export type LicencesWorld = TestApp & {
  people: typeof people;
  enterprises: typeof enterprises;
  staff(key: StaffKey | string): Promise<TestClient>;
  user(key: Who): Promise<TestClient>;
  anonymous(): TestClient;
  /** Files an item online (LIC-FOOD by default, as alice); returns the case. */
  apply(options?: CaseOptions): Promise<{ caseId: string; trackingNumber: string }>;
  act(client: TestClient, caseId: string, action: string, body?: Record<string, unknown>): ReturnType<TestClient['post']>;
  caseDetail(client: TestClient, caseId: string): Promise<{ materials: { materialId: string; provenance: string; state: string }[] }>;
  /** Files and drives a case to approval; returns it. */
  approvedCase(options?: CaseOptions): Promise<{ caseId: string; trackingNumber: string }>;
  /** Approves and issues; returns the licence id. */
  issuedLicence(options?: CaseOptions): Promise<string>;
};

/** A fresh app (PGlite or PostgreSQL; `overrides` are config settings) with the fixtures loaded; the clock at Mon 2026-03-02 09:00 China time. */
export async function createLicencesWorld(overrides: Record<string, string> = {}): Promise<LicencesWorld> {
  // Tests move the clock by days; sessions must outlive that.
  const t = await createTestApp({ SESSION_IDLE_MINUTES: '1000000', SESSION_ABSOLUTE_HOURS: '100000', ...overrides });
  await seedIdentityFixtures(t.app);
  const { db, clock } = t.app.platform;
  const passwordHash = await hashPassword(FIXTURE_PASSWORD);
  await db.transaction(async (tx) => {
    await importStaff(tx, extraStaff, passwordHash, { at: clock.now() });
    await importCatalogue(tx, licenceItems, { publishedBy: 'seed', publishedAt: clock.now() });
  });
  const clients = new Map<string, TestClient>();
  const world: LicencesWorld = {
    ...t,
    people,
    enterprises,
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
    anonymous: () => new TestClient(t.app, freshAddress()),
    async apply(options = {}) {
      const who = options.who ?? 'alice';
      const client = await world.user(who);
      // The form as the portal submits it: the name and ID number pre-filled through the data hub.
      const person = people[who];
      const res = await client.post(
        '/api/v1/cases',
        {
          itemCode: options.item ?? 'LIC-FOOD',
          form: { 'applicant.name': person.name, 'applicant.id_number': person.idNumber, 'business.scope': '软件开发' },
          materials: [],
          ...(options.enterprise ? { enterpriseCreditCode: options.enterprise } : {}),
        },
        { 'idempotency-key': randomUUID() },
      );
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { caseId: string; trackingNumber: string };
    },
    act: (client, caseId, action, body = {}) => client.post(`/api/v1/cases/${caseId}/actions/${action}`, body),
    async caseDetail(client, caseId) {
      const res = await client.get(`/api/v1/cases/${caseId}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },
    async approvedCase(options = {}) {
      const filed = await world.apply(options);
      let res = await world.act(await world.staff('st-samr-clerk'), filed.caseId, 'accept', { opinion: '材料齐全' });
      expect(res.statusCode, res.body).toBe(200);
      res = await world.act(await world.staff('approver'), filed.caseId, 'decide', {
        outcome: 'approved',
        reasons: '符合法定条件',
        legalBasis: [{ law: '《中华人民共和国行政许可法》', article: '第三十八条' }],
      });
      expect(res.statusCode, res.body).toBe(200);
      return filed;
    },
    async issuedLicence(options = {}) {
      const { caseId } = await world.approvedCase(options);
      const outcome = await issueForCase(t.app.platform, caseId);
      expect(outcome.state).toBe('issued');
      return outcome.licenceId as string;
    },
  };
  return world;
}

/** Re-encodes a compact JWS with its payload changed (signature kept): what a forger would do. */
export function withChangedPayload(jws: string, change: (payload: Record<string, unknown>) => void): string {
  const [h, p, s] = jws.split('.') as [string, string, string];
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(payload);
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
}

export function decodePayload(jws: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jws.split('.')[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
}
