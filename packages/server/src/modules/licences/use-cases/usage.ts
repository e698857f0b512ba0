import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { findDepartment } from '../../identity/index.ts';
import { iso } from '../licences.shared.ts';

/**
 * Every use of a licence by someone other than its holder — a view through a share link, a supply
 * as a material of a case — is recorded twice in the using transaction: a `licence_use` row (what
 * the holder's list reads) and an entry in the `exchange` audit stream with the holder as subject
 * (the tamper-evident copy, the same stream as the data hub's exchange log).
 */
export type LicenceUse = {
  licenceId: string;
  holderId: string;
  kind: 'share_view' | 'material';
  shareId?: string | undefined;
  caseId?: string | undefined;
  materialId?: string | undefined;
  consumerDepartmentId?: string | undefined;
  audience?: string | undefined;
  fields?: readonly string[] | null | undefined;
  licenceType: string;
  licenceNumber: string;
};

export async function recordLicenceUse(tx: Sql, at: Date, use: LicenceUse, requestId?: string): Promise<void> {
  await tx.query(
    `insert into licence_use (id, licence_id, holder_id, kind, at, share_id, case_id, material_id, consumer_department_id, audience, fields)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      randomUUID(),
      use.licenceId,
      use.holderId,
      use.kind,
      at,
      use.shareId ?? null,
      use.caseId ?? null,
      use.materialId ?? null,
      use.consumerDepartmentId ?? null,
      use.audience ?? null,
      use.fields ? [...use.fields] : null,
    ],
  );
  await recordAudit(tx, at, {
    stream: 'exchange',
    actor: use.kind === 'material' ? { type: 'system', id: 'licences.once-only' } : { type: 'anonymous' },
    action: use.kind === 'material' ? 'licences.material.supplied' : 'licences.share.viewed',
    target: { type: 'licence', id: use.licenceId },
    subject: use.holderId,
    detail: {
      licenceType: use.licenceType,
      licenceNumber: use.licenceNumber,
      shareId: use.shareId ?? null,
      audience: use.audience ?? null,
      caseId: use.caseId ?? null,
      materialId: use.materialId ?? null,
      consumerDepartmentId: use.consumerDepartmentId ?? null,
      fields: use.fields ?? null,
    },
    requestId,
  });
}

/** "Who used my licences": every recorded use of the licences the user holds or acts for, newest first. */
export async function listMyLicenceUsage(ctx: Ctx, q: { page: number; pageSize: number }) {
  if (ctx.actor.kind !== 'user') return { items: [], page: q.page, pageSize: q.pageSize, hasMore: false };
  const holders = [ctx.actor.idNumber, ...ctx.actor.enterprises];
  const rows = await ctx.db.query<{
    at: Date;
    kind: 'share_view' | 'material';
    licence_id: string;
    name_zh: string;
    name_en: string;
    audience: string | null;
    consumer_department_id: string | null;
    case_id: string | null;
    fields: string[] | null;
  }>(
    `select u.at, u.kind, u.licence_id, t.name_zh, t.name_en, u.audience, u.consumer_department_id, u.case_id, u.fields
     from licence_use u join licence l on l.id = u.licence_id join licence_type t on t.code = l.type_code
     where u.holder_id = any($1::text[]) order by u.at desc, u.id limit $2 offset $3`,
    [holders, q.pageSize + 1, (q.page - 1) * q.pageSize],
  );
  const names = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.consumer_department_id).filter((d): d is string => d !== null))) {
    const department = await findDepartment(ctx.db, id);
    if (department) names.set(id, department.nameZh);
  }
  return {
    items: rows.slice(0, q.pageSize).map((r) => ({
      at: iso(r.at),
      kind: r.kind,
      licenceId: r.licence_id,
      licenceName: { zh: r.name_zh, en: r.name_en },
      by: r.kind === 'share_view' ? (r.audience ?? '') : (names.get(r.consumer_department_id ?? '') ?? r.consumer_department_id ?? ''),
      caseId: r.case_id,
      fields: r.fields,
    })),
    page: q.page,
    pageSize: q.pageSize,
    hasMore: rows.length > q.pageSize,
  };
}
