import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/context.ts';
import { registerOpenDataRoutes } from './routes/open-data.routes.ts';
import { registerPublicRoutes } from './routes/public.routes.ts';
import { registerStaffRoutes } from './routes/staff.routes.ts';

/** All catalogue routes under `/api/v1/catalogue`: public reads, open data, staff drafting and publication. */
export function registerCatalogueRoutes(app: FastifyInstance, platform: Platform) {
  registerPublicRoutes(app, platform);
  registerOpenDataRoutes(app, platform);
  registerStaffRoutes(app, platform);
}
