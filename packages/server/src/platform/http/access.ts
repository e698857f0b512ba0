import { type ApiKeyScope, type ApiKeyUseOutcome, AppError } from '@tongban/domain';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Actor, ApiKeyResolver, RouteAccess, SessionResolver } from '../auth/actor.ts';
import { anonymous } from '../auth/actor.ts';
import type { PersonalDataKind } from './personal-data.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; required on every route. */
    access?: RouteAccess;
    /** false: the route is exempt from CSRF checks (stateless public POSTs only). */
    csrf?: boolean;
  }
  interface FastifyRequest {
    actor: Actor;
  }
}

export const SESSION_COOKIE = 'tb_session';

export type RegisteredRoute = {
  method: string;
  url: string;
  access: RouteAccess;
  /** What of a person's data the route returns to staff (see personal-data.ts). */
  personalData?: PersonalDataKind | false | undefined;
};

/** The per-key request limit, from the rate-limit plugin (`app.createRateLimit`), set once it is registered. */
export type ApiKeyRateLimit = (request: FastifyRequest) => Promise<{ isExceeded: boolean; ttlInSeconds: number }>;

export type AccessResolvers = {
  session(): SessionResolver | undefined;
  apiKey(): ApiKeyResolver | undefined;
  apiKeyRateLimit(): ApiKeyRateLimit | undefined;
};

function isApiKeyAccess(access: RouteAccess): access is { apiKey: Extract<RouteAccess, { apiKey: unknown }>['apiKey'] } {
  return typeof access === 'object' && 'apiKey' in access;
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

/**
 * The one place where access is checked. Every route must declare `config.access`; the hook
 * resolves the session, refuses with 401 when a session is needed and absent, 403 when the role
 * lacks the permission, and logs each denial.
 */
export function installAccessControl(app: FastifyInstance, resolvers: AccessResolvers): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  // A plain property set on every request (not a getter swapped by defineProperty, which turns each
  // request object into a slow dictionary-mode object).
  app.decorateRequest('actor', null as never);
  app.addHook('onRoute', (route: RouteOptions) => {
    // Web assets and the API documentation are public; every API route must say who may call it.
    if (!route.config?.access && (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs'))) {
      route.config = { ...route.config, access: 'public' };
    }
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no config.access`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const personalData = route.config?.personalData;
    for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: route.url, access, personalData });
  });
  app.addHook('onRequest', (request, _reply, done) => {
    request.actor = anonymous;
    const access = request.routeOptions.config?.access;
    if (!access) return done(); // 404 handler
    if (isApiKeyAccess(access)) {
      authenticateApiKey(request, access.apiKey, resolvers).then(
        () => done(),
        (error: Error) => done(error),
      );
      return;
    }
    const token = request.cookies?.[SESSION_COOKIE];
    const resolver = resolvers.session();
    // Without a session cookie (most public reads) the check runs synchronously: no promise, no
    // extra turn of the event loop.
    if (!token || !resolver) {
      try {
        checkAccess(request, access, anonymous, false);
      } catch (error) {
        return done(error as Error);
      }
      return done();
    }
    resolver(token).then(
      (resolution) => {
        request.actor = resolution.actor;
        try {
          checkAccess(request, access, resolution.actor, resolution.expired === true);
        } catch (error) {
          return done(error as Error);
        }
        done();
      },
      (error: Error) => done(error),
    );
  });
  return routes;
}

/**
 * A channel route: the key must be real, live, hold the route's scope and be within its rate; the
 * session cookie is ignored. Every presentation of a real key is logged with its outcome before
 * the route runs.
 */
async function authenticateApiKey(request: FastifyRequest, scope: string, resolvers: AccessResolvers): Promise<void> {
  const token = bearerToken(request.headers.authorization);
  const keys = resolvers.apiKey();
  if (!token || !keys) {
    deny(
      request,
      new AppError('AUTH_API_KEY_REQUIRED', '请在 Authorization 头中提供API密钥。Send an API key as `Authorization: Bearer tbk_…`.'),
    );
  }
  const found = await keys.find(token);
  if (!found) deny(request, new AppError('AUTH_API_KEY_INVALID', 'API密钥无效。The API key is not valid.'));
  let refusal: AppError | undefined;
  let outcome: ApiKeyUseOutcome = 'accepted';
  let retryAfter: number | undefined;
  if (found.refusal) {
    outcome = found.refusal === 'revoked' ? 'refused_revoked' : 'refused_expired';
    refusal = new AppError('AUTH_API_KEY_INVALID', 'API密钥已吊销或过期。The API key has been revoked or has expired.');
  } else if (scope !== '*' && !found.actor.scopes.includes(scope as ApiKeyScope)) {
    outcome = 'refused_scope';
    refusal = new AppError('AUTH_API_KEY_SCOPE', `该API密钥无权调用此接口。The API key lacks the scope ${scope}.`, { details: { scope } });
  } else {
    request.actor = found.actor;
    const limit = await resolvers.apiKeyRateLimit()?.(request);
    if (limit?.isExceeded) {
      outcome = 'refused_rate';
      retryAfter = Math.max(1, limit.ttlInSeconds);
      refusal = new AppError('RATE_LIMITED', `请求过于频繁，请 ${retryAfter} 秒后再试。Too many requests; retry in ${retryAfter} s.`, {
        details: { retryAfterSeconds: retryAfter },
      });
    }
  }
  await keys.recordUse(found.keyId, {
    method: request.method,
    route: request.routeOptions.url ?? request.url,
    ip: request.ip,
    requestId: request.id,
    outcome,
  });
  if (refusal) {
    request.actor = anonymous;
    deny(request, refusal);
  }
}

function deny(request: FastifyRequest, error: AppError): never {
  request.log.warn({ denied: error.code, route: request.routeOptions.url, actor: describe(request.actor) }, 'access denied');
  throw error;
}

function describe(actor: Actor): string {
  if (actor.kind === 'staff') return `staff:${actor.staffId}`;
  if (actor.kind === 'user') return `user:${actor.userId}`;
  if (actor.kind === 'api_key') return `api_key:${actor.keyId}`;
  return 'anonymous';
}

function checkAccess(request: FastifyRequest, access: RouteAccess, actor: Actor, expired: boolean) {
  if (access === 'public') return;
  if (actor.kind === 'anonymous') {
    deny(
      request,
      expired
        ? new AppError('AUTH_SESSION_EXPIRED', '登录已过期，请重新登录。Your session has expired; please log in again.')
        : new AppError('AUTH_REQUIRED', '请先登录。Please log in.'),
    );
  }
  if (access === 'authenticated') return;
  if (access === 'user') {
    if (actor.kind !== 'user') deny(request, new AppError('AUTH_FORBIDDEN', 'This route is for citizen and enterprise accounts.'));
    return;
  }
  if (actor.kind !== 'staff') deny(request, new AppError('AUTH_FORBIDDEN', 'This route is for staff accounts.'));
  if (access === 'staff' || !('permission' in access)) return;
  if (!actor.permissions.has(access.permission)) {
    deny(
      request,
      new AppError('AUTH_FORBIDDEN', `Your roles do not grant ${access.permission}.`, { details: { permission: access.permission } }),
    );
  }
}
