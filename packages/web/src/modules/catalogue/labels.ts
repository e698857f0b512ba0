import type { MaterialSource } from '@tongban/domain';

/** Localized text in the current language (English falls back to Chinese). */
export function loc(text: { zh: string; en: string } | undefined, language: string): string {
  if (!text) return '';
  return language.startsWith('en') ? text.en || text.zh : text.zh;
}

/** Item types, kept here (not imported from the domain package) so lists stay out of zod's bundle. */
export const itemTypeLabels: Record<string, { zh: string; en: string }> = {
  administrative_licence: { zh: '行政许可', en: 'Administrative licence' },
  administrative_confirmation: { zh: '行政确认', en: 'Administrative confirmation' },
  administrative_benefit: { zh: '行政给付', en: 'Administrative benefit' },
  administrative_filing: { zh: '行政备案', en: 'Administrative filing' },
  administrative_adjudication: { zh: '行政裁决', en: 'Administrative adjudication' },
  administrative_reward: { zh: '行政奖励', en: 'Administrative reward' },
  other_administrative_power: { zh: '其他行政权力', en: 'Other administrative power' },
  public_service: { zh: '公共服务', en: 'Public service' },
};

/** Who holds a data-hub resource, for "you won't need to bring this — shared by …". */
const resourceHolders: Record<string, { zh: string; en: string }> = {
  POPULATION: { zh: '公安部门人口信息库', en: 'the population registry (public security)' },
  'ENTERPRISE-REGISTRATION': { zh: '市场监管部门企业登记信息', en: 'the enterprise register (market regulation)' },
  'REAL-ESTATE-TITLE': { zh: '不动产登记中心', en: 'the real-estate registration centre' },
  MARRIAGE: { zh: '民政部门婚姻登记信息', en: 'the marriage register (civil affairs)' },
  'SOCIAL-INSURANCE': { zh: '人社部门社保参保信息', en: 'social insurance records (HR and social security)' },
  'HOUSING-FUND': { zh: '住房公积金管理中心', en: 'the housing provident fund centre' },
  DEGREE: { zh: '教育部门学历学位信息', en: 'degree records (education)' },
  BIRTH: { zh: '卫生健康部门出生医学证明信息', en: 'birth records (health)' },
  'TAX-REGISTRATION': { zh: '税务部门纳税人登记信息', en: 'the taxpayer register (taxation)' },
  VEHICLE: { zh: '公安交管部门机动车登记信息', en: 'vehicle records (traffic police)' },
  'DRIVING-LICENCE': { zh: '公安交管部门驾驶证信息', en: 'driving licence records (traffic police)' },
};

/** Where the platform gets a material the applicant does not bring. */
export function sourceHolder(source: MaterialSource): { zh: string; en: string } {
  switch (source.kind) {
    case 'datahub':
      return resourceHolders[source.resource] ?? { zh: `数据共享平台（${source.resource}）`, en: `the data hub (${source.resource})` };
    case 'licence':
      return { zh: '电子证照库', en: 'the e-licence library' };
    case 'earlier_step':
      return { zh: '本事项前序环节', en: 'an earlier step of this service' };
    default:
      return { zh: '申请人', en: 'the applicant' };
  }
}
