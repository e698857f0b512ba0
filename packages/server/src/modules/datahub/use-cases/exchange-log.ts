import type { ErrorCode } from '@tongban/domain';
import type { Db, Sql } from '../../../platform/db/db.ts';
import { groupWriterFor, isDatabase } from '../../../platform/db/group-writes.ts';
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
 * Exchange-log entries and their projection rows, any number in one statement (atomic on its own):
 * the entries as a JSON array of projection rows. The audit columns are those `auditInsert`
 * writes; the entry's detail is built here from the row (fields named, never their values).
 */
const INSERT_ENTRIES = `with input as (
    select * from jsonb_to_recordset($1::jsonb) as x(
      ord int, exchange_id text, at timestamptz, actor_type text, actor_id text, action text, resource_code text, subject text,
      request_id text, channel text, consumer_department_id text, provider_department_id text, fields text[],
      purpose text, item_code text, case_id text, grant_id text, result text, records int, data_sha256 text,
      actor_name text, on_behalf_of text)
  ), entry as (
    insert into audit_log (stream, occurred_at, actor_type, actor_id, action, target_type, target_id, subject, detail, request_id)
    select 'exchange', at, actor_type, actor_id, action, 'datahub_resource', resource_code, subject,
      jsonb_build_object('exchangeId', exchange_id, 'channel', channel, 'consumer', consumer_department_id,
        'provider', provider_department_id, 'fields', to_jsonb(fields), 'purpose', purpose, 'item', item_code,
        'caseId', case_id, 'grantId', grant_id, 'result', result, 'records', records, 'sha256', data_sha256)
        || case when on_behalf_of is null then '{}'::jsonb else jsonb_build_object('onBehalfOf', on_behalf_of) end,
      request_id
    from input order by ord
    returning id, detail ->> 'exchangeId' as exchange_id
  )
  insert into datahub_exchange (id, log_entry_id, at, channel, consumer_department_id, actor_type, actor_id, actor_name, resource_code,
    provider_department_id, fields, subject, purpose, item_code, case_id, grant_id, result, records, data_sha256)
  select i.exchange_id, entry.id, i.at, i.channel, i.consumer_department_id, i.actor_type, i.actor_id, i.actor_name, i.resource_code,
    i.provider_department_id, i.fields, i.subject, i.purpose, i.item_code, i.case_id, i.grant_id, i.result, i.records, i.data_sha256
  from input i join entry on entry.exchange_id = i.exchange_id`;

type EntryRow = Record<string, unknown>;
const grouped = new WeakMap<Db, (row: EntryRow) => Promise<void>>();

/**
 * One exchange-log entry (who, which fields, about whom, why, for which case, result) and its
 * projection row. In a transaction (filing) it is one of the transaction's writes. Outside one (a
 * staff query, form pre-fill) it joins the entries of concurrent exchanges in one statement and
 * commit (group-writes.ts), and resolves once committed: no data leaves before its log entry is
 * stored.
 */
export async function recordExchange(sql: Sql, at: Date, e: ExchangeLogEntry): Promise<void> {
  const row = entryRow(at, e);
  if (!isDatabase(sql)) return sql.write(INSERT_ENTRIES, [JSON.stringify([row])]);
  const write = async (rows: EntryRow[]) => {
    await sql.write(INSERT_ENTRIES, [JSON.stringify(rows.map((r, ord) => ({ ...r, ord })))]);
  };
  return groupWriterFor(grouped, sql, write)(row);
}

function entryRow(at: Date, e: ExchangeLogEntry): EntryRow {
  const r = e.request;
  const resource = r.resource.slice(0, 64);
  return {
    ord: 0,
    exchange_id: e.id,
    at: at.toISOString(),
    actor_type: r.actor.type,
    actor_id: r.actor.id ?? null,
    action:
      e.result === 'ok'
        ? 'datahub.exchange.succeeded'
        : isProviderFailure(e.result)
          ? 'datahub.exchange.failed'
          : 'datahub.exchange.refused',
    resource_code: resource,
    subject: r.subject,
    request_id: r.requestId ?? null,
    channel: r.channel,
    consumer_department_id: r.readerDepartmentId ?? r.consumerDepartmentId,
    on_behalf_of: r.readerDepartmentId && r.readerDepartmentId !== r.consumerDepartmentId ? r.consumerDepartmentId : null,
    actor_name: r.actorName ?? null,
    provider_department_id: e.providerDepartmentId,
    fields: [...r.fields],
    purpose: r.purpose ?? null,
    item_code: e.itemCode,
    case_id: r.caseId,
    grant_id: e.grantId,
    result: e.result,
    records: e.records,
    data_sha256: e.sha256,
  };
}
