import type { ImportItem } from '../use-cases/import.ts';

/**
 * A builder for valid catalogue items from short specs, and the materials, situations and forms
 * the fixture items share.
 */

type Source = ImportItem['materials'][number]['source'];
export type MaterialSpec = {
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

/** A material the platform fetches from the data hub (its fields of `resource`). */
export function fromHub(id: string, zh: string, en: string, resource: string, fields: string[]): MaterialSpec {
  return { id, zh, en, source: { kind: 'datahub', resource, fields } };
}

/** A material the platform takes from the applicant's e-licence of `licenceType`. */
export function fromLicence(id: string, zh: string, en: string, licenceType: string): MaterialSpec {
  return { id, zh, en, source: { kind: 'licence', licenceType } };
}

export const idCard = fromHub('id_card', '申请人居民身份证', "Applicant's resident identity card", 'POPULATION', ['name', 'id_number']);
export const licence = fromLicence('business_licence', '营业执照', 'Business licence', 'BUSINESS-LICENCE');

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
export const proxy: MaterialSpec = {
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

export const enterpriseForm: ImportItem['form'] = [
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

/** The form of the newborn items: the applicant's and the baby's names and, unless left out, the date of birth. */
export function newbornForm(options: { birthDate?: boolean } = {}): ImportItem['form'] {
  return [
    { key: 'applicant.name', label: { zh: '申请人姓名', en: 'Applicant name' }, type: 'text', required: true },
    { key: 'child.name', label: { zh: '新生儿姓名', en: "Baby's name" }, type: 'text', required: true },
    ...(options.birthDate === false
      ? []
      : [{ key: 'child.birth_date', label: { zh: '出生日期', en: 'Date of birth' }, type: 'date' as const, required: true }]),
  ];
}
