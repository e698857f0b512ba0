import { randomUUID } from 'node:crypto';
import type { LocalizedText } from '@tongban/domain';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { recordDataUse } from '../../datahub/index.ts';
import { findDepartment } from '../../identity/index.ts';
import { iso } from '../licences.shared.ts';

/**
 * Every use of a licence by someone other than its holder — a view through a share link, a supply
 * as a material of a case — is recorded in the using transaction twice: a `licence_use` row (what
 * the holder's licence list and the access rule for using departments read) and, through the data
 * hub's `recordDataUse`, an entry of the `exchange` audit stream with the holder as subject and its
 * row in the hub's exchange log — so the use shows in the holder's "who used my data"
 * (`GET /datahub/my-data-usage`) with the hub's own exchanges, and can be objected to there.
 */
export type LicenceUse = {
  licenceId: string;
  holderId: string;
  kind: 'share_view' | 'material';
  shareId?: string | undefined;
  caseId?: string | undefined;
  itemCode?: string | undefined;
  materialId?: string | undefined;
  consumerDepartmentId?: string | undefined;
  audience?: string | undefined;
  /** The fields shown (a share link's choice); null or absent: the whole licence. */
  fields?: readonly string[] | null | undefined;
  /** Every field the licence carries (what "the whole licence" is in the exchange log). */
  licenceFields: readonly string[];
  licenceType: string;
  licenceName: LocalizedText;
  licenceNumber: string;
  issuerDepartmentId: string;
  /** Why it was used, in the holder's words (the share's audience) or the case's (which item, which material). */
  purpose: string;
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
  const material = use.kind === 'material';
  await recordDataUse(tx, at, {
    channel: material ? 'filing' : 'share',
    action: material ? 'licences.material.supplied' : 'licences.share.viewed',
    actor: material ? { type: 'system', id: 'licences.once-only' } : { type: 'anonymous' },
    resource: `licence:${use.licenceType}`,
    resourceName: use.licenceName,
    providerDepartmentId: use.issuerDepartmentId,
    consumerDepartmentId: use.consumerDepartmentId ?? null,
    subject: use.holderId,
    fields: use.fields ?? use.licenceFields,
    purpose: use.purpose,
    itemCode: use.itemCode,
    caseId: use.caseId,
    target: { type: 'licence', id: use.licenceId },
    detail: {
      licenceType: use.licenceType,
      licenceNumber: use.licenceNumber,
      shareId: use.shareId ?? null,
      audience: use.audience ?? null,
      materialId: use.materialId ?? null,
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
