import { randomBytes, randomUUID } from 'node:crypto';
import {
  AppError,
  type CasePlan,
  type CaseSubmitBody,
  chinaDateOf,
  type FormValues,
  type Material,
  newTrackingNumber,
  planSla,
  type ServiceItemContent,
  supplyOf,
} from '@tongban/domain';
import { loadWorkingCalendar } from '../../../platform/calendar/calendar-store.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import type { CaseRow } from '../cases.shared.ts';
import { supplyMaterial } from '../material-providers.ts';
import { commitAction, NEW_CASE } from './commit-action.ts';

/**
 * Creating one case row of a filing (a single item, a bundle's parent or one of its members):
 * the row with a fresh tracking number, its materials (uploaded, or offered to the once-only
 * providers), and its first action through `commitAction`.
 */

/** One filing: who files, for whom, through which channel. */
export type Filing = {
  channel: 'online' | 'window';
  serviceCentreId: string | null;
  filedBy: { type: 'user' | 'staff'; id: string; name: string; departmentId: string | null };
  applicant: { idNumber: string; name: string; userId: string | null };
  enterprise: { creditCode: string; name: string } | null;
  body: CaseSubmitBody;
};

export type Member = { code: string; versionId: string; version: number; content: ServiceItemContent };

export type UploadRow = { id: string; storage_key: string; sha256: string; media_type: string; size_bytes: number; file_name: string };

export type Created = {
  row: CaseRow;
  dueDate: string;
  statutoryDueDate: string;
  platformMaterials: { materialId: string; state: 'attached' | 'pending' }[];
};
export type CreateCommon = { ctx: Ctx; tx: Sql; filing: Filing; values: FormValues; uploads: Map<string, UploadRow> };

async function insertWithTrackingNumber(at: Date, insert: (trackingNo: string) => Promise<CaseRow | undefined>): Promise<CaseRow> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await insert(newTrackingNumber(chinaDateOf(at), (n) => randomBytes(n)));
    if (row) return row;
  }
  throw new AppError('INTERNAL', '无法生成办件编号。Could not allocate a tracking number.');
}

export async function createCase(
  common: CreateCommon,
  item: Member,
  plan: CasePlan,
  parentId: string | null,
  isBundle: boolean,
  materials: readonly (Material & { items?: string[] })[],
  withVisit: boolean,
): Promise<Created> {
  const { ctx, tx, filing, values } = common;
  const at = ctx.clock.now();
  const id = randomUUID();
  // The deadline the first action sets, already in the inserted row: that action's update then
  // changes no indexed column and can stay on the row's page (a HOT update, with the free space
  // migration 0014 leaves), instead of a new row version in all nine indexes.
  const calendar = await loadWorkingCalendar(ctx.db, tx);
  const firstDueAt = planSla(calendar, at, plan.promisedDays, [], ctx.config.CASE_SLA_WARNING_SHARE).dueAt ?? null;
  const row = await insertWithTrackingNumber(at, async (trackingNo) => {
    const [r] = await tx.query<CaseRow>(
      `insert into case_file (id, tracking_no, parent_id, is_bundle, item_code, catalogue_version_id, item_version, item_name_zh, item_name_en, plan,
         channel, service_centre_id, filed_by_type, filed_by_id, applicant_type, applicant_id_number, applicant_name, applicant_user_id,
         enterprise_credit_code, enterprise_name, responsible_department_id, answers, form, contact, delivery, status, version, submitted_at,
         promised_days, statutory_days, created_at, due_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, 'submitted', 0, $26, $27, $28, $26, $29)
       on conflict (tracking_no) do nothing returning *`,
      [
        id,
        trackingNo,
        parentId,
        isBundle,
        item.code,
        item.versionId,
        item.version,
        item.content.name.zh,
        item.content.name.en,
        JSON.stringify(plan),
        filing.channel,
        filing.serviceCentreId,
        filing.filedBy.type,
        filing.filedBy.id,
        filing.enterprise ? 'enterprise' : 'person',
        filing.applicant.idNumber,
        filing.applicant.name,
        filing.applicant.userId,
        filing.enterprise?.creditCode ?? null,
        filing.enterprise?.name ?? null,
        item.content.responsibleDepartment,
        JSON.stringify(filing.body.answers),
        JSON.stringify(values),
        JSON.stringify(filing.body.contact),
        JSON.stringify(filing.body.delivery),
        at,
        plan.promisedDays,
        plan.statutoryDays,
        firstDueAt,
      ],
    );
    return r;
  });

  let byApplicant = 0;
  let byPlatform = 0;
  const platformMaterials: Created['platformMaterials'] = [];
  for (const material of materials) {
    if (supplyOf(material.source) === 'applicant') {
      for (const ref of filing.body.materials.filter((r) => r.materialId === material.id)) {
        const upload = common.uploads.get(ref.uploadId) as UploadRow;
        await insertMaterial(tx, row.id, item.code, material, filing.channel === 'window' ? 'window' : 'applicant', 'attached', at, {
          upload,
        });
        byApplicant++;
      }
      continue;
    }
    const result = await supplyMaterial({
      sql: tx,
      at,
      caseId: row.id,
      trackingNumber: row.tracking_no,
      itemCode: item.code,
      item: item.content,
      material,
      applicant: { idNumber: filing.applicant.idNumber, enterpriseCreditCode: filing.enterprise?.creditCode ?? null },
    });
    const provenance = material.source.kind as 'datahub' | 'licence' | 'earlier_step';
    await insertMaterial(tx, row.id, item.code, material, provenance, result.state, at, {
      sourceRef: result.state === 'attached' ? result.sourceRef : null,
      file: result.state === 'attached' ? result.file : undefined,
    });
    if (result.state === 'attached') byPlatform++;
    platformMaterials.push({ materialId: material.id, state: result.state });
  }
  const committed = await commitAction(ctx, tx, row, NEW_CASE, {
    kind: 'submitted',
    payload: {
      channel: filing.channel,
      ...(filing.channel === 'window' && withVisit
        ? { visit: { reason: 'filing' as const, serviceCentreId: filing.serviceCentreId ?? undefined } }
        : {}),
    },
    by: filing.filedBy,
    addedMaterials: { byApplicant, byPlatform },
  });
  return {
    row: committed.row,
    dueDate: committed.caseSla.dueDate ?? chinaDateOf(at),
    statutoryDueDate: committed.row.statutory_due_date ?? chinaDateOf(at),
    platformMaterials,
  };
}

async function insertMaterial(
  tx: Sql,
  caseId: string,
  itemCode: string,
  material: Material,
  provenance: 'applicant' | 'window' | 'datahub' | 'licence' | 'earlier_step',
  state: 'attached' | 'pending',
  at: Date,
  extra: {
    upload?: UploadRow;
    sourceRef?: string | null;
    file?: { storageKey: string; sha256: string; mediaType: string; sizeBytes: number; fileName: string } | undefined;
  },
) {
  const f = extra.upload
    ? {
        storageKey: extra.upload.storage_key,
        sha256: extra.upload.sha256,
        mediaType: extra.upload.media_type,
        sizeBytes: extra.upload.size_bytes,
        fileName: extra.upload.file_name,
      }
    : extra.file;
  await tx.write(
    `insert into case_material (id, case_id, material_id, item_code, name_zh, name_en, provenance, state, upload_id, storage_key, sha256, media_type, size_bytes, file_name, source_ref, supplied_at, action_seq)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 1)`,
    [
      randomUUID(),
      caseId,
      material.id,
      itemCode,
      material.name.zh,
      material.name.en,
      provenance,
      state,
      extra.upload?.id ?? null,
      f?.storageKey ?? null,
      f?.sha256 ?? null,
      f?.mediaType ?? null,
      f?.sizeBytes ?? null,
      f?.fileName ?? null,
      extra.sourceRef ?? null,
      at,
    ],
  );
}
