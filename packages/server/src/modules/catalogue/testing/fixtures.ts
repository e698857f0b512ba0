import { permissionsOf, type StaffRole } from '@tongban/domain';
import { FIXTURE_PASSWORD, staff as identityStaff, seedIdentityFixtures } from '../../../../test/fixtures/identity-fixtures.ts';
import type { App } from '../../../app.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Ctx } from '../../../platform/context.ts';
import { hashPassword, importDepartments, importStaff } from '../../identity/index.ts';
import { type ImportItem, importCatalogue } from '../use-cases/import.ts';

/**
 * Small, realistic catalogue fixtures for the catalogue's own tests (independent of the demo
 * seed): departments the identity fixtures lack, a builder for valid items, and ~30 items of a
 * municipal catalogue (business start-up, birth, housing fund, ID, marriage …) with two bundles.
 */

export const extraDepartments = [
  { id: 'SH-TAX', parentId: 'SH', kind: 'bureau', nameZh: '国家税务总局上海市税务局', nameEn: 'Shanghai Tax Service' },
  {
    id: 'SH-HRSS',
    parentId: 'SH',
    kind: 'bureau',
    nameZh: '上海市人力资源和社会保障局',
    nameEn: 'Shanghai Human Resources and Social Security Bureau',
  },
  {
    id: 'SH-HPF',
    parentId: 'SH',
    kind: 'office',
    nameZh: '上海市住房公积金管理中心',
    nameEn: 'Shanghai Housing Provident Fund Management Center',
  },
  { id: 'SH-HC', parentId: 'SH', kind: 'bureau', nameZh: '上海市卫生健康委员会', nameEn: 'Shanghai Municipal Health Commission' },
  { id: 'SH-HSA', parentId: 'SH', kind: 'bureau', nameZh: '上海市医疗保障局', nameEn: 'Shanghai Healthcare Security Administration' },
  { id: 'SH-CA', parentId: 'SH', kind: 'bureau', nameZh: '上海市民政局', nameEn: 'Shanghai Civil Affairs Bureau' },
  { id: 'SH-EDU', parentId: 'SH', kind: 'bureau', nameZh: '上海市教育委员会', nameEn: 'Shanghai Municipal Education Commission' },
  {
    id: 'SH-PNR',
    parentId: 'SH',
    kind: 'bureau',
    nameZh: '上海市规划和自然资源局',
    nameEn: 'Shanghai Planning and Natural Resources Bureau',
  },
  {
    id: 'SH-HUD',
    parentId: 'SH',
    kind: 'bureau',
    nameZh: '上海市住房和城乡建设管理委员会',
    nameEn: 'Shanghai Housing and Urban-Rural Development Commission',
  },
  { id: 'SH-DRC', parentId: 'SH', kind: 'bureau', nameZh: '上海市发展和改革委员会', nameEn: 'Shanghai Development and Reform Commission' },
  { id: 'SH-WATER', parentId: 'SH', kind: 'bureau', nameZh: '上海市水务局', nameEn: 'Shanghai Water Authority' },
] as const;

type Source = ImportItem['materials'][number]['source'];
type MaterialSpec = {
  id: string;
  zh: string;
  en: string;
  source?: Source;
  requirement?: 'required' | 'conditional' | 'optional';
  when?: Record<string, string[]>;
};

export type ItemSpec = {
  code: string;
  zh: string;
  en: string;
  department: string;
  type?: ImportItem['type'];
  applicantType?: ImportItem['applicantType'];
  summary?: [string, string];
  materials?: MaterialSpec[];
  result?: [string, string, string?];
  themes?: string[];
  events?: string[];
  promisedDays?: number;
  statutoryDays?: number;
  visits?: number;
  popularity?: number;
  bundleMembers?: string[];
  form?: ImportItem['form'];
  situations?: ImportItem['situations'];
  fee?: ImportItem['fee'];
  law?: string;
};

const idCard: MaterialSpec = {
  id: 'id_card',
  zh: '申请人居民身份证',
  en: "Applicant's resident identity card",
  source: { kind: 'datahub', resource: 'POPULATION', fields: ['name', 'id_number'] },
};
const licence: MaterialSpec = {
  id: 'business_licence',
  zh: '营业执照',
  en: 'Business licence',
  source: { kind: 'licence', licenceType: 'BUSINESS-LICENCE' },
};
const agentSituation: NonNullable<ImportItem['situations']> = [
  {
    id: 'applicant_kind',
    question: { zh: '由谁办理？', en: 'Who is applying?' },
    options: [
      { id: 'self', label: { zh: '本人办理', en: 'In person' } },
      { id: 'agent', label: { zh: '委托代理人办理', en: 'Through an agent' } },
    ],
  },
];
const proxy: MaterialSpec = {
  id: 'power_of_attorney',
  zh: '授权委托书及代理人身份证',
  en: "Power of attorney and agent's ID card",
  requirement: 'conditional',
  when: { applicant_kind: ['agent'] },
};

/** A valid item from a short spec: three-step process (accept, review, approve) by the responsible department. */
export function buildItem(spec: ItemSpec): ImportItem {
  const promised = spec.promisedDays ?? 5;
  const materials = spec.materials ?? [idCard];
  return {
    code: spec.code,
    name: { zh: spec.zh, en: spec.en },
    type: spec.type ?? 'administrative_licence',
    responsibleDepartment: spec.department,
    legalBasis: [{ law: spec.law ?? '《中华人民共和国行政许可法》', article: '第二十九条' }],
    applicantType: spec.applicantType ?? 'person',
    conditions: [{ zh: '申请材料齐全、符合法定形式', en: 'Complete application in the legal form' }],
    fee: spec.fee ?? { kind: 'free' },
    statutoryDays: spec.statutoryDays ?? Math.max(20, promised),
    promisedDays: promised,
    visits: spec.visits ?? 0,
    channels: ['online', 'window'],
    onlineDepth: (spec.visits ?? 0) === 0 ? 'fully_online' : 'online_preliminary',
    ...(spec.result
      ? { result: { name: { zh: spec.result[0], en: spec.result[1] }, ...(spec.result[2] ? { licenceType: spec.result[2] } : {}) } }
      : {}),
    contacts: { consultation: '12345', complaint: '12345' },
    themes: spec.themes ?? [],
    events: spec.events ?? [],
    situations: spec.situations ?? (materials.some((m) => m.when) ? agentSituation : []),
    materials: materials.map((m) => ({
      id: m.id,
      name: { zh: m.zh, en: m.en },
      form: 'electronic',
      count: 1,
      requirement: m.requirement ?? 'required',
      ...(m.when ? { when: m.when } : {}),
      source: m.source ?? { kind: 'applicant' },
    })),
    form: spec.form ?? [
      {
        key: 'applicant.name',
        label: { zh: '申请人姓名', en: 'Applicant name' },
        type: 'text',
        required: true,
        prefill: 'population.name',
      },
      {
        key: 'applicant.id_number',
        label: { zh: '身份证号码', en: 'ID number' },
        type: 'id_number',
        required: true,
        prefill: 'population.id_number',
      },
    ],
    process: [
      { id: 'accept', kind: 'accept', name: { zh: '受理', en: 'Accept' }, department: 'responsible', role: 'window_clerk', workingDays: 0 },
      {
        id: 'review',
        kind: 'review',
        name: { zh: '审查', en: 'Review' },
        department: 'responsible',
        role: 'reviewer',
        workingDays: Math.max(0, promised - 1),
      },
      {
        id: 'approve',
        kind: 'approve',
        name: { zh: '决定', en: 'Decide' },
        department: 'responsible',
        role: 'approver',
        workingDays: promised > 0 ? 1 : 0,
      },
    ],
    ...(spec.bundleMembers ? { bundleMembers: spec.bundleMembers } : {}),
    ...(spec.summary ? { summary: { zh: spec.summary[0], en: spec.summary[1] } } : {}),
    popularity: spec.popularity ?? 0,
  };
}

const enterpriseForm: ImportItem['form'] = [
  { key: 'enterprise.name', label: { zh: '企业名称', en: 'Enterprise name' }, type: 'text', required: true },
  {
    key: 'enterprise.address',
    label: { zh: '住所', en: 'Registered address' },
    type: 'address',
    required: true,
    prefill: 'enterprise.address',
  },
  { key: 'applicant.name', label: { zh: '经办人姓名', en: 'Contact person' }, type: 'text', required: true, prefill: 'population.name' },
  {
    key: 'applicant.id_number',
    label: { zh: '经办人身份证号码', en: 'Contact ID number' },
    type: 'id_number',
    required: true,
    prefill: 'population.id_number',
  },
];

/** ~30 items of a municipal catalogue, written for the search tests (names and summaries as real guides word them). */
export const catalogueFixtureSpecs: ItemSpec[] = [
  {
    code: 'SAMR-QYSL',
    zh: '企业设立登记（申领营业执照）',
    en: 'Enterprise establishment registration (business licence)',
    department: 'SH-SAMR',
    applicantType: 'enterprise',
    summary: [
      '新设立公司、合伙企业等申请设立登记，领取营业执照。',
      'Register a new company or partnership and receive its business licence.',
    ],
    materials: [
      { id: 'application', zh: '公司登记（备案）申请书', en: 'Company registration application form' },
      { id: 'articles', zh: '公司章程', en: 'Articles of association' },
      {
        id: 'shareholder_id',
        zh: '股东主体资格证明',
        en: 'Proof of shareholder identity',
        source: { kind: 'datahub', resource: 'POPULATION', fields: ['name', 'id_number'] },
      },
      {
        id: 'premises',
        zh: '住所使用证明',
        en: 'Proof of the right to use the premises',
        source: { kind: 'datahub', resource: 'REAL-ESTATE', fields: ['owner', 'address'] },
      },
      proxy,
    ],
    result: ['营业执照', 'Business licence', 'BUSINESS-LICENCE'],
    themes: ['企业开办'],
    events: ['企业开办'],
    promisedDays: 1,
    statutoryDays: 15,
    popularity: 950,
    form: enterpriseForm,
    law: '《中华人民共和国市场主体登记管理条例》',
  },
  {
    code: 'SAMR-QYBG',
    zh: '企业变更登记',
    en: 'Enterprise change registration',
    department: 'SH-SAMR',
    applicantType: 'enterprise',
    summary: ['企业名称、住所、经营范围等登记事项变更。', 'Change the registered name, address or scope of business.'],
    materials: [{ id: 'application', zh: '变更登记申请书', en: 'Change application form' }, licence],
    themes: ['企业开办'],
    events: ['企业变更'],
    promisedDays: 3,
    popularity: 420,
    form: enterpriseForm,
  },
  {
    code: 'SAMR-QYZX',
    zh: '企业注销登记',
    en: 'Enterprise deregistration',
    department: 'SH-SAMR',
    applicantType: 'enterprise',
    materials: [
      { id: 'application', zh: '注销登记申请书', en: 'Deregistration application form' },
      licence,
      { id: 'liquidation', zh: '清算报告', en: 'Liquidation report' },
    ],
    themes: ['企业开办'],
    events: ['企业注销'],
    popularity: 210,
  },
  {
    code: 'SAMR-GTSL',
    zh: '个体工商户设立登记',
    en: 'Individual business registration',
    department: 'SH-SAMR',
    applicantType: 'person',
    materials: [{ id: 'application', zh: '个体工商户登记申请书', en: 'Individual business application form' }, idCard],
    result: ['个体工商户营业执照', 'Business licence of an individual business', 'BUSINESS-LICENCE'],
    themes: ['企业开办'],
    events: ['企业开办'],
    popularity: 380,
  },
  {
    code: 'SAMR-SPJY',
    zh: '食品经营许可',
    en: 'Food business licence',
    department: 'SH-SAMR',
    applicantType: 'enterprise',
    materials: [
      { id: 'application', zh: '食品经营许可申请书', en: 'Food business licence application' },
      licence,
      { id: 'layout', zh: '经营场所平面图', en: 'Floor plan of the premises' },
    ],
    result: ['食品经营许可证', 'Food business licence', 'FOOD-BUSINESS-LICENCE'],
    themes: ['市场准入'],
    promisedDays: 10,
    visits: 1,
    popularity: 300,
  },
  {
    code: 'PSB-GZBA',
    zh: '公章刻制备案',
    en: 'Official seal engraving filing',
    department: 'SH-PSB',
    type: 'administrative_filing',
    applicantType: 'enterprise',
    summary: [
      '新设立企业刻制公章，由刻章企业向公安机关备案，企业开办环节之一。',
      'Seal engraving filed with the police; one step of starting a business.',
    ],
    materials: [licence, { id: 'seal_form', zh: '印章刻制申请表', en: 'Seal engraving form' }],
    themes: ['企业开办'],
    events: ['企业开办'],
    promisedDays: 1,
    popularity: 500,
    form: enterpriseForm,
  },
  {
    code: 'TAX-SCLP',
    zh: '新办纳税人首次申领发票',
    en: 'First invoice application for new taxpayers',
    department: 'SH-TAX',
    type: 'other_administrative_power',
    applicantType: 'enterprise',
    materials: [licence, { id: 'invoice_form', zh: '发票领用申请表', en: 'Invoice application form' }],
    themes: ['税务', '企业开办'],
    events: ['企业开办'],
    promisedDays: 1,
    popularity: 610,
    form: enterpriseForm,
  },
  {
    code: 'TAX-SWDJ',
    zh: '税务登记信息确认',
    en: 'Tax registration confirmation',
    department: 'SH-TAX',
    type: 'administrative_confirmation',
    applicantType: 'enterprise',
    materials: [licence],
    themes: ['税务'],
    popularity: 330,
  },
  {
    code: 'HRSS-DWCB',
    zh: '单位参保登记',
    en: 'Employer social insurance registration',
    department: 'SH-HRSS',
    type: 'public_service',
    applicantType: 'enterprise',
    materials: [licence, { id: 'insurance_form', zh: '社会保险登记表', en: 'Social insurance registration form' }],
    themes: ['社保', '企业开办'],
    events: ['企业开办', '招用员工'],
    promisedDays: 1,
    popularity: 450,
    form: enterpriseForm,
  },
  {
    code: 'HPF-DWJC',
    zh: '住房公积金单位缴存登记',
    en: 'Housing provident fund employer registration',
    department: 'SH-HPF',
    type: 'public_service',
    applicantType: 'enterprise',
    materials: [licence, { id: 'fund_form', zh: '单位缴存登记表', en: 'Employer contribution registration form' }],
    themes: ['公积金', '企业开办'],
    events: ['企业开办', '招用员工'],
    promisedDays: 1,
    popularity: 300,
    form: enterpriseForm,
  },
  {
    code: 'HPF-TQ',
    zh: '住房公积金提取',
    en: 'Housing provident fund withdrawal',
    department: 'SH-HPF',
    type: 'public_service',
    summary: [
      '购房、租房、退休等情形提取住房公积金账户余额。',
      'Withdraw the balance of the housing provident fund account when buying, renting or retiring.',
    ],
    materials: [
      idCard,
      { id: 'purchase_contract', zh: '购房合同', en: 'Home purchase contract', requirement: 'conditional', when: { purpose: ['buy'] } },
      {
        id: 'rent_record',
        zh: '住房租赁合同登记备案证明',
        en: 'Registered lease',
        requirement: 'conditional',
        when: { purpose: ['rent'] },
      },
      {
        id: 'retirement',
        zh: '退休证明',
        en: 'Proof of retirement',
        requirement: 'conditional',
        when: { purpose: ['retire'] },
        source: { kind: 'datahub', resource: 'PENSION', fields: ['retired_on'] },
      },
    ],
    situations: [
      {
        id: 'purpose',
        question: { zh: '提取原因', en: 'Why are you withdrawing?' },
        options: [
          { id: 'buy', label: { zh: '购买自住住房', en: 'Buying a home' } },
          { id: 'rent', label: { zh: '租赁自住住房', en: 'Renting a home' } },
          { id: 'retire', label: { zh: '离休、退休', en: 'Retirement' } },
        ],
      },
    ],
    themes: ['公积金'],
    events: ['购房', '退休'],
    promisedDays: 3,
    popularity: 900,
    law: '《住房公积金管理条例》',
  },
  {
    code: 'HPF-DK',
    zh: '住房公积金个人住房贷款',
    en: 'Housing provident fund home loan',
    department: 'SH-HPF',
    type: 'public_service',
    materials: [
      idCard,
      { id: 'purchase_contract', zh: '购房合同', en: 'Home purchase contract' },
      { id: 'income', zh: '收入证明', en: 'Proof of income' },
    ],
    themes: ['公积金'],
    events: ['购房'],
    promisedDays: 10,
    popularity: 520,
  },
  {
    code: 'HC-SYDJ',
    zh: '生育登记',
    en: 'Childbirth service registration',
    department: 'SH-HC',
    type: 'public_service',
    summary: ['夫妻生育子女的服务登记。', 'Registration of a couple expecting a child.'],
    materials: [
      idCard,
      { id: 'marriage_cert', zh: '结婚证', en: 'Marriage certificate', source: { kind: 'licence', licenceType: 'MARRIAGE-CERT' } },
    ],
    themes: ['婚育'],
    events: ['新生儿出生'],
    promisedDays: 0,
    popularity: 700,
    law: '《中华人民共和国人口与计划生育法》',
  },
  {
    code: 'HC-CSYX',
    zh: '出生医学证明办理',
    en: 'Medical birth certificate',
    department: 'SH-HC',
    type: 'public_service',
    materials: [
      idCard,
      {
        id: 'delivery_record',
        zh: '分娩记录',
        en: 'Delivery record',
        source: { kind: 'datahub', resource: 'HOSPITAL-BIRTH', fields: ['baby_name', 'born_at'] },
      },
    ],
    result: ['出生医学证明', 'Medical birth certificate', 'BIRTH-MEDICAL-CERT'],
    themes: ['婚育'],
    events: ['新生儿出生'],
    promisedDays: 0,
    popularity: 650,
    form: [
      { key: 'applicant.name', label: { zh: '申请人姓名', en: 'Applicant name' }, type: 'text', required: true },
      { key: 'child.name', label: { zh: '新生儿姓名', en: "Baby's name" }, type: 'text', required: true },
      { key: 'child.birth_date', label: { zh: '出生日期', en: 'Date of birth' }, type: 'date', required: true },
    ],
  },
  {
    code: 'PSB-CSDJ',
    zh: '出生登记（新生儿落户）',
    en: 'Newborn household registration',
    department: 'SH-PSB',
    type: 'administrative_confirmation',
    materials: [
      {
        id: 'birth_cert',
        zh: '出生医学证明',
        en: 'Medical birth certificate',
        source: { kind: 'licence', licenceType: 'BIRTH-MEDICAL-CERT' },
      },
      {
        id: 'hukou',
        zh: '父母户口簿',
        en: "Parents' household register",
        source: { kind: 'datahub', resource: 'POPULATION', fields: ['household'] },
      },
    ],
    themes: ['户籍', '婚育'],
    events: ['新生儿出生'],
    promisedDays: 1,
    popularity: 640,
    form: [
      { key: 'applicant.name', label: { zh: '申请人姓名', en: 'Applicant name' }, type: 'text', required: true },
      { key: 'child.name', label: { zh: '新生儿姓名', en: "Baby's name" }, type: 'text', required: true },
      { key: 'child.birth_date', label: { zh: '出生日期', en: 'Date of birth' }, type: 'date', required: true },
    ],
  },
  {
    code: 'HSA-SYJT',
    zh: '生育保险待遇申领',
    en: 'Maternity insurance benefit claim',
    department: 'SH-HSA',
    type: 'administrative_benefit',
    materials: [
      idCard,
      {
        id: 'birth_cert',
        zh: '出生医学证明',
        en: 'Medical birth certificate',
        source: { kind: 'licence', licenceType: 'BIRTH-MEDICAL-CERT' },
      },
    ],
    themes: ['医疗', '婚育'],
    events: ['新生儿出生'],
    promisedDays: 10,
    popularity: 560,
  },
  {
    code: 'HSA-XSECB',
    zh: '新生儿参加城乡居民基本医疗保险',
    en: 'Newborn medical insurance enrolment',
    department: 'SH-HSA',
    type: 'public_service',
    materials: [
      {
        id: 'birth_cert',
        zh: '出生医学证明',
        en: 'Medical birth certificate',
        source: { kind: 'licence', licenceType: 'BIRTH-MEDICAL-CERT' },
      },
    ],
    themes: ['医疗'],
    events: ['新生儿出生'],
    promisedDays: 1,
    popularity: 480,
    form: [
      { key: 'applicant.name', label: { zh: '申请人姓名', en: 'Applicant name' }, type: 'text', required: true },
      { key: 'child.name', label: { zh: '新生儿姓名', en: "Baby's name" }, type: 'text', required: true },
    ],
  },
  {
    code: 'HRSS-SBK',
    zh: '社会保障卡申领',
    en: 'Social security card application',
    department: 'SH-HRSS',
    type: 'public_service',
    materials: [idCard, { id: 'photo', zh: '本人近期彩色证件照', en: 'Recent colour photo' }],
    themes: ['社保'],
    events: ['新生儿出生', '失业再就业'],
    promisedDays: 5,
    popularity: 800,
  },
  {
    code: 'PSB-SFZ',
    zh: '居民身份证申领',
    en: 'Resident identity card application',
    department: 'SH-PSB',
    type: 'administrative_confirmation',
    materials: [
      {
        id: 'hukou',
        zh: '居民户口簿',
        en: 'Household register',
        source: { kind: 'datahub', resource: 'POPULATION', fields: ['household'] },
      },
      proxy,
    ],
    themes: ['户籍'],
    promisedDays: 20,
    statutoryDays: 60,
    visits: 1,
    fee: { kind: 'charged', amountYuan: 20, legalBasis: { law: '《居民身份证工本费收费标准》' } },
    popularity: 990,
    law: '《中华人民共和国居民身份证法》',
  },
  {
    code: 'CA-JHDJ',
    zh: '内地居民结婚登记',
    en: 'Marriage registration',
    department: 'SH-CA',
    type: 'administrative_confirmation',
    materials: [
      idCard,
      { id: 'hukou', zh: '户口簿', en: 'Household register', source: { kind: 'datahub', resource: 'POPULATION', fields: ['household'] } },
      { id: 'photos', zh: '双方合影照片', en: 'Joint photographs' },
    ],
    result: ['结婚证', 'Marriage certificate', 'MARRIAGE-CERT'],
    themes: ['婚育'],
    events: ['结婚'],
    promisedDays: 0,
    visits: 1,
    popularity: 620,
    law: '《婚姻登记条例》',
  },
  {
    code: 'HRSS-TXSL',
    zh: '职工退休申请（养老金申领）',
    en: 'Retirement and pension claim',
    department: 'SH-HRSS',
    type: 'administrative_benefit',
    materials: [idCard, { id: 'work_record', zh: '职工档案', en: 'Employment record' }],
    themes: ['养老', '社保'],
    events: ['退休'],
    promisedDays: 15,
    popularity: 400,
  },
  {
    code: 'PSB-JSZHZ',
    zh: '机动车驾驶证换证',
    en: 'Driving licence renewal',
    department: 'SH-PSB',
    type: 'administrative_licence',
    materials: [idCard, { id: 'health', zh: '身体条件证明', en: 'Medical fitness certificate' }],
    result: ['机动车驾驶证', 'Driving licence', 'DRIVING-LICENCE'],
    themes: ['交通出行'],
    events: ['买车用车'],
    promisedDays: 1,
    visits: 1,
    popularity: 580,
  },
  {
    code: 'PSB-JZZ',
    zh: '居住证办理',
    en: 'Residence permit application',
    department: 'SH-PSB',
    type: 'administrative_confirmation',
    materials: [idCard, { id: 'lease', zh: '居住证明（租赁合同或房产证）', en: 'Proof of residence (lease or title deed)' }],
    themes: ['户籍'],
    events: ['新市民落户/居住证'],
    promisedDays: 15,
    popularity: 760,
  },
  {
    code: 'EDU-XWRZ',
    zh: '学历学位认证',
    en: 'Degree certification',
    department: 'SH-EDU',
    type: 'public_service',
    materials: [idCard, { id: 'diploma', zh: '学位证书', en: 'Degree certificate' }],
    themes: ['教育'],
    events: ['升学'],
    promisedDays: 20,
    popularity: 260,
  },
  {
    code: 'PNR-BDCZY',
    zh: '不动产转移登记',
    en: 'Real estate transfer registration',
    department: 'SH-PNR',
    type: 'administrative_confirmation',
    materials: [
      idCard,
      {
        id: 'title',
        zh: '不动产权证书',
        en: 'Real estate title certificate',
        source: { kind: 'licence', licenceType: 'REAL-ESTATE-TITLE' },
      },
      { id: 'contract', zh: '房屋买卖合同', en: 'Sale contract' },
    ],
    themes: ['不动产'],
    events: ['购房', '不动产登记'],
    promisedDays: 5,
    visits: 1,
    popularity: 690,
  },
  {
    code: 'HUD-SGXK',
    zh: '建筑工程施工许可',
    en: 'Construction permit',
    department: 'SH-HUD',
    applicantType: 'enterprise',
    materials: [
      {
        id: 'planning_permit',
        zh: '建设工程规划许可证',
        en: 'Construction planning permit',
        source: { kind: 'licence', licenceType: 'PLANNING-PERMIT' },
      },
      { id: 'contract', zh: '施工合同', en: 'Construction contract' },
    ],
    themes: ['工程建设'],
    events: ['工程建设项目审批'],
    promisedDays: 5,
    popularity: 150,
  },
  {
    code: 'DRC-TZBA',
    zh: '企业投资项目备案',
    en: 'Enterprise investment project filing',
    department: 'SH-DRC',
    type: 'administrative_filing',
    applicantType: 'enterprise',
    materials: [licence, { id: 'project_info', zh: '项目基本情况表', en: 'Project information sheet' }],
    themes: ['投资项目'],
    events: ['工程建设项目审批'],
    promisedDays: 1,
    popularity: 120,
  },
  {
    code: 'WATER-JR',
    zh: '供水接入（获得用水）',
    en: 'Getting a water connection',
    department: 'SH-WATER',
    type: 'public_service',
    applicantType: 'both',
    materials: [idCard, { id: 'site_plan', zh: '用水地址平面图', en: 'Site plan' }],
    themes: ['公用事业'],
    events: ['获得用水用气'],
    promisedDays: 5,
    popularity: 140,
  },
  {
    code: 'BDL-QYKB',
    zh: '“企业开办”一件事',
    en: 'Starting a business (one-stop bundle)',
    department: 'SH-SAMR',
    applicantType: 'enterprise',
    type: 'public_service',
    summary: [
      '营业执照、公章、发票、社保和公积金登记一次申请、并联办理。',
      'One application for the licence, seal, invoices, social insurance and housing fund.',
    ],
    materials: [{ id: 'bundle_form', zh: '企业开办一件事申请表', en: 'Bundle application form' }],
    bundleMembers: ['SAMR-QYSL', 'PSB-GZBA', 'TAX-SCLP', 'HRSS-DWCB', 'HPF-DWJC'],
    themes: ['企业开办'],
    events: ['企业开办'],
    promisedDays: 2,
    popularity: 880,
    form: enterpriseForm,
  },
  {
    code: 'BDL-CSYJS',
    zh: '“新生儿出生”一件事',
    en: 'A child is born (one-stop bundle)',
    department: 'SH-HC',
    type: 'public_service',
    summary: [
      '出生医学证明、户口登记、医保参保、社保卡一次办。',
      'Birth certificate, household registration, medical insurance and social security card in one go.',
    ],
    materials: [{ id: 'bundle_form', zh: '新生儿出生一件事申请表', en: 'Bundle application form' }],
    bundleMembers: ['HC-CSYX', 'PSB-CSDJ', 'HSA-XSECB', 'HRSS-SBK'],
    themes: ['婚育'],
    events: ['新生儿出生'],
    promisedDays: 5,
    popularity: 600,
  },
];

export const catalogueFixtures: ImportItem[] = catalogueFixtureSpecs.map(buildItem);

/** A staff member with catalogue rights beyond the identity fixtures: a second Pudong department administrator. */
export const pdAdmin2 = {
  id: 'st-pd-admin2',
  username: 'admin2.pd',
  name: '韩梅',
  departmentId: 'SH-PD',
  roles: ['department_admin'] as StaffRole[],
};

/** Identity fixtures + the extra departments; optionally the fixture catalogue, published by the system. */
export async function seedCatalogueFixtures(app: App, options: { items?: readonly ImportItem[] } = {}): Promise<void> {
  await seedIdentityFixtures(app);
  const { db, clock } = app.platform;
  const passwordHash = await hashPassword(FIXTURE_PASSWORD);
  await db.transaction(async (tx) => {
    await importDepartments(tx, extraDepartments, { at: clock.now() });
    await importStaff(tx, [pdAdmin2], passwordHash, { at: clock.now() });
    if (options.items) await importCatalogue(tx, options.items, { publishedBy: 'seed', publishedAt: clock.now() });
  });
}

type FixtureStaff = { id: string; name: string; departmentId: string; roles: readonly StaffRole[] };

export function staffActor(member: FixtureStaff): Actor {
  return {
    kind: 'staff',
    sessionId: `session-${member.id}`,
    staffId: member.id,
    name: member.name,
    departmentId: member.departmentId,
    roles: member.roles,
    permissions: permissionsOf(member.roles),
  };
}

/** A hand-built service context for `member` (no HTTP, no session). */
export function ctxFor(app: App, member: FixtureStaff): Ctx {
  return { ...app.platform, actor: staffActor(member), requestId: `test-${member.id}`, ip: '127.0.0.1' };
}

export const fixtureStaff = { ...identityStaff, pdAdmin2 };
