import { checkCreditCode, checkResidentId, isValidMobile, residentIdFacts, staffRoles } from '@tongban/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCity, buildTestCity, DEMO_PASSWORD, REFERENCE_DATE } from './city.ts';
import { type City, departmentKinds } from './types.ts';

function ageOn(birthDate: string, day: string): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const [ry, rm, rd] = day.split('-').map(Number) as [number, number, number];
  return ry - y - (rm < m || (rm === m && rd < d) ? 1 : 0);
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    if (seen.has(v)) return true;
    seen.add(v);
    return false;
  });
}

/** Rules every generated city must keep, demo or test. */
function expectConsistent(city: City) {
  const departments = new Map(city.departments.map((d) => [d.id, d]));
  expect(duplicates(city.departments.map((d) => d.id))).toEqual([]);
  expect(duplicates(city.staff.map((s) => s.id))).toEqual([]);
  expect(duplicates(city.staff.map((s) => s.username))).toEqual([]);
  expect(duplicates(city.people.map((p) => p.idNumber))).toEqual([]);
  expect(duplicates(city.people.flatMap((p) => (p.mobile ? [p.mobile] : [])))).toEqual([]);
  expect(duplicates(city.enterprises.map((e) => e.creditCode))).toEqual([]);
  expect(duplicates(city.enterprises.map((e) => e.name))).toEqual([]);

  // One tree under the city, with only the kinds the table allows.
  for (const d of city.departments) {
    expect(departmentKinds).toContain(d.kind);
    if (d.kind === 'city') expect(d.parentId).toBeNull();
    else expect(departments.has(d.parentId ?? ''), `${d.id} has a known parent`).toBe(true);
    expect(d.nameZh).toMatch(/\p{Script=Han}/u);
    expect(d.nameEn).toMatch(/^[A-Za-z0-9 ,.'()-]+$/);
  }
  for (const street of city.departments.filter((d) => d.kind === 'street')) {
    expect(departments.get(street.parentId ?? '')?.kind).toBe('district');
    expect(
      city.departments.some((c) => c.parentId === street.id && c.kind === 'service_centre' && c.nameZh.endsWith('社区事务受理服务中心')),
    ).toBe(true);
  }
  for (const district of city.departments.filter((d) => d.kind === 'district')) {
    expect(district.divisionCode).toMatch(/^310\d{3}$/);
    expect(
      city.departments.some((c) => c.parentId === district.id && c.kind === 'service_centre' && c.nameZh.endsWith('行政服务中心')),
    ).toBe(true);
  }
  for (const b of city.districtBranches) {
    expect(departments.get(b.branchId)?.parentId).toBe(b.districtId);
    expect(departments.get(b.bureauId)?.kind).toBe('bureau');
  }

  // Staff: every role exists, every service centre has a clerk.
  for (const s of city.staff) {
    expect(departments.has(s.departmentId), s.username).toBe(true);
    expect(s.username).toMatch(/^[a-z0-9.]+$/);
    expect(s.name).toMatch(/^\p{Script=Han}{2,4}$/u);
    for (const r of s.roles) expect(staffRoles).toContain(r);
  }
  const roles = new Set(city.staff.flatMap((s) => s.roles));
  for (const role of staffRoles) expect(roles.has(role), role).toBe(true);
  for (const centre of city.departments.filter((d) => d.kind === 'service_centre')) {
    expect(
      city.staff.some((s) => s.departmentId === centre.id && s.roles.includes('window_clerk')),
      `${centre.nameZh} has a window clerk`,
    ).toBe(true);
  }

  // People: valid ID numbers that agree with sex and birth date; couples point at each other.
  // (Problems are collected and compared once: 20,000 people × a dozen expects is slow.)
  const people = new Map(city.people.map((p) => [p.idNumber, p]));
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  for (const p of city.people) {
    const who = `${p.name} ${p.idNumber}`;
    check(checkResidentId(p.idNumber) === undefined, `${who}: invalid ID number`);
    check(p.idNumber.startsWith('310'), `${who}: not a Shanghai area code`);
    const facts = residentIdFacts(p.idNumber);
    check(facts.birthDate === p.birthDate && facts.sex === p.sex, `${who}: ID disagrees with birth date or sex`);
    const age = ageOn(p.birthDate, city.referenceDate);
    check(age >= 0 && age <= 95, `${who}: age ${age}`);
    const district = departments.get(p.householdDistrict);
    check(district?.kind === 'district', `${who}: unknown district`);
    check(p.householdAddress.startsWith(`上海市${district?.nameZh}`), `${who}: address outside the district`);
    check(/^\p{Script=Han}{2,4}$/u.test(p.name), `${who}: name`);
    check(p.mobile === null || isValidMobile(p.mobile), `${who}: mobile ${p.mobile}`);
    if (p.maritalStatus === 'married') {
      const spouse = people.get(p.spouseIdNumber ?? '');
      check(spouse?.spouseIdNumber === p.idNumber, `${who}: spouse does not point back`);
      check(spouse?.sex !== p.sex && spouse?.maritalStatus === 'married', `${who}: spouse sex or status`);
      check(age >= (p.sex === 'male' ? 22 : 20), `${who}: married under age`);
    } else {
      check(p.spouseIdNumber === null, `${who}: spouse while ${p.maritalStatus}`);
    }
  }

  // Enterprises: valid credit codes of the right type; representatives are registered adults.
  for (const e of city.enterprises) {
    const what = `${e.name} ${e.creditCode}`;
    check(checkCreditCode(e.creditCode) === undefined, `${what}: invalid credit code`);
    check(e.creditCode.startsWith(e.enterpriseType === '个体工商户' ? '92310' : '91310'), `${what}: code prefix`);
    const rep = people.get(e.legalRepresentativeIdNumber);
    check(rep?.name === e.legalRepresentativeName, `${what}: representative not registered`);
    check(ageOn(rep?.birthDate ?? e.establishedOn, e.establishedOn) >= 18, `${what}: representative under 18 at establishment`);
    check(e.establishedOn <= city.referenceDate, `${what}: established in the future`);
    check(e.registeredCapitalWan > 0, `${what}: capital`);
    check(e.address.startsWith(`上海市${departments.get(e.district)?.nameZh}`), `${what}: address outside the district`);
    check(e.businessScope.includes('一般项目：'), `${what}: business scope`);
  }
  expect(problems).toEqual([]);

  // Demo accounts: real-name verified people, the enterprise account held by its representative.
  for (const u of city.users) {
    const p = people.get(u.idNumber);
    expect(p?.name).toBe(u.name);
    expect(p?.mobile).toBe(u.mobile);
    expect(p?.alive).toBe(true);
  }
  expect(duplicates(city.users.map((u) => u.idNumber))).toEqual([]);
  const [account] = city.enterpriseAccounts;
  const repUser = city.users.find((u) => u.id === account?.registeredBy);
  expect(repUser?.idNumber).toBe(city.demo.enterprise.legalRepresentativeIdNumber);
  expect(city.enterprises.find((e) => e.creditCode === account?.creditCode)?.status).toBe('active');
  expect(account?.agents).toEqual([{ userId: city.demo.agent.id }]);
  expect(city.demo.agent.idNumber).not.toBe(city.demo.legalRepresentative.idNumber);
}

describe('demo city', () => {
  let city: City;
  beforeAll(() => {
    city = buildDemoCity();
  });

  it('is the same on every build', () => {
    expect(buildDemoCity()).toEqual(city);
  });

  it('has the sizes the demo promises', () => {
    expect(city.people).toHaveLength(20_000);
    expect(city.enterprises).toHaveLength(3_000);
    expect(city.staff.length).toBeGreaterThanOrEqual(200);
    expect(city.staff.length).toBeLessThanOrEqual(500);
    expect(city.referenceDate).toBe(REFERENCE_DATE);
  });

  it('has Shanghai’s 16 districts with their GB/T 2260 codes and at least three streets each', () => {
    const districts = city.departments.filter((d) => d.kind === 'district');
    expect(districts.map((d) => `${d.divisionCode} ${d.nameZh}`)).toEqual([
      '310101 黄浦区',
      '310104 徐汇区',
      '310105 长宁区',
      '310106 静安区',
      '310107 普陀区',
      '310109 虹口区',
      '310110 杨浦区',
      '310112 闵行区',
      '310113 宝山区',
      '310114 嘉定区',
      '310115 浦东新区',
      '310116 金山区',
      '310117 松江区',
      '310118 青浦区',
      '310120 奉贤区',
      '310151 崇明区',
    ]);
    for (const d of districts)
      expect(city.departments.filter((s) => s.parentId === d.id && s.kind === 'street').length).toBeGreaterThanOrEqual(3);
    expect(city.departments.filter((s) => s.parentId === 'SH-PD' && s.kind === 'street').length).toBeGreaterThanOrEqual(10);
    expect(city.departments.find((d) => d.id === 'SH-HP-NANJINGDONGLU-SC')?.nameZh).toBe('南京东路街道社区事务受理服务中心');
  });

  it('keeps every structural rule', () => {
    expectConsistent(city);
  });

  it('staffs each bureau and district branch with the five department roles', () => {
    const bureaus = city.departments.filter((d) => d.kind === 'bureau' || d.kind === 'office');
    expect(bureaus.length).toBeGreaterThanOrEqual(24 + 16);
    for (const b of bureaus) {
      const roles = new Set(city.staff.filter((s) => s.departmentId === b.id).flatMap((s) => s.roles));
      for (const role of ['reviewer', 'approver', 'department_admin', 'data_officer', 'supervisor'] as const)
        expect(roles.has(role), `${b.nameZh} ${role}`).toBe(true);
    }
    const hotline = new Set(city.staff.filter((s) => s.departmentId === 'SH-12345').flatMap((s) => s.roles));
    for (const role of ['hotline_operator', 'dispatcher', 'supervisor'] as const) expect(hotline.has(role)).toBe(true);
    expect(city.staff.find((s) => s.username === 'admin')).toMatchObject({ departmentId: 'SH-GSO', roles: ['system_admin'] });
    expect(city.districtBranches.map((b) => b.districtId)).toContain('SH-PD');
    expect(city.departments.find((d) => d.id === 'SH-PD-SAMR')?.nameZh).toBe('浦东新区市场监督管理局');
  });

  it('has a population that looks like a city: newborns, elders, mostly 汉族, few deceased', () => {
    const ages = city.people.map((p) => ageOn(p.birthDate, city.referenceDate));
    expect(ages.filter((a) => a === 0).length).toBeGreaterThan(50);
    expect(ages.filter((a) => a >= 80).length).toBeGreaterThan(200);
    const han = city.people.filter((p) => p.ethnicity === '汉族').length;
    expect(han / city.people.length).toBeGreaterThan(0.95);
    expect(han).toBeLessThan(city.people.length);
    const dead = city.people.filter((p) => !p.alive).length;
    expect(dead).toBeGreaterThan(0);
    expect(dead).toBeLessThan(100);
    expect(new Set(city.people.map((p) => p.householdDistrict)).size).toBe(16);
  });

  it('casts a young mother with a newborn as the demo citizen', () => {
    const mother = city.people.find((p) => p.idNumber === city.demo.citizen.idNumber);
    const baby = city.people.find((p) => p.householdAddress === mother?.householdAddress && ageOn(p.birthDate, city.referenceDate) === 0);
    expect(mother?.sex).toBe('female');
    expect(baby).toBeDefined();
  });

  it('has one shared demo password that meets the password rule', () => {
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(8);
    expect(DEMO_PASSWORD).toMatch(/[A-Za-z]/);
    expect(DEMO_PASSWORD).toMatch(/\d/);
  });
});

describe('test city', () => {
  it('is small, deterministic, consistent, and has one staff member per role', () => {
    const city = buildTestCity();
    expect(buildTestCity()).toEqual(city);
    expectConsistent(city);
    expect(city.people).toHaveLength(300);
    expect(city.enterprises).toHaveLength(30);
    const others = city.staff.flatMap((s) => s.roles).filter((r) => r !== 'window_clerk');
    expect(others.sort()).toEqual(staffRoles.filter((r) => r !== 'window_clerk').sort());
    expect(city.departments.filter((d) => d.kind === 'district').map((d) => d.id)).toEqual(['SH-HP', 'SH-PD']);
  });
});
