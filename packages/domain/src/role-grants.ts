import { type StaffRole, staffRoles } from './permissions.ts';

/**
 * Which roles a role may grant (separation of duties in staff administration, issue 14).
 *
 * - A **system administrator** grants and takes away any role, to anyone but itself.
 * - A **department administrator** grants only its department's operational roles — the case
 *   roles (`window_clerk`, `reviewer`, `approver`) everywhere, and the hotline roles
 *   (`hotline_operator`, `dispatcher`) only in a department that already runs the hotline (has
 *   hotline staff; the first are appointed by a system administrator). Never
 *   `department_admin`, `supervisor`, `data_officer`, `system_admin` or `auditor`: administration,
 *   oversight, data and audit are kept out of the hands of the person whose work they watch.
 *   It administers (changes at all: name, department, password, active flag, roles) only staff
 *   whose every role it could grant, so it cannot reset a supervisor's or another
 *   administrator's password and sign in as them.
 * - **Nobody changes their own roles**, not even a system administrator.
 * - Other roles grant nothing.
 *
 * "Grant" covers taking away: a role outside the granter's set is neither added nor removed by it.
 */

export const caseRoles = ['window_clerk', 'reviewer', 'approver'] as const satisfies readonly StaffRole[];
export const hotlineRoles = ['hotline_operator', 'dispatcher'] as const satisfies readonly StaffRole[];

export type RoleGranter = { staffId: string; roles: readonly StaffRole[] };

/** Where the roles would be held. */
export type GrantPlace = {
  /** The department already has staff with a hotline role (other than the person concerned). */
  runsHotline: boolean;
};

export type RoleGrantTarget = GrantPlace & {
  /** Undefined for an account being created. */
  staffId: string | undefined;
  currentRoles: readonly StaffRole[];
};

export type RoleGrantRefusal =
  | { reason: 'self' }
  | { reason: 'not_grantable'; roles: StaffRole[] }
  /** The target holds a role the granter could not grant: someone else administers that person. */
  | { reason: 'not_administered'; roles: StaffRole[] };

/** Every role `granter` may grant or take away in `place`. */
export function grantableRoles(granter: Pick<RoleGranter, 'roles'>, place: GrantPlace): Set<StaffRole> {
  if (granter.roles.includes('system_admin')) {
    return new Set<StaffRole>(staffRoles);
  }
  if (granter.roles.includes('department_admin')) {
    return new Set<StaffRole>([...caseRoles, ...(place.runsHotline ? hotlineRoles : [])]);
  }
  return new Set();
}

/**
 * Whether `granter` may administer the person at all (any change to the account): a system
 * administrator anyone, a department administrator only people whose every role it could grant.
 */
export function checkAdministers(granter: RoleGranter, target: RoleGrantTarget): RoleGrantRefusal | undefined {
  const grantable = grantableRoles(granter, target);
  const outside = target.currentRoles.filter((r) => !grantable.has(r));
  return outside.length > 0 ? { reason: 'not_administered', roles: [...outside].sort() } : undefined;
}

/**
 * Whether `granter` may change the person's roles from `currentRoles` to `nextRoles` (a new
 * account: from none). No change is always allowed.
 */
export function checkRoleChange(
  granter: RoleGranter,
  target: RoleGrantTarget,
  nextRoles: readonly StaffRole[],
): RoleGrantRefusal | undefined {
  const before = new Set(target.currentRoles);
  const after = new Set(nextRoles);
  const changed = [...new Set([...before, ...after])].filter((r) => before.has(r) !== after.has(r)).sort();
  if (changed.length === 0) return undefined;
  if (target.staffId !== undefined && target.staffId === granter.staffId) return { reason: 'self' };
  const grantable = grantableRoles(granter, target);
  const refused = changed.filter((r) => !grantable.has(r));
  return refused.length > 0 ? { reason: 'not_grantable', roles: refused } : undefined;
}
