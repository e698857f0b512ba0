import type { ModuleDefinition } from '../../platform/module.ts';

export const identityModule: ModuleDefinition = {
  name: 'identity',
  registerRoutes() {},
};
