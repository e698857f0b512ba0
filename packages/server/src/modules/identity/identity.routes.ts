import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/context.ts';
import { registerApiKeyRoutes } from './routes/api-keys.routes.ts';
import { registerAuthRoutes } from './routes/auth.routes.ts';
import { registerDepartmentRoutes } from './routes/departments.routes.ts';
import { registerEnterpriseRoutes } from './routes/enterprises.routes.ts';
import { registerStaffRoutes } from './routes/staff.routes.ts';
import { createRealNameProvider } from './use-cases/real-name-provider.ts';

/** All identity routes, under /api/v1 (one file per area in routes/). */
export function registerIdentityRoutes(app: FastifyInstance, platform: Platform) {
  // Refuses to start with a provider configured that this build does not have.
  createRealNameProvider(platform.config);
  registerAuthRoutes(app, platform);
  registerDepartmentRoutes(app, platform);
  registerStaffRoutes(app, platform);
  registerEnterpriseRoutes(app, platform);
  registerApiKeyRoutes(app, platform);
}
