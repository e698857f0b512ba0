import { describe, expect, it } from 'vitest';
import { type StaffRole, staffRoles } from './permissions.ts';
import { caseRoles, checkAdministers, checkRoleChange, grantableRoles, hotlineRoles } from './role-grants.ts';

const never: StaffRole[] = ['department_admin', 'supervisor', 'data_officer', 'system_admin', 'auditor'];

describe('which roles a role may grant', () => {
  it('lets a system administrator grant every role, a department administrator only operational ones', () => {
    expect([...grantableRoles({ roles: ['system_admin'] }, { runsHotline: false })].sort()).toEqual([...staffRoles].sort());
    expect([...grantableRoles({ roles: ['department_admin'] }, { runsHotline: false })].sort()).toEqual([...caseRoles].sort());
    expect([...grantableRoles({ roles: ['department_admin'] }, { runsHotline: true })].sort()).toEqual(
      [...caseRoles, ...hotlineRoles].sort(),
    );
    for (const role of staffRoles.filter((r) => r !== 'system_admin' && r !== 'department_admin')) {
      expect(grantableRoles({ roles: [role] }, { runsHotline: true }).size).toBe(0);
    }
  });

  it('never lets a department administrator grant administration, oversight, data or audit roles', () => {
    for (const role of never) {
      for (const runsHotline of [false, true]) {
        const refusal = checkRoleChange(
          { staffId: 'a', roles: ['department_admin'] },
          { staffId: 'b', currentRoles: ['reviewer'], runsHotline },
          ['reviewer', role],
        );
        expect(refusal).toEqual({ reason: 'not_grantable', roles: [role] });
      }
    }
  });

  it('refuses every role change to oneself, even for a system administrator', () => {
    for (const granter of ['system_admin', 'department_admin'] as const) {
      expect(
        checkRoleChange({ staffId: 'a', roles: [granter] }, { staffId: 'a', currentRoles: [granter], runsHotline: true }, [
          granter,
          'approver',
        ]),
      ).toEqual({
        reason: 'self',
      });
    }
    // Saying the same roles again is no change.
    expect(
      checkRoleChange({ staffId: 'a', roles: ['system_admin'] }, { staffId: 'a', currentRoles: ['system_admin'], runsHotline: false }, [
        'system_admin',
      ]),
    ).toBeUndefined();
  });

  it('treats taking a role away like granting it', () => {
    const refusal = checkRoleChange(
      { staffId: 'a', roles: ['department_admin'] },
      { staffId: 'b', currentRoles: ['supervisor', 'reviewer'], runsHotline: false },
      ['reviewer'],
    );
    expect(refusal).toEqual({ reason: 'not_grantable', roles: ['supervisor'] });
  });

  it('grants hotline roles only where the hotline is run', () => {
    const admin = { staffId: 'a', roles: ['department_admin'] as StaffRole[] };
    expect(checkRoleChange(admin, { staffId: undefined, currentRoles: [], runsHotline: false }, ['hotline_operator'])).toMatchObject({
      reason: 'not_grantable',
    });
    expect(checkRoleChange(admin, { staffId: undefined, currentRoles: [], runsHotline: true }, ['hotline_operator'])).toBeUndefined();
  });

  it('lets a department administrator administer only people whose every role it could grant', () => {
    const admin = { staffId: 'a', roles: ['department_admin'] as StaffRole[] };
    expect(checkAdministers(admin, { staffId: 'b', currentRoles: ['approver', 'reviewer'], runsHotline: false })).toBeUndefined();
    expect(checkAdministers(admin, { staffId: 'b', currentRoles: ['approver', 'department_admin'], runsHotline: false })).toEqual({
      reason: 'not_administered',
      roles: ['department_admin'],
    });
    expect(
      checkAdministers({ staffId: 's', roles: ['system_admin'] }, { staffId: 'b', currentRoles: ['auditor'], runsHotline: false }),
    ).toBeUndefined();
  });
});
