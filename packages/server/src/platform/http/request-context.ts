import type { FastifyRequest } from 'fastify';
import type { Ctx, Platform } from '../context.ts';

/** The per-request context for service calls: platform + who is acting + request id. */
export function ctxOf(platform: Platform, request: FastifyRequest): Ctx {
  return {
    ...platform,
    log: request.log,
    actor: request.actor,
    requestId: request.id,
    ip: request.ip,
    notePersonalDataRead: () => {
      request.personalDataReads += 1;
    },
  };
}
