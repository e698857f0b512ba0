import type { StaffRole } from '@tongban/domain';
import { type MunicipalDepartmentInfo, municipalId, serviceCentreId, streetId } from './departments.ts';
import type { DistrictInfo } from './geography.ts';
import { pickName } from './names.ts';
import type { Rng } from './random.ts';
import type { DistrictBranchSeed, StaffSeed } from './types.ts';

/**
 * The roles every bureau (and district branch) has, with the username prefix of each. The bureau's
 * own acceptance clerk (受理窗口) accepts the online applications its items route to the
 * responsible department (e.g. `clerk.samr` for company registration).
 */
export const bureauRoles: readonly (readonly [StaffRole, string])[] = [
  ['window_clerk', 'clerk'],
  ['reviewer', 'reviewer'],
  ['approver', 'approver'],
  ['department_admin', 'deptadmin'],
  ['data_officer', 'data'],
  ['supervisor', 'supervisor'],
];

export type StaffPlan = {
  districts: readonly DistrictInfo[];
  municipal: readonly MunicipalDepartmentInfo[];
  branches: readonly DistrictBranchSeed[];
  /** 'full': the demo city's staffing; 'one-per-role': one person for each role (and a clerk per centre), for tests. */
  mode: 'full' | 'one-per-role';
};

export function buildStaff(rng: Rng, plan: StaffPlan, referenceYear: number): StaffSeed[] {
  const staff: StaffSeed[] = [];
  const add = (username: string, departmentId: string, roles: StaffRole[]) => {
    const sex = rng.chance(0.5) ? 'male' : 'female';
    staff.push({ id: `staff-${username}`, username, name: pickName(rng, sex, referenceYear - rng.int(24, 58)), departmentId, roles });
  };
  const slugOf = (code: string) => plan.municipal.find((m) => m.code === code)?.slug ?? code.toLowerCase();

  if (plan.mode === 'one-per-role') {
    // Still a clerk at every service centre, so that rule holds in tests too.
    for (const d of plan.districts) {
      add(`clerk.${d.slug}.centre`, serviceCentreId(d.id), ['window_clerk']);
      for (const st of d.streets) add(`clerk.${d.slug}.${st.slug}`, serviceCentreId(streetId(d.id, st.slug)), ['window_clerk']);
    }
    for (const [role, prefix] of bureauRoles) add(`${prefix}.samr`, municipalId('SAMR'), [role]);
    add('operator.hotline', municipalId('12345'), ['hotline_operator']);
    add('dispatcher.hotline', municipalId('12345'), ['dispatcher']);
    add('admin', municipalId('GSO'), ['system_admin']);
    add('auditor', municipalId('GSO'), ['auditor']);
    return staff;
  }

  for (const d of plan.districts) {
    add(`clerk.${d.slug}.centre`, serviceCentreId(d.id), ['window_clerk']);
    add(`clerk.${d.slug}.centre2`, serviceCentreId(d.id), ['window_clerk']);
    for (const st of d.streets) add(`clerk.${d.slug}.${st.slug}`, serviceCentreId(streetId(d.id, st.slug)), ['window_clerk']);
  }
  for (const m of plan.municipal) {
    for (const [role, prefix] of bureauRoles) add(`${prefix}.${m.slug}`, municipalId(m.code), [role]);
  }
  for (const b of plan.branches) {
    const district = plan.districts.find((d) => d.id === b.districtId) as DistrictInfo;
    const code = b.bureauId.slice(municipalId('').length);
    for (const [role, prefix] of bureauRoles) add(`${prefix}.${slugOf(code)}.${district.slug}`, b.branchId, [role]);
  }
  for (let i = 1; i <= 4; i++) add(i === 1 ? 'operator.hotline' : `operator.hotline${i}`, municipalId('12345'), ['hotline_operator']);
  for (let i = 1; i <= 2; i++) add(i === 1 ? 'dispatcher.hotline' : `dispatcher.hotline${i}`, municipalId('12345'), ['dispatcher']);
  add('admin', municipalId('GSO'), ['system_admin']);
  add('sysadmin.bigdata', municipalId('BDC'), ['system_admin']);
  // City-wide audit reading is a role of its own (not the administrators' or supervisors').
  add('auditor', municipalId('GSO'), ['auditor']);
  return staff;
}
