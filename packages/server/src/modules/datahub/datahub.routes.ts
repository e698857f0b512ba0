import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/context.ts';
import { requirePersonalDataDeclarations } from '../../platform/http/personal-data.ts';
import { registerDemoCardReaderRoutes } from './card-reader/demo-service.ts';
import { registerCatalogueRoutes } from './routes/catalogue.routes.ts';
import { registerExchangeRoutes } from './routes/exchange.routes.ts';
import { registerGovernanceRoutes } from './routes/governance.routes.ts';
import { registerGrantRoutes } from './routes/grants.routes.ts';
import { registerPresenceRoutes } from './routes/presence.routes.ts';
import { registerTransparencyRoutes } from './routes/transparency.routes.ts';

/** Every HTTP route of the data hub, under /api/v1/datahub (one file per area in routes/). */
export function registerDatahubRoutes(app: FastifyInstance, platform: Platform) {
  // Every staff GET route says whether it returns a person's data (then each read is logged).
  requirePersonalDataDeclarations(app);
  registerCatalogueRoutes(app, platform);
  registerGrantRoutes(app, platform);
  registerExchangeRoutes(app, platform);
  registerPresenceRoutes(app, platform);
  // The demo's simulated ID-card readers: a signing device in software, so never in production.
  if (platform.config.DEMO_CARD_READER) registerDemoCardReaderRoutes(app, platform);
  registerTransparencyRoutes(app, platform);
  registerGovernanceRoutes(app, platform);
}
