// The identity feature's public surface for pages and shells.
export { AccountOverview } from './account-overview.tsx';
export { ApiKeysAdmin } from './api-keys-admin.tsx';
export { DepartmentsAdmin } from './departments-admin.tsx';
export { fetchMe, identityKeys, useDepartmentName, useLogout, useMe, useSignedOut } from './identity.api.ts';
export type { Me } from './identity.types.ts';
export { departmentName, roleLabel } from './labels.ts';
export { LoginForm, type LoginTab, loginTabs } from './login-form.tsx';
export { RegisterForm } from './register-form.tsx';
export { RolesAdmin } from './roles-admin.tsx';
export { StaffAdmin } from './staff-admin.tsx';
export { WorkbenchHome, type WorkbenchShortcut } from './workbench-home.tsx';
