import type { LicenceDetail, LicenceStatus, LicenceSummary } from '@tongban/domain';
import QRCode from 'qrcode';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import {
  iso,
  type LicenceView,
  labelledFields,
  licenceNotFound,
  licenceViewSelect,
  toSummary,
  VERIFY_PAGE_PATH,
} from '../licences.shared.ts';
import { signQrToken } from './credential.ts';
import { findIssuerBySlug } from './issuers.ts';

/**
 * The wallet (证照夹): a person sees the licences they hold and those of the enterprises they act
 * for; staff see the licences their department (subtree) issued, and those supplied as materials
 * to cases their department handles. Anyone else gets the same 404 as for a missing licence.
 */
type Page = { holder?: string | undefined; status?: LicenceStatus | undefined; type?: string | undefined; page: number; pageSize: number };

function holdersOf(actor: Actor): string[] {
  return actor.kind === 'user' ? [actor.idNumber, ...actor.enterprises] : [];
}

export async function listMyLicences(
  ctx: Ctx,
  q: Page,
): Promise<{ items: LicenceSummary[]; page: number; pageSize: number; hasMore: boolean }> {
  let holders = holdersOf(ctx.actor);
  if (q.holder) holders = holders.filter((h) => h === q.holder);
  const rows = await ctx.db.query<LicenceView>(
    `${licenceViewSelect} where l.holder_id = any($1::text[]) and ($2::text is null or l.status = $2) and ($3::text is null or l.type_code = $3)
     order by l.issued_at desc, l.id limit $4 offset $5`,
    [holders, q.status ?? null, q.type ?? null, q.pageSize + 1, (q.page - 1) * q.pageSize],
  );
  const now = ctx.clock.now();
  return {
    items: rows.slice(0, q.pageSize).map((r) => toSummary(r, now)),
    page: q.page,
    pageSize: q.pageSize,
    hasMore: rows.length > q.pageSize,
  };
}

export async function listDepartmentLicences(ctx: Ctx, q: Page & { q?: string | undefined }) {
  if (ctx.actor.kind !== 'staff') return { items: [], page: q.page, pageSize: q.pageSize, hasMore: false };
  const scope = ctx.actor.departmentScope;
  const rows = await ctx.db.query<LicenceView>(
    `${licenceViewSelect} where l.issuer_department_id = any($1::text[]) and ($2::text is null or l.status = $2)
       and ($3::text is null or l.type_code = $3) and ($4::text is null or l.holder_id = $4 or l.licence_no = $4 or l.holder_name = $4)
     order by l.issued_at desc, l.id limit $5 offset $6`,
    [scope, q.status ?? null, q.type ?? null, q.q ?? q.holder ?? null, q.pageSize + 1, (q.page - 1) * q.pageSize],
  );
  const now = ctx.clock.now();
  return {
    items: rows.slice(0, q.pageSize).map((r) => toSummary(r, now)),
    page: q.page,
    pageSize: q.pageSize,
    hasMore: rows.length > q.pageSize,
  };
}

async function canSee(sql: Sql, actor: Actor, row: LicenceView): Promise<boolean> {
  if (actor.kind === 'user') return holdersOf(actor).includes(row.holder_id);
  if (actor.kind !== 'staff') return false;
  const scope = actor.departmentScope;
  if (scope.includes(row.issuer_department_id)) return true;
  const used = await sql.query(
    `select 1 from licence_use where licence_id = $1 and kind = 'material' and consumer_department_id = any($2::text[]) limit 1`,
    [row.id, scope],
  );
  return used.length > 0;
}

/** @throws LICENCES_NOT_FOUND */
export async function getVisibleLicence(ctx: Ctx, id: string): Promise<LicenceView> {
  const [row] = await ctx.db.query<LicenceView>(`${licenceViewSelect} where l.id = $1`, [id]);
  if (!row || !(await canSee(ctx.db, ctx.actor, row))) throw licenceNotFound();
  return row;
}

/** @throws LICENCES_NOT_FOUND */
export async function getLicenceDetail(ctx: Ctx, id: string): Promise<LicenceDetail> {
  const row = await getVisibleLicence(ctx, id);
  return {
    ...toSummary(row, ctx.clock.now()),
    fields: labelledFields(row),
    statusReason: row.status_reason,
    statusChangedAt: row.status_changed_at ? iso(row.status_changed_at) : null,
    keyId: row.key_id,
    credential: row.credential,
  };
}

/**
 * The QR code: a link to the public verification page carrying the issuer-signed summary (type,
 * number, holder, validity, status list index and a digest of the full credential), so a
 * verifier with the issuer's published keys can check it offline.
 * @throws LICENCES_NOT_FOUND
 */
export async function getLicenceQr(ctx: Ctx, id: string): Promise<{ payload: string; token: string; svg: string }> {
  const row = await getVisibleLicence(ctx, id);
  const issuer = await findIssuerBySlug(ctx.db, row.issuer_department_id.toLowerCase());
  if (!issuer) throw licenceNotFound();
  const token = await signQrToken(
    ctx.signer,
    issuer,
    {
      id: row.id,
      typeCode: row.type_code,
      licenceNumber: row.licence_no,
      holderName: row.holder_name,
      validFrom: new Date(row.valid_from),
      validUntil: row.valid_until ? new Date(row.valid_until) : null,
      credential: row.credential,
      listSeq: row.list_seq,
      statusIndex: row.status_index,
    },
    new Date(row.issued_at),
  );
  const payload = `${ctx.config.PUBLIC_ORIGIN}${VERIFY_PAGE_PATH}#qr=${token}`;
  const svg = await QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { payload, token, svg };
}
