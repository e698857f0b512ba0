import { randomUUID } from 'node:crypto';
import { AppError, type ExchangeChannel, maskIdentifier, type ResourceUsageQuery, type UsageEntry } from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { staffNames } from '../../identity/index.ts';
import { listAllGrantRows, statusAt } from './grants.ts';
import { departmentNames, isHubCentre, iso, requireStaff, requireUser } from './shared.ts';

/**
 * Transparency (数据使用记录): a person sees every exchange about them or the enterprises they act
 * for — by which department, for what, when, with what result — and may object to one; a data
 * officer sees the use of their department's resources (subjects masked); the big-data centre sees
 * the whole graph of grants.
 */
type ExchangeRow = {
  id: string;
  at: Date;
  channel: ExchangeChannel;
  consumer_department_id: string | null;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  resource_code: string;
  provider_department_id: string | null;
  fields: string[];
  subject: string;
  purpose: string | null;
  item_code: string | null;
  case_id: string | null;
  result: string;
  name_zh: string | null;
  name_en: string | null;
  objection_id: string | null;
  objection_status: string | null;
  objection_at: Date | null;
};

const usageSelect = `select e.id, e.at, e.channel, e.consumer_department_id, e.actor_type, e.actor_id, e.actor_name, e.resource_code, e.provider_department_id, e.fields,
    e.subject, e.purpose, e.item_code, e.case_id, e.result,
    coalesce(r.name_zh, e.resource_name_zh) as name_zh, coalesce(r.name_en, e.resource_name_en) as name_en,
    o.id as objection_id, o.status as objection_status, o.created_at as objection_at
  from datahub_exchange e
  left join datahub_resource r on r.code = e.resource_code
  left join lateral (select id, status, created_at from datahub_objection x where x.exchange_id = e.id order by x.created_at desc limit 1) o on true`;

type Page = { page: number; pageSize: number; resource?: string | undefined };

/**
 * `forOfficer`: subjects masked and the staff member named. The person's own log shows subjects in
 * full and the department only: staff names stay inside government.
 */
async function toEntries(sql: Sql, rows: ExchangeRow[], forOfficer: boolean): Promise<UsageEntry[]> {
  const names = await departmentNames(
    sql,
    rows.map((r) => r.consumer_department_id),
  );
  const staff = forOfficer
    ? await staffNames(
        sql,
        rows.filter((r) => r.actor_type === 'staff').map((r) => r.actor_id),
      )
    : new Map();
  return rows.map((r) => ({
    id: r.id,
    at: iso(r.at),
    channel: r.channel,
    resource: r.resource_code,
    resourceName: r.name_zh && r.name_en ? { zh: r.name_zh, en: r.name_en } : null,
    providerDepartmentId: r.provider_department_id,
    consumerDepartmentId: r.consumer_department_id,
    consumerDepartmentName: r.consumer_department_id ? (names.get(r.consumer_department_id) ?? null) : null,
    actorType: r.actor_type,
    // Only staff are named, and only to data officers: a person's own log names the reader's
    // department or centre; a person's own account id would undo the masking of the subject.
    actorId: forOfficer && r.actor_type === 'staff' ? r.actor_id : null,
    actorName: forOfficer && r.actor_type === 'staff' && r.actor_id ? (r.actor_name ?? staff.get(r.actor_id) ?? null) : null,
    fields: r.fields,
    purpose: r.purpose,
    itemCode: r.item_code,
    caseId: r.case_id,
    result: r.result,
    subject: forOfficer ? maskIdentifier(r.subject) : r.subject,
    objection: r.objection_id ? { id: r.objection_id, status: r.objection_status ?? 'open', at: iso(r.objection_at as Date) } : null,
  }));
}

/** Every exchange about the logged-in person and the enterprises they act for, newest first. */
export async function listMyDataUsage(ctx: Ctx, q: Page) {
  const user = requireUser(ctx.actor);
  const subjects = [user.idNumber, ...user.enterprises];
  const rows = await ctx.db.query<ExchangeRow>(
    `${usageSelect} where e.subject = any($1::text[]) and ($2::text is null or e.resource_code = $2)
     order by e.at desc, e.id limit $3 offset $4`,
    [subjects, q.resource ?? null, q.pageSize + 1, (q.page - 1) * q.pageSize],
  );
  return {
    items: await toEntries(ctx.db, rows.slice(0, q.pageSize), false),
    page: q.page,
    pageSize: q.pageSize,
    hasMore: rows.length > q.pageSize,
  };
}

/**
 * The person objects to an exchange about them; the objection waits for the hotline (see
 * `listOpenObjections` / `markObjectionForwarded`).
 * @throws NOT_FOUND (also an exchange about someone else)
 */
export async function fileObjection(ctx: Ctx, exchangeId: string, body: { reason: string }) {
  const user = requireUser(ctx.actor);
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [exchange] = await tx.query<{ subject: string; resource_code: string; consumer_department_id: string | null }>(
      'select subject, resource_code, consumer_department_id from datahub_exchange where id = $1',
      [exchangeId],
    );
    if (!exchange || ![user.idNumber, ...user.enterprises].includes(exchange.subject)) {
      throw new AppError('NOT_FOUND', '没有该数据使用记录。No such entry.');
    }
    const id = randomUUID();
    await tx.query(
      `insert into datahub_objection (id, exchange_id, subject, user_id, reason, status, created_at) values ($1, $2, $3, $4, $5, 'open', $6)`,
      [id, exchangeId, exchange.subject, user.userId, body.reason, at],
    );
    await recordAudit(tx, at, {
      actor: { type: 'user', id: user.userId },
      action: 'datahub.objection.filed',
      target: { type: 'datahub_exchange', id: exchangeId },
      subject: exchange.subject,
      detail: { objectionId: id, resource: exchange.resource_code, consumer: exchange.consumer_department_id },
      requestId: ctx.requestId,
    });
    return { id, exchangeId, status: 'open' as const, createdAt: at.toISOString() };
  });
}

export type OpenObjection = {
  id: string;
  exchangeId: string;
  subject: string;
  userId: string;
  reason: string;
  createdAt: string;
  resource: string;
  consumerDepartmentId: string | null;
  at: string;
  purpose: string | null;
  caseId: string | null;
};

/**
 * Hotline hook: objections not yet turned into work orders, oldest first. The hotline module
 * calls this (from a job), opens a work order for each — addressed to the consumer department —
 * and then calls `markObjectionForwarded`.
 */
export async function listOpenObjections(sql: Sql, limit = 100): Promise<OpenObjection[]> {
  const rows = await sql.query<{
    id: string;
    exchange_id: string;
    subject: string;
    user_id: string;
    reason: string;
    created_at: Date;
    resource_code: string;
    consumer_department_id: string | null;
    at: Date;
    purpose: string | null;
    case_id: string | null;
  }>(
    `select o.id, o.exchange_id, o.subject, o.user_id, o.reason, o.created_at, e.resource_code, e.consumer_department_id, e.at, e.purpose, e.case_id
     from datahub_objection o join datahub_exchange e on e.id = o.exchange_id
     where o.status = 'open' order by o.created_at limit $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    exchangeId: r.exchange_id,
    subject: r.subject,
    userId: r.user_id,
    reason: r.reason,
    createdAt: iso(r.created_at),
    resource: r.resource_code,
    consumerDepartmentId: r.consumer_department_id,
    at: iso(r.at),
    purpose: r.purpose,
    caseId: r.case_id,
  }));
}

/** Hotline hook: the objection became work order `workOrderRef`. Returns false when it was not open. */
export async function markObjectionForwarded(sql: Sql, at: Date, objectionId: string, workOrderRef: string): Promise<boolean> {
  const rows = await sql.query(
    `update datahub_objection set status = 'forwarded', work_order_ref = $2, forwarded_at = $3 where id = $1 and status = 'open' returning id`,
    [objectionId, workOrderRef, at],
  );
  if (rows.length === 0) return false;
  await recordAudit(sql, at, {
    actor: { type: 'system', id: 'hotline' },
    action: 'datahub.objection.forwarded',
    target: { type: 'datahub_objection', id: objectionId },
    detail: { workOrderRef },
  });
  return true;
}

/**
 * Use of the caller's department's resources (the big-data centre: of all resources), newest
 * first, subjects masked, the staff member named; filtered by resource, subject (in full) and a
 * date range (`from` inclusive, `to` exclusive).
 */
export async function listResourceUsage(ctx: Ctx, q: ResourceUsageQuery) {
  const actor = requireStaff(ctx.actor);
  const all = isHubCentre(actor);
  const rows = await ctx.db.query<ExchangeRow>(
    `${usageSelect} where ($1 or e.provider_department_id = $2) and ($3::text is null or e.resource_code = $3)
       and ($4::text is null or e.subject = $4)
       and ($5::timestamptz is null or e.at >= $5) and ($6::timestamptz is null or e.at < $6)
     order by e.at desc, e.id limit $7 offset $8`,
    [
      all,
      actor.departmentId,
      q.resource ?? null,
      q.subject ?? null,
      q.from ?? null,
      q.to ?? null,
      q.pageSize + 1,
      (q.page - 1) * q.pageSize,
    ],
  );
  return {
    items: await toEntries(ctx.db, rows.slice(0, q.pageSize), true),
    page: q.page,
    pageSize: q.pageSize,
    hasMore: rows.length > q.pageSize,
  };
}

/**
 * The whole sharing graph: departments as nodes, grants as edges from provider to consumer with
 * how often each was used.
 * @throws AUTH_FORBIDDEN outside the big-data centre
 */
export async function grantGraph(ctx: Ctx) {
  const actor = requireStaff(ctx.actor);
  if (!isHubCentre(actor))
    throw new AppError('AUTH_FORBIDDEN', '共享关系全图仅向大数据中心开放。Only the big-data centre sees the whole graph.');
  const at = ctx.clock.now();
  const grants = await listAllGrantRows(ctx.db);
  const counts = new Map(
    (
      await ctx.db.query<{ grant_id: string; n: number }>(
        `select grant_id, count(*)::int as n from datahub_exchange where grant_id is not null and result = 'ok' group by grant_id`,
      )
    ).map((r) => [r.grant_id, r.n]),
  );
  const owned = await ctx.db.query<{ owner_department_id: string; n: number }>(
    'select owner_department_id, count(*)::int as n from datahub_resource group by owner_department_id',
  );
  const ids = new Set<string>([
    ...owned.map((o) => o.owner_department_id),
    ...grants.flatMap((g) => [g.owner_department_id, g.consumer_department_id]),
  ]);
  const names = await departmentNames(ctx.db, ids);
  const nodes = [...ids].sort().map((id) => ({
    departmentId: id,
    name: names.get(id) ?? null,
    resourcesOwned: owned.find((o) => o.owner_department_id === id)?.n ?? 0,
    grantsGiven: grants.filter((g) => g.owner_department_id === id && statusAt(g, at) === 'approved').length,
    grantsHeld: grants.filter((g) => g.consumer_department_id === id && statusAt(g, at) === 'approved').length,
  }));
  const edges = grants.map((g) => ({
    grantId: g.id,
    from: g.owner_department_id,
    to: g.consumer_department_id,
    resource: g.resource_code,
    fields: g.fields,
    items: g.items,
    status: statusAt(g, at),
    exchanges: counts.get(g.id) ?? 0,
  }));
  return { nodes, edges };
}
