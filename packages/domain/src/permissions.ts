/**
 * Staff roles and what they may do. Permissions are dotted names (`<module>.<verb>`); the server
 * checks them in one place (the access hook in `platform/auth`), routes only declare them.
 */
export const staffRoles = [
  'window_clerk',
  'reviewer',
  'approver',
  'department_admin',
  'data_officer',
  'hotline_operator',
  'dispatcher',
  'supervisor',
  'system_admin',
  'auditor',
] as const;
export type StaffRole = (typeof staffRoles)[number];

export const permissions = [
  'workbench.use',
  'identity.departments.read',
  'identity.departments.manage',
  'identity.staff.read',
  'identity.staff.manage',
  'identity.people.lookup',
  'identity.api_keys.manage',
  'audit.read',
  'catalogue.read_drafts',
  'catalogue.edit',
  'catalogue.publish',
  'cases.intake',
  'cases.review',
  'cases.approve',
  'cases.supervise',
  'datahub.manage',
  'datahub.grant',
  'hotline.take',
  'hotline.dispatch',
  'analytics.read',
  'licences.revoke',
  'notify.dev_mailbox.read',
] as const;
export type Permission = (typeof permissions)[number];

export const rolePermissions: Record<StaffRole, readonly Permission[]> = {
  window_clerk: ['workbench.use', 'identity.people.lookup', 'cases.intake'],
  reviewer: ['workbench.use', 'cases.review', 'catalogue.read_drafts'],
  approver: ['workbench.use', 'cases.review', 'cases.approve', 'catalogue.read_drafts', 'licences.revoke'],
  department_admin: [
    'workbench.use',
    'identity.departments.read',
    'identity.staff.read',
    'identity.staff.manage',
    'catalogue.read_drafts',
    'catalogue.edit',
    'catalogue.publish',
    'licences.revoke',
  ],
  data_officer: ['workbench.use', 'datahub.manage', 'datahub.grant'],
  hotline_operator: ['workbench.use', 'hotline.take', 'identity.people.lookup'],
  dispatcher: ['workbench.use', 'hotline.take', 'hotline.dispatch'],
  supervisor: ['workbench.use', 'cases.supervise', 'analytics.read', 'identity.staff.read'],
  system_admin: [
    'workbench.use',
    'identity.departments.read',
    'identity.departments.manage',
    'identity.staff.read',
    'identity.staff.manage',
    'identity.api_keys.manage',
    'catalogue.read_drafts',
    'catalogue.edit',
    'catalogue.publish',
    'analytics.read',
    // Only served when DEV_MAILBOX=true (never in production).
    'notify.dev_mailbox.read',
  ],
  // City-wide audit and exchange-log reading is a duty of its own: whoever administers or
  // supervises is not also the one who reads the record of what they did (issue 14).
  auditor: ['workbench.use', 'audit.read'],
};

export function permissionsOf(roles: readonly StaffRole[]): Set<Permission> {
  return new Set(roles.flatMap((r) => rolePermissions[r]));
}

export const roleLabels: Record<StaffRole, { zh: string; en: string }> = {
  window_clerk: { zh: '综合窗口受理员', en: 'Window clerk' },
  reviewer: { zh: '审查员', en: 'Reviewer' },
  approver: { zh: '审批人', en: 'Approver' },
  department_admin: { zh: '部门管理员', en: 'Department administrator' },
  data_officer: { zh: '数据专员', en: 'Data officer' },
  hotline_operator: { zh: '12345话务员', en: 'Hotline operator' },
  dispatcher: { zh: '12345派单员', en: 'Hotline dispatcher' },
  supervisor: { zh: '督查人员', en: 'Supervisor' },
  system_admin: { zh: '系统管理员', en: 'System administrator' },
  auditor: { zh: '审计员', en: 'Auditor' },
};
