import type { FastifyInstance } from 'fastify';

/**
 * Personal answers are never kept by a browser's cache or a shared proxy: every answer of a
 * non-public route (refusals included) and every API answer to a request made with a session says
 * `Cache-Control: no-store`, unless the route set its own policy (a download's `private,
 * no-store`, a public catalogue read's `public, max-age=30`). One hook for all routes, so a new
 * route is covered without remembering it; only public routes relax it, on purpose.
 */
export function installCacheControl(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) {
      const access = request.routeOptions.config?.access;
      const personal =
        (access !== undefined && access !== 'public') || (request.actor?.kind !== 'anonymous' && request.url.startsWith('/api/'));
      if (personal) reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });
}
