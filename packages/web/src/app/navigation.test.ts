import { permissionsOf, type StaffRole, staffRoles } from '@tongban/domain';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { adminNav, visibleNav, workbenchNav } from './navigation.tsx';

const t = ((key: string) => key) as unknown as TFunction;
const keys = (roles: StaffRole[], entries = workbenchNav) => visibleNav(entries, [...permissionsOf(roles)], t).map((e) => e.key);
// Which roles read the audit log is the role table's business (it moves to an auditor role): the
// audit entry is checked against the table below, and left out of the per-role lists.
const withoutAudit = (roles: StaffRole[]) => keys(roles).filter((k) => k !== 'audit');

describe('permission-driven navigation', () => {
  it('shows a window clerk only what a clerk may use', () => {
    expect(keys(['window_clerk'])).toEqual(['home', 'tasks', 'intake']);
    expect(keys(['window_clerk'], adminNav)).toEqual([]);
  });

  it('shows administrators the admin sections their permissions allow', () => {
    expect(withoutAudit(['system_admin'])).toEqual(['home', 'admin']);
    expect(keys(['system_admin'], adminNav)).toEqual(['departments', 'staff', 'roles', 'api-keys', 'catalogue']);
    expect(keys(['department_admin'], adminNav)).not.toContain('api-keys');
    expect(keys(['supervisor'], adminNav)).toEqual(['staff', 'roles']);
    // Reviewers read catalogue drafts: the catalogue is their one admin section.
    expect(keys(['reviewer'])).toEqual(['home', 'tasks', 'admin']);
    expect(keys(['reviewer'], adminNav)).toEqual(['catalogue']);
  });

  it('shows the licences page to those who may revoke licences (approvers, department administrators) only', () => {
    expect(keys(['approver'])).toContain('licences');
    expect(keys(['department_admin'])).toContain('licences');
    expect(keys(['reviewer'])).not.toContain('licences');
    expect(keys(['window_clerk'])).not.toContain('licences');
  });

  it('shows the case pages by role: inbox to case handlers, intake to clerks, the overdue view to supervisors', () => {
    expect(keys(['approver'])).toContain('tasks');
    expect(withoutAudit(['supervisor'])).toEqual(['home', 'tasks', 'overdue', 'admin']);
    expect(keys(['reviewer'])).not.toContain('intake');
    expect(keys(['window_clerk'])).not.toContain('overdue');
    expect(keys(['data_officer'])).not.toContain('tasks');
  });

  it('shows the audit console to every role holding audit.read, the data console to every data officer role, and no one else', () => {
    for (const role of staffRoles) {
      const held = permissionsOf([role]);
      expect(keys([role]).includes('audit'), role).toBe(held.has('audit.read'));
      expect(keys([role]).includes('data'), role).toBe(held.has('datahub.manage') || held.has('datahub.grant'));
    }
    expect(keys(['data_officer'])).toEqual(['home', 'data']);
  });

  it('shows nothing to someone without permissions', () => {
    expect(visibleNav(workbenchNav, [], t)).toEqual([]);
  });
});
