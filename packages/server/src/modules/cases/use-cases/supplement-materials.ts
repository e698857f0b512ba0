import { randomUUID } from 'node:crypto';
import { type ActionBodies, AppError } from '@tongban/domain';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { type CaseRow, caseNotFound } from '../cases.shared.ts';

/**
 * What the department called a missing item it named without a catalogue material: the portal
 * uploads it as `supplement-<n>`, the n-th item of the latest request, and the item's description
 * becomes the material's name (so the workbench does not show a bare id).
 */
async function requestedItemName(tx: Sql, caseId: string, materialId: string): Promise<{ name_zh: string; name_en: string } | undefined> {
  const n = /^supplement-(\d{1,2})$/.exec(materialId)?.[1];
  if (!n) return undefined;
  const [request] = await tx.query<{ payload: { missing?: { materialId?: string | null; description?: string }[] } }>(
    `select payload from case_action where case_id = $1 and kind = 'supplement_requested' order by seq desc limit 1`,
    [caseId],
  );
  const item = request?.payload.missing?.[Number(n) - 1];
  if (!item || item.materialId || !item.description) return undefined;
  return { name_zh: item.description, name_en: item.description };
}

/** The supplement's uploads as case materials (an earlier upload of the same material is replaced); returns how many. */
export async function attachSupplement(
  ctx: Ctx,
  tx: Sql,
  row: CaseRow,
  body: ActionBodies['supply_supplement'],
  seq: number,
): Promise<number> {
  const owner =
    ctx.actor.kind === 'staff'
      ? { type: 'staff', id: ctx.actor.staffId }
      : ctx.actor.kind === 'user'
        ? { type: 'user', id: ctx.actor.userId }
        : undefined;
  if (!owner) throw caseNotFound();
  const ids = [...new Set(body.materials.map((m) => m.uploadId))];
  const uploads = await tx.query<{
    id: string;
    storage_key: string;
    sha256: string;
    media_type: string;
    size_bytes: number;
    file_name: string;
  }>(
    'select id, storage_key, sha256, media_type, size_bytes, file_name from case_upload where id = any($1::text[]) and owner_type = $2 and owner_id = $3',
    [ids, owner.type, owner.id],
  );
  const at = ctx.clock.now();
  let count = 0;
  for (const [i, ref] of body.materials.entries()) {
    const upload = uploads.find((u) => u.id === ref.uploadId);
    if (!upload)
      throw new AppError('CASES_UPLOAD_NOT_FOUND', '上传的文件不存在。No such upload.', { field: `body.materials.${i}.uploadId` });
    const [known] = await tx.query<{ name_zh: string | null; name_en: string | null }>(
      'select name_zh, name_en from case_material where case_id = $1 and material_id = $2 limit 1',
      [row.id, ref.materialId],
    );
    const named = known ?? (await requestedItemName(tx, row.id, ref.materialId));
    await tx.query(
      `update case_material set state = 'replaced' where case_id = $1 and material_id = $2 and state = 'attached' and provenance in ('applicant', 'window')`,
      [row.id, ref.materialId],
    );
    await tx.write(
      `insert into case_material (id, case_id, material_id, item_code, name_zh, name_en, provenance, state, upload_id, storage_key, sha256, media_type, size_bytes, file_name, supplied_at, action_seq)
       values ($1, $2, $3, $4, $5, $6, $7, 'attached', $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        randomUUID(),
        row.id,
        ref.materialId,
        row.item_code,
        named?.name_zh ?? null,
        named?.name_en ?? null,
        ctx.actor.kind === 'staff' ? 'window' : 'applicant',
        upload.id,
        upload.storage_key,
        upload.sha256,
        upload.media_type,
        upload.size_bytes,
        upload.file_name,
        at,
        seq,
      ],
    );
    count++;
  }
  await tx.query('update case_upload set case_id = $1 where id = any($2::text[]) and case_id is null', [row.id, ids]);
  return count;
}
