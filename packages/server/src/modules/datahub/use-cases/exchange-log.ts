import type { ErrorCode } from '@tongban/domain';
import { auditInsert } from '../../../platform/audit/audit.ts';
import type { Sql } from '../../../platform/db/db.ts';
import type { ExchangeRequest } from './exchange-request.ts';

/**
 * The exchange log: every exchange, success or refusal, as an entry of the `exchange` stream of the
 * hash-chained audit log (fields named, never their values) plus its projection row for "who used
 * my data".
 */
export const providerFailureCodes: readonly ErrorCode[] = ['DATAHUB_PROVIDER_UNAVAILABLE', 'DATAHUB_PROVIDER_SIGNATURE_INVALID'];
export const isProviderFailure = (code: string) => (providerFailureCodes as readonly string[]).includes(code);

export type ExchangeLogEntry = {
  id: string;
  request: ExchangeRequest;
  itemCode: string | null;
  providerDepartmentId: string | null;
  grantId: string | null;
  result: 'ok' | ErrorCode;
  records: number;
  sha256: string | null;
};

/**
 * One exchange-log entry (who, which fields, about whom, why, for which case, result) and its
 * projection row, in one statement: atomic on its own, so a caller outside a transaction
 * needs none.
 */
export async function recordExchange(tx: Sql, at: Date, e: ExchangeLogEntry): Promise<void> {
  const r = e.request;
  const action =
    e.result === 'ok' ? 'datahub.exchange.succeeded' : isProviderFailure(e.result) ? 'datahub.exchange.failed' : 'datahub.exchange.refused';
  const entry = auditInsert(
    at,
    {
      stream: 'exchange',
      actor: r.actor,
      action,
      target: { type: 'datahub_resource', id: r.resource.slice(0, 64) },
      subject: r.subject,
      requestId: r.requestId,
      detail: {
        exchangeId: e.id,
        channel: r.channel,
        consumer: r.consumerDepartmentId,
        provider: e.providerDepartmentId,
        fields: [...r.fields],
        purpose: r.purpose ?? null,
        item: e.itemCode,
        caseId: r.caseId,
        grantId: e.grantId,
        result: e.result,
        records: e.records,
        sha256: e.sha256,
      },
    },
    1,
  );
  const p = entry.params.length;
  await tx.query(
    `with entry as (${entry.sql})
     insert into datahub_exchange (id, log_entry_id, at, channel, consumer_department_id, actor_type, actor_id, resource_code,
       provider_department_id, fields, subject, purpose, item_code, case_id, grant_id, result, records, data_sha256)
     select $${p + 1}, entry.id, $${p + 2}::timestamptz, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}, $${p + 8},
       $${p + 9}::text[], $${p + 10}, $${p + 11}, $${p + 12}, $${p + 13}, $${p + 14}, $${p + 15}, $${p + 16}::int, $${p + 17}
     from entry`,
    [
      ...entry.params,
      e.id,
      at,
      r.channel,
      r.consumerDepartmentId,
      r.actor.type,
      r.actor.id ?? null,
      r.resource.slice(0, 64),
      e.providerDepartmentId,
      [...r.fields],
      r.subject,
      r.purpose ?? null,
      e.itemCode,
      r.caseId,
      e.grantId,
      e.result,
      e.records,
      e.sha256,
    ],
  );
}
