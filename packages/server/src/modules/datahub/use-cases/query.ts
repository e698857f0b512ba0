import { randomUUID } from 'node:crypto';
import { isUnstorableText, type QueryBody, type QueryResponse, queryBodySchema, replaceUnstorableText } from '@tongban/domain';
import { z } from 'zod';
import type { Ctx } from '../../../platform/context.ts';
import { runExchange } from './exchange.ts';
import { recordExchange } from './exchange-log.ts';
import { departmentNames, requireStaff } from './shared.ts';

/**
 * A member of staff queries a resource for a case their department handles: the caller's
 * department is the consumer, the case must be named, be one the department handles (responsible, or
 * holding a task of it) and still open, and the subject must be party to it. The exchange is
 * logged whether it succeeds or not (one statement, after the provider answered).
 * @throws DATAHUB_RESOURCE_NOT_FOUND, DATAHUB_PURPOSE_REQUIRED, DATAHUB_NOT_SHARED, VALIDATION_FAILED,
 *   DATAHUB_CASE_NOT_OURS, DATAHUB_CASE_CLOSED, DATAHUB_SUBJECT_NOT_IN_CASE, DATAHUB_NO_GRANT, DATAHUB_FIELD_NOT_GRANTED, DATAHUB_CONSENT_REQUIRED,
 *   DATAHUB_PROVIDER_UNAVAILABLE, DATAHUB_PROVIDER_SIGNATURE_INVALID
 */
export async function queryResource(ctx: Ctx, body: QueryBody): Promise<QueryResponse> {
  const actor = requireStaff(ctx.actor);
  const outcome = await runExchange({ sql: ctx.db, signer: ctx.signer }, ctx.clock.now(), {
    channel: 'query',
    consumerDepartmentId: actor.departmentId,
    actor: { type: 'staff', id: actor.staffId },
    actorName: actor.name,
    resource: body.resource,
    fields: body.fields,
    purpose: body.purpose,
    itemCode: null,
    caseId: body.caseId ?? null,
    subject: body.subject,
    servingScope: actor.departmentScope,
    requestId: ctx.requestId,
  });
  if (!outcome.ok) throw outcome.error;
  const provider = outcome.resource.owner_department_id;
  const names = await departmentNames(ctx.db, [provider]);
  return {
    exchangeId: outcome.exchangeId,
    resource: outcome.resource.code,
    providerDepartmentId: provider,
    providerDepartmentName: names.get(provider) ?? null,
    fields: outcome.fields,
    records: outcome.records,
    sha256: outcome.sha256,
    fetchedAt: outcome.at.toISOString(),
  };
}

const text = (value: unknown, max: number): string | null =>
  typeof value === 'string' ? [...replaceUnstorableText(value)].slice(0, max).join('') : null;

/**
 * A staff query refused for its input before it ran (the input sanitiser, the body's schema) is
 * still an attempt to read a person's data, so it is written to the exchange log like any other
 * refusal (result VALIDATION_FAILED) and the person sees it under "who used my data" — when the
 * body names a subject that could be one (a storable identifier the schema accepts); without one
 * there is nobody whose log it belongs to, and the access log keeps the request. What was refused
 * is stored as far as it is storable: refused characters become U+FFFD, lengths are bounded, a
 * case id that is not one is left out. Never throws: the answer stays the validation error.
 */
export async function logRefusedQuery(ctx: Ctx, rawBody: unknown): Promise<void> {
  if (ctx.actor.kind !== 'staff' || rawBody === null || typeof rawBody !== 'object') return;
  const body = rawBody as Record<string, unknown>;
  if (typeof body.subject !== 'string' || isUnstorableText(body.subject)) return;
  const subject = queryBodySchema.shape.subject.safeParse(body.subject);
  if (!subject.success) return;
  const caseId = z.uuid().safeParse(body.caseId);
  const fields = Array.isArray(body.fields) ? body.fields.slice(0, 100).map((f) => text(f, 64) ?? '') : [];
  try {
    await recordExchange(ctx.db, ctx.clock.now(), {
      id: randomUUID(),
      request: {
        channel: 'query',
        consumerDepartmentId: ctx.actor.departmentId,
        actor: { type: 'staff', id: ctx.actor.staffId },
        resource: text(body.resource, 64) ?? '',
        fields,
        purpose: text(body.purpose, 500),
        itemCode: null,
        caseId: caseId.success ? caseId.data : null,
        subject: subject.data,
        requestId: ctx.requestId,
      },
      itemCode: null,
      providerDepartmentId: null,
      grantId: null,
      result: 'VALIDATION_FAILED',
      records: 0,
      sha256: null,
    });
  } catch (error) {
    ctx.log.error({ err: error }, 'refused data-hub query not logged');
  }
}
