import { AppError, type ErrorCode } from '@tongban/domain';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { errorStatus } from './error-status.ts';

/** Seconds a client is asked to wait before retrying an answer 503 (the database restarting, a provider down). */
export const RETRY_AFTER_SECONDS = 5;

export type ErrorBody = { code: ErrorCode; message: string; field?: string; details?: Record<string, unknown>; requestId?: string };

function fieldOf(instancePath: string, context: string | undefined): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return [context ?? 'body', path].filter(Boolean).join('.');
}

/**
 * Turns anything thrown into the platform's error body. 4xx: `{code, message, field?}`.
 * 5xx: a generic message and the request id; the cause goes to the log only.
 */
export function errorHandler(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    const status = errorStatus[error.code];
    if (status >= 500) request.log.error({ err: error }, 'application error');
    const body: ErrorBody = { code: error.code, message: error.message };
    if (error.field) body.field = error.field;
    if (error.details) body.details = error.details;
    if (status >= 500) body.requestId = request.id;
    if (status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    // A refusal that knows when it ends (login back-off) says so in the header too.
    const retryAfter = error.details?.retryAfterSeconds;
    if (status === 429 && typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    return reply.status(status).send(body);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const field = first ? fieldOf(first.instancePath, error.validationContext) : (error.validationContext ?? 'body');
    return reply.status(400).send({
      code: 'VALIDATION_FAILED',
      message: first ? `${field}: ${first.message}` : 'The request is not valid.',
      field,
      details: {
        issues: error.validation.slice(0, 10).map((v) => ({ field: fieldOf(v.instancePath, error.validationContext), message: v.message })),
      },
    } satisfies ErrorBody);
  }
  const fe = error as FastifyError;
  const status = fe.statusCode ?? 500;
  if (status === 429)
    return reply.status(429).send({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试。Too many requests, try again later.' });
  if (status === 413) return reply.status(413).send({ code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' });
  if (status === 415) return reply.status(415).send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported content type.' });
  if (fe.code === 'FST_CSRF_INVALID_TOKEN' || fe.code === 'FST_CSRF_MISSING_SECRET') {
    return reply.status(403).send({ code: 'AUTH_CSRF_INVALID', message: 'Missing or invalid CSRF token (send the x-csrf-token header).' });
  }
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (malformed JSON, bad content length …): say what, hide how.
    return reply.status(status).send({ code: 'VALIDATION_FAILED', message: safeClientMessage(fe), field: 'body' });
  }
  if (isDatabaseUnavailable(error)) {
    // Nothing was acknowledged: the client may retry (with the same Idempotency-Key) shortly.
    request.log.warn({ err: error }, 'database unavailable');
    return reply
      .status(503)
      .header('retry-after', String(RETRY_AFTER_SECONDS))
      .send({
        code: 'SERVICE_UNAVAILABLE',
        message: '服务暂时不可用，请稍后再试。The service is temporarily unavailable; try again shortly.',
        requestId: request.id,
      } satisfies ErrorBody);
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send({ code: 'INTERNAL', message: '系统内部错误。Internal error.', requestId: request.id });
}

function safeClientMessage(error: FastifyError): string {
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) return 'The body is not valid JSON.';
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'The JSON body is empty.';
  return 'The request is not valid.';
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  reply.status(404).send({ code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` });
}
