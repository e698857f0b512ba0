import { type DepartmentKind, departmentKindLabels, type Permission, roleLabels, type StaffRole } from '@tongban/domain';
import type { TFunction } from 'i18next';
import type { Department } from './identity.types.ts';

/** Role names come from the domain package so the server, the web app and exports agree. */
export function roleLabel(role: StaffRole, language: string): string {
  const labels = roleLabels[role];
  if (!labels) return role;
  return language.startsWith('zh') ? labels.zh : labels.en;
}

export function permissionLabel(t: TFunction, permission: Permission): string {
  return t(`permissions.${permission}` as 'permissions.workbench.use', { defaultValue: permission });
}

export function departmentName(department: Pick<Department, 'nameZh' | 'nameEn'>, language: string): string {
  return language.startsWith('zh') ? department.nameZh : department.nameEn || department.nameZh;
}

export function departmentKindLabel(kind: DepartmentKind, language: string): string {
  const labels = departmentKindLabels[kind];
  if (!labels) return kind;
  return language.startsWith('zh') ? labels.zh : labels.en;
}
