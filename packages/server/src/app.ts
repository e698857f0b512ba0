import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { Clock } from '@tongban/domain';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import { auditModule } from './modules/audit/index.ts';
import { casesModule } from './modules/cases/index.ts';
import { catalogueModule } from './modules/catalogue/index.ts';
import { datahubModule } from './modules/datahub/index.ts';
import { identityModule } from './modules/identity/index.ts';
import { licencesModule } from './modules/licences/index.ts';
import type { ApiKeyResolver, SessionResolver } from './platform/auth/actor.ts';
import type { Platform } from './platform/context.ts';
import type { Db } from './platform/db/db.ts';
import { type ApiKeyRateLimit, installAccessControl, type RegisteredRoute } from './platform/http/access.ts';
import { installCacheControl } from './platform/http/cache-control.ts';
import { errorHandler, notFoundHandler } from './platform/http/errors.ts';
import { installInputSanitiser } from './platform/http/input-sanitiser.ts';
import { openApiTransform, securitySchemes } from './platform/http/openapi.ts';
import { installPersonalDataReads } from './platform/http/personal-data.ts';
import { installSecurityHeaders } from './platform/http/security-headers.ts';
import type { Jobs } from './platform/jobs/jobs.ts';
import type { ModuleDefinition } from './platform/module.ts';
import type { Signer } from './platform/signing/signing.ts';
import { systemClock } from './platform/system-clock.ts';

/** The feature modules, in dependency order. Adding a module = one line here. */
export const modules: readonly ModuleDefinition[] = [
  identityModule,
  catalogueModule,
  datahubModule,
  casesModule,
  licencesModule,
  auditModule,
];

export type AppDeps = { config: Config; db: Db; jobs: Jobs; signer: Signer; clock?: Clock };

export type App = FastifyInstance & { platform: Platform; registeredRoutes: RegisteredRoute[] };

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config } = deps;
  const app = Fastify({
    logger: { level: config.LOG_LEVEL, redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'] },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    // Only addresses named in TRUSTED_PROXIES may set the client address through X-Forwarded-For,
    // so a spoofed header cannot dodge rate limits.
    trustProxy: config.TRUSTED_PROXIES ? config.TRUSTED_PROXIES.split(',').map((s) => s.trim()) : false,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // Fastify allows one not-found handler per prefix, so it is set once here: when the built web app
  // is served, unknown non-API page GETs get index.html (the web app routes in the browser).
  const webRoot = config.WEB_DIST_DIR ? resolve(config.WEB_DIST_DIR) : '';
  const servesWeb = webRoot !== '' && existsSync(join(webRoot, 'index.html'));
  app.setNotFoundHandler((request, reply) => {
    if (servesWeb && request.method === 'GET' && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return notFoundHandler(request, reply);
  });

  const platform: Platform = {
    config,
    db: deps.db,
    clock: deps.clock ?? systemClock,
    log: app.log,
    jobs: deps.jobs,
    signer: deps.signer,
  };

  let resolver: SessionResolver | undefined;
  let apiKeyResolver: ApiKeyResolver | undefined;
  let apiKeyRateLimit: ApiKeyRateLimit | undefined;

  installSecurityHeaders(app, { https: config.COOKIE_SECURE });
  await app.register(fastifyCookie);
  // After the cookie plugin: its onRequest hook must have parsed the session cookie before the
  // access hook reads it (hooks run in registration order).
  const registeredRoutes = installAccessControl(app, {
    session: () => resolver,
    apiKey: () => apiKeyResolver,
    apiKeyRateLimit: () => apiKeyRateLimit,
  });
  // Before every route's validation: no NUL, lone surrogate, control or noncharacter reaches a module.
  installInputSanitiser(app);
  installCacheControl(app);
  installPersonalDataReads(app);
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', secure: config.COOKIE_SECURE, signed: false },
    getToken: (req) => req.headers['x-csrf-token'] as string | undefined,
  });
  // Every state-changing route is CSRF-protected unless it opts out as a stateless public POST.
  app.addHook('preHandler', (request, reply, done) => {
    const method = request.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return done();
    const access = request.routeOptions.config?.access;
    // Channel routes authenticate by a bearer key, not by a cookie the browser sends on its own,
    // so a forged cross-site request has nothing to ride on.
    if (request.routeOptions.config?.csrf === false || !access || (typeof access === 'object' && 'apiKey' in access)) return done();
    app.csrfProtection(request, reply, done);
  });
  await app.register(fastifyRateLimit, { global: false, keyGenerator: (req) => req.ip });
  // Each API key has its own limit per minute (set when it is issued), counted per key, not per address.
  const keyLimiter = app.createRateLimit({
    keyGenerator: (req) => (req.actor.kind === 'api_key' ? `api-key:${req.actor.keyId}` : `ip:${req.ip}`),
    max: (req) => (req.actor.kind === 'api_key' ? req.actor.ratePerMinute : 1),
    timeWindow: 60_000,
  });
  apiKeyRateLimit = async (request) => {
    const limit = await keyLimiter(request);
    return limit.isAllowed ? { isExceeded: false, ttlInSeconds: 0 } : { isExceeded: limit.isExceeded, ttlInSeconds: limit.ttlInSeconds };
  };

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tongban 通办 API',
        version: '1',
        description: 'One-stop government service platform',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      // Relative to the document itself: right whichever host name serves it.
      servers: [{ url: '/', description: '本服务 This server' }],
      components: { securitySchemes },
    },
    transform: openApiTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    try {
      await deps.db.query('select 1');
      return { status: 'ready', database: deps.db.kind };
    } catch {
      return reply.status(503).send({ code: 'SERVICE_UNAVAILABLE', message: 'The database is not reachable.' });
    }
  });
  app.get(
    '/api/v1/auth/csrf',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'CSRF令牌 A CSRF token for state-changing calls',
        response: { 200: z.object({ token: z.string() }) },
      },
    },
    async (_req, reply) => ({
      token: reply.generateCsrf(),
    }),
  );

  for (const module of modules) {
    if (module.sessionResolver) resolver = module.sessionResolver(platform);
    if (module.apiKeyResolver) apiKeyResolver = module.apiKeyResolver(platform);
    await app.register(async (scope) => module.registerRoutes(scope, platform), { prefix: '/api/v1' });
  }

  if (servesWeb) await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false, index: ['index.html'] });

  await app.ready();
  return Object.assign(app, { platform, registeredRoutes }) as unknown as App;
}

export async function registerJobs(platform: Platform) {
  for (const module of modules) await module.registerJobs?.(platform);
}
