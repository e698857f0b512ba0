import { randomUUID } from 'node:crypto';
import { AppError, type Grant, type GrantRequest, type GrantStatus } from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { findPublishedItem } from '../../catalogue/index.ts';
import { auditActorOf, departmentNames, getResource, iso, isoOrNull, requireStaff, type StaffActor } from './shared.ts';

/**
 * Grants (共享授权): a consumer department asks for named fields of a conditionally shared resource,
 * for a purpose serving catalogue items; the owning department's data officer approves (possibly
 * with an end date) or refuses; the owner can revoke an approved grant at any time. A grant past
 * its end date reads as `expired` and authorises nothing.
 */
export type GrantRow = {
  id: string;
  consumer_department_id: string;
  resource_code: string;
  fields: string[];
  purpose: string;
  items: string[];
  status: 'requested' | 'approved' | 'refused' | 'revoked';
  requested_by: string | null;
  requested_at: Date;
  requested_expires_at: Date | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  expires_at: Date | null;
  revoked_by: string | null;
  revoked_at: Date | null;
  revoke_reason: string | null;
};

type GrantView = GrantRow & { owner_department_id: string; name_zh: string | null; name_en: string | null };

const grantSelect = `select g.*, r.owner_department_id, r.name_zh, r.name_en
  from datahub_grant g join datahub_resource r on r.code = g.resource_code`;

export function statusAt(row: Pick<GrantRow, 'status' | 'expires_at'>, at: Date): GrantStatus {
  if (row.status === 'approved' && row.expires_at !== null && new Date(row.expires_at) <= at) return 'expired';
  return row.status;
}

function toGrant(row: GrantView, at: Date, names: Map<string, string>): Grant {
  return {
    id: row.id,
    resourceCode: row.resource_code,
    resourceName: row.name_zh && row.name_en ? { zh: row.name_zh, en: row.name_en } : null,
    ownerDepartmentId: row.owner_department_id,
    consumerDepartmentId: row.consumer_department_id,
    consumerDepartmentName: names.get(row.consumer_department_id) ?? null,
    fields: row.fields,
    purpose: row.purpose,
    items: row.items,
    status: statusAt(row, at),
    requestedBy: row.requested_by,
    requestedAt: iso(row.requested_at),
    decidedBy: row.decided_by,
    decidedAt: isoOrNull(row.decided_at),
    decisionNote: row.decision_note,
    expiresAt: isoOrNull(row.expires_at),
    revokedAt: isoOrNull(row.revoked_at),
    revokeReason: row.revoke_reason,
  };
}

const grantNotFound = () => new AppError('DATAHUB_GRANT_NOT_FOUND', '授权不存在。No such grant.');

async function loadGrant(sql: Sql, id: string, lock = false): Promise<GrantView> {
  const [row] = await sql.query<GrantView>(`${grantSelect} where g.id = $1${lock ? ' for update of g' : ''}`, [id]);
  if (!row) throw grantNotFound();
  return row;
}

/**
 * A consumer department's data officer asks for fields of a resource for a purpose.
 * @throws DATAHUB_RESOURCE_NOT_FOUND, DATAHUB_NOT_SHARED, VALIDATION_FAILED, CATALOGUE_ITEM_NOT_PUBLISHED
 */
export async function requestGrant(ctx: Ctx, body: GrantRequest): Promise<Grant> {
  const actor = requireStaff(ctx.actor);
  const at = ctx.clock.now();
  const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
  if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt <= at)) {
    throw new AppError('VALIDATION_FAILED', '授权截止时间须在将来。The end date must lie in the future.', { field: 'body.expiresAt' });
  }
  return ctx.db.transaction(async (tx) => {
    const resource = await getResource(tx, body.resource);
    if (resource.status !== 'active' || resource.sharing_class === 'not_shared') {
      throw new AppError('DATAHUB_NOT_SHARED', `数据资源 ${resource.code} 不予共享。The resource is not shared.`, {
        field: 'body.resource',
      });
    }
    if (resource.owner_department_id === actor.departmentId) {
      throw new AppError('VALIDATION_FAILED', '本部门的数据资源无需申请授权。A department needs no grant for its own resource.', {
        field: 'body.resource',
      });
    }
    const known = new Set(resource.fields.map((f) => f.name));
    const unknown = body.fields.filter((f) => !known.has(f));
    if (unknown.length > 0) {
      throw new AppError('VALIDATION_FAILED', `数据资源没有这些字段：${unknown.join('、')}。Unknown fields.`, {
        field: 'body.fields',
        details: { unknown },
      });
    }
    for (const [i, code] of body.items.entries()) {
      if (!(await findPublishedItem(tx, code))) {
        throw new AppError('CATALOGUE_ITEM_NOT_PUBLISHED', `事项 ${code} 未在目录中发布。The item is not published.`, {
          field: `body.items.${i}`,
        });
      }
    }
    const id = randomUUID();
    await tx.query(
      `insert into datahub_grant (id, consumer_department_id, resource_code, fields, purpose, items, status, requested_by, requested_at, requested_expires_at)
       values ($1, $2, $3, $4, $5, $6, 'requested', $7, $8, $9)`,
      [
        id,
        actor.departmentId,
        resource.code,
        [...new Set(body.fields)],
        body.purpose,
        [...new Set(body.items)],
        actor.staffId,
        at,
        expiresAt,
      ],
    );
    await recordAudit(tx, at, {
      actor: auditActorOf(actor),
      action: 'datahub.grant.requested',
      target: { type: 'datahub_grant', id },
      detail: { resource: resource.code, consumer: actor.departmentId, fields: body.fields, items: body.items, purpose: body.purpose },
      requestId: ctx.requestId,
    });
    return toGrant(await loadGrant(tx, id), at, await departmentNames(tx, [actor.departmentId]));
  });
}

type Decision =
  | { kind: 'approve'; expiresAt?: string | undefined; note?: string | undefined }
  | { kind: 'refuse'; reason: string }
  | { kind: 'revoke'; reason: string };

/**
 * The owning department's data officer approves, refuses or revokes.
 * @throws DATAHUB_GRANT_NOT_FOUND, DATAHUB_NOT_OWNER, DATAHUB_GRANT_INVALID_TRANSITION, VALIDATION_FAILED
 */
export async function decideGrant(ctx: Ctx, id: string, decision: Decision): Promise<Grant> {
  const actor = requireStaff(ctx.actor);
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await loadGrant(tx, id, true);
    assertOwner(actor, row.owner_department_id);
    const status = statusAt(row, at);
    const allowed = decision.kind === 'revoke' ? status === 'approved' || status === 'expired' : status === 'requested';
    if (!allowed) {
      throw new AppError(
        'DATAHUB_GRANT_INVALID_TRANSITION',
        `状态为 ${status} 的授权不能${decision.kind}。A ${status} grant cannot be ${decision.kind}d.`,
        {
          details: { status },
        },
      );
    }
    if (decision.kind === 'approve') {
      const expiresAt = decision.expiresAt ? new Date(decision.expiresAt) : row.requested_expires_at;
      if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt <= at)) {
        throw new AppError('VALIDATION_FAILED', '授权截止时间须在将来。The end date must lie in the future.', { field: 'body.expiresAt' });
      }
      await tx.query(
        `update datahub_grant set status = 'approved', decided_by = $2, decided_at = $3, decision_note = $4, expires_at = $5 where id = $1`,
        [id, actor.staffId, at, decision.note ?? null, expiresAt],
      );
    } else if (decision.kind === 'refuse') {
      await tx.query(`update datahub_grant set status = 'refused', decided_by = $2, decided_at = $3, decision_note = $4 where id = $1`, [
        id,
        actor.staffId,
        at,
        decision.reason,
      ]);
    } else {
      await tx.query(`update datahub_grant set status = 'revoked', revoked_by = $2, revoked_at = $3, revoke_reason = $4 where id = $1`, [
        id,
        actor.staffId,
        at,
        decision.reason,
      ]);
    }
    const verb = decision.kind === 'approve' ? 'approved' : decision.kind === 'refuse' ? 'refused' : 'revoked';
    await recordAudit(tx, at, {
      actor: auditActorOf(actor),
      action: `datahub.grant.${verb}`,
      target: { type: 'datahub_grant', id },
      detail: {
        resource: row.resource_code,
        consumer: row.consumer_department_id,
        ...(decision.kind === 'approve' ? {} : { reason: decision.reason }),
      },
      requestId: ctx.requestId,
    });
    return toGrant(await loadGrant(tx, id), at, await departmentNames(tx, [row.consumer_department_id]));
  });
}

function assertOwner(actor: StaffActor, ownerDepartmentId: string) {
  if (actor.departmentId !== ownerDepartmentId) {
    throw new AppError('DATAHUB_NOT_OWNER', '只有数据资源所属部门可以决定授权。Only the owning department decides on grants.', {
      details: { owner: ownerDepartmentId },
    });
  }
}

/**
 * A grant is visible to its consumer department, the owning department and the big-data centre.
 * @throws DATAHUB_GRANT_NOT_FOUND (also when not visible)
 */
export async function getGrant(ctx: Ctx, id: string, seesAll: boolean): Promise<Grant> {
  const actor = requireStaff(ctx.actor);
  const row = await loadGrant(ctx.db, id).catch(() => undefined);
  if (!row || (!seesAll && row.consumer_department_id !== actor.departmentId && row.owner_department_id !== actor.departmentId))
    throw grantNotFound();
  return toGrant(row, ctx.clock.now(), await departmentNames(ctx.db, [row.consumer_department_id]));
}

/** Grants the caller's department asked for or decides on, newest first. */
export async function listGrants(
  ctx: Ctx,
  query: { role?: 'consumer' | 'provider' | undefined; status?: GrantStatus | undefined; resource?: string | undefined },
): Promise<{ items: Grant[] }> {
  const actor = requireStaff(ctx.actor);
  const at = ctx.clock.now();
  const mine =
    query.role === 'consumer'
      ? 'g.consumer_department_id = $1'
      : query.role === 'provider'
        ? 'r.owner_department_id = $1'
        : '(g.consumer_department_id = $1 or r.owner_department_id = $1)';
  const rows = await ctx.db.query<GrantView>(
    `${grantSelect} where ${mine} and ($2::text is null or g.resource_code = $2) order by g.requested_at desc limit 1000`,
    [actor.departmentId, query.resource ?? null],
  );
  const names = await departmentNames(
    ctx.db,
    rows.map((r) => r.consumer_department_id),
  );
  const items = rows.map((r) => toGrant(r, at, names)).filter((g) => !query.status || g.status === query.status);
  return { items };
}

/** Every grant in the city, for the big-data centre's sharing graph. */
export async function listAllGrantRows(sql: Sql): Promise<GrantView[]> {
  return sql.query<GrantView>(`${grantSelect} order by g.requested_at`);
}
