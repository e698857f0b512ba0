import type { QueryBody, QueryResponse } from '@tongban/domain';
import type { Ctx } from '../../../platform/context.ts';
import { runExchange } from './exchange.ts';
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
