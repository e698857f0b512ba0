import type { Material } from '@tongban/domain';
import { hub, lic, type MatOpts, mat, own, sq, type T2 } from './dsl.ts';

/**
 * Materials and situation questions that many items share. Each names its honest source: what a
 * registry or the e-licence library holds is fetched; what only the applicant can give (signatures,
 * contracts, photos) stays with the applicant.
 */

// ---- situations -------------------------------------------------------------------------------

export const AGENT = { applicant_mode: ['agent'] };

/** 本人办理 / 委托代理人办理. */
export const byAgentQ = () =>
  sq(
    'applicant_mode',
    ['由谁办理？', 'Who is applying?'],
    [
      ['self', '本人（法定代表人）办理', 'The applicant (or legal representative) in person'],
      ['agent', '委托他人代为办理', 'An authorised agent'],
    ],
  );

/** 新办 / 变更 / 延续 / 注销 — the life cycle of a licence. */
export const lifecycleQ = (options: readonly ('new' | 'change' | 'renewal' | 'cancel')[] = ['new', 'change', 'renewal', 'cancel']) => {
  const labels = {
    new: ['新办', 'New application'],
    change: ['变更', 'Change of registered particulars'],
    renewal: ['延续（到期换证）', 'Renewal on expiry'],
    cancel: ['注销', 'Cancellation'],
  } as const;
  return sq(
    'application_kind',
    ['申请类型', 'What do you need?'],
    options.map((o) => [o, labels[o][0], labels[o][1]] as const),
  );
};

// ---- people -----------------------------------------------------------------------------------

export const idCard = (o: MatOpts = {}, id = 'id_card', name: T2 = ['申请人居民身份证', "Applicant's resident identity card"]) =>
  mat(id, name, hub('POPULATION', 'name', 'id_number', 'sex', 'ethnicity', 'birth_date', 'household_address'), o);

export const householdBook = (
  o: MatOpts = {},
  id = 'household_register',
  name: T2 = ['居民户口簿', 'Household register (hukou booklet)'],
) => mat(id, name, hub('POPULATION', 'name', 'id_number', 'household_address', 'household_district'), o);

export const marriageCert = (o: MatOpts = {}) =>
  mat(
    'marriage_certificate',
    ['结婚证', 'Marriage certificate'],
    hub('MARRIAGE', 'id_number', 'spouse_name', 'spouse_id_number', 'marital_status', 'certificate_number'),
    o,
  );

export const photo = (zh: string, en: string, o: MatOpts = {}) => own('photo', [zh, en], o);

/** 授权委托书 + 受托人身份证, when an agent applies. */
export const agentMaterials = (when = AGENT): Material[] => [
  own('power_of_attorney', ['授权委托书', 'Power of attorney'], { when, notes: '载明委托事项和权限，由委托人签字（盖章）。' }),
  mat('agent_id_card', ['受托人居民身份证', "Agent's resident identity card"], hub('POPULATION', 'name', 'id_number'), { when }),
];

// ---- enterprises ------------------------------------------------------------------------------

export const businessLicence = (o: MatOpts = {}) => mat('business_licence', ['营业执照', 'Business licence'], lic('BUSINESS-LICENCE'), o);

export const enterpriseRecord = (o: MatOpts = {}) =>
  mat(
    'enterprise_record',
    ['市场主体登记信息', 'Registration record of the market entity'],
    hub('ENTERPRISE-REGISTRATION', 'credit_code', 'name', 'enterprise_type', 'legal_representative_name', 'address', 'status'),
    o,
  );

export const legalRepId = (o: MatOpts = {}) =>
  mat(
    'legal_rep_id_card',
    ['法定代表人（负责人）居民身份证', "Legal representative's resident identity card"],
    hub('POPULATION', 'name', 'id_number'),
    o,
  );

/** 住所（经营场所）使用证明: the title when the premises are owned, a lease when rented. */
export const premisesProof = (): Material[] => [
  mat(
    'premises_title',
    ['住所（经营场所）不动产权证书', 'Title certificate of the premises'],
    hub('REAL-ESTATE-TITLE', 'certificate_number', 'owner_name', 'address', 'usage'),
    {
      when: { premises: ['owned', 'leased'] },
      notes: '自有房屋核验产权人本人的登记信息；租赁房屋核验出租方的产权登记信息。',
    },
  ),
  own('lease_contract', ['房屋租赁合同', 'Lease of the premises'], { when: { premises: ['leased'] } }),
];

export const premisesQ = () =>
  sq(
    'premises',
    ['住所（经营场所）是？', 'The premises are'],
    [
      ['owned', '自有房屋', 'Owned'],
      ['leased', '租赁房屋', 'Leased'],
    ],
  );

// ---- property ---------------------------------------------------------------------------------

export const titleCert = (o: MatOpts = {}, id = 'title_certificate') =>
  mat(
    id,
    ['不动产权证书（房地产权证）', 'Real-estate title certificate'],
    hub(
      'REAL-ESTATE-TITLE',
      'certificate_number',
      'unit_number',
      'owner_name',
      'owner_id_number',
      'address',
      'area',
      'usage',
      'mortgage_status',
    ),
    o,
  );
