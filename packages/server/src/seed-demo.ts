import { roleLabels, type StaffRole, serviceItemInputSchema, staffRoles } from '@tongban/domain';
import { buildDemoCatalogue, buildDemoCity, type City, DEMO_PASSWORD, type DepartmentSeed, type UserSeed } from '@tongban/seed';
import { type ImportItem, importCatalogue } from './modules/catalogue/index.ts';
import { importDemoDatahub } from './modules/datahub/index.ts';
import { hashPassword, importDepartments, importEnterpriseAccounts, importStaff, importUsers } from './modules/identity/index.ts';
import { registerLicenceTypes } from './modules/licences/index.ts';
import { importRegistryEnterprises, importRegistryPeople } from './modules/registry/index.ts';
import { recordAudit } from './platform/audit/audit.ts';
import type { Platform } from './platform/context.ts';

export type DemoLogin = { role: string; username: string; password: string; note: string };

export type SeedCounts = {
  departments: number;
  staff: number;
  people: number;
  enterprises: number;
  users: number;
  enterpriseAccounts: number;
};

/** The staff account shown for each role on start-up, in order of preference. */
const shownStaff: Record<StaffRole, readonly string[]> = {
  window_clerk: ['clerk.huangpu.nanjingdonglu'],
  reviewer: ['reviewer.samr'],
  approver: ['approver.samr'],
  department_admin: ['deptadmin.samr'],
  data_officer: ['data.psb', 'data.samr'],
  hotline_operator: ['operator.hotline'],
  dispatcher: ['dispatcher.hotline'],
  supervisor: ['supervisor.gso', 'supervisor.samr'],
  system_admin: ['admin'],
  auditor: ['auditor'],
};

/**
 * Loads the demo city (departments, staff, registries, demo accounts) when the database has no
 * departments yet, in one transaction, and returns the logins to print. Returns undefined when
 * there was already data: it never touches a database that is in use.
 */
export async function seedDemoIfEmpty(platform: Platform): Promise<{ logins: DemoLogin[] } | undefined> {
  if (!(await isEmpty(platform))) return undefined;
  const started = performance.now();
  const city = buildDemoCity();
  const counts = await seedCity(platform, city, { catalogue: buildDemoCatalogue() });
  if (!counts) return undefined;
  platform.log.info({ ...counts, ms: Math.round(performance.now() - started) }, 'demo city loaded');
  return { logins: demoLogins(city) };
}

async function isEmpty(platform: Platform): Promise<boolean> {
  const rows = await platform.db.query<{ seeded: boolean }>('select exists (select 1 from department) as seeded');
  return rows[0]?.seeded === false;
}

/**
 * Loads a generated city (the demo city, or `buildTestCity()` in other modules' tests) through the
 * identity and registry modules, with one audit entry. Two servers starting on one empty
 * PostgreSQL database at once take turns on an advisory lock: the second finds it seeded and
 * returns undefined.
 */
export async function seedCity(
  platform: Platform,
  city: City,
  options: { catalogue?: readonly ImportItem[] } = {},
): Promise<SeedCounts | undefined> {
  // Hashed once for every demo account: argon2 per account would take minutes.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const at = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(hashtext('tongban.seed_demo'))`);
    const [state] = await tx.query<{ seeded: boolean }>('select exists (select 1 from department) as seeded');
    if (state?.seeded) return undefined;

    await importDepartments(tx, city.departments, { at });
    await importStaff(tx, city.staff, passwordHash, { at });
    // People before accounts: an account is real-name verified against the registry.
    await importRegistryPeople(tx, city.people, { at });
    await importRegistryEnterprises(tx, city.enterprises, { at });
    await importUsers(tx, city.users, passwordHash, { at });
    await importEnterpriseAccounts(tx, city.enterpriseAccounts, { at });
    // The data hub's resources, the departments' registries (derived from the two above) and grants.
    await importDemoDatahub(tx, city, { at, catalogue: options.catalogue });
    // The catalogue after the departments it names; published as version 1 by the seed.
    if (options.catalogue) {
      await importCatalogue(tx, options.catalogue, { publishedBy: 'seed', publishedAt: at });
      // Licence types come from the items' results, so the wallet and verifier know them before any case concludes.
      await registerLicenceTypes(
        tx,
        at,
        options.catalogue.map((item) => ({ code: item.code, content: serviceItemInputSchema.parse(item) })),
      );
    }

    const counts: SeedCounts = {
      departments: city.departments.length,
      staff: city.staff.length,
      people: city.people.length,
      enterprises: city.enterprises.length,
      users: city.users.length,
      enterpriseAccounts: city.enterpriseAccounts.length,
    };
    await recordAudit(tx, at, {
      actor: { type: 'system' },
      action: 'seed.demo_city.loaded',
      detail: { ...counts, referenceDate: city.referenceDate },
    });
    return counts;
  });
}

/** One login per staff role, then the demo citizens, each with a note saying who they are. */
export function demoLogins(city: City): DemoLogin[] {
  const departments = new Map(city.departments.map((d) => [d.id, d]));
  const logins: DemoLogin[] = [];
  for (const role of staffRoles) {
    const withRole = city.staff.filter((s) => s.roles.includes(role));
    const staff = shownStaff[role].map((u) => withRole.find((s) => s.username === u)).find((s) => s) ?? withRole[0];
    if (!staff) continue;
    // A community centre is named after its street; the district says where that is.
    const place: DepartmentSeed[] = [];
    for (let d = departments.get(staff.departmentId); d && d.kind !== 'city'; d = departments.get(d.parentId ?? '')) place.unshift(d);
    const where = place.length > 1 && place[0]?.kind === 'district' ? `${place[0].nameZh} ${place.at(-1)?.nameZh}` : place.at(-1)?.nameZh;
    logins.push({
      role,
      username: staff.username,
      password: DEMO_PASSWORD,
      note: `${where ?? staff.departmentId} ${roleLabels[role].zh} / ${roleLabels[role].en}`,
    });
  }
  const { demo } = city;
  const person = new Map(city.people.map((p) => [p.idNumber, p]));
  const citizen = (role: string, user: UserSeed, zh: string, en: string): DemoLogin => {
    const p = person.get(user.idNumber);
    const district = departments.get(p?.householdDistrict ?? '')?.nameZh ?? '';
    return {
      role,
      username: user.idNumber,
      password: DEMO_PASSWORD,
      note: `${user.name}（${district}）${zh} / ${en}; or log in with mobile ${user.mobile}`,
    };
  };
  logins.push(
    citizen('citizen', demo.citizen, '居民，家有新生儿', 'citizen, parent of a newborn'),
    citizen(
      'citizen (legal rep.)',
      demo.legalRepresentative,
      `${demo.enterprise.name}（${demo.enterprise.creditCode}）法定代表人`,
      'legal representative of the demo enterprise',
    ),
    citizen('citizen (agent)', demo.agent, `${demo.enterprise.name} 经办人`, 'authorised agent of the demo enterprise'),
    citizen('citizen (elder)', demo.elder, '退休居民', 'retired citizen'),
  );
  return logins;
}
