import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/context.ts';
import { registerPublicLicenceRoutes } from './routes/public.routes.ts';
import { registerStaffLicenceRoutes } from './routes/staff.routes.ts';
import { registerWalletRoutes } from './routes/wallet.routes.ts';

/** Every licences route, under `/api/v1`: public (verification, issuers, status lists, shares), wallet, staff. */
export function registerLicenceRoutes(app: FastifyInstance, platform: Platform) {
  registerPublicLicenceRoutes(app, platform);
  registerWalletRoutes(app, platform);
  registerStaffLicenceRoutes(app, platform);
}
