import { branchBureauCodes, branchDistrictIds, buildDepartments, type DepartmentPlan, municipalDepartments } from './departments.ts';
import { buildEnterprises } from './enterprises.ts';
import { districts } from './geography.ts';
import { type Household, PeopleBuilder } from './people.ts';
import { createRng, SEED } from './random.ts';
import { buildStaff } from './staff.ts';
import type { City, DemoCast, EnterpriseAccountSeed, RegistryEnterpriseSeed, RegistryPersonSeed, UserSeed } from './types.ts';

/** The one password of every demo account (staff and citizens); it meets the password rule. */
export const DEMO_PASSWORD = 'Tongban2026';

/** Ages and dates in the demo city are as of this day (the test clock starts the day after). */
export const REFERENCE_DATE = '2026-03-01';

export const DEMO_PEOPLE = 20_000;
export const DEMO_ENTERPRISES = 3_000;

type CityPlan = DepartmentPlan & { people: number; enterprises: number; staffing: 'full' | 'one-per-role' };

function buildCity(plan: CityPlan): City {
  const rng = createRng(SEED);
  const { departments, branches } = buildDepartments(rng, plan);
  const refYear = Number(REFERENCE_DATE.slice(0, 4));
  const staff = buildStaff(rng, { districts: plan.districts, municipal: plan.municipal, branches, mode: plan.staffing }, refYear);
  const builder = new PeopleBuilder(rng, REFERENCE_DATE, plan.districts);
  builder.fill(plan.people);
  const people = builder.people;
  const enterprises = buildEnterprises(rng, people, plan.enterprises, { referenceDate: REFERENCE_DATE, districtList: plan.districts });
  const demo = castDemo(people, builder.households, enterprises);
  const users = [demo.citizen, demo.legalRepresentative, demo.agent, demo.elder];
  const enterpriseAccounts: EnterpriseAccountSeed[] = [
    {
      creditCode: demo.enterprise.creditCode,
      name: demo.enterprise.name,
      registeredBy: demo.legalRepresentative.id,
      agents: [{ userId: demo.agent.id }],
    },
  ];
  return {
    referenceDate: REFERENCE_DATE,
    departments,
    districtBranches: branches,
    staff,
    people,
    enterprises,
    users,
    enterpriseAccounts,
    demo,
  };
}

/**
 * The demo city: Shanghai's 16 districts with subdistricts/towns and their service centres, the
 * municipal departments and some district branches, a few hundred staff, 20,000 people and 3,000
 * enterprises in the registries, and demo citizen/enterprise accounts. Pure and deterministic.
 */
export function buildDemoCity(): City {
  return buildCity({
    districts,
    municipal: municipalDepartments,
    branchDistrictIds,
    branchCodes: branchBureauCodes,
    people: DEMO_PEOPLE,
    enterprises: DEMO_ENTERPRISES,
    staffing: 'full',
  });
}

/**
 * A small city for other modules' tests: 黄浦区 and 浦东新区 with two subdistricts each, seven
 * municipal departments (GSO, BDC, 12345, SAMR, PSB, HRSS, CA), the 浦东 branches of SAMR and
 * PSB, a clerk at each service centre and one staff member for every other role, 300 people, 30 enterprises and the same kinds of demo accounts.
 */
export function buildTestCity(): City {
  const pick = ['GSO', 'BDC', '12345', 'SAMR', 'PSB', 'HRSS', 'CA'];
  return buildCity({
    districts: districts.filter((d) => d.id === 'SH-HP' || d.id === 'SH-PD').map((d) => ({ ...d, streets: d.streets.slice(0, 2) })),
    municipal: municipalDepartments.filter((m) => pick.includes(m.code)),
    branchDistrictIds: ['SH-PD'],
    branchCodes: ['SAMR', 'PSB'],
    people: 300,
    enterprises: 30,
    staffing: 'one-per-role',
  });
}

function ageOf(p: RegistryPersonSeed): number {
  const [y, m, d] = p.birthDate.split('-').map(Number) as [number, number, number];
  const [ry, rm, rd] = REFERENCE_DATE.split('-').map(Number) as [number, number, number];
  return ry - y - (rm < m || (rm === m && rd < d) ? 1 : 0);
}

/** The first item meeting the strictest test that any item meets. */
function firstOf<T>(items: readonly T[], ...tests: ((x: T) => boolean)[]): T {
  for (const test of tests) {
    const found = items.find(test);
    if (found) return found;
  }
  throw new Error('the city has nobody to cast');
}

function userOf(id: string, p: RegistryPersonSeed): UserSeed {
  return { id, idNumber: p.idNumber, name: p.name, mobile: p.mobile as string };
}

/**
 * Chooses the people behind the demo accounts: a young mother in 浦东 with a newborn (for the
 * birth "one thing"), the legal representative of an active 浦东 tech company, a young agent of
 * that company, and a retired widow(er).
 */
function castDemo(people: RegistryPersonSeed[], households: Household[], enterprises: RegistryEnterpriseSeed[]): DemoCast {
  const person = (i: number) => people[i] as RegistryPersonSeed;
  const hasMobile = (p: RegistryPersonSeed) => p.alive && p.mobile !== null;

  const families = households.filter((h) => h.kind === 'young_family' && h.members.length >= 3);
  const withNewborn = (h: Household) => h.members.some((i) => ageOf(person(i)) === 0);
  const family = firstOf(
    families,
    (h) => withNewborn(h) && person(h.members[0] as number).householdDistrict === 'SH-PD' && hasMobile(person(h.members[1] as number)),
    (h) => withNewborn(h) && hasMobile(person(h.members[1] as number)),
    (h) => hasMobile(person(h.members[1] as number)),
  );
  const mother = person(family.members[1] as number);

  const byId = new Map(people.map((p) => [p.idNumber, p]));
  const repOf = (e: RegistryEnterpriseSeed) => byId.get(e.legalRepresentativeIdNumber) as RegistryPersonSeed;
  const goodRep = (e: RegistryEnterpriseSeed) => {
    const rep = repOf(e);
    return hasMobile(rep) && rep.idNumber !== mother.idNumber && ageOf(rep) >= 30 && ageOf(rep) <= 55;
  };
  const enterprise = firstOf(
    enterprises,
    (e) =>
      e.status === 'active' &&
      e.district === 'SH-PD' &&
      e.enterpriseType === '有限责任公司（自然人投资或控股）' &&
      e.name.includes('科技') &&
      goodRep(e),
    (e) => e.status === 'active' && e.enterpriseType.startsWith('有限责任公司') && goodRep(e),
    (e) => e.status === 'active' && hasMobile(repOf(e)) && repOf(e).idNumber !== mother.idNumber,
  );
  const rep = repOf(enterprise);

  const taken = new Set([mother.idNumber, rep.idNumber]);
  const agent = firstOf(
    people,
    (p) => hasMobile(p) && !taken.has(p.idNumber) && p.maritalStatus === 'unmarried' && ageOf(p) >= 24 && ageOf(p) <= 35,
    (p) => hasMobile(p) && !taken.has(p.idNumber) && ageOf(p) >= 18,
  );
  taken.add(agent.idNumber);
  const elder = firstOf(
    people,
    (p) => hasMobile(p) && !taken.has(p.idNumber) && p.maritalStatus === 'widowed' && ageOf(p) >= 70 && ageOf(p) <= 85,
    (p) => hasMobile(p) && !taken.has(p.idNumber) && ageOf(p) >= 60,
    (p) => hasMobile(p) && !taken.has(p.idNumber),
  );

  return {
    citizen: userOf('user-demo-citizen', mother),
    legalRepresentative: userOf('user-demo-legal-rep', rep),
    agent: userOf('user-demo-agent', agent),
    elder: userOf('user-demo-elder', elder),
    enterprise,
  };
}
