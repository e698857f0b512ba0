/**
 * The identity module's public surface: the module definition (routes + session resolver) and
 * the functions other modules and the seed may call. Nothing else in this folder is public.
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import { registerIdentityJobs } from './identity.jobs.ts';
import { registerIdentityRoutes } from './identity.routes.ts';
import { createApiKeyResolver } from './use-cases/api-keys.ts';
import { createSessionResolver } from './use-cases/sessions.ts';

export const identityModule: ModuleDefinition = {
  name: 'identity',
  registerRoutes: registerIdentityRoutes,
  registerJobs: registerIdentityJobs,
  sessionResolver: createSessionResolver,
  apiKeyResolver: createApiKeyResolver,
};

/** One-time codes (for presence at a window by a code sent to the registry's mobile, as registration does). */
export { type CodeCheck, type IssuedCode, issueOneTimeCode, type OneTimeCodeOptions, useOneTimeCode } from '../../platform/otp/index.ts';
export { authRateLimit } from './routes/rate-limit.ts';
export {
  assertResidentId,
  findUserByIdNumber,
  importUsers,
  REGISTER_CODE_PURPOSE,
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
export { createRealNameProvider, type RealNameClaims, type RealNameProvider } from './use-cases/real-name-provider.ts';
export { getStaff, listStaffParty } from './use-cases/staff.ts';
export { importStaff, type StaffImportRow } from './use-cases/staff-import.ts';
export { staffNames } from './use-cases/staff-names.ts';
