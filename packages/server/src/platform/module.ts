import type { FastifyInstance } from 'fastify';
import type { ApiKeyResolver, SessionResolver } from './auth/actor.ts';
import type { Platform } from './context.ts';

/**
 * What a feature module hands to `app.ts`. Modules are listed explicitly there, in dependency
 * order; each registers its routes under `/api/v1` and its job handlers.
 */
export type ModuleDefinition = {
  name: string;
  registerRoutes(app: FastifyInstance, platform: Platform): Promise<void> | void;
  registerJobs?(platform: Platform): Promise<void>;
  /** The identity module provides how a session cookie becomes an actor. */
  sessionResolver?(platform: Platform): SessionResolver;
  /** The identity module provides how an API key (`Authorization: Bearer tbk_…`) becomes an actor. */
  apiKeyResolver?(platform: Platform): ApiKeyResolver;
};
