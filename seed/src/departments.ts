import { CITY, type DistrictInfo, districts } from './geography.ts';
import type { Rng } from './random.ts';
import type { DepartmentSeed, DistrictBranchSeed } from './types.ts';

/** A municipal department: id `SH-<code>`; `slug` names it in usernames. */
export type MunicipalDepartmentInfo = { code: string; slug: string; kind: 'bureau' | 'office'; zh: string; en: string };

export const municipalDepartments: readonly MunicipalDepartmentInfo[] = [
  { code: 'GSO', slug: 'gso', kind: 'office', zh: '上海市政务服务办公室', en: 'Shanghai Municipal Government Service Office' },
  { code: 'BDC', slug: 'bigdata', kind: 'office', zh: '上海市大数据中心', en: 'Shanghai Big Data Center' },
  {
    code: '12345',
    slug: 'hotline',
    kind: 'office',
    zh: '上海市12345市民服务热线管理办公室',
    en: 'Shanghai 12345 Citizen Service Hotline Management Office',
  },
  { code: 'SAMR', slug: 'samr', kind: 'bureau', zh: '上海市市场监督管理局', en: 'Shanghai Administration for Market Regulation' },
  { code: 'PSB', slug: 'psb', kind: 'bureau', zh: '上海市公安局', en: 'Shanghai Municipal Public Security Bureau' },
  { code: 'TAX', slug: 'tax', kind: 'bureau', zh: '国家税务总局上海市税务局', en: 'Shanghai Tax Service, State Taxation Administration' },
  {
    code: 'HRSS',
    slug: 'hrss',
    kind: 'bureau',
    zh: '上海市人力资源和社会保障局',
    en: 'Shanghai Municipal Human Resources and Social Security Bureau',
  },
  {
    code: 'HUD',
    slug: 'housing',
    kind: 'bureau',
    zh: '上海市住房和城乡建设管理委员会',
    en: 'Shanghai Municipal Commission of Housing and Urban-Rural Development',
  },
  {
    code: 'PNR',
    slug: 'planning',
    kind: 'bureau',
    zh: '上海市规划和自然资源局',
    en: 'Shanghai Municipal Bureau of Planning and Natural Resources',
  },
  { code: 'CA', slug: 'civil', kind: 'bureau', zh: '上海市民政局', en: 'Shanghai Municipal Civil Affairs Bureau' },
  { code: 'HC', slug: 'health', kind: 'bureau', zh: '上海市卫生健康委员会', en: 'Shanghai Municipal Health Commission' },
  { code: 'EDU', slug: 'education', kind: 'bureau', zh: '上海市教育委员会', en: 'Shanghai Municipal Education Commission' },
  { code: 'EE', slug: 'ecology', kind: 'bureau', zh: '上海市生态环境局', en: 'Shanghai Municipal Bureau of Ecology and Environment' },
  { code: 'TC', slug: 'transport', kind: 'bureau', zh: '上海市交通委员会', en: 'Shanghai Municipal Transportation Commission' },
  { code: 'HSA', slug: 'medicare', kind: 'bureau', zh: '上海市医疗保障局', en: 'Shanghai Healthcare Security Administration' },
  { code: 'HPF', slug: 'fund', kind: 'office', zh: '上海市住房公积金管理中心', en: 'Shanghai Housing Provident Fund Management Center' },
  { code: 'DRC', slug: 'drc', kind: 'bureau', zh: '上海市发展和改革委员会', en: 'Shanghai Municipal Development and Reform Commission' },
  { code: 'JUS', slug: 'justice', kind: 'bureau', zh: '上海市司法局', en: 'Shanghai Municipal Bureau of Justice' },
  { code: 'COM', slug: 'commerce', kind: 'bureau', zh: '上海市商务委员会', en: 'Shanghai Municipal Commission of Commerce' },
  { code: 'WATER', slug: 'water', kind: 'bureau', zh: '上海市水务局', en: 'Shanghai Water Authority' },
  { code: 'EM', slug: 'emergency', kind: 'bureau', zh: '上海市应急管理局', en: 'Shanghai Municipal Emergency Management Bureau' },
  { code: 'CT', slug: 'culture', kind: 'bureau', zh: '上海市文化和旅游局', en: 'Shanghai Municipal Administration of Culture and Tourism' },
  { code: 'VA', slug: 'veterans', kind: 'bureau', zh: '上海市退役军人事务局', en: 'Shanghai Municipal Bureau of Veterans Affairs' },
  { code: 'DPF', slug: 'dpf', kind: 'office', zh: '上海市残疾人联合会', en: "Shanghai Disabled Persons' Federation" },
];

/** Districts that have their own branches of the main bureaus (others are served by the city). */
export const branchDistrictIds = ['SH-HP', 'SH-XH', 'SH-PD', 'SH-MH'] as const;

const shortNames: Record<string, { zh: string; en: string }> = {
  'SH-HP': { zh: '黄浦', en: 'Huangpu' },
  'SH-XH': { zh: '徐汇', en: 'Xuhui' },
  'SH-PD': { zh: '浦东', en: 'Pudong' },
  'SH-MH': { zh: '闵行', en: 'Minhang' },
};

/** How each main bureau names its district branch. */
const branchNames: Record<string, (d: DistrictInfo) => { zh: string; en: string }> = {
  SAMR: (d) => ({ zh: `${d.zh}市场监督管理局`, en: `${d.en} Administration for Market Regulation` }),
  PSB: (d) => ({
    zh: `上海市公安局${shortNames[d.id]?.zh}分局`,
    en: `${shortNames[d.id]?.en} Sub-bureau, Shanghai Public Security Bureau`,
  }),
  TAX: (d) => ({ zh: `国家税务总局上海市${d.zh}税务局`, en: `${d.en} Tax Service, State Taxation Administration` }),
  HRSS: (d) => ({ zh: `${d.zh}人力资源和社会保障局`, en: `${d.en} Human Resources and Social Security Bureau` }),
  CA: (d) => ({ zh: `${d.zh}民政局`, en: `${d.en} Civil Affairs Bureau` }),
};

export const branchBureauCodes: readonly string[] = Object.keys(branchNames);

export const municipalId = (code: string) => `${CITY.id}-${code}`;
/** The id of a bureau's branch in a district, e.g. `SH-PD-SAMR`; it exists only for `branchDistrictIds`. */
export const districtBranchId = (districtId: string, bureauId: string) => `${districtId}-${bureauId.slice(CITY.id.length + 1)}`;
export const streetId = (districtId: string, slug: string) => `${districtId}-${slug.toUpperCase()}`;
export const serviceCentreId = (parentId: string) => `${parentId}-SC`;

/** Addresses in the centre of town for municipal departments. */
const centralDistrictIds = ['SH-HP', 'SH-JA', 'SH-XH', 'SH-CN', 'SH-HK'];

function phone(rng: Rng): string {
  return `021-${rng.pick(['5', '6', '3'])}${rng.digits(7)}`;
}

function officeAddress(rng: Rng, d: DistrictInfo): string {
  return `上海市${d.zh}${rng.pick(d.roads)}${rng.int(1, 1200)}号`;
}

export type DepartmentPlan = {
  districts: readonly DistrictInfo[];
  municipal: readonly MunicipalDepartmentInfo[];
  /** Districts with branches of the main bureaus, and which bureaus (codes) branch out. */
  branchDistrictIds: readonly string[];
  branchCodes: readonly string[];
};

export const fullDepartmentPlan: DepartmentPlan = {
  districts,
  municipal: municipalDepartments,
  branchDistrictIds,
  branchCodes: branchBureauCodes,
};

export function buildDepartments(
  rng: Rng,
  plan: DepartmentPlan = fullDepartmentPlan,
): { departments: DepartmentSeed[]; branches: DistrictBranchSeed[] } {
  const departments: DepartmentSeed[] = [];
  const add = (row: Omit<DepartmentSeed, 'divisionCode' | 'address' | 'phone'> & Partial<DepartmentSeed>) =>
    departments.push({ divisionCode: null, address: null, phone: null, ...row });

  add({
    id: CITY.id,
    parentId: null,
    kind: 'city',
    nameZh: CITY.zh,
    nameEn: CITY.en,
    divisionCode: CITY.divisionCode,
    address: '上海市黄浦区人民大道200号',
  });

  for (const m of plan.municipal) {
    const centralId = rng.pick(centralDistrictIds);
    const d = districts.find((x) => x.id === centralId) as DistrictInfo;
    add({
      id: municipalId(m.code),
      parentId: CITY.id,
      kind: m.kind,
      nameZh: m.zh,
      nameEn: m.en,
      address: officeAddress(rng, d),
      phone: m.code === '12345' ? '12345' : phone(rng),
    });
  }

  const branches: DistrictBranchSeed[] = [];
  for (const d of plan.districts) {
    add({
      id: d.id,
      parentId: CITY.id,
      kind: 'district',
      nameZh: d.zh,
      nameEn: d.en,
      divisionCode: d.divisionCode,
      address: officeAddress(rng, d),
    });
    add({
      id: serviceCentreId(d.id),
      parentId: d.id,
      kind: 'service_centre',
      nameZh: `${d.zh}行政服务中心`,
      nameEn: `${d.en} Administrative Service Centre`,
      address: officeAddress(rng, d),
      phone: phone(rng),
    });
    for (const st of d.streets) {
      const id = streetId(d.id, st.slug);
      // A subdistrict named after a road (南京东路街道) has its office on that road.
      const road = st.zh.endsWith('路街道') ? st.zh.slice(0, -2) : rng.pick(d.roads);
      add({ id, parentId: d.id, kind: 'street', nameZh: st.zh, nameEn: st.en, address: `上海市${d.zh}${road}${rng.int(1, 1200)}号` });
      add({
        id: serviceCentreId(id),
        parentId: id,
        kind: 'service_centre',
        nameZh: `${st.zh}社区事务受理服务中心`,
        nameEn: `${st.en} Community Affairs Acceptance Service Centre`,
        address: `上海市${d.zh}${road}${rng.int(1, 1200)}号`,
        phone: phone(rng),
      });
    }
    if (plan.branchDistrictIds.includes(d.id)) {
      for (const code of plan.branchCodes) {
        const bureauId = municipalId(code);
        const id = districtBranchId(d.id, bureauId);
        const names = (branchNames[code] as (x: DistrictInfo) => { zh: string; en: string })(d);
        add({ id, parentId: d.id, kind: 'bureau', nameZh: names.zh, nameEn: names.en, address: officeAddress(rng, d), phone: phone(rng) });
        branches.push({ districtId: d.id, bureauId, branchId: id });
      }
    }
  }
  return { departments, branches };
}
