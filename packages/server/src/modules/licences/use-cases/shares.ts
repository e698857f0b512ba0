import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AppError, type ShareCreateBody } from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx, Platform } from '../../../platform/context.ts';
import { iso, type LicenceView, labelledFields, licenceNotFound, licenceViewSelect, SHARED_PAGE_PATH } from '../licences.shared.ts';
import { recordLicenceUse } from './usage.ts';
import { verifyPresented } from './verify.ts';
import { getVisibleLicence } from './wallet.ts';

/**
 * Selective sharing (用证): the holder gives a third party (a bank, a landlord, another
 * department) a link that shows a licence, or chosen fields of it, until it expires or the holder
 * withdraws it. Only the token's SHA-256 is stored. Every view is recorded as a use of the
 * holder's data (see usage.ts); an expired or withdrawn link shows nothing.
 */
type ShareRow = {
  id: string;
  licence_id: string;
  audience: string;
  fields: string[] | null;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  views: number;
};

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

function toShare(r: ShareRow, now: Date) {
  return {
    id: r.id,
    licenceId: r.licence_id,
    audience: r.audience,
    fields: r.fields,
    createdAt: iso(r.created_at),
    expiresAt: iso(r.expires_at),
    revokedAt: r.revoked_at ? iso(r.revoked_at) : null,
    views: r.views,
    active: r.revoked_at === null && new Date(r.expires_at).getTime() > now.getTime(),
  };
}

/** The licence, if the acting user holds it (or acts for its holder). */
async function getHeldLicence(ctx: Ctx, id: string): Promise<LicenceView> {
  if (ctx.actor.kind !== 'user') throw licenceNotFound();
  return getVisibleLicence(ctx, id);
}

/**
 * @throws LICENCES_NOT_FOUND, LICENCES_FIELD_UNKNOWN a field the licence does not carry, LICENCES_NOT_ACTIVE revoked
 */
export async function createShare(ctx: Ctx, licenceId: string, body: ShareCreateBody) {
  const licence = await getHeldLicence(ctx, licenceId);
  if (licence.status === 'revoked') {
    throw new AppError('LICENCES_NOT_ACTIVE', '已吊销的证照不能分享。A revoked licence cannot be shared.');
  }
  const fields = body.fields ? [...new Set(body.fields)] : null;
  // An allow-list of the licence's own field names: `key in fields` would also accept
  // `constructor`, `__proto__` and every other name an object inherits.
  const own = new Set(Object.keys(licence.fields));
  for (const [i, key] of (fields ?? []).entries()) {
    if (!own.has(key)) {
      throw new AppError('LICENCES_FIELD_UNKNOWN', `证照没有字段 ${key}。The licence has no field ${key}.`, { field: `body.fields.${i}` });
    }
  }
  const token = randomBytes(32).toString('base64url');
  const at = ctx.clock.now();
  const expiresAt = new Date(at.getTime() + body.expiresInHours * 3600_000);
  const id = randomUUID();
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : '';
  const row = await ctx.db.transaction(async (tx) => {
    const [inserted] = await tx.query<ShareRow>(
      `insert into licence_share (id, licence_id, token_sha256, audience, fields, created_by, created_at, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning *, 0 as views`,
      [id, licence.id, tokenHash(token), body.audience, fields, userId, at, expiresAt],
    );
    await recordAudit(tx, at, {
      actor: { type: 'user', id: userId },
      action: 'licences.share.created',
      target: { type: 'licence', id: licence.id },
      subject: licence.holder_id,
      detail: { shareId: id, audience: body.audience, fields, expiresAt: expiresAt.toISOString() },
      requestId: ctx.requestId,
    });
    return inserted as ShareRow;
  });
  return { ...toShare(row, at), token, url: `${ctx.config.PUBLIC_ORIGIN}${SHARED_PAGE_PATH}/${token}` };
}

const shareSelect = `select s.*, (select count(*)::int from licence_use u where u.share_id = s.id) as views from licence_share s`;

/** @throws LICENCES_NOT_FOUND */
export async function listShares(ctx: Ctx, licenceId: string) {
  const licence = await getHeldLicence(ctx, licenceId);
  const rows = await ctx.db.query<ShareRow>(`${shareSelect} where s.licence_id = $1 order by s.created_at desc, s.id`, [licence.id]);
  const now = ctx.clock.now();
  return { items: rows.map((r) => toShare(r, now)) };
}

/**
 * Withdraws a link at once.
 * @throws LICENCES_NOT_FOUND, LICENCES_SHARE_NOT_FOUND
 */
export async function revokeShare(ctx: Ctx, licenceId: string, shareId: string) {
  const licence = await getHeldLicence(ctx, licenceId);
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.query<ShareRow>(`${shareSelect} where s.id = $1 and s.licence_id = $2 for update of s`, [shareId, licence.id]);
    if (!row) throw new AppError('LICENCES_SHARE_NOT_FOUND', '没有该分享链接。No such share link.');
    if (row.revoked_at) return toShare(row, at);
    await tx.query('update licence_share set revoked_at = $2 where id = $1', [shareId, at]);
    await recordAudit(tx, at, {
      actor: { type: 'user', id: ctx.actor.kind === 'user' ? ctx.actor.userId : undefined },
      action: 'licences.share.revoked',
      target: { type: 'licence', id: licence.id },
      subject: licence.holder_id,
      detail: { shareId },
      requestId: ctx.requestId,
    });
    return toShare({ ...row, revoked_at: at }, at);
  });
}

/**
 * What a share link shows (public): only the chosen fields, the licence's standing now, and who
 * shared it with whom. The view is recorded in the holder's log in the same transaction.
 * @throws LICENCES_SHARE_NOT_FOUND unknown token, LICENCES_SHARE_EXPIRED expired or withdrawn
 */
export async function viewSharedLicence(platform: Platform, token: string, requestId?: string) {
  const at = platform.clock.now();
  const [share] = await platform.db.query<ShareRow>(`${shareSelect} where s.token_sha256 = $1`, [tokenHash(token)]);
  if (!share) throw new AppError('LICENCES_SHARE_NOT_FOUND', '分享链接无效。This share link does not exist.');
  if (share.revoked_at || new Date(share.expires_at).getTime() <= at.getTime()) {
    throw new AppError('LICENCES_SHARE_EXPIRED', '分享链接已过期或已被撤回。This share link has expired or was withdrawn.', {
      details: { expiresAt: iso(share.expires_at) },
    });
  }
  const [licence] = await platform.db.query<LicenceView>(`${licenceViewSelect} where l.id = $1`, [share.licence_id]);
  if (!licence) throw new AppError('LICENCES_SHARE_NOT_FOUND', '分享链接无效。This share link does not exist.');
  const verification = await verifyPresented(platform, { credential: licence.credential });
  await platform.db.transaction(async (tx) => {
    await recordLicenceUse(
      tx,
      at,
      {
        licenceId: licence.id,
        holderId: licence.holder_id,
        kind: 'share_view',
        shareId: share.id,
        audience: share.audience,
        fields: share.fields,
        licenceFields: Object.keys(licence.fields),
        licenceType: licence.type_code,
        licenceName: { zh: licence.type_name_zh, en: licence.type_name_en },
        licenceNumber: licence.licence_no,
        issuerDepartmentId: licence.issuer_department_id,
        purpose: share.audience,
      },
      requestId,
    );
  });
  return {
    licenceName: { zh: licence.type_name_zh, en: licence.type_name_en },
    licenceType: licence.type_code,
    licenceNumber: licence.licence_no,
    issuer: {
      id: licence.issuer_did,
      departmentId: licence.issuer_department_id,
      name: { zh: licence.issuer_name_zh, en: licence.issuer_name_en },
    },
    holderName: licence.holder_name,
    issuedAt: iso(licence.issued_at),
    validUntil: licence.valid_until ? iso(licence.valid_until) : null,
    status: verification.status,
    fields: labelledFields(licence, share.fields),
    sharedBy: licence.holder_name,
    audience: share.audience,
    expiresAt: iso(share.expires_at),
  };
}
