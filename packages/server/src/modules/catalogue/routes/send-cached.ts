import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedBody } from '../catalogue.cache.ts';

/** Bodies smaller than this go out as they are: gzip would save a few bytes and cost a header. */
const GZIP_MIN_BYTES = 1024;

/** Whether an Accept-Encoding header accepts gzip (`gzip` or `*`, with a q-value above 0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (!header) return false;
  for (const token of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [name = '', ...params] = token.split(';');
    const coding = name.trim().toLowerCase();
    if (coding !== 'gzip' && coding !== '*') continue;
    const q = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

/**
 * Sends a cached answer as it is stored — JSON bytes, or the same gzipped when the client accepts
 * gzip (browsers do; a guide shrinks about five-fold) — with a short public cache lifetime.
 */
export function sendCached(
  req: FastifyRequest,
  reply: FastifyReply,
  result: CachedBody<unknown>,
  contentType = 'application/json; charset=utf-8',
): FastifyReply {
  reply.type(contentType).header('cache-control', 'public, max-age=30').header('vary', 'accept-encoding');
  if (result.body.length >= GZIP_MIN_BYTES && acceptsGzip(req.headers['accept-encoding'])) {
    return reply.header('content-encoding', 'gzip').send(result.gzip());
  }
  return reply.send(result.body);
}
