import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedBody } from '../catalogue.cache.ts';

/** Bodies smaller than this go out as they are: compression would save a few bytes and cost a header. */
const COMPRESS_MIN_BYTES = 1024;

/** Whether an Accept-Encoding header accepts `coding` (by name or `*`, with a q-value above 0). */
export function acceptsEncoding(header: string | string[] | undefined, wanted: 'gzip' | 'br'): boolean {
  if (!header) return false;
  for (const token of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [name = '', ...params] = token.split(';');
    const coding = name.trim().toLowerCase();
    if (coding !== wanted && coding !== '*') continue;
    const q = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

/**
 * Sends a cached answer as it is stored — JSON bytes, or the same compressed when the client
 * accepts it: Brotli where accepted (every current browser; a guide is about a fifth smaller than
 * gzipped, which a citizen on a phone feels), else gzip (a guide shrinks about five-fold) — with a
 * short public cache lifetime.
 */
export function sendCached(
  req: FastifyRequest,
  reply: FastifyReply,
  result: CachedBody<unknown>,
  contentType = 'application/json; charset=utf-8',
): FastifyReply {
  reply.type(contentType).header('cache-control', 'public, max-age=30').header('vary', 'accept-encoding');
  if (result.body.length >= COMPRESS_MIN_BYTES) {
    const accepted = req.headers['accept-encoding'];
    if (acceptsEncoding(accepted, 'br')) return reply.header('content-encoding', 'br').send(result.brotli());
    if (acceptsEncoding(accepted, 'gzip')) return reply.header('content-encoding', 'gzip').send(result.gzip());
  }
  return reply.send(result.body);
}
