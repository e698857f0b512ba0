import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/context.ts';
import { registerApiKeyRoutes } from './routes/api-keys.routes.ts';
import { registerAuthRoutes } from './routes/auth.routes.ts';
import { registerDepartmentRoutes } from './routes/departments.routes.ts';
import { registerEnterpriseRoutes } from './routes/enterprises.routes.ts';
import { registerStaffRoutes } from './routes/staff.routes.ts';

/** All identity routes, under /api/v1 (one file per area in routes/). */
export function registerIdentityRoutes(app: FastifyInstance, platform: Platform) {
  registerAuthRoutes(app, platform);
  registerDepartmentRoutes(app, platform);
  registerStaffRoutes(app, platform);
  registerEnterpriseRoutes(app, platform);
  registerApiKeyRoutes(app, platform);
}
