/**
 * The audit module: staff read the audit log and check its hash chain over HTTP. The log itself,
 * the sealer and the verifier are platform pieces (`platform/audit`), used by every module.
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import { registerAuditRoutes } from './audit.routes.ts';

export const auditModule: ModuleDefinition = {
  name: 'audit',
  registerRoutes: registerAuditRoutes,
};

export { listAuditEntries, verifyAuditLog } from './audit.service.ts';
