import type { ModuleDefinition } from '../../platform/module.ts';

export const auditModule: ModuleDefinition = {
  name: 'audit',
  registerRoutes() {},
};
