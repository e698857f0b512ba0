import { randomUUID } from 'node:crypto';
import { AppError, type DataRecord, isAppError } from '@tongban/domain';
import type { Sql } from '../../../platform/db/db.ts';
import type { Signer } from '../../../platform/signing/signing.ts';
import { findCaseService } from '../../cases/index.ts';
import { callExternalProvider, findExternalProvider } from '../adapters/http-provider.ts';
import { registryAdapters } from '../adapters/registry-adapters.ts';
import { sha256Hex } from '../protocol.ts';
import { recordExchange } from './exchange-log.ts';
import type { ExchangeRequest } from './exchange-request.ts';
import { coveringGrant, type GrantRow } from './grant-check.ts';
import { consentFieldsOf, type LoadedResource, RESOURCE_COLUMNS_SQL, resourceNotFound } from './shared.ts';

/**
 * The exchange engine: every fetch of authoritative data goes through here, from a staff query,
 * once-only at filing, its retry, or form pre-fill. In order: the resource exists and is shared,
 * a purpose and the case it serves are stated, the subject is party to that case, a grant covers
 * the consumer department, the item and every field (unless the resource is shared unconditionally
 * or the consumer owns it), the person consented where the law requires it, and the provider
 * answers (signed, in time). Success and refusal alike are written to the exchange log — the
 * `exchange` stream of the hash-chained audit log, fields named but never their values — plus a
 * projection row for "who used my data", in the caller's transaction.
 */
export type { ExchangeRequest } from './exchange-request.ts';

export type ExchangeSuccess = {
  ok: true;
  exchangeId: string;
  resource: LoadedResource;
  fields: string[];
  records: DataRecord[];
  sha256: string;
  grantId: string | null;
  itemCode: string | null;
  at: Date;
};
export type ExchangeRefusal = { ok: false; exchangeId: string; error: AppError; resource: LoadedResource | undefined; at: Date };
export type ExchangeOutcome = ExchangeSuccess | ExchangeRefusal;

export type ExchangeDeps = {
  /**
   * Reads and the log entry. The entry is one statement (atomic on its own), so a staff query passes
   * the pool and filing its transaction.
   */
  sql: Sql;
  signer: Signer;
};

/**
 * SHA-256 of the data as canonical JSON (each record's keys sorted), so anyone holding the records
 * in whatever key order (jsonb reorders them) can recompute it.
 */
export function dataDigest(records: readonly DataRecord[]): string {
  const canonical = records.map((r) =>
    Object.fromEntries(
      Object.keys(r)
        .sort()
        .map((k) => [k, r[k]]),
    ),
  );
  return sha256Hex(JSON.stringify(canonical));
}

export { isProviderFailure, providerFailureCodes } from './exchange-log.ts';

/** Runs one exchange end to end and logs it; refusals come back as `{ ok: false }`, never thrown. */
export async function runExchange(
  deps: ExchangeDeps,
  at: Date,
  request: ExchangeRequest,
  /** What the checks need, when the caller has just read it in the same transaction (`exchangeFacts`). */
  facts?: ExchangeFacts,
): Promise<ExchangeOutcome> {
  const exchangeId = randomUUID();
  let resource: LoadedResource | undefined;
  let itemCode = request.itemCode;
  try {
    const authorised = await authoriseExchange(deps.sql, at, request, facts);
    resource = authorised.resource;
    itemCode = authorised.itemCode;
    const fields = [...request.fields];
    const records = await fetchRecords(deps, at, authorised.resource, request, exchangeId, fields);
    const sha256 = dataDigest(records);
    await recordExchange(deps.sql, at, {
      id: exchangeId,
      request,
      itemCode,
      providerDepartmentId: authorised.resource.owner_department_id,
      grantId: authorised.grantId,
      result: 'ok',
      records: records.length,
      sha256,
    });
    return { ok: true, exchangeId, resource: authorised.resource, fields, records, sha256, grantId: authorised.grantId, itemCode, at };
  } catch (error) {
    if (!isAppError(error)) throw error;
    await recordExchange(deps.sql, at, {
      id: exchangeId,
      request,
      itemCode,
      providerDepartmentId: resource?.owner_department_id ?? null,
      grantId: null,
      result: error.code,
      records: 0,
      sha256: null,
    });
    return { ok: false, exchangeId, error, resource, at };
  }
}

type Authorised = { resource: LoadedResource; grantId: string | null; itemCode: string | null };

/**
 * @throws DATAHUB_RESOURCE_NOT_FOUND, DATAHUB_PURPOSE_REQUIRED, DATAHUB_NOT_SHARED, VALIDATION_FAILED
 *   (a field the resource does not have), DATAHUB_CASE_NOT_OURS, DATAHUB_CASE_CLOSED, DATAHUB_SUBJECT_NOT_IN_CASE, DATAHUB_NO_GRANT,
 *   DATAHUB_FIELD_NOT_GRANTED, DATAHUB_CONSENT_REQUIRED
 */
export async function authoriseExchange(sql: Sql, at: Date, request: ExchangeRequest, preloaded?: ExchangeFacts): Promise<Authorised> {
  // Everything the checks below need, in one round trip; the checks still run in their order.
  const facts = preloaded?.resource?.code === request.resource ? preloaded : await exchangeFacts(sql, request);
  const resource = facts.resource;
  if (!resource) throw resourceNotFound(request.resource);

  const purpose = request.purpose?.trim() ?? '';
  if (purpose.length < 2) {
    throw new AppError('DATAHUB_PURPOSE_REQUIRED', '每次查询都须说明用途。Every query must state its purpose.', { field: 'body.purpose' });
  }
  if (!request.caseId && !request.subjectsPresent) {
    throw new AppError('DATAHUB_PURPOSE_REQUIRED', '每次查询都须说明所服务的办件。Every query must name the case it serves.', {
      field: 'body.caseId',
    });
  }
  if (resource.status !== 'active' || resource.sharing_class === 'not_shared') {
    throw new AppError('DATAHUB_NOT_SHARED', `数据资源 ${resource.code} 不予共享。The resource ${resource.code} is not shared.`, {
      details: { resource: resource.code },
    });
  }
  const known = new Set(resource.fields.map((f) => f.name));
  const unknown = request.fields.filter((f) => !known.has(f));
  if (request.fields.length === 0 || unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', `数据资源 ${resource.code} 没有这些字段：${unknown.join('、')}。Unknown fields.`, {
      field: 'body.fields',
      details: { unknown },
    });
  }

  if (request.caseId && request.servingScope) await assertCaseServed(sql, at, request.caseId, request.servingScope);

  let itemCode = request.itemCode;
  if (request.caseId) {
    const { parties } = facts;
    if (!parties.some((p) => p.subject === request.subject)) {
      throw new AppError('DATAHUB_SUBJECT_NOT_IN_CASE', '查询对象不是该办件的当事人。The subject is not party to that case.', {
        field: 'body.subject',
      });
    }
    itemCode ??= parties[0]?.item_code ?? null;
  } else if (!request.subjectsPresent?.includes(request.subject)) {
    throw new AppError(
      'DATAHUB_SUBJECT_NOT_IN_CASE',
      '只能查询在场申请人本人或其所代表企业的数据。Only the data of the applicant present, or their enterprise’s.',
      {
        field: 'subject',
      },
    );
  }

  const needsGrant = resource.sharing_class === 'conditional' && request.consumerDepartmentId !== resource.owner_department_id;
  const grantId = needsGrant ? coveringGrant(facts.grants, at, resource, request.consumerDepartmentId, itemCode, request.fields) : null;

  const needConsent = consentFieldsOf(resource, request.fields);
  if (needConsent.length > 0) {
    const [consent] = await sql.query(
      `select 1 from datahub_consent where subject = $1 and item_code = $2 and $3 = any(resources)
         and withdrawn_at is null and given_at <= $4 and expires_at > $4 limit 1`,
      [request.subject, itemCode ?? '', resource.code, at],
    );
    if (!consent) {
      throw new AppError(
        'DATAHUB_CONSENT_REQUIRED',
        `获取 ${needConsent.join('、')} 须经本人授权。These fields need the person's consent.`,
        {
          details: { resource: resource.code, fields: needConsent },
        },
      );
    }
  }
  return { resource, grantId, itemCode };
}

/**
 * Purpose binding: a query serves a case of the querying department (responsible, or holding a
 * task of it), within the case's open period. An unknown case reads like another department's.
 * @throws DATAHUB_CASE_NOT_OURS, DATAHUB_CASE_CLOSED
 */
async function assertCaseServed(sql: Sql, at: Date, caseId: string, scope: readonly string[]) {
  const served = await findCaseService(sql, caseId, scope);
  if (!served.found || !served.ours) {
    throw new AppError(
      'DATAHUB_CASE_NOT_OURS',
      '只能为本部门承办（或承担其环节）的办件查询数据。A query must serve a case your department handles.',
      { field: 'body.caseId' },
    );
  }
  if (!served.open || served.submittedAt.getTime() > at.getTime()) {
    throw new AppError('DATAHUB_CASE_CLOSED', '该办件已办结，不能再为其查询数据。The case is closed; no more queries may cite it.', {
      field: 'body.caseId',
    });
  }
}

export type ExchangeFacts = {
  /** Absent when there is no such resource. */
  resource: LoadedResource | undefined;
  parties: { subject: string; item_code: string }[];
  grants: GrantRow[];
};

/**
 * The resource, who is party to the case and the consumer's grants for the resource, in one
 * statement: one round trip instead of three, planned once per connection — this runs in every
 * exchange. Filing reads it before the exchange (it needs the resource to know the subject) and
 * hands it on.
 */
export async function exchangeFacts(
  sql: Sql,
  request: Pick<ExchangeRequest, 'caseId' | 'consumerDepartmentId' | 'resource'>,
): Promise<ExchangeFacts> {
  const parts = `coalesce((select json_agg(json_build_object('subject', p.subject, 'item_code', p.item_code))
                 from datahub_case_party p where $1::text is not null and p.case_id = $1), '[]'::json) as parties,
       coalesce((select json_agg(json_build_object('id', g.id, 'fields', g.fields, 'items', g.items, 'status', g.status,
                   'expires_at', g.expires_at) order by g.requested_at, g.decided_at)
                 from datahub_grant g
                 where g.consumer_department_id = $2 and g.resource_code = $3 and g.status in ('approved', 'revoked')),
                '[]'::json) as grants`;
  const params = [request.caseId ?? null, request.consumerDepartmentId, request.resource];
  const [row] = await sql.query<LoadedResource & Omit<ExchangeFacts, 'resource'>>(
    `select ${RESOURCE_COLUMNS_SQL}, ${parts} from (select) as one left join datahub_resource r on r.code = $3`,
    params,
  );
  if (!row) return { resource: undefined, parties: [], grants: [] };
  const { parties, grants, ...resource } = row;
  return { resource: resource.code === null ? undefined : resource, parties, grants };
}

/** @throws DATAHUB_PROVIDER_UNAVAILABLE, DATAHUB_PROVIDER_SIGNATURE_INVALID */
async function fetchRecords(
  deps: ExchangeDeps,
  at: Date,
  resource: LoadedResource,
  request: ExchangeRequest,
  exchangeId: string,
  fields: readonly string[],
): Promise<DataRecord[]> {
  let records: DataRecord[];
  if (resource.provider_kind === 'registry') {
    const adapter = registryAdapters[resource.provider_ref];
    if (!adapter) throw providerMissing(resource);
    records = (await adapter.fetch(deps.sql, request.subject)).records;
  } else {
    const provider = await findExternalProvider(deps.sql, resource.provider_ref);
    if (!provider) throw providerMissing(resource);
    records = await callExternalProvider(deps.signer, at, provider, {
      exchangeId,
      resource: resource.code,
      subject: request.subject,
      fields: [...fields],
      purpose: request.purpose ?? '',
      consumerDepartmentId: request.consumerDepartmentId,
      caseId: request.caseId,
    });
  }
  // Never hand on more than was asked (and granted), in the order asked.
  return records.map((r) => Object.fromEntries(fields.map((f) => [f, r[f] ?? null])));
}

const providerMissing = (resource: LoadedResource) =>
  new AppError('DATAHUB_PROVIDER_UNAVAILABLE', `数据资源 ${resource.code} 的提供方未配置。The resource has no working provider.`, {
    details: { provider: resource.provider_ref, why: 'not configured' },
  });
