import { AppError, type ServiceItemContent, type VersionStatus } from '@tongban/domain';
import type { Sql } from '../../../platform/db/db.ts';
import { findVersionById, listAllPublishedVersions, listPublishedVersions, type VersionRow } from '../catalogue.store.ts';

/**
 * The catalogue guard ("not listed, not approvable"): what an application, a window intake or a
 * hotline reference is allowed to name. Cases store `versionId` and read it back later with
 * `getItemVersion`, so an application stays judged by the version it was filed under.
 */
export type PublishedItem = { code: string; versionId: string; version: number; publishedAt: string; content: ServiceItemContent };

function toPublishedItem(row: VersionRow): PublishedItem {
  return {
    code: row.item_code,
    versionId: row.id,
    version: row.version_no,
    publishedAt: new Date(row.published_at as Date).toISOString(),
    content: row.content,
  };
}

/**
 * Published versions never change (a trigger refuses edits outside drafts, and version ids are
 * random), so each version's document is read and checked once per process and kept: every later
 * check reads only which version of the code is published now — a one-row index lookup — and the
 * guard stays exact (a withdrawal or a new publication shows on the very next request, in every
 * process). Kept objects are frozen: callers share them.
 */
const publishedVersions = new Map<string, PublishedItem>();
const MAX_KEPT_VERSIONS = 1_000;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export async function findPublishedItem(sql: Sql, code: string): Promise<PublishedItem | undefined> {
  const [pointer] = await sql.query<{ id: string | null }>('select published_version_id as id from catalogue_item where code = $1', [code]);
  if (!pointer?.id) return undefined;
  const kept = publishedVersions.get(pointer.id);
  if (kept) return kept;
  const [row] = await listPublishedVersions(sql, [code]);
  if (!row) return undefined;
  const item = deepFreeze(toPublishedItem(row));
  if (publishedVersions.size >= MAX_KEPT_VERSIONS) publishedVersions.delete(publishedVersions.keys().next().value as string);
  publishedVersions.set(item.versionId, item);
  return item;
}

/** Every published item, in code order (whole-catalogue reports such as the once-only metrics). */
export async function listPublishedItems(sql: Sql): Promise<PublishedItem[]> {
  return (await listAllPublishedVersions(sql)).map(toPublishedItem);
}

/**
 * The currently published version of `code`.
 * @throws CATALOGUE_ITEM_NOT_PUBLISHED unknown code, only drafts, or withdrawn
 */
export async function getPublishedItem(sql: Sql, code: string): Promise<PublishedItem> {
  const item = typeof code === 'string' && code.length <= 64 ? await findPublishedItem(sql, code) : undefined;
  if (!item) {
    throw new AppError(
      'CATALOGUE_ITEM_NOT_PUBLISHED',
      `事项 ${String(code).slice(0, 64)} 未在目录中发布，不能办理。The service item is not published in the catalogue.`,
      {
        details: { code: String(code).slice(0, 64) },
      },
    );
  }
  return item;
}

/** Same as `getPublishedItem`, named for call sites that only need the check. */
export const assertPublished = getPublishedItem;

/**
 * Any version by id, whatever its status now (a case reads the version it was filed under even
 * after it was superseded or withdrawn).
 * @throws CATALOGUE_ITEM_NOT_FOUND
 */
export async function getItemVersion(
  sql: Sql,
  versionId: string,
): Promise<{
  code: string;
  versionId: string;
  version: number;
  status: VersionStatus;
  publishedAt: string | null;
  content: ServiceItemContent;
}> {
  const row = /^[0-9a-f-]{36}$/i.test(versionId) ? await findVersionById(sql, versionId) : undefined;
  if (!row) throw new AppError('CATALOGUE_ITEM_NOT_FOUND', `没有该事项版本。No catalogue version ${String(versionId).slice(0, 64)}.`);
  return {
    code: row.item_code,
    versionId: row.id,
    version: row.version_no,
    status: row.status,
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    content: row.content,
  };
}
