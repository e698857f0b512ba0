import type { FastifySchema, RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { RouteAccess } from '../auth/actor.ts';
import { SESSION_COOKIE } from './access.ts';

/**
 * What the OpenAPI document says about every operation beyond its own schema, derived from the
 * same declarations the server enforces, so the document cannot drift from the behaviour:
 * - `security` and `x-tongban-access` from the route's `config.access`;
 * - an `operationId` (the route's own, or one made from the method and path);
 * - the error answers (the one error body of `platform/http/errors.ts`) that the access hook, the
 *   validation and the error handler can give.
 */

export const securitySchemes = {
  session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: '登录会话 Session cookie set by POST /api/v1/auth/login' },
  csrf: {
    type: 'apiKey',
    in: 'header',
    name: 'x-csrf-token',
    description: 'CSRF token from GET /api/v1/auth/csrf; required on state-changing calls made with a session',
  },
  apiKey: { type: 'http', scheme: 'bearer', description: '渠道API密钥 API key issued to a channel or partner system (tbk_…)' },
} as const;

export const errorBodyJsonSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', description: 'Stable error code (packages/domain/src/errors.ts)' },
    message: { type: 'string' },
    field: { type: 'string', description: 'The input at fault, as `body.x`, `query.y` or `params.z`' },
    details: { type: 'object', additionalProperties: true },
    requestId: { type: 'string', description: 'On 5xx answers: quote it when reporting the problem' },
  },
} as const;

const changesState = (method: string) => method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';

export function openApiSecurity(access: RouteAccess, method: string): Record<string, string[]>[] {
  if (access === 'public') return [];
  if (typeof access === 'object' && 'apiKey' in access) return [{ apiKey: [] }];
  return [changesState(method) ? { session: [], csrf: [] } : { session: [] }];
}

export function accessLabel(access: RouteAccess): string {
  if (typeof access === 'string') return access;
  if ('permission' in access) return `permission:${access.permission}`;
  return `apiKey:${access.apiKey}`;
}

/** `GET /api/v1/cases/:id/result` → `getCasesByIdResult`: unique, because method and path are. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v1\//, '')
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => (segment.startsWith(':') ? ['by', segment.slice(1)] : segment === '*' ? ['any'] : segment.split(/[^A-Za-z0-9]+/)))
    .filter(Boolean);
  const camel = words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join('');
  return `${method.toLowerCase()}${camel}`;
}

function errorResponses(access: RouteAccess, method: string, schema: FastifySchema | undefined) {
  const error = (description: string) => ({ description, content: { 'application/json': { schema: errorBodyJsonSchema } } });
  const responses: Record<string, unknown> = {};
  if (schema?.body || schema?.querystring || schema?.params || changesState(method))
    responses[400] = error('VALIDATION_FAILED or another input error, with the field');
  if (access !== 'public') {
    responses[401] = error('No session, an expired one, or no valid API key');
    responses[403] = error('Not permitted (role, scope, CSRF token or a business rule)');
  }
  if (schema?.params) responses[404] = error('Not found, or not yours: the same answer either way');
  responses[429] = error('Too many requests (Retry-After says when to try again)');
  responses['5XX'] = error('Internal error (with requestId) or 503 with Retry-After');
  return responses;
}

type TransformInput = Parameters<typeof jsonSchemaTransform>[0] & { route: RouteOptions };

/** The swagger transform: the zod schemas as JSON Schema, plus what this file adds. */
export function openApiTransform(input: TransformInput) {
  const { schema, url } = jsonSchemaTransform(input);
  const out = (schema ?? {}) as Record<string, unknown> & FastifySchema;
  if (out.hide) return { schema: out, url };
  const route = input.route;
  const method = String(Array.isArray(route.method) ? route.method[0] : route.method);
  const access = route.config?.access;
  if (access) {
    out.security = openApiSecurity(access, method);
    out['x-tongban-access'] = accessLabel(access);
    const own = (out.response ?? {}) as Record<string, unknown>;
    // A route that declares no success schema (a file, a redirect, 204) still answers 2xx.
    const success = Object.keys(own).some((status) => status.startsWith('2')) ? {} : { '2XX': { description: '成功 Success' } };
    out.response = { ...success, ...errorResponses(access, method, input.schema as FastifySchema | undefined), ...own };
  }
  out.operationId ??= operationIdOf(method, url);
  return { schema: out, url };
}
