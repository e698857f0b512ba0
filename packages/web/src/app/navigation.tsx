import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  DatabaseOutlined,
  FormOutlined,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  KeyOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Permission } from '@tongban/domain';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { ShellNavItem } from '../ui/app-shell.tsx';

/**
 * Side navigation of the staff shells, driven by the permissions in `/auth/me`: an entry shows
 * only when the user holds at least one of `anyOf`. Feature modules add their entries here when
 * their pages exist (cases: `cases.intake` / `cases.review`; hotline: `hotline.take` …), so the
 * navigation never links to a page that is not there.
 */
export type NavDefinition = { key: string; path: string; label: (t: TFunction) => string; icon: ReactNode; anyOf: readonly Permission[] };

export const workbenchNav: readonly NavDefinition[] = [
  { key: 'home', path: '/workbench', label: (t) => t('nav.workbenchHome'), icon: <HomeOutlined aria-hidden />, anyOf: ['workbench.use'] },
  {
    key: 'licences',
    path: '/workbench/licences',
    label: (t) => t('licences.nav.department'),
    icon: <IdcardOutlined aria-hidden />,
    anyOf: ['licences.revoke'],
  },
  {
    key: 'tasks',
    path: '/workbench/tasks',
    label: (t) => t('cases.workbench.nav.tasks'),
    icon: <InboxOutlined aria-hidden />,
    anyOf: ['cases.intake', 'cases.review', 'cases.approve', 'cases.supervise'],
  },
  {
    key: 'intake',
    path: '/workbench/intake',
    label: (t) => t('cases.workbench.nav.intake'),
    icon: <FormOutlined aria-hidden />,
    anyOf: ['cases.intake'],
  },
  {
    key: 'overdue',
    path: '/workbench/overdue',
    label: (t) => t('cases.workbench.nav.overdue'),
    icon: <AlertOutlined aria-hidden />,
    anyOf: ['cases.supervise'],
  },
  {
    key: 'data',
    path: '/workbench/data',
    label: (t) => t('datahub.officer.nav'),
    icon: <DatabaseOutlined aria-hidden />,
    anyOf: ['datahub.manage', 'datahub.grant'],
  },
  {
    key: 'audit',
    path: '/workbench/audit',
    label: (t) => t('audit.nav'),
    icon: <AuditOutlined aria-hidden />,
    anyOf: ['audit.read'],
  },
  {
    key: 'admin',
    path: '/admin',
    label: (t) => t('nav.admin'),
    icon: <SettingOutlined aria-hidden />,
    anyOf: ['identity.departments.read', 'identity.staff.read', 'catalogue.read_drafts', 'identity.api_keys.manage'],
  },
];

export const adminNav: readonly NavDefinition[] = [
  {
    key: 'departments',
    path: '/admin/departments',
    label: (t) => t('nav.departments'),
    icon: <ApartmentOutlined aria-hidden />,
    anyOf: ['identity.departments.read'],
  },
  { key: 'staff', path: '/admin/staff', label: (t) => t('nav.staff'), icon: <TeamOutlined aria-hidden />, anyOf: ['identity.staff.read'] },
  {
    key: 'roles',
    path: '/admin/roles',
    label: (t) => t('nav.roles'),
    icon: <SafetyCertificateOutlined aria-hidden />,
    anyOf: ['identity.staff.read'],
  },
  {
    key: 'api-keys',
    path: '/admin/api-keys',
    label: (t) => t('nav.apiKeys'),
    icon: <KeyOutlined aria-hidden />,
    anyOf: ['identity.api_keys.manage'],
  },
  {
    key: 'catalogue',
    path: '/admin/catalogue',
    label: (t) => t('nav.catalogue'),
    icon: <BookOutlined aria-hidden />,
    anyOf: ['catalogue.read_drafts'],
  },
];

export function allowed(entry: Pick<NavDefinition, 'anyOf'>, permissions: readonly Permission[]): boolean {
  return entry.anyOf.some((p) => permissions.includes(p));
}

export function visibleNav(entries: readonly NavDefinition[], permissions: readonly Permission[], t: TFunction): ShellNavItem[] {
  return entries.filter((e) => allowed(e, permissions)).map((e) => ({ key: e.key, path: e.path, label: e.label(t), icon: e.icon }));
}
