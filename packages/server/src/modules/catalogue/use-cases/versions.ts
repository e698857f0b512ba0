import { AppError, type ContentChange, diffContent, type VersionDetail, type VersionSummary } from '@tongban/domain';
import type { Ctx } from '../../../platform/context.ts';
import { departmentSubtree } from '../catalogue.departments.ts';
import { findItem, findVersionByNo, listVersionRows, toDetail, toSummary, type VersionRow } from '../catalogue.store.ts';
import { assertManages, isSystemAdmin, itemNotFound, requireStaff } from './shared.ts';

/** Staff read drafts of the items their department (subtree) is responsible for; system administrators all. */
async function readableItem(ctx: Ctx, code: string) {
  const actor = requireStaff(ctx.actor);
  const item = await findItem(ctx.db, code);
  if (!item) throw itemNotFound(code);
  await assertManages(ctx.db, actor, item.responsible_department);
  return item;
}

/**
 * Every version of an item, oldest first.
 * @throws CATALOGUE_ITEM_NOT_FOUND, AUTH_FORBIDDEN
 */
export async function listVersions(
  ctx: Ctx,
  code: string,
): Promise<{ code: string; publishedVersion: number | null; items: VersionSummary[] }> {
  const item = await readableItem(ctx, code);
  const rows = await listVersionRows(ctx.db, code);
  return { code, publishedVersion: item.published_version_no, items: rows.map(toSummary) };
}

async function versionOf(ctx: Ctx, code: string, versionNo: number, field: string): Promise<VersionRow> {
  const row = await findVersionByNo(ctx.db, code, versionNo);
  if (!row)
    throw new AppError('CATALOGUE_ITEM_NOT_FOUND', `事项 ${code} 没有第 ${versionNo} 版。No version ${versionNo} of ${code}.`, { field });
  return row;
}

/**
 * One version with its content.
 * @throws CATALOGUE_ITEM_NOT_FOUND, AUTH_FORBIDDEN
 */
export async function getVersionDetail(ctx: Ctx, code: string, versionNo: number): Promise<VersionDetail> {
  await readableItem(ctx, code);
  return toDetail(await versionOf(ctx, code, versionNo, 'params.version'));
}

/**
 * Two versions side by side with a structured diff of their content (a → b).
 * @throws CATALOGUE_ITEM_NOT_FOUND, AUTH_FORBIDDEN
 */
export async function compareVersions(
  ctx: Ctx,
  code: string,
  a: number,
  b: number,
): Promise<{ code: string; a: VersionDetail; b: VersionDetail; changes: ContentChange[] }> {
  await readableItem(ctx, code);
  const before = await versionOf(ctx, code, a, 'params.a');
  const after = await versionOf(ctx, code, b, 'params.b');
  return { code, a: toDetail(before), b: toDetail(after), changes: diffContent(before.content, after.content) };
}

/**
 * Versions in the works (draft or submitted), newest change first, scoped to the actor's department.
 * @throws AUTH_FORBIDDEN
 */
export async function listDrafts(
  ctx: Ctx,
  query: { status?: 'draft' | 'submitted' | undefined; page: number; pageSize: number },
): Promise<{ items: VersionSummary[]; total: number; page: number; pageSize: number }> {
  const actor = requireStaff(ctx.actor);
  const scope = isSystemAdmin(actor) ? null : await departmentSubtree(ctx.db, actor.departmentId);
  const rows = await ctx.db.query<VersionRow & { total: number }>(
    `select v.*, count(*) over () as total
     from catalogue_version v join catalogue_item i on i.code = v.item_code
     where v.status = any($1::text[]) and ($2::text[] is null or i.responsible_department = any($2::text[]))
     order by v.updated_at desc, v.item_code
     limit $3 offset $4`,
    [query.status ? [query.status] : ['draft', 'submitted'], scope, query.pageSize, (query.page - 1) * query.pageSize],
  );
  return {
    items: rows.map((r) => toSummary({ ...r, content: typeof r.content === 'string' ? JSON.parse(r.content) : r.content })),
    total: rows[0]?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
