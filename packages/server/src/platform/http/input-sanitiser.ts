import { AppError, findUnstorableText, unstorableTextMessage } from '@tongban/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/**
 * Request headers that routes read and store (the session's user agent, the idempotency key);
 * the others are never stored as text.
 */
const STORED_HEADERS = ['user-agent', 'idempotency-key'] as const;

/**
 * The first field of a request holding text the platform refuses (domain `storable-text.ts`),
 * as validation names it: `params.x`, `body.a.0.b`, `querystring.q`, `headers.user-agent`. In
 * Fastify's validation order, so the field reported is the one validation would report first.
 */
export function findUnstorableField(request: FastifyRequest): string | undefined {
  const field =
    findUnstorableText(request.params, 'params') ??
    findUnstorableText(request.body, 'body') ??
    findUnstorableText(request.query, 'querystring');
  if (field) return field;
  for (const name of STORED_HEADERS) {
    const value = request.headers[name];
    if (value !== undefined && findUnstorableText(value, `headers.${name}`)) return `headers.${name}`;
  }
  return undefined;
}

/**
 * The one input sanitiser: before any route validates its input (preValidation, after parsing
 * and access control), every string of the path parameters, query, JSON body (values and keys, at
 * any depth) and stored headers is checked, and a request holding NUL, a lone surrogate, a C0
 * control or a noncharacter is refused with 400 VALIDATION_FAILED and the field. Modules
 * therefore never see such text, whatever their schemas say. Multipart bodies are read by the
 * handler; `receiveUpload` applies the same rule to their file names and fields.
 */
export function installInputSanitiser(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const field = findUnstorableField(request);
    if (!field) return done();
    const error = new AppError('VALIDATION_FAILED', unstorableTextMessage(field), { field });
    refusals.add(error);
    done(error);
  });
}

const refusals = new WeakSet<Error>();

/**
 * Whether an error is the refusal of a request's input before its handler ran: this sanitiser's,
 * or the route schema's validation. A route that must record refused attempts (a data-hub query is
 * logged for its subject whatever the outcome) tells these apart from its handler's own errors.
 */
export function isRefusedInput(error: unknown): boolean {
  return (error instanceof Error && refusals.has(error)) || hasZodFastifySchemaValidationErrors(error);
}
