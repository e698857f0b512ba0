import { AppError } from '@tongban/domain';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Actor, RouteAccess, SessionResolver } from '../auth/actor.ts';
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

/**
 * The one place where access is checked. Every route must declare `config.access`; the hook
 * resolves the session, refuses with 401 when a session is needed and absent, 403 when the role
 * lacks the permission, and logs each denial.
 */
export function installAccessControl(app: FastifyInstance, resolveSession: () => SessionResolver | undefined): RegisteredRoute[] {
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
    const token = request.cookies?.[SESSION_COOKIE];
    const resolver = resolveSession();
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

function deny(request: FastifyRequest, error: AppError): never {
  request.log.warn({ denied: error.code, route: request.routeOptions.url, actor: describe(request.actor) }, 'access denied');
  throw error;
}

function describe(actor: Actor): string {
  if (actor.kind === 'staff') return `staff:${actor.staffId}`;
  if (actor.kind === 'user') return `user:${actor.userId}`;
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
  if (access === 'staff') return;
  if (!actor.permissions.has(access.permission)) {
    deny(
      request,
      new AppError('AUTH_FORBIDDEN', `Your roles do not grant ${access.permission}.`, { details: { permission: access.permission } }),
    );
  }
}
