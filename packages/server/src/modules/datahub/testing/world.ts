import { randomUUID } from 'node:crypto';
import type { StaffRole } from '@tongban/domain';
import { expect } from 'vitest';
import {
  enterprises,
  FIXTURE_PASSWORD,
  freshAddress,
  loginUser,
  makeIdNumber,
  people,
  seedIdentityFixtures,
  userIds,
} from '../../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp, TestClient } from '../../../../test/harness.ts';
import type { App } from '../../../app.ts';
import { sealNow } from '../../../platform/audit/sealer.ts';
import { type ImportItem, importCatalogue } from '../../catalogue/index.ts';
import { hashPassword, importDepartments, importStaff, importUsers } from '../../identity/index.ts';
import { importRegistryPeople, type RegistryPersonInput } from '../../registry/index.ts';
import { importDemoDatahub } from '../index.ts';

/**
 * A small city for the data hub's tests: the identity fixtures (PSB, SAMR and its Pudong branch,
 * people, one data officer at PSB) plus the departments that own the other resources, a data
 * officer in each, the big-data centre, a married couple with a baby, and a few catalogue items:
 *
 * - DH-PERMIT (浦东市场监管局, person): every material from the hub (ID, marriage), form pre-filled.
 * - DH-FUND (浦东市场监管局, person): the housing fund balance, which needs the person's consent.
 * - DH-CERT (浦东市场监管局, person): the ID card only; no grant is seeded for it.
 * - DH-VACC (浦东市场监管局, person): a vaccination record from the health commission's own system
 *   (registered by the external-provider tests).
 * - DH-ENT (浦东市场监管局, enterprise): enterprise and tax registrations (shared unconditionally).
 * - DH-OLD (浦东市场监管局, person): still asks for a copy of the household register.
 *
 * The demo seed's `importDemoDatahub` loads the resources, registries and the grants the items
 * need (except DH-CERT and DH-FUND, whose grants tests request themselves).
 */
const l = (zh: string, en: string) => ({ zh, en });

export const hubDepartments = [
  { id: 'SH-BDC', parentId: 'SH', kind: 'office', nameZh: '上海市大数据中心', nameEn: 'Shanghai Big Data Center' },
  { id: 'SH-CA', parentId: 'SH', kind: 'bureau', nameZh: '上海市民政局', nameEn: 'Shanghai Civil Affairs Bureau' },
  {
    id: 'SH-HPF',
    parentId: 'SH',
    kind: 'office',
    nameZh: '上海市住房公积金管理中心',
    nameEn: 'Shanghai Housing Provident Fund Management Center',
  },
  { id: 'SH-HC', parentId: 'SH', kind: 'bureau', nameZh: '上海市卫生健康委员会', nameEn: 'Shanghai Municipal Health Commission' },
  { id: 'SH-TAX', parentId: 'SH', kind: 'bureau', nameZh: '国家税务总局上海市税务局', nameEn: 'Shanghai Tax Service' },
] as const;

const officer = (id: string, username: string, departmentId: string, roles: StaffRole[] = ['data_officer']) => ({
  id,
  username,
  name: `数据专员${username}`,
  departmentId,
  roles,
});
/** Data officers (the identity fixtures' `st-data` is PSB's). */
export const hubStaff = {
  psb: officer('st-data', 'data.psb', 'SH-PSB'),
  pdSamr: officer('st-data-pdsamr', 'data.pdsamr', 'SH-PD-SAMR'),
  samr: officer('st-data-samr', 'data.samr', 'SH-SAMR'),
  ca: officer('st-data-ca', 'data.ca', 'SH-CA'),
  hpf: officer('st-data-hpf', 'data.hpf', 'SH-HPF'),
  hc: officer('st-data-hc', 'data.hc', 'SH-HC'),
  bdc: officer('st-data-bdc', 'data.bdc', 'SH-BDC'),
  pdReviewer: officer('st-reviewer', 'reviewer.pd', 'SH-PD-SAMR', ['reviewer']),
} as const;
export type HubStaffKey = keyof typeof hubStaff;

/** A married couple with a baby, registered at one address; Gina has an account. */
const home = {
  householdAddress: '上海市浦东新区张杨路500弄3号601室',
  householdDistrict: 'SH-PD',
  residenceAddress: '上海市浦东新区张杨路500弄3号601室',
};
const ginaId = makeIdNumber('310115', '19930412', 224);
const hankId = makeIdNumber('310115', '19910807', 113);
export const family: Record<'gina' | 'hank' | 'ivy', RegistryPersonInput> = {
  gina: {
    idNumber: ginaId,
    name: '许晶',
    sex: 'female',
    birthDate: '1993-04-12',
    ethnicity: '汉族',
    ...home,
    mobile: '13800000011',
    maritalStatus: 'married',
    spouseIdNumber: hankId,
  },
  hank: {
    idNumber: hankId,
    name: '韩磊',
    sex: 'male',
    birthDate: '1991-08-07',
    ethnicity: '汉族',
    ...home,
    mobile: '13800000012',
    maritalStatus: 'married',
    spouseIdNumber: ginaId,
  },
  ivy: {
    idNumber: makeIdNumber('310115', '20251201', 326),
    name: '韩依依',
    sex: 'female',
    birthDate: '2025-12-01',
    ethnicity: '汉族',
    ...home,
    maritalStatus: 'unmarried',
  },
};
export const ginaUserId = 'u-gina';

const step = (id: string, kind: 'review' | 'approve', role: 'reviewer' | 'approver') => ({
  id,
  kind,
  name: l(id, id),
  department: 'responsible',
  role,
  workingDays: 1,
});
const hubMaterial = (id: string, zh: string, resource: string, fields: string[]) => ({
  id,
  name: l(zh, id),
  form: 'electronic' as const,
  count: 1,
  requirement: 'required' as const,
  source: { kind: 'datahub' as const, resource, fields },
});
function item(code: string, zh: string, materials: ImportItem['materials'], extra: Partial<ImportItem> = {}): ImportItem {
  return {
    code,
    name: l(zh, code),
    type: 'administrative_licence',
    responsibleDepartment: 'SH-PD-SAMR',
    legalBasis: [{ law: '《中华人民共和国行政许可法》', article: '第二十九条' }],
    applicantType: 'person',
    fee: { kind: 'free' },
    statutoryDays: 20,
    promisedDays: 5,
    visits: 0,
    channels: ['online', 'window'],
    onlineDepth: 'fully_online',
    contacts: { consultation: '12345', complaint: '12345' },
    materials,
    form: [],
    process: [step('review', 'review', 'reviewer'), step('approve', 'approve', 'approver')],
    ...extra,
  };
}

export const hubItems: ImportItem[] = [
  item(
    'DH-PERMIT',
    '测试许可（共享材料）',
    [
      hubMaterial('id_card', '申请人居民身份证', 'POPULATION', ['name', 'id_number', 'household_address']),
      hubMaterial('marriage_certificate', '结婚证', 'MARRIAGE', ['id_number', 'spouse_name', 'spouse_id_number', 'marital_status']),
    ],
    {
      form: [
        { key: 'applicant.name', label: l('姓名', 'Name'), type: 'text', required: true, prefill: 'population.name' },
        {
          key: 'applicant.id_number',
          label: l('身份证号码', 'ID number'),
          type: 'id_number',
          required: true,
          prefill: 'population.id_number',
        },
        { key: 'spouse.name', label: l('配偶姓名', "Spouse's name"), type: 'text', required: false, prefill: 'marriage.spouse_name' },
        { key: 'applicant.mobile', label: l('手机', 'Mobile'), type: 'mobile', required: false },
      ],
    },
  ),
  // Still asks for a copy of the household register: the sharing advisor should notice.
  item('DH-OLD', '测试旧式事项', [
    {
      id: 'household_copy',
      name: l('居民户口簿复印件', 'Copy of the household register'),
      form: 'copy',
      count: 1,
      requirement: 'required',
      source: { kind: 'applicant' },
    },
  ]),
  item('DH-FUND', '测试公积金提取', [
    hubMaterial('fund_record', '公积金缴存证明', 'HOUSING-FUND', ['id_number', 'account_number', 'balance']),
  ]),
  item('DH-CERT', '测试证明', [hubMaterial('id_card', '申请人居民身份证', 'POPULATION', ['name', 'id_number'])]),
  // Served by the health commission's own system over HTTP (see datahub.external.test.ts).
  item('DH-VACC', '测试预防接种证明', [
    hubMaterial('vaccination_record', '预防接种记录', 'VACCINATION', ['id_number', 'vaccine', 'dose_date']),
  ]),
  item(
    'DH-ENT',
    '测试企业事项',
    [
      hubMaterial('enterprise_record', '企业登记信息', 'ENTERPRISE-REGISTRATION', ['credit_code', 'name', 'status']),
      hubMaterial('tax_record', '税务登记信息', 'TAX-REGISTRATION', ['credit_code', 'taxpayer_name', 'status']),
    ],
    { applicantType: 'enterprise' },
  ),
];

export type HubWorld = TestApp & {
  staff(key: HubStaffKey): Promise<TestClient>;
  user(key: 'alice' | 'dave' | 'erin' | 'gina'): Promise<TestClient>;
  /** Seals the audit log so the exchange stream can be verified. */
  seal(): Promise<void>;
};

export async function createHubWorld(overrides: Record<string, string> = {}): Promise<HubWorld> {
  const t = await createTestApp({ SESSION_IDLE_MINUTES: '1000000', SESSION_ABSOLUTE_HOURS: '100000', ...overrides });
  await seedIdentityFixtures(t.app);
  const { db, clock } = t.app.platform;
  const at = clock.now();
  const passwordHash = await hashPassword(FIXTURE_PASSWORD);
  await db.transaction(async (tx) => {
    await importDepartments(tx, hubDepartments, { at });
    await importStaff(
      tx,
      Object.values(hubStaff).filter((s) => s.id !== 'st-data' && s.id !== 'st-reviewer'),
      passwordHash,
      { at },
    );
    await importRegistryPeople(tx, Object.values(family), { at });
    await importUsers(
      tx,
      [{ id: ginaUserId, idNumber: family.gina.idNumber, name: family.gina.name, mobile: family.gina.mobile as string }],
      passwordHash,
      { at },
    );
    await importCatalogue(tx, hubItems, { publishedBy: 'seed', publishedAt: at });
    await importDemoDatahub(
      tx,
      {
        people: [...Object.values(people), ...Object.values(family)],
        enterprises: Object.values(enterprises),
        referenceDate: '2026-03-01',
      },
      { at, catalogue: hubItems.filter((i) => ['DH-PERMIT', 'DH-ENT', 'DH-OLD'].includes(i.code)) },
    );
    // Gina's fund account, whatever the generator decided for her.
    await tx.query(
      `insert into datahub_registry_housing_fund (account_number, id_number, name, account_status, balance, employer_credit_code, deposit_base, monthly_deposit, updated_at)
       values ('310199990001', $1, $2, 'normal', 86543.21, $3, 20000, 2800, $4)
       on conflict (id_number) do update set account_number = excluded.account_number, balance = excluded.balance`,
      [family.gina.idNumber, family.gina.name, enterprises.tech.creditCode, at],
    );
  });
  const clients = new Map<string, TestClient>();
  return {
    ...t,
    async staff(key) {
      const cached = clients.get(`s:${key}`);
      if (cached) return cached;
      const client = new TestClient(t.app, freshAddress());
      const res = await client.post('/api/v1/auth/login', { kind: 'staff', username: hubStaff[key].username, password: FIXTURE_PASSWORD });
      if (res.statusCode !== 200) throw new Error(`login ${key}: ${res.body}`);
      clients.set(`s:${key}`, client);
      return client;
    },
    async user(key) {
      const cached = clients.get(`u:${key}`);
      if (cached) return cached;
      let client: TestClient;
      if (key === 'gina') {
        client = new TestClient(t.app, freshAddress());
        const res = await client.post('/api/v1/auth/login', { kind: 'user', username: family.gina.idNumber, password: FIXTURE_PASSWORD });
        if (res.statusCode !== 200) throw new Error(`login gina: ${res.body}`);
      } else client = await loginUser(t.app, key);
      clients.set(`u:${key}`, client);
      return client;
    },
    async seal() {
      await sealNow(db, t.app.platform.signer, clock);
    },
  };
}

export { enterprises, people, userIds };

/** Files an item online (nothing to upload: every material comes from the hub). */
export async function fileOnline(w: HubWorld, who: 'alice' | 'dave' | 'gina', itemCode: string, extra: Record<string, unknown> = {}) {
  const client = await w.user(who);
  const res = await client.post('/api/v1/cases', { itemCode, form: {}, materials: [], ...extra }, { 'idempotency-key': randomUUID() });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { caseId: string; trackingNumber: string; platformMaterials: { materialId: string; state: string }[] };
}

/** Exchange-log rows (the projection), oldest first. */
export async function exchanges(app: App, where = 'true', params: unknown[] = []) {
  return app.platform.db.query<{
    id: string;
    channel: string;
    resource_code: string;
    subject: string;
    result: string;
    fields: string[];
    case_id: string | null;
    consumer_department_id: string;
  }>(
    `select id, channel, resource_code, subject, result, fields, case_id, consumer_department_id from datahub_exchange where ${where} order by at, log_entry_id`,
    params,
  );
}
