/**
 * The identity module's public surface: the module definition (routes + session resolver) and
 * the functions other modules and the seed may call. Nothing else in this folder is public.
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import { registerIdentityRoutes } from './identity.routes.ts';
import { createApiKeyResolver } from './use-cases/api-keys.ts';
import { createSessionResolver } from './use-cases/sessions.ts';

export const identityModule: ModuleDefinition = {
  name: 'identity',
  registerRoutes: registerIdentityRoutes,
  sessionResolver: createSessionResolver,
  apiKeyResolver: createApiKeyResolver,
};

export { authRateLimit } from './routes/rate-limit.ts';
export {
  assertResidentId,
  findUserByIdNumber,
  importUsers,
  type UserAccountSummary,
  type UserImportRow,
} from './use-cases/accounts.ts';
export {
  type DepartmentImportRow,
  findDepartment,
  getDepartment,
  importDepartments,
  listDepartmentSubtreeIds,
  listDepartments,
} from './use-cases/departments.ts';
export { type EnterpriseAccountImportRow, importEnterpriseAccounts } from './use-cases/enterprises.ts';
export { hashPassword } from './use-cases/passwords.ts';
export { getStaff, importStaff, listStaffParty, type StaffImportRow } from './use-cases/staff.ts';
export { staffNames } from './use-cases/staff-names.ts';
