import {
  brandChars,
  chongmingParks,
  companyIndustries,
  foreignBrands,
  type Industry,
  partnershipIndustries,
  shopBrands,
  shopIndustries,
  soleProprietorshipIndustries,
} from './enterprise-catalogue.ts';
import { type DistrictInfo, districts } from './geography.ts';
import { makeCreditCode } from './ids.ts';
import { surnameLength } from './people.ts';
import type { Rng } from './random.ts';
import type { EnterpriseStatus, RegistryEnterpriseSeed, RegistryPersonSeed } from './types.ts';

/** The enterprise registry: companies, partnerships, sole proprietorships and individual businesses. */

const enterpriseTypes = [
  ['有限责任公司（自然人投资或控股）', 50],
  ['有限责任公司（自然人独资）', 18],
  ['股份有限公司（非上市、自然人投资或控股）', 3],
  ['有限责任公司（外国法人独资）', 2],
  ['有限合伙企业', 2],
  ['个人独资企业', 5],
  ['个体工商户', 20],
] as const;
type EnterpriseType = (typeof enterpriseTypes)[number][0];

/** The 31 characters a unified social credit code may use (no I, O, Z, S, V). */
const codeAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export type EnterpriseBuildOptions = { referenceDate: string; districtList?: readonly DistrictInfo[] };

export function buildEnterprises(
  rng: Rng,
  people: readonly RegistryPersonSeed[],
  count: number,
  options: EnterpriseBuildOptions,
): RegistryEnterpriseSeed[] {
  const refYear = Number(options.referenceDate.slice(0, 4));
  const districtList = options.districtList ?? districts;
  const names = new Set<string>();
  const codes = new Set<string>();

  // Who can run a business: living adults 22–70, by household district.
  const candidates = new Map<string, RegistryPersonSeed[]>();
  const everyone: RegistryPersonSeed[] = [];
  for (const p of people) {
    const age = refYear - Number(p.birthDate.slice(0, 4));
    if (!p.alive || age < 22 || age > 70) continue;
    everyone.push(p);
    const list = candidates.get(p.householdDistrict) ?? [];
    list.push(p);
    candidates.set(p.householdDistrict, list);
  }
  if (everyone.length === 0) throw new Error('no adults to be legal representatives');

  const brand = () => {
    const a = rng.pick(brandChars);
    let b = rng.pick(brandChars);
    while (b === a) b = rng.pick(brandChars);
    return a + b;
  };

  const dateBetween = (fromYear: number): string => {
    const to = Date.parse(`${options.referenceDate}T00:00:00Z`);
    const from = Date.UTC(fromYear, 0, 1);
    return new Date(from + rng.int(0, Math.floor((to - from) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
  };

  const result: RegistryEnterpriseSeed[] = [];
  while (result.length < count) {
    const type: EnterpriseType = rng.weighted(enterpriseTypes);
    const d = rng.weighted(districtList.map((x) => [x, x.enterpriseWeight] as const));
    const local = candidates.get(d.id);
    const rep = local && local.length > 0 && rng.chance(0.6) ? rng.pick(local) : rng.pick(everyone);
    const individual = type === '个体工商户';

    // Newer businesses are far more numerous: most were registered after the 2014 reform.
    const sinceYear = individual
      ? rng.weighted([
          [2016, 80],
          [2005, 20],
        ] as const)
      : rng.weighted([
          [2018, 50],
          [2012, 30],
          [1995, 20],
        ] as const);
    // …and never before the representative came of age.
    const establishedOn = dateBetween(Math.max(sinceYear, Number(rep.birthDate.slice(0, 4)) + 20));

    let industry: Industry;
    let name: string;
    if (individual) {
      industry = rng.pick(shopIndustries);
      const shop = rng.chance(0.3) ? `${rep.name.slice(0, surnameLength(rep.name))}记` : rng.pick(shopBrands);
      name = `${d.zh}${shop}${industry.word}（个体工商户）`;
    } else if (type === '个人独资企业') {
      industry = rng.pick(soleProprietorshipIndustries);
      name = `上海${brand()}${industry.word}`;
    } else if (type === '有限合伙企业') {
      industry = rng.pick(partnershipIndustries);
      name = `上海${brand()}${industry.word}`;
    } else if (type === '有限责任公司（外国法人独资）') {
      industry = rng.pick(
        companyIndustries.filter((i) => ['贸易', '国际贸易', '信息科技', '医疗器械', '企业管理咨询', '新材料科技'].includes(i.word)),
      );
      name = `${rng.pick(foreignBrands)}（上海）${industry.word}有限公司`;
    } else {
      industry = rng.pick(companyIndustries);
      name = `上海${brand()}${industry.word}${type.startsWith('股份') ? '股份' : ''}有限公司`;
    }
    if (names.has(name)) continue;

    // GB 32100: 9 = registered by market regulation; 1 = enterprise, 2 = individual business.
    // Codes given since the 2015 reform carry an organisation code starting MA; older companies
    // kept their 8-digit organisation code, many issued at city level (310000).
    const modern = individual || establishedOn >= '2016-01-01';
    const division = !modern && rng.chance(0.3) ? '310000' : d.divisionCode;
    const orgBody = modern
      ? `MA${rng.pick(['1', '2', '7'])}${Array.from({ length: 5 }, () => rng.pick(codeAlphabet.split(''))).join('')}`
      : `${rng.pick(['1', '6', '7'])}${rng.digits(7)}`;
    const creditCode = makeCreditCode('9', individual ? '2' : '1', division, orgBody);
    if (codes.has(creditCode)) continue;

    const status: EnterpriseStatus = rng.weighted([
      ['active', 94],
      ['cancelled', 4],
      ['revoked', 2],
    ] as const);
    names.add(name);
    codes.add(creditCode);
    result.push({
      creditCode,
      name,
      enterpriseType: type,
      legalRepresentativeIdNumber: rep.idNumber,
      legalRepresentativeName: rep.name,
      registeredCapitalWan: capital(rng, type),
      establishedOn,
      address: enterpriseAddress(rng, d, individual),
      district: d.id,
      businessScope: industry.scope,
      status,
    });
  }
  return result;
}

function capital(rng: Rng, type: EnterpriseType): number {
  if (type === '个体工商户') return rng.int(1, 30);
  if (type === '个人独资企业') return rng.pick([1, 5, 10, 20, 50, 100]);
  if (type.startsWith('股份')) return rng.pick([1000, 2000, 3000, 5000, 8000, 10000, 20000]);
  if (type === '有限责任公司（外国法人独资）') return rng.pick([140, 200, 350, 500, 1000, 2000]);
  return rng.weighted([
    [10, 10],
    [50, 12],
    [100, 25],
    [200, 12],
    [300, 8],
    [500, 14],
    [1000, 12],
    [2000, 4],
    [5000, 2],
    [10000, 1],
  ] as const);
}

function enterpriseAddress(rng: Rng, d: DistrictInfo, shop: boolean): string {
  const base = `上海市${d.zh}${rng.pick(d.roads)}${rng.int(1, 2999)}号`;
  if (shop) return rng.chance(0.3) ? `${base}1层` : base;
  if (d.id === 'SH-CM' && rng.chance(0.5)) return `${base}${rng.int(1, 12)}号楼${rng.int(10000, 29999)}室（${rng.pick(chongmingParks)}）`;
  const floor = rng.int(1, 28);
  return rng.weighted([
    [`${base}${floor}层${floor}${String(rng.int(1, 20)).padStart(2, '0')}室`, 4],
    [`${base}${rng.int(1, 9)}幢${rng.int(1, 6)}层`, 2],
    [`${base}${rng.int(1, 12)}号楼${rng.int(1, 6)}${String(rng.int(1, 30)).padStart(2, '0')}室`, 3],
    [`${base}${rng.pick(['A', 'B', 'C'])}座${floor}楼`, 1],
  ] as const);
}
