import { randomUUID } from 'node:crypto';
import { AppError, type DataRecord, type Supply, type SupplyState } from '@tongban/domain';
import type { Ctx, Platform } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import type { MaterialProvider, MaterialSupplyRequest } from '../../cases/index.ts';
import { type ExchangeOutcome, exchangeFacts, isProviderFailure, runExchange } from './exchange.ts';
import { recordDataUse } from './other-uses.ts';
import { departmentNames, isoOrNull, requireStaff } from './shared.ts';

/**
 * Once-only at filing (一数一源, 最多跑一次): the cases module offers every material whose source
 * is a hub resource to the provider below, inside the filing transaction. It records who is party
 * to the case, fetches the fields under the consumer department's grant, and keeps the data with
 * its provenance (resource, provider department, time, SHA-256) as a supply the material points to
 * (`sourceRef = datahub:<supply id>`). A provider that is down or answers badly does not lose the
 * case: the supply is `pending` and a job retries it with back-off; on success the hub announces
 * the material on `MATERIAL_SUPPLIED_QUEUE` for the cases module to mark it attached.
 */
export const SUPPLY_RETRY_QUEUE = 'datahub-supply-retry';
/** Payload `MaterialSuppliedEvent`; the cases module works this queue to attach a pending material. */
export const MATERIAL_SUPPLIED_QUEUE = 'datahub-material-supplied';
export const MAX_SUPPLY_ATTEMPTS = 8;
const SYSTEM_ACTOR = { type: 'system' as const, id: 'datahub.once-only' };

export type MaterialSuppliedEvent = {
  caseId: string;
  materialId: string;
  itemCode: string;
  sourceRef: string;
  sha256: string;
  providerDepartmentId: string;
  suppliedAt: string;
};

/** Minutes to wait before attempt `n + 1`: 1, 2, 4 … capped at six hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1), 360) * 60_000;
}

type SupplyRow = {
  id: string;
  case_id: string;
  tracking_no: string | null;
  material_id: string;
  item_code: string;
  consumer_department_id: string;
  resource_code: string;
  provider_department_id: string;
  fields: string[];
  subject: string;
  purpose: string;
  state: SupplyState;
  reason: string | null;
  attempts: number;
  next_attempt_at: Date | null;
  exchange_id: string | null;
  data: DataRecord[] | null;
  data_sha256: string | null;
  fetched_at: Date | null;
};

function outcomeState(outcome: ExchangeOutcome): { state: SupplyState; reason: string | null } {
  if (outcome.ok) return outcome.records.length > 0 ? { state: 'attached', reason: null } : { state: 'refused', reason: 'no_record' };
  return { state: isProviderFailure(outcome.error.code) ? 'pending' : 'refused', reason: outcome.error.code };
}

/** The provider the cases module calls at filing; registered at start-up (see index.ts). */
export function createMaterialProvider(platform: Platform): MaterialProvider {
  return async (request: MaterialSupplyRequest) => {
    const { sql, at, material } = request;
    const source = material.source;
    if (source.kind !== 'datahub') return { state: 'pending', note: 'not a data-hub material' };
    // The cases module checked that the item is published, in this transaction, and passes it.
    const { item } = request;
    const consumer = item.responsibleDepartment;
    await recordCaseParties(sql, at, request);

    // The resource (its subject kind names whom to ask about), the case's parties and the
    // consumer's grants: what the exchange's checks need, read once.
    const facts = await exchangeFacts(sql, { caseId: request.caseId, consumerDepartmentId: consumer, resource: source.resource });
    const { resource } = facts;
    const subject = resource?.subject_kind === 'enterprise' ? request.applicant.enterpriseCreditCode : request.applicant.idNumber;
    const purpose = `办理「${item.name.zh}」（${request.itemCode}，${request.trackingNumber}）所需材料「${material.name.zh}」 / ${material.name.en} for ${item.name.en}`;
    const supplyId = randomUUID();
    const base = {
      id: supplyId,
      caseId: request.caseId,
      trackingNo: request.trackingNumber,
      materialId: material.id,
      itemCode: request.itemCode,
      consumer,
      resource: source.resource,
      provider: resource?.owner_department_id ?? '',
      fields: source.fields,
      subject: subject ?? '',
      purpose,
      at,
    };
    if (!subject) {
      // Starting a business as a person: there is no enterprise to ask about yet.
      await insertSupply(sql, { ...base, state: 'refused', reason: 'no_subject', attempts: 0, next: null, outcome: undefined });
      return { state: 'pending', note: 'no subject for this resource yet' };
    }
    const outcome = await runExchange(
      { sql, signer: platform.signer },
      at,
      {
        channel: 'filing',
        consumerDepartmentId: consumer,
        actor: SYSTEM_ACTOR,
        resource: source.resource,
        fields: source.fields,
        purpose,
        itemCode: request.itemCode,
        caseId: request.caseId,
        subject,
      },
      facts,
    );
    const { state, reason } = outcomeState(outcome);
    const next = state === 'pending' ? new Date(at.getTime() + retryDelayMs(1)) : null;
    await insertSupply(sql, { ...base, state, reason, attempts: 1, next, outcome });
    if (next) await platform.jobs.send(SUPPLY_RETRY_QUEUE, { supplyId }, { tx: sql, startAfter: next, retryLimit: 2 });
    if (state === 'attached') return { state: 'attached', sourceRef: `datahub:${supplyId}` };
    return { state: 'pending', note: reason ?? state };
  };
}

async function recordCaseParties(sql: Sql, at: Date, request: MaterialSupplyRequest): Promise<void> {
  const parties: [string, 'applicant' | 'enterprise'][] = [[request.applicant.idNumber, 'applicant']];
  if (request.applicant.enterpriseCreditCode) parties.push([request.applicant.enterpriseCreditCode, 'enterprise']);
  for (const [subject, role] of parties) {
    await sql.write(
      `insert into datahub_case_party (case_id, subject, role, item_code, tracking_no, recorded_at) values ($1, $2, $3, $4, $5, $6)
       on conflict (case_id, subject) do nothing`,
      [request.caseId, subject, role, request.itemCode, request.trackingNumber, at],
    );
  }
}

type NewSupply = {
  id: string;
  caseId: string;
  trackingNo: string;
  materialId: string;
  itemCode: string;
  consumer: string;
  resource: string;
  provider: string;
  fields: readonly string[];
  subject: string;
  purpose: string;
  at: Date;
  state: SupplyState;
  reason: string | null;
  attempts: number;
  next: Date | null;
  outcome: ExchangeOutcome | undefined;
};

async function insertSupply(sql: Sql, s: NewSupply): Promise<void> {
  const ok = s.outcome?.ok ? s.outcome : undefined;
  await sql.write(
    `insert into datahub_supply (id, case_id, tracking_no, material_id, item_code, consumer_department_id, resource_code, provider_department_id,
       fields, subject, purpose, state, reason, attempts, next_attempt_at, exchange_id, data, data_sha256, fetched_at, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20)
     on conflict (case_id, material_id) do nothing`,
    [
      s.id,
      s.caseId,
      s.trackingNo,
      s.materialId,
      s.itemCode,
      s.consumer,
      s.resource,
      s.provider,
      [...s.fields],
      s.subject,
      s.purpose,
      s.state,
      s.reason,
      s.attempts,
      s.next,
      s.outcome?.exchangeId ?? null,
      ok && s.state === 'attached' ? JSON.stringify(ok.records) : null,
      ok && s.state === 'attached' ? ok.sha256 : null,
      ok ? s.at : null,
      s.at,
    ],
  );
}

/**
 * One more attempt at a pending supply (the job handler). Attached: the data is kept and the
 * material announced; still failing: retried later with back-off, given up (`failed`) after
 * `MAX_SUPPLY_ATTEMPTS`. Returns the supply's state afterwards.
 */
export async function retrySupply(platform: Platform, supplyId: string): Promise<SupplyState | undefined> {
  const at = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const [row] = await tx.query<SupplyRow>('select * from datahub_supply where id = $1 for update skip locked', [supplyId]);
    if (row?.state !== 'pending') return row?.state;
    const outcome = await runExchange({ sql: tx, signer: platform.signer }, at, {
      channel: 'retry',
      consumerDepartmentId: row.consumer_department_id,
      actor: SYSTEM_ACTOR,
      resource: row.resource_code,
      fields: row.fields,
      purpose: row.purpose,
      itemCode: row.item_code,
      caseId: row.case_id,
      subject: row.subject,
    });
    let { state, reason } = outcomeState(outcome);
    const attempts = row.attempts + 1;
    if (state === 'pending' && attempts >= MAX_SUPPLY_ATTEMPTS) state = 'failed';
    const next = state === 'pending' ? new Date(at.getTime() + retryDelayMs(attempts)) : null;
    const ok = outcome.ok && state === 'attached' ? outcome : undefined;
    await tx.query(
      `update datahub_supply set state = $2, reason = $3, attempts = $4, next_attempt_at = $5, exchange_id = $6,
         data = coalesce($7::jsonb, data), data_sha256 = coalesce($8, data_sha256), fetched_at = coalesce($9, fetched_at), updated_at = $10
       where id = $1`,
      [
        row.id,
        state,
        reason,
        attempts,
        next,
        outcome.exchangeId,
        ok ? JSON.stringify(ok.records) : null,
        ok?.sha256 ?? null,
        ok ? at : null,
        at,
      ],
    );
    if (next) await platform.jobs.send(SUPPLY_RETRY_QUEUE, { supplyId: row.id }, { tx, startAfter: next, retryLimit: 2 });
    if (ok) {
      const event: MaterialSuppliedEvent = {
        caseId: row.case_id,
        materialId: row.material_id,
        itemCode: row.item_code,
        sourceRef: `datahub:${row.id}`,
        sha256: ok.sha256,
        providerDepartmentId: row.provider_department_id,
        suppliedAt: at.toISOString(),
      };
      await platform.jobs.send(MATERIAL_SUPPLIED_QUEUE, event, { tx });
    }
    return state;
  });
}

/** Retries every pending supply that is due now (a sweep after downtime, and for operators). */
export async function retryDueSupplies(platform: Platform, limit = 200): Promise<{ retried: number; attached: number }> {
  const due = await platform.db.query<{ id: string }>(
    `select id from datahub_supply where state = 'pending' and next_attempt_at <= $1 order by next_attempt_at limit $2`,
    [platform.clock.now(), limit],
  );
  let attached = 0;
  for (const { id } of due) if ((await retrySupply(platform, id)) === 'attached') attached++;
  return { retried: due.length, attached };
}

/** The supplies of a case (provenance, state, and — for whom it may show — the data). */
export async function listCaseSupplies(sql: Sql, caseId: string, options: { withData: boolean } = { withData: true }): Promise<Supply[]> {
  const rows = await sql.query<SupplyRow & { name_zh: string | null; name_en: string | null }>(
    `select s.*, r.name_zh, r.name_en from datahub_supply s left join datahub_resource r on r.code = s.resource_code
     where s.case_id = $1 order by s.created_at, s.material_id`,
    [caseId],
  );
  const names = await departmentNames(
    sql,
    rows.map((r) => r.provider_department_id),
  );
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    materialId: r.material_id,
    itemCode: r.item_code,
    resource: r.resource_code,
    resourceName: r.name_zh && r.name_en ? { zh: r.name_zh, en: r.name_en } : null,
    providerDepartmentId: r.provider_department_id,
    providerDepartmentName: names.get(r.provider_department_id) ?? null,
    fields: r.fields,
    state: r.state,
    reason: r.reason,
    attempts: r.attempts,
    nextAttemptAt: isoOrNull(r.next_attempt_at),
    fetchedAt: isoOrNull(r.fetched_at),
    sha256: r.data_sha256,
    // jsonb keeps keys in its own order: give them back in the order the material names them.
    records: options.withData && r.data ? r.data.map((rec) => Object.fromEntries(r.fields.map((f) => [f, rec[f] ?? null]))) : null,
  }));
}

/**
 * A case's supplies as the caller may see them: the applicant (a party to the case) with the data;
 * staff of the consumer department (the reviewers) with the data; staff of a provider department
 * only their own rows, without it.
 * @throws NOT_FOUND (also when the caller may not see the case's supplies)
 */
export async function viewCaseSupplies(ctx: Ctx, caseId: string): Promise<{ items: Supply[] }> {
  const all = await listCaseSupplies(ctx.db, caseId);
  const actor = ctx.actor;
  const notFound = new AppError('NOT_FOUND', '没有该办件的共享材料。No such case.');
  if (actor.kind === 'user') {
    const parties = await ctx.db.query<{ subject: string }>('select subject from datahub_case_party where case_id = $1', [caseId]);
    const mine = new Set([actor.idNumber, ...actor.enterprises]);
    if (!parties.some((p) => mine.has(p.subject))) throw notFound;
    return { items: all };
  }
  const staff = requireStaff(actor);
  const rows = await ctx.db.query<{ consumer_department_id: string; provider_department_id: string; id: string }>(
    'select id, consumer_department_id, provider_department_id from datahub_supply where case_id = $1',
    [caseId],
  );
  const visible = all.flatMap((s) => {
    const row = rows.find((r) => r.id === s.id);
    if (row?.consumer_department_id === staff.departmentId) return [s];
    if (row?.provider_department_id === staff.departmentId) return [{ ...s, records: null }];
    return [];
  });
  if (visible.length === 0) throw notFound;
  // The records are the person's data: a staff view is a use they see.
  const parties = await ctx.db.query<{ subject: string; item_code: string }>(
    'select subject, item_code from datahub_case_party where case_id = $1',
    [caseId],
  );
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    for (const subject of new Set(parties.map((p) => p.subject))) {
      await recordDataUse(tx, at, {
        channel: 'staff_read',
        action: 'datahub.supplies.read_by_staff',
        actor: { type: 'staff', id: staff.staffId },
        actorName: staff.name,
        resource: 'CASE-SUPPLIES',
        resourceName: { zh: '办件的共享获取材料', en: 'Materials obtained for the case' },
        providerDepartmentId: null,
        consumerDepartmentId: staff.departmentId,
        subject,
        fields: [...new Set(visible.map((v) => v.materialId))],
        purpose: '办理或查阅办件 / handle or consult the case',
        itemCode: parties[0]?.item_code ?? null,
        caseId,
        target: { type: 'case', id: caseId },
        requestId: ctx.requestId,
      });
    }
  });
  ctx.notePersonalDataRead?.();
  return { items: visible };
}
