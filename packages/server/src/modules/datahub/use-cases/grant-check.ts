import { AppError, type ErrorCode, isAppError } from '@tongban/domain';
import type { Sql } from '../../../platform/db/db.ts';
import type { LoadedResource } from './shared.ts';

/**
 * Whether a consumer department's grants cover a read: the item it serves and every field asked
 * for, approved and not expired. Used by the exchange (which reads the grants with its other
 * facts in one statement) and by the readers that only ask "would this be allowed?" (the
 * applicant's preview, the sharing advisor).
 */

/** A grant as `exchangeFacts` reads it (JSON: `expires_at` is a string there). */
export type GrantRow = { id: string; fields: string[]; items: string[]; status: string; expires_at: Date | string | null };

/** The consumer's approved and revoked grants for the resource, oldest first (the order `coveringGrant` expects). */
async function grantsOf(sql: Sql, consumer: string, resourceCode: string): Promise<GrantRow[]> {
  return sql.query<GrantRow>(
    `select id, fields, items, status, expires_at from datahub_grant
     where consumer_department_id = $1 and resource_code = $2 and status in ('approved', 'revoked') order by requested_at, decided_at`,
    [consumer, resourceCode],
  );
}

/**
 * Whether `consumer` may read `fields` of `resource` for `itemCode` now (shared unconditionally,
 * own resource, or an active covering grant); the refusal code otherwise. Reads only.
 */
export async function accessFor(
  sql: Sql,
  at: Date,
  resource: LoadedResource,
  consumer: string,
  itemCode: string,
  fields: readonly string[],
): Promise<{ ok: true; grantId: string | null } | { ok: false; code: ErrorCode; reason: string }> {
  if (resource.status !== 'active' || resource.sharing_class === 'not_shared')
    return { ok: false, code: 'DATAHUB_NOT_SHARED', reason: 'not_shared' };
  if (resource.sharing_class === 'unconditional' || resource.owner_department_id === consumer) return { ok: true, grantId: null };
  try {
    return { ok: true, grantId: coveringGrant(await grantsOf(sql, consumer, resource.code), at, resource, consumer, itemCode, fields) };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ok: false, code: error.code, reason: String(error.details?.reason ?? error.details?.notGranted ?? error.code) };
  }
}

/**
 * The id of an active grant among `grants` (the consumer's, oldest first) covering the item and
 * every field. @throws DATAHUB_NO_GRANT, DATAHUB_FIELD_NOT_GRANTED
 */
export function coveringGrant(
  grants: readonly GrantRow[],
  at: Date,
  resource: LoadedResource,
  consumer: string,
  itemCode: string | null,
  fields: readonly string[],
): string {
  const forItem = grants.filter((g) => itemCode !== null && g.items.includes(itemCode));
  const active = forItem.filter((g) => g.status === 'approved' && (g.expires_at === null || new Date(g.expires_at) > at));
  if (active.length === 0) {
    // The most recent grant for the item says why none is active now.
    const latest = forItem.at(-1);
    const reason = latest
      ? latest.status === 'revoked'
        ? 'revoked'
        : 'expired'
      : grants.some((g) => g.status === 'approved')
        ? 'purpose_not_covered'
        : 'none';
    throw new AppError(
      'DATAHUB_NO_GRANT',
      `${consumer} 没有为事项 ${itemCode ?? '—'} 使用 ${resource.code} 的有效授权（${reason}）。No valid grant.`,
      {
        details: { resource: resource.code, consumer, item: itemCode, reason },
      },
    );
  }
  const covering = active.find((g) => fields.every((f) => g.fields.includes(f)));
  if (!covering) {
    const granted = new Set(active.flatMap((g) => g.fields));
    const notGranted = fields.filter((f) => !granted.has(f));
    throw new AppError('DATAHUB_FIELD_NOT_GRANTED', `未获授权的字段：${notGranted.join('、')}。Fields outside the grant.`, {
      field: 'body.fields',
      details: { resource: resource.code, notGranted },
    });
  }
  return covering.id;
}
