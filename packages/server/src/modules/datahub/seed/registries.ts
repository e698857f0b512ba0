import { districts } from '@tongban/seed';

/**
 * The departments' registries behind the hub's own resources, generated from the population and
 * enterprise registries so that they agree with them: a marriage record for every married person
 * naming the spouse the population registry names (one certificate per couple), a birth
 * certificate for every child under one naming the married couple of the same household as
 * parents, titles and cars for households, social insurance and housing fund with employers from
 * the enterprise registry, degrees, driving licences, and a tax registration for every enterprise.
 * Deterministic: every choice is a hash of the record's key, so the same city gives the same rows.
 */
export type SeedPerson = {
  idNumber: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  householdAddress: string;
  householdDistrict: string;
  maritalStatus: 'unmarried' | 'married' | 'divorced' | 'widowed';
  spouseIdNumber?: string | null | undefined;
  alive?: boolean | undefined;
};
export type SeedEnterprise = {
  creditCode: string;
  name: string;
  registeredCapitalWan: number;
  establishedOn: string;
  district: string;
  status?: 'active' | 'revoked' | 'cancelled' | undefined;
};

export type MarriageRow = {
  id_number: string;
  name: string;
  spouse_name: string | null;
  spouse_id_number: string | null;
  marital_status: string;
  registered_on: string | null;
  certificate_number: string | null;
};
export type BirthRow = {
  certificate_number: string;
  child_name: string;
  child_sex: string;
  child_birth_date: string;
  birth_place: string;
  institution: string;
  mother_name: string | null;
  mother_id_number: string | null;
  father_name: string | null;
  father_id_number: string | null;
};
export type SocialInsuranceRow = {
  id_number: string;
  name: string;
  insured_status: string;
  employer_credit_code: string | null;
  employer_name: string | null;
  insured_since: string;
  contribution_months: number;
  card_number: string;
};
export type HousingFundRow = {
  account_number: string;
  id_number: string;
  name: string;
  account_status: string;
  balance: number;
  employer_credit_code: string | null;
  deposit_base: number;
  monthly_deposit: number;
};
export type DegreeRow = {
  certificate_number: string;
  id_number: string;
  name: string;
  institution: string;
  education_level: string;
  degree: string;
  major: string;
  graduation_date: string;
};
export type RealEstateRow = {
  certificate_number: string;
  unit_number: string;
  owner_name: string;
  owner_id_number: string;
  address: string;
  area: number;
  usage: string;
  right_type: string;
  mortgage_status: string;
  registered_on: string;
};
export type TaxRow = {
  credit_code: string;
  taxpayer_name: string;
  taxpayer_type: string;
  tax_authority: string;
  registered_on: string;
  status: string;
};
export type VehicleRow = {
  plate_number: string;
  vin: string;
  owner_id_number: string;
  owner_name: string;
  brand_model: string;
  vehicle_type: string;
  registered_on: string;
  certificate_number: string;
  inspection_valid_until: string;
  status: string;
};
export type DrivingLicenceRow = {
  id_number: string;
  name: string;
  licence_number: string;
  permitted_class: string;
  first_issued_on: string;
  valid_until: string;
  status: string;
};

export type DemoRegistries = {
  marriages: MarriageRow[];
  births: BirthRow[];
  socialInsurance: SocialInsuranceRow[];
  housingFund: HousingFundRow[];
  degrees: DegreeRow[];
  realEstate: RealEstateRow[];
  tax: TaxRow[];
  vehicles: VehicleRow[];
  drivingLicences: DrivingLicenceRow[];
};

/** FNV-1a over the text, then a murmur3 finaliser: fast, and the same everywhere. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A number in [0, 1) fixed by the key and what it is for. */
function rand(key: string, salt: string): number {
  return hash32(`${salt}:${key}`) / 2 ** 32;
}
const between = (key: string, salt: string, lo: number, hi: number) => lo + Math.floor(rand(key, salt) * (hi - lo + 1));
const pick = <T>(key: string, salt: string, xs: readonly T[]): T => xs[Math.floor(rand(key, salt) * xs.length)] as T;
const digits = (key: string, salt: string, n: number) => {
  let out = '';
  for (let i = 0; out.length < n; i++) out += hash32(`${salt}:${i}:${key}`).toString().padStart(10, '0');
  return out.slice(0, n);
};

function ymd(date: Date): string {
  return date.toISOString().slice(0, 10);
}
function parse(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
function addYears(date: string, years: number, days = 0): string {
  const d = parse(date);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() + days);
  return ymd(d);
}
function ageAt(birthDate: string, referenceDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ry, rm, rd] = referenceDate.split('-').map(Number) as [number, number, number];
  return ry - by - (rm < bm || (rm === bm && rd < bd) ? 1 : 0);
}
function monthsBetween(from: string, to: string): number {
  const a = parse(from);
  const b = parse(to);
  return Math.max(0, (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth()));
}
const minDate = (a: string, b: string) => (a < b ? a : b);

const districtInfo = new Map(districts.map((x) => [x.id, x]));
const districtName = (id: string) => districtInfo.get(id)?.zh ?? '上海市';
const divisionCode = (id: string) => districtInfo.get(id)?.divisionCode ?? '310000';

const hospitals = [
  '上海市第一妇婴保健院',
  '复旦大学附属妇产科医院',
  '中国福利会国际和平妇幼保健院',
  '上海市第一人民医院',
  '上海交通大学医学院附属仁济医院',
  '上海市长宁区妇幼保健院',
  '上海市浦东新区妇幼保健院',
];
const universities: readonly (readonly [string, string])[] = [
  ['复旦大学', '10246'],
  ['上海交通大学', '10248'],
  ['同济大学', '10247'],
  ['华东师范大学', '10269'],
  ['上海财经大学', '10272'],
  ['华东理工大学', '10251'],
  ['上海大学', '10280'],
  ['东华大学', '10255'],
  ['上海外国语大学', '10271'],
  ['上海理工大学', '10252'],
  ['上海师范大学', '10270'],
  ['上海电机学院', '11458'],
];
const majors = [
  '计算机科学与技术',
  '会计学',
  '法学',
  '临床医学',
  '土木工程',
  '金融学',
  '汉语言文学',
  '英语',
  '机械工程',
  '电子信息工程',
  '工商管理',
  '护理学',
];
const carModels = [
  '上汽大众 朗逸',
  '上汽通用 别克英朗',
  '比亚迪 秦PLUS',
  '特斯拉 Model 3',
  '上汽荣威 i5',
  '吉利 帝豪',
  '上汽大众 帕萨特',
  '上汽通用五菱 宏光MINI EV',
  '蔚来 ES6',
  '丰田 卡罗拉',
];
const plateLetters = 'ABCDEFGHJKLMN';
const plateChars = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const vinChars = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';

export function buildDemoRegistries(input: {
  people: readonly SeedPerson[];
  enterprises: readonly SeedEnterprise[];
  referenceDate: string;
}): DemoRegistries {
  const ref = input.referenceDate;
  const people = input.people;
  const byId = new Map(people.map((p) => [p.idNumber, p]));
  const active = input.enterprises
    .filter((e) => (e.status ?? 'active') === 'active')
    .sort((a, b) => a.creditCode.localeCompare(b.creditCode));
  const out: DemoRegistries = {
    marriages: [],
    births: [],
    socialInsurance: [],
    housingFund: [],
    degrees: [],
    realEstate: [],
    tax: [],
    vehicles: [],
    drivingLicences: [],
  };

  // Marriages: one certificate per couple, both spouses' rows name each other.
  for (const p of people) {
    const key = p.idNumber;
    if (p.maritalStatus === 'married' && p.spouseIdNumber) {
      const spouse = byId.get(p.spouseIdNumber);
      const couple = [p.idNumber, p.spouseIdNumber].sort().join('|');
      const younger = spouse && spouse.birthDate > p.birthDate ? spouse : p;
      const registeredOn = minDate(
        addYears(younger.birthDate, between(couple, 'marry-age', 22, 29), between(couple, 'marry-day', 0, 300)),
        addYears(ref, 0, -30),
      );
      const husband = p.sex === 'male' ? p : (spouse ?? p);
      out.marriages.push({
        id_number: p.idNumber,
        name: p.name,
        spouse_name: spouse?.name ?? null,
        spouse_id_number: p.spouseIdNumber,
        marital_status: 'married',
        registered_on: registeredOn,
        certificate_number: `J${divisionCode(husband.householdDistrict)}-${registeredOn.slice(0, 4)}-${digits(couple, 'marry-no', 6)}`,
      });
    } else if (p.maritalStatus === 'divorced') {
      const on = minDate(
        addYears(p.birthDate, between(key, 'divorce-age', 28, 45), between(key, 'divorce-day', 0, 300)),
        addYears(ref, 0, -30),
      );
      out.marriages.push({
        id_number: p.idNumber,
        name: p.name,
        spouse_name: null,
        spouse_id_number: null,
        marital_status: 'divorced',
        registered_on: on,
        certificate_number: `L${divisionCode(p.householdDistrict)}-${on.slice(0, 4)}-${digits(key, 'divorce-no', 6)}`,
      });
    } else if (p.maritalStatus === 'widowed') {
      out.marriages.push({
        id_number: p.idNumber,
        name: p.name,
        spouse_name: null,
        spouse_id_number: null,
        marital_status: 'widowed',
        registered_on: null,
        certificate_number: null,
      });
    }
  }

  // Births: children under one, with the married couple of their household as parents.
  const couplesAt = new Map<string, SeedPerson[]>();
  for (const p of people) {
    if (p.maritalStatus !== 'married' || !p.spouseIdNumber) continue;
    const at = `${p.householdDistrict}|${p.householdAddress}`;
    couplesAt.set(at, [...(couplesAt.get(at) ?? []), p]);
  }
  let birthSeq = 0;
  for (const child of people) {
    if (ageAt(child.birthDate, ref) !== 0) continue;
    const candidates = (couplesAt.get(`${child.householdDistrict}|${child.householdAddress}`) ?? []).filter(
      (m) => m.sex === 'female' && ageAt(m.birthDate, child.birthDate) >= 18,
    );
    // The youngest married woman of the household is the mother (not a grandmother).
    const mother = candidates.sort((a, b) => b.birthDate.localeCompare(a.birthDate))[0];
    const father = mother?.spouseIdNumber ? byId.get(mother.spouseIdNumber) : undefined;
    birthSeq++;
    out.births.push({
      certificate_number: `O31${String(birthSeq).padStart(3, '0')}${digits(child.idNumber, 'birth-no', 4)}`,
      child_name: child.name,
      child_sex: child.sex,
      child_birth_date: child.birthDate,
      birth_place: `上海市${districtName(child.householdDistrict)}`,
      institution: pick(child.idNumber, 'hospital', hospitals),
      mother_name: mother?.name ?? null,
      mother_id_number: mother?.idNumber ?? null,
      father_name: father?.name ?? null,
      father_id_number: father?.idNumber ?? null,
    });
  }

  // Social insurance and housing fund for people of working age (and pensioners).
  let fundSeq = 0;
  for (const p of people) {
    const key = p.idNumber;
    if (p.alive === false) continue;
    const age = ageAt(p.birthDate, ref);
    if (age < 18) continue;
    const retireAge = p.sex === 'male' ? 60 : 55;
    const card = `${pick(key, 'card-letter', ['A', 'B', 'C', 'D', 'E'])}${digits(key, 'card', 8)}`;
    if (age >= retireAge) {
      const since = addYears(p.birthDate, between(key, 'si-start', 20, 25));
      out.socialInsurance.push({
        id_number: key,
        name: p.name,
        insured_status: 'retired',
        employer_credit_code: null,
        employer_name: null,
        insured_since: since,
        contribution_months: Math.max(180, monthsBetween(since, addYears(p.birthDate, retireAge)) - between(key, 'si-gap', 0, 36)),
        card_number: card,
      });
      continue;
    }
    const r = rand(key, 'si-status');
    if (r >= 0.87 || active.length === 0) continue;
    const since = minDate(addYears(p.birthDate, between(key, 'si-start', 18, 24), between(key, 'si-day', 0, 300)), addYears(ref, 0, -31));
    const employer = r < 0.82 ? (active[Math.floor(rand(key, 'employer') * active.length)] as SeedEnterprise) : undefined;
    const months = Math.max(1, monthsBetween(since, ref) - between(key, 'si-gap', 0, 12));
    out.socialInsurance.push({
      id_number: key,
      name: p.name,
      insured_status: employer ? 'contributing' : 'suspended',
      employer_credit_code: employer?.creditCode ?? null,
      employer_name: employer?.name ?? null,
      insured_since: since,
      contribution_months: months,
      card_number: card,
    });
    if (employer && rand(key, 'fund') < 0.85) {
      fundSeq++;
      const base = between(key, 'fund-base', 60, 400) * 100;
      const monthly = Math.round(base * 0.07 * 2 * 100) / 100;
      const balance = Math.round(monthly * Math.min(months, 120) * (0.3 + 0.7 * rand(key, 'fund-balance')) * 100) / 100;
      out.housingFund.push({
        account_number: `3101${String(fundSeq).padStart(8, '0')}`,
        id_number: key,
        name: p.name,
        account_status: 'normal',
        balance,
        employer_credit_code: employer.creditCode,
        deposit_base: base,
        monthly_deposit: monthly,
      });
    }
  }

  // Degrees.
  let degreeSeq = 0;
  for (const p of people) {
    const key = p.idNumber;
    const age = ageAt(p.birthDate, ref);
    if (age < 22) continue;
    const r = rand(key, 'degree');
    if (r >= 0.55) continue;
    const [uni, uniCode] = pick(key, 'uni', universities);
    const major = pick(key, 'major', majors);
    const add = (level: string, degree: string, levelDigit: string, years: number) => {
      const graduation = `${Number(p.birthDate.slice(0, 4)) + years}-07-01`;
      if (graduation > ref) return;
      degreeSeq++;
      out.degrees.push({
        certificate_number: `${uniCode}${levelDigit}${graduation.slice(0, 4)}${String(degreeSeq).padStart(8, '0')}`,
        id_number: key,
        name: p.name,
        institution: uni,
        education_level: level,
        degree,
        major,
        graduation_date: graduation,
      });
    };
    if (r < 0.13) {
      add('junior_college', 'none', '5', 21);
      continue;
    }
    add('bachelor', 'bachelor', '4', 22);
    if (rand(key, 'master') < 0.3) {
      add('master', 'master', '2', 25);
      if (rand(key, 'doctor') < 0.25) add('doctor', 'doctor', '1', 29);
    }
  }

  // Households: a title for most, a car for some, owned by the head of the household.
  const households = new Map<string, SeedPerson[]>();
  for (const p of people) {
    if (p.alive === false || ageAt(p.birthDate, ref) < 18) continue;
    const at = `${p.householdDistrict}|${p.householdAddress}`;
    households.set(at, [...(households.get(at) ?? []), p]);
  }
  let titleSeq = 0;
  let carSeq = 0;
  const plates = new Set<string>();
  const vins = new Set<string>();
  for (const [at, members] of households) {
    const sorted = [...members].sort((a, b) => a.birthDate.localeCompare(b.birthDate) || a.idNumber.localeCompare(b.idNumber));
    const husband = sorted.find((m) => m.sex === 'male' && m.maritalStatus === 'married' && ageAt(m.birthDate, ref) < 80);
    const head = husband ?? sorted[0];
    if (!head) continue;
    const owner = husband?.spouseIdNumber && rand(at, 'title-owner') < 0.3 ? (byId.get(husband.spouseIdNumber) ?? head) : head;
    if (rand(at, 'title') < 0.68) {
      titleSeq++;
      const registeredOn = minDate(
        addYears(ref, -between(at, 'title-year', 1, 25), -between(at, 'title-day', 0, 300)),
        addYears(ref, 0, -30),
      );
      const division = divisionCode(head.householdDistrict);
      out.realEstate.push({
        certificate_number: `沪(${registeredOn.slice(0, 4)})${districtName(head.householdDistrict)}不动产权第${String(titleSeq).padStart(7, '0')}号`,
        unit_number: `${division}${digits(at, 'cadastre', 6)}GB${String(titleSeq % 100_000).padStart(5, '0')}F${String(titleSeq).padStart(8, '0')}`,
        owner_name: owner.name,
        owner_id_number: owner.idNumber,
        address: head.householdAddress,
        area: between(at, 'area', 380, 1600) / 10,
        usage: 'residential',
        right_type: 'state_land_house',
        mortgage_status: registeredOn > addYears(ref, -20) && rand(at, 'mortgage') < 0.35 ? 'mortgaged' : 'none',
        registered_on: registeredOn,
      });
    }
    if (ageAt(head.birthDate, ref) <= 75 && rand(at, 'car') < 0.32) {
      carSeq++;
      let plate = '';
      for (let i = 0; plate === '' || plates.has(plate); i++) {
        const h = digits(at, `plate-${i}`, 10);
        plate = `沪${plateLetters[Number(h.slice(0, 2)) % plateLetters.length]}${[0, 2, 4, 6, 8].map((j) => plateChars[Number(h.slice(j, j + 2)) % plateChars.length]).join('')}`;
      }
      plates.add(plate);
      let vin = '';
      for (let i = 0; vin === '' || vins.has(vin); i++) {
        const h = digits(at, `vin-${i}`, 28);
        vin = `LSV${Array.from({ length: 14 }, (_, j) => vinChars[Number(h.slice(j * 2, j * 2 + 2)) % vinChars.length]).join('')}`;
      }
      vins.add(vin);
      const registeredOn = minDate(addYears(ref, -between(at, 'car-year', 0, 12), -between(at, 'car-day', 0, 300)), addYears(ref, 0, -7));
      let inspection = addYears(registeredOn, 6);
      while (inspection < ref) inspection = addYears(inspection, 1);
      out.vehicles.push({
        plate_number: plate,
        vin,
        owner_id_number: head.idNumber,
        owner_name: head.name,
        brand_model: pick(at, 'model', carModels),
        vehicle_type: 'small_car',
        registered_on: registeredOn,
        certificate_number: `310${String(carSeq).padStart(9, '0')}`,
        inspection_valid_until: inspection,
        status: rand(at, 'car-status') < 0.1 ? 'mortgaged' : 'normal',
      });
    }
  }

  // Driving licences: the licence number is the ID number.
  for (const p of people) {
    const key = p.idNumber;
    const age = ageAt(p.birthDate, ref);
    if (p.alive === false || age < 18 || age > 75 || rand(key, 'licence') >= 0.55) continue;
    const first = minDate(
      addYears(p.birthDate, between(key, 'licence-age', 18, Math.min(35, age)), between(key, 'licence-day', 0, 300)),
      addYears(ref, 0, -10),
    );
    let validUntil = addYears(first, 6);
    if (validUntil < ref) validUntil = addYears(first, 16);
    if (validUntil < ref) validUntil = '9999-12-31';
    const r = rand(key, 'licence-class');
    out.drivingLicences.push({
      id_number: key,
      name: p.name,
      licence_number: key,
      permitted_class: r < 0.8 ? 'C1' : r < 0.92 ? 'C2' : r < 0.97 ? 'B2' : 'A1',
      first_issued_on: first,
      valid_until: validUntil,
      status: rand(key, 'licence-status') < 0.02 ? 'suspended' : 'valid',
    });
  }

  // Tax registrations.
  for (const e of input.enterprises) {
    const status = e.status ?? 'active';
    out.tax.push({
      credit_code: e.creditCode,
      taxpayer_name: e.name,
      taxpayer_type: e.registeredCapitalWan >= 500 ? 'general' : 'small_scale',
      tax_authority: `国家税务总局上海市${districtName(e.district)}税务局`,
      registered_on: minDate(addYears(e.establishedOn, 0, between(e.creditCode, 'tax-day', 1, 20)), ref),
      status: status === 'active' ? 'normal' : status === 'revoked' ? 'abnormal' : 'deregistered',
    });
  }
  return out;
}
