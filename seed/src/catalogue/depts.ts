import { branchDistrictIds, districtBranchId, municipalId } from '../departments.ts';

/**
 * The departments the catalogue names, by their code in the demo city (`SH-<code>`), with the
 * public hotlines people actually call: 12345 for everything, plus the department's own national
 * service line where there is one (12315 market regulation, 12366 tax, 12333 HR & social security…).
 */

export const deptCodes = [
  'GSO',
  'BDC',
  '12345',
  'SAMR',
  'PSB',
  'TAX',
  'HRSS',
  'HUD',
  'PNR',
  'CA',
  'HC',
  'EDU',
  'EE',
  'TC',
  'HSA',
  'HPF',
  'DRC',
  'JUS',
  'COM',
  'WATER',
  'EM',
  'CT',
  'VA',
  'DPF',
] as const;
export type DeptCode = (typeof deptCodes)[number];

export const dept = (code: DeptCode): string => municipalId(code);

/** The district branches of a bureau that has them (market regulation, public security, tax, HR & social security, civil affairs). */
export const branchesOf = (code: 'SAMR' | 'PSB' | 'TAX' | 'HRSS' | 'CA'): string[] =>
  branchDistrictIds.map((d) => districtBranchId(d, municipalId(code)));

/** A district branch, e.g. `branch('SH-PD', 'SAMR')` → `SH-PD-SAMR`. */
export const branch = (districtId: (typeof branchDistrictIds)[number], code: 'SAMR' | 'PSB' | 'TAX' | 'HRSS' | 'CA'): string =>
  districtBranchId(districtId, municipalId(code));

type DeptInfo = { consult: string; complaint: string; where: readonly [string, string] };

const DISTRICT_CENTRE: readonly [string, string] = [
  '各区行政服务中心综合受理窗口（全市通办）',
  'Integrated acceptance windows of any district administrative service centre (city-wide)',
];
const COMMUNITY_CENTRE: readonly [string, string] = [
  '各街道（镇）社区事务受理服务中心（全市通办）',
  'Any subdistrict/town community affairs acceptance service centre (city-wide)',
];

const info: Record<DeptCode, DeptInfo> = {
  GSO: { consult: '12345', complaint: '12345', where: DISTRICT_CENTRE },
  BDC: { consult: '12345', complaint: '12345', where: ['“一网通办”总门户在线办理', 'Online at the one-stop portal'] },
  '12345': { consult: '12345', complaint: '12345', where: ['拨打12345或通过“一网通办”在线提交', 'Call 12345 or submit online'] },
  SAMR: { consult: '12345；12315', complaint: '12315；12345', where: DISTRICT_CENTRE },
  PSB: {
    consult: '12345（户政、出入境业务咨询）；交管业务“交管12123”',
    complaint: '12389（公安监督举报）；12345',
    where: [
      '户籍所在地或居住地公安派出所户籍窗口、区公安分局出入境/车管窗口',
      'Household registration windows of police stations; exit-entry and vehicle administration offices',
    ],
  },
  TAX: {
    consult: '12366',
    complaint: '12366；12345',
    where: ['各区税务局办税服务厅或电子税务局', 'District tax service halls or the e-tax bureau'],
  },
  HRSS: { consult: '12333', complaint: '12333；12345', where: COMMUNITY_CENTRE },
  HUD: { consult: '12345；12319（城建服务热线）', complaint: '12319；12345', where: DISTRICT_CENTRE },
  PNR: {
    consult: '12345；12336',
    complaint: '12336；12345',
    where: ['各区不动产登记事务中心或区行政服务中心', 'District real-estate registration centres or administrative service centres'],
  },
  CA: {
    consult: '12345',
    complaint: '12345',
    where: [
      '各区婚姻登记机关、民政窗口及社区事务受理服务中心',
      'District marriage registration offices, civil-affairs windows and community centres',
    ],
  },
  HC: { consult: '12320', complaint: '12320；12345', where: DISTRICT_CENTRE },
  EDU: { consult: '12345', complaint: '12345', where: DISTRICT_CENTRE },
  EE: { consult: '12345；12369', complaint: '12369；12345', where: DISTRICT_CENTRE },
  TC: { consult: '12328', complaint: '12328；12345', where: DISTRICT_CENTRE },
  HSA: { consult: '12393', complaint: '12393；12345', where: COMMUNITY_CENTRE },
  HPF: {
    consult: '12329',
    complaint: '12329；12345',
    where: ['住房公积金各区管理部或“一网通办”', 'District offices of the housing provident fund centre, or online'],
  },
  DRC: { consult: '12345', complaint: '12345；12315（价格）', where: DISTRICT_CENTRE },
  JUS: { consult: '12348', complaint: '12348；12345', where: ['各区公共法律服务中心', 'District public legal service centres'] },
  COM: { consult: '12345', complaint: '12312；12345', where: DISTRICT_CENTRE },
  WATER: { consult: '12345', complaint: '12314（水利监督举报）；12345', where: DISTRICT_CENTRE },
  EM: { consult: '12345', complaint: '12350；12345', where: DISTRICT_CENTRE },
  CT: { consult: '12345；12301（旅游服务）', complaint: '12318（文化市场举报）；12301', where: DISTRICT_CENTRE },
  VA: {
    consult: '12345',
    complaint: '12345',
    where: ['各区退役军人服务中心、街道（镇）退役军人服务站', 'District veterans service centres and subdistrict service stations'],
  },
  DPF: { consult: '12385', complaint: '12385；12345', where: COMMUNITY_CENTRE },
};

export const contactsOf = (code: DeptCode) => ({ consultation: info[code].consult, complaint: info[code].complaint });
export const whereOf = (code: DeptCode) => info[code].where;
export const COMMUNITY_CENTRE_WHERE = COMMUNITY_CENTRE;
export const DISTRICT_CENTRE_WHERE = DISTRICT_CENTRE;
