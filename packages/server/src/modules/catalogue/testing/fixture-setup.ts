import { permissionsOf, type StaffRole } from '@tongban/domain';
import {
  FIXTURE_PASSWORD,
  departments as identityDepartments,
  staff as identityStaff,
  seedIdentityFixtures,
} from '../../../../test/fixtures/identity-fixtures.ts';
import type { App } from '../../../app.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Ctx } from '../../../platform/context.ts';
import { hashPassword, importDepartments, importStaff } from '../../identity/index.ts';
import { type ImportItem, importCatalogue } from '../use-cases/import.ts';

/**
 * What the catalogue's own tests set up besides the items (independent of the demo seed): the
 * departments the identity fixtures lack, a second department administrator, the function that
 * seeds them (and optionally a catalogue), and service contexts for fixture staff.
 */

export const extraDepartments = [
  { id: 'SH-TAX', parentId: 'SH', kind: 'bureau', nameZh: '国家税务总局上海市税务局', nameEn: 'Shanghai Tax Service' },
  {
    id: 'SH-HRSS',
    parentId: 'SH',
    kind: 'bureau',
    nameZh: '上海市人力资源和社会保障局',
    nameEn: 'Shanghai Human Resources and Social Security Bureau',
  },
  {
    id: 'SH-HPF',
    parentId: 'SH',
    kind: 'office',
    nameZh: '上海市住房公积金管理中心',
    nameEn: 'Shanghai Housing Provident Fund Management Center',
  },
  { id: 'SH-HC', parentId: 'SH', kind: 'bureau', nameZh: '上海市卫生健康委员会', nameEn: 'Shanghai Municipal Health Commission' },
  { id: 'SH-HSA', parentId: 'SH', kind: 'bureau', nameZh: '上海市医疗保障局', nameEn: 'Shanghai Healthcare Security Administration' },
  { id: 'SH-CA', parentId: 'SH', kind: 'bureau', nameZh: '上海市民政局', nameEn: 'Shanghai Civil Affairs Bureau' },
  { id: 'SH-EDU', parentId: 'SH', kind: 'bureau', nameZh: '上海市教育委员会', nameEn: 'Shanghai Municipal Education Commission' },
  {
    id: 'SH-PNR',
    parentId: 'SH',
    kind: 'bureau',
    nameZh: '上海市规划和自然资源局',
    nameEn: 'Shanghai Planning and Natural Resources Bureau',
  },
  {
    id: 'SH-HUD',
    parentId: 'SH',
    kind: 'bureau',
    nameZh: '上海市住房和城乡建设管理委员会',
    nameEn: 'Shanghai Housing and Urban-Rural Development Commission',
  },
  { id: 'SH-DRC', parentId: 'SH', kind: 'bureau', nameZh: '上海市发展和改革委员会', nameEn: 'Shanghai Development and Reform Commission' },
  { id: 'SH-WATER', parentId: 'SH', kind: 'bureau', nameZh: '上海市水务局', nameEn: 'Shanghai Water Authority' },
] as const;

/** A staff member with catalogue rights beyond the identity fixtures: a second Pudong department administrator. */
export const pdAdmin2 = {
  id: 'st-pd-admin2',
  username: 'admin2.pd',
  name: '韩梅',
  departmentId: 'SH-PD',
  roles: ['department_admin'] as StaffRole[],
};

/** Identity fixtures + the extra departments; optionally the fixture catalogue, published by the system. */
export async function seedCatalogueFixtures(app: App, options: { items?: readonly ImportItem[] } = {}): Promise<void> {
  await seedIdentityFixtures(app);
  const { db, clock } = app.platform;
  const passwordHash = await hashPassword(FIXTURE_PASSWORD);
  await db.transaction(async (tx) => {
    await importDepartments(tx, extraDepartments, { at: clock.now() });
    await importStaff(tx, [pdAdmin2], passwordHash, { at: clock.now() });
    if (options.items) await importCatalogue(tx, options.items, { publishedBy: 'seed', publishedAt: clock.now() });
  });
}

type FixtureStaff = { id: string; name: string; departmentId: string; roles: readonly StaffRole[] };

/** `root` and the fixture departments below it, as the session lookup would read them once seeded. */
function fixtureSubtree(root: string): string[] {
  const all = [...identityDepartments, ...extraDepartments];
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const d of all) if (d.parentId === out[i]) out.push(d.id);
  return out;
}

export function staffActor(member: FixtureStaff): Actor {
  return {
    kind: 'staff',
    sessionId: `session-${member.id}`,
    staffId: member.id,
    name: member.name,
    departmentId: member.departmentId,
    departmentScope: fixtureSubtree(member.departmentId),
    roles: member.roles,
    permissions: permissionsOf(member.roles),
  };
}

/** A hand-built service context for `member` (no HTTP, no session). */
export function ctxFor(app: App, member: FixtureStaff): Ctx {
  return { ...app.platform, actor: staffActor(member), requestId: `test-${member.id}`, ip: '127.0.0.1' };
}

export const fixtureStaff = { ...identityStaff, pdAdmin2 };
