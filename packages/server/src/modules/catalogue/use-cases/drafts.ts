import { randomUUID } from 'node:crypto';
import { AppError, type ServiceItemContent, type ServiceItemInput, type VersionDetail } from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import {
  findItem,
  findOpenVersion,
  findVersionById,
  findVersionByNo,
  insertVersion,
  latestVersionNo,
  toDetail,
  type VersionRow,
} from '../catalogue.store.ts';
import { assertManages, auditActor, itemNotFound, requireStaff, type StaffActor, validateContent } from './shared.ts';

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/**
 * Creates a new item with its first version as a draft.
 * @throws CONFLICT the code is taken
 * @throws AUTH_FORBIDDEN the responsible department is outside the editor's department
 * @throws CATALOGUE_PROCESS_INVALID, CATALOGUE_BUNDLE_FIELD_CONFLICT, CATALOGUE_ITEM_NOT_PUBLISHED (bundle member)
 */
export async function createDraft(ctx: Ctx, input: ServiceItemInput): Promise<VersionDetail> {
  const actor = requireStaff(ctx.actor);
  const { code, ...content } = input;
  const now = ctx.clock.now();
  const taken = () => new AppError('CONFLICT', `事项编码 ${code} 已存在。The item code ${code} is taken.`, { field: 'body.code' });
  try {
    return await ctx.db.transaction(async (tx) => {
      await assertManages(tx, actor, content.responsibleDepartment, 'body.responsibleDepartment');
      if (await findItem(tx, code)) throw taken();
      await validateContent(tx, code, content, { fieldPrefix: 'body.', requirePublishedMembers: false });
      await tx.query(
        `insert into catalogue_item (code, responsible_department, created_at, created_by, name_zh, name_en) values ($1, $2, $3, $4, $5, $6)`,
        [code, content.responsibleDepartment, now, actor.staffId, content.name.zh, content.name.en],
      );
      const id = randomUUID();
      await insertVersion(tx, { id, code, versionNo: 1, status: 'draft', content, authorId: actor.staffId, at: now });
      await recordAudit(tx, now, {
        actor: auditActor(actor),
        action: 'catalogue.item.created',
        target: { type: 'catalogue_item', id: code },
        detail: { versionId: id, version: 1, name: content.name.zh },
        requestId: ctx.requestId,
      });
      return toDetail((await findVersionById(tx, id)) as VersionRow);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}

async function writeDraft(
  ctx: Ctx,
  tx: Sql,
  actor: StaffActor,
  draft: VersionRow,
  content: ServiceItemContent,
  fieldPrefix: string,
): Promise<VersionDetail> {
  const now = ctx.clock.now();
  await validateContent(tx, draft.item_code, content, { fieldPrefix, requirePublishedMembers: false });
  await tx.query(
    `update catalogue_version set content = $2, updated_at = $3, rejected_reason = null,
       editors = case when $4 = any(editors) then editors else array_append(editors, $4) end
     where id = $1`,
    [draft.id, JSON.stringify(content), now, actor.staffId],
  );
  await recordAudit(tx, now, {
    actor: auditActor(actor),
    action: 'catalogue.version.edited',
    target: { type: 'catalogue_item', id: draft.item_code },
    detail: { versionId: draft.id, version: draft.version_no },
    requestId: ctx.requestId,
  });
  return toDetail((await findVersionById(tx, draft.id)) as VersionRow);
}

const underReview = (v: VersionRow) =>
  new AppError(
    'CATALOGUE_INVALID_TRANSITION',
    `第 ${v.version_no} 版正在审核中，退回后才能修改。Version ${v.version_no} is under review; it must be sent back before editing.`,
    {
      details: { version: v.version_no, status: v.status },
    },
  );

const immutable = (v: VersionRow) =>
  new AppError(
    'CATALOGUE_VERSION_IMMUTABLE',
    `第 ${v.version_no} 版已${v.status === 'published' ? '发布' : '停用'}，不可修改；修改将生成新的草稿版本。Version ${v.version_no} is ${v.status} and cannot change; edit the draft instead.`,
    {
      details: { version: v.version_no, status: v.status },
    },
  );

/**
 * Edits the item's draft. When the item has no version in the works (its latest is published,
 * superseded or withdrawn), a new draft version is created from `content`: published versions
 * never change.
 * @throws CATALOGUE_ITEM_NOT_FOUND
 * @throws CATALOGUE_INVALID_TRANSITION the open version is submitted for review
 * @throws AUTH_FORBIDDEN the item or the new responsible department is outside the editor's department
 * @throws CATALOGUE_PROCESS_INVALID, CATALOGUE_BUNDLE_FIELD_CONFLICT, CATALOGUE_ITEM_NOT_PUBLISHED (bundle member)
 */
export async function editDraft(ctx: Ctx, code: string, content: ServiceItemContent): Promise<VersionDetail & { created: boolean }> {
  const actor = requireStaff(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const item = await findItem(tx, code, { lock: true });
    if (!item) throw itemNotFound(code);
    await assertManages(tx, actor, item.responsible_department);
    await assertManages(tx, actor, content.responsibleDepartment, 'body.responsibleDepartment');
    const open = await findOpenVersion(tx, code);
    if (open?.status === 'submitted') throw underReview(open);
    if (open) return { ...(await writeDraft(ctx, tx, actor, open, content, 'body.')), created: false };

    const now = ctx.clock.now();
    await validateContent(tx, code, content, { fieldPrefix: 'body.', requirePublishedMembers: false });
    const versionNo = (await latestVersionNo(tx, code)) + 1;
    const id = randomUUID();
    await insertVersion(tx, { id, code, versionNo, status: 'draft', content, authorId: actor.staffId, at: now });
    await recordAudit(tx, now, {
      actor: auditActor(actor),
      action: 'catalogue.version.created',
      target: { type: 'catalogue_item', id: code },
      detail: { versionId: id, version: versionNo, basedOn: item.published_version_no },
      requestId: ctx.requestId,
    });
    return { ...toDetail((await findVersionById(tx, id)) as VersionRow), created: true };
  });
}

/**
 * Edits one exact version. Only a draft can change.
 * @throws CATALOGUE_ITEM_NOT_FOUND the item or version does not exist
 * @throws CATALOGUE_VERSION_IMMUTABLE the version is published, superseded or withdrawn
 * @throws CATALOGUE_INVALID_TRANSITION the version is submitted for review
 * @throws AUTH_FORBIDDEN, CATALOGUE_PROCESS_INVALID, CATALOGUE_BUNDLE_FIELD_CONFLICT
 */
export async function editVersion(ctx: Ctx, code: string, versionNo: number, content: ServiceItemContent): Promise<VersionDetail> {
  const actor = requireStaff(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const item = await findItem(tx, code, { lock: true });
    if (!item) throw itemNotFound(code);
    await assertManages(tx, actor, item.responsible_department);
    const version = await findVersionByNo(tx, code, versionNo);
    if (!version)
      throw new AppError('CATALOGUE_ITEM_NOT_FOUND', `事项 ${code} 没有第 ${versionNo} 版。No version ${versionNo} of ${code}.`, {
        field: 'params.version',
      });
    if (version.status === 'submitted') throw underReview(version);
    if (version.status !== 'draft') throw immutable(version);
    await assertManages(tx, actor, content.responsibleDepartment, 'body.responsibleDepartment');
    return writeDraft(ctx, tx, actor, version, content, 'body.');
  });
}
