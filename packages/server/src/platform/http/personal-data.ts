import type { FastifyInstance, RouteOptions } from 'fastify';

/**
 * Reads of a person's data by staff (issue 14): every route that can return a person's case,
 * material file, draft, pre-fill or registry entry to a member of staff declares
 * `config.personalData` with what it returns; the service writes each such read to the person's
 * "who used my data" (the data hub's exchange log) and notes it on the request
 * (`ctx.notePersonalDataRead`). The platform holds the service to it: a 2xx answer to staff from a
 * declaring route that noted no read is replaced by a 500 and logged, so a read is never answered
 * without its entry (fail closed). `false` says, on purpose, that a route returns no one's data
 * (or only a work list; opening an item is the logged read).
 */
export const personalDataKinds = [
  'case',
  'case_result',
  'material_file',
  'case_supplies',
  'case_lookup',
  'draft',
  'prefill',
  'person',
] as const;
export type PersonalDataKind = (typeof personalDataKinds)[number];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What of a person's data the route returns to staff (logged per read), or false: none. */
    personalData?: PersonalDataKind | false;
  }
  interface FastifyRequest {
    personalDataReads: number;
  }
}

/**
 * For a module's own scope: every GET route reachable by staff must declare `personalData`
 * (a kind, or false); the app refuses to start otherwise, like a route without `config.access`.
 */
export function requirePersonalDataDeclarations(scope: FastifyInstance) {
  scope.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('GET')) return;
    const access = route.config?.access;
    if (access === 'public' || access === 'user') return;
    if (route.config?.personalData === undefined) {
      throw new Error(`Route GET ${route.url} can answer staff and declares no config.personalData (a kind, or false)`);
    }
  });
}

/** The request counter and the fail-closed check on the answer. */
export function installPersonalDataReads(app: FastifyInstance) {
  app.decorateRequest('personalDataReads', 0);
  app.addHook('onSend', async (request, reply, payload) => {
    const kind = request.routeOptions.config?.personalData;
    if (!kind || request.actor?.kind !== 'staff' || reply.statusCode >= 300 || request.personalDataReads > 0) return payload;
    request.log.error({ route: request.routeOptions.url, personalData: kind }, 'personal data answered to staff without a logged read');
    reply.code(500).type('application/json; charset=utf-8');
    reply.removeHeader('content-disposition');
    reply.removeHeader('content-length');
    if (payload && typeof (payload as { destroy?: unknown }).destroy === 'function') (payload as { destroy(): void }).destroy();
    return JSON.stringify({ code: 'INTERNAL', message: '系统内部错误。Internal error.', requestId: request.id });
  });
}
