import { AppError, type VersionSummary } from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { findDepartment, listStaffParty } from '../../identity/index.ts';
import { invalidateCatalogueCache } from '../catalogue.cache.ts';
import {
  clearPublished,
  findItem,
  findOpenVersion,
  findVersionById,
  type ItemRow,
  listBundlesContaining,
  setPublished,
  toSummary,
  type VersionRow,
} from '../catalogue.store.ts';
import { assertManages, auditActor, itemNotFound, requireStaff, type StaffActor, validateContent } from './shared.ts';

/** Locks the item row (serialising transitions of one item) and checks the actor manages it. */
async function lockItem(tx: Sql, actor: StaffActor, code: string): Promise<ItemRow> {
  const item = await findItem(tx, code, { lock: true });
  if (!item) throw itemNotFound(code);
  await assertManages(tx, actor, item.responsible_department);
  return item;
}

async function openVersionIn(
  tx: Sql,
  code: string,
  status: 'draft' | 'submitted',
  action: { zh: string; en: string },
): Promise<VersionRow> {
  const open = await findOpenVersion(tx, code);
  if (!open || open.status !== status) {
    const zh = open ? `第 ${open.version_no} 版处于 ${open.status} 状态` : '没有进行中的版本';
    const en = open ? `version ${open.version_no} is ${open.status}` : 'there is no version in the works';
    throw new AppError('CATALOGUE_INVALID_TRANSITION', `${zh}，不能${action.zh}。Cannot ${action.en}: ${en}.`, {
      details: { status: open?.status ?? null, expected: status },
    });
  }
  return open;
}

/**
 * Submits the item's draft for review. Checked in full again (departments may have changed).
 * @throws CATALOGUE_ITEM_NOT_FOUND, CATALOGUE_INVALID_TRANSITION (no draft), AUTH_FORBIDDEN
 * @throws CATALOGUE_PROCESS_INVALID, CATALOGUE_BUNDLE_FIELD_CONFLICT, CATALOGUE_ITEM_NOT_PUBLISHED
 */
export async function submitVersion(ctx: Ctx, code: string): Promise<VersionSummary> {
  const actor = requireStaff(ctx.actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await lockItem(tx, actor, code);
    const draft = await openVersionIn(tx, code, 'draft', { zh: '提交审核', en: 'submit' });
    await validateContent(tx, code, draft.content, { fieldPrefix: 'content.', requirePublishedMembers: true });
    await tx.query(
      `update catalogue_version set status = 'submitted', submitted_by = $2, submitted_at = $3, updated_at = $3 where id = $1`,
      [draft.id, actor.staffId, now],
    );
    await recordAudit(tx, now, {
      actor: auditActor(actor),
      action: 'catalogue.version.submitted',
      target: { type: 'catalogue_item', id: code },
      detail: { versionId: draft.id, version: draft.version_no },
      requestId: ctx.requestId,
    });
    return toSummary((await findVersionById(tx, draft.id)) as VersionRow);
  });
}

/**
 * Sends a submitted version back to draft, with the reviewer's reason.
 * @throws CATALOGUE_ITEM_NOT_FOUND, CATALOGUE_INVALID_TRANSITION (nothing submitted), AUTH_FORBIDDEN
 */
export async function rejectVersion(ctx: Ctx, code: string, reason: string): Promise<VersionSummary> {
  const actor = requireStaff(ctx.actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await lockItem(tx, actor, code);
    const submitted = await openVersionIn(tx, code, 'submitted', { zh: '退回', en: 'send back' });
    await tx.query(
      `update catalogue_version set status = 'draft', rejected_reason = $2, submitted_by = null, submitted_at = null, updated_at = $3 where id = $1`,
      [submitted.id, reason, now],
    );
    await recordAudit(tx, now, {
      actor: auditActor(actor),
      action: 'catalogue.version.rejected',
      target: { type: 'catalogue_item', id: code },
      detail: { versionId: submitted.id, version: submitted.version_no, reason },
      requestId: ctx.requestId,
    });
    return toSummary((await findVersionById(tx, submitted.id)) as VersionRow);
  });
}

/**
 * Publishes the submitted version: four eyes — a different party than anyone who wrote it, where
 * a staff member's party is itself, the account that created it and the accounts it created
 * (`listStaffParty`: the creator set their first password). The previously published version
 * becomes superseded (still readable by id: cases pin it).
 * @throws CATALOGUE_SELF_PUBLISH_FORBIDDEN the publisher, or an account of its party, authored or edited the version
 * @throws CATALOGUE_ITEM_NOT_FOUND, CATALOGUE_INVALID_TRANSITION (nothing submitted), AUTH_FORBIDDEN
 * @throws CATALOGUE_PROCESS_INVALID, CATALOGUE_BUNDLE_FIELD_CONFLICT, CATALOGUE_ITEM_NOT_PUBLISHED (bundle member)
 */
export async function publishVersion(ctx: Ctx, code: string): Promise<VersionSummary> {
  const actor = requireStaff(ctx.actor);
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const item = await lockItem(tx, actor, code);
    const submitted = await openVersionIn(tx, code, 'submitted', { zh: '发布', en: 'publish' });
    const party = new Set(await listStaffParty(tx, actor.staffId));
    const writers = [submitted.author_id, ...submitted.editors].filter((id) => party.has(id));
    if (writers.length > 0) {
      const own = writers.includes(actor.staffId);
      throw new AppError(
        'CATALOGUE_SELF_PUBLISH_FORBIDDEN',
        own
          ? '起草或修改过该版本的人员不能发布它，请由另一位工作人员审核发布。The author or an editor of a version cannot publish it.'
          : '该版本由您创建的账号或创建您账号的管理员起草或修改，不能由您发布。The version was written by an account you created, or by the administrator who created yours: someone independent must publish it.',
        {
          details: { version: submitted.version_no, sameParty: !own },
        },
      );
    }
    await assertManages(tx, actor, submitted.content.responsibleDepartment);
    await validateContent(tx, code, submitted.content, { fieldPrefix: 'content.', requirePublishedMembers: true });
    if (item.published_version_id) {
      await tx.query(`update catalogue_version set status = 'superseded', superseded_at = $2, updated_at = $2 where id = $1`, [
        item.published_version_id,
        now,
      ]);
    }
    await tx.query(
      `update catalogue_version set status = 'published', published_by = $2, published_at = $3, updated_at = $3 where id = $1`,
      [submitted.id, actor.staffId, now],
    );
    const department = await findDepartment(tx, submitted.content.responsibleDepartment);
    await setPublished(
      tx,
      code,
      { id: submitted.id, versionNo: submitted.version_no, content: submitted.content },
      department ? [department.nameZh, department.nameEn] : [],
    );
    await recordAudit(tx, now, {
      actor: auditActor(actor),
      action: 'catalogue.version.published',
      target: { type: 'catalogue_item', id: code },
      detail: { versionId: submitted.id, version: submitted.version_no, supersedes: item.published_version_no },
      requestId: ctx.requestId,
    });
    return toSummary((await findVersionById(tx, submitted.id)) as VersionRow);
  });
  invalidateCatalogueCache(ctx.db);
  return result;
}

/**
 * Withdraws the published version: the item is no longer offered (the guard refuses it) until a
 * new version is published. An item a published bundle relies on must leave the bundle first.
 * @throws CATALOGUE_ITEM_NOT_FOUND, CATALOGUE_INVALID_TRANSITION (nothing published, or part of a bundle), AUTH_FORBIDDEN
 */
export async function withdrawItem(ctx: Ctx, code: string, reason: string): Promise<VersionSummary> {
  const actor = requireStaff(ctx.actor);
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const item = await lockItem(tx, actor, code);
    if (!item.published_version_id) {
      throw new AppError(
        'CATALOGUE_INVALID_TRANSITION',
        `事项 ${code} 当前没有已发布的版本。${code} has no published version to withdraw.`,
      );
    }
    const bundles = await listBundlesContaining(tx, code);
    if (bundles.length > 0) {
      throw new AppError(
        'CATALOGUE_INVALID_TRANSITION',
        `事项 ${code} 是"一件事" ${bundles.map((b) => b.name_zh).join('、')} 的成员，请先调整一件事。${code} is a member of published bundles: ${bundles.map((b) => b.code).join(', ')}.`,
        { details: { bundles: bundles.map((b) => b.code) } },
      );
    }
    await tx.query(
      `update catalogue_version set status = 'withdrawn', withdrawn_by = $2, withdrawn_at = $3, withdrawn_reason = $4, updated_at = $3 where id = $1`,
      [item.published_version_id, actor.staffId, now, reason],
    );
    await clearPublished(tx, code);
    await recordAudit(tx, now, {
      actor: auditActor(actor),
      action: 'catalogue.version.withdrawn',
      target: { type: 'catalogue_item', id: code },
      detail: { versionId: item.published_version_id, version: item.published_version_no, reason },
      requestId: ctx.requestId,
    });
    return toSummary((await findVersionById(tx, item.published_version_id)) as VersionRow);
  });
  invalidateCatalogueCache(ctx.db);
  return result;
}
