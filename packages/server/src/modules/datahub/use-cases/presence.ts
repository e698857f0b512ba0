import { createPublicKey, randomUUID, verify } from 'node:crypto';
import { AppError, type CardReaderBody, isValidResidentId, maskIdentifier, type Presence, type SignedCardReadBody } from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { findDepartment } from '../../identity/index.ts';
import { findRegistryPerson } from '../../registry/index.ts';
import { cardReadMessage } from '../card-reader/card-read.ts';
import { recordDataUse } from './other-uses.ts';
import { requireStaff } from './shared.ts';

/**
 * Presence at a service window (窗口在场核验), issue 14. A clerk's reads of a person's data — the
 * identity check, pre-fill, drafts, filing on their behalf — need a presence record that the clerk
 * cannot make alone: a read of the person's ID card chip, signed (Ed25519) by a card reader
 * registered to a seat of the clerk's centre, fresh (±2 minutes) and single-use (its nonce), or —
 * the other evidence, built elsewhere for registration — a one-time code sent to the registry's
 * mobile, recorded through `recordPresence`. A record is valid for PRESENCE_VALID_MINUTES for that
 * clerk and that person. The card's holder need not be in the city's registry (another
 * province's card): the evidence is the card.
 */
export const PRESENCE_VALID_MINUTES = 30;
const READ_FRESH_MS = 2 * 60_000;

const invalid = (reason: string, message: string) => new AppError('DATAHUB_CARD_READ_INVALID', `${message}`, { details: { reason } });

/**
 * Registers a card reader device to a centre's seat (system administrators; the device's private
 * key never leaves it). Audited.
 * @throws VALIDATION_FAILED (a key that is not Ed25519 SPKI, an unknown centre), CONFLICT
 */
export async function registerCardReader(ctx: Ctx, body: CardReaderBody) {
  const actor = requireStaff(ctx.actor);
  try {
    const key = createPublicKey({ key: Buffer.from(body.publicKey, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
  } catch {
    throw new AppError('VALIDATION_FAILED', '读卡器公钥须为 Ed25519（SPKI DER，base64）。The key must be Ed25519 SPKI DER in base64.', {
      field: 'body.publicKey',
    });
  }
  if (!(await findDepartment(ctx.db, body.serviceCentreId))) {
    throw new AppError('VALIDATION_FAILED', '没有该服务中心。No such service centre.', { field: 'body.serviceCentreId' });
  }
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `insert into datahub_card_reader (id, public_key, service_centre_id, seat, registered_by, registered_at)
       values ($1, $2, $3, $4, $5, $6) on conflict (id) do nothing returning id`,
      [body.id, body.publicKey, body.serviceCentreId, body.seat, actor.staffId, at],
    );
    if (!row) throw new AppError('CONFLICT', '该读卡器已登记。The reader is already registered.', { field: 'body.id' });
    await recordAudit(tx, at, {
      actor: { type: 'staff', id: actor.staffId },
      action: 'datahub.card_reader.registered',
      target: { type: 'card_reader', id: body.id },
      detail: { serviceCentreId: body.serviceCentreId, seat: body.seat },
      requestId: ctx.requestId,
    });
    return { id: body.id, serviceCentreId: body.serviceCentreId, seat: body.seat, registeredAt: at.toISOString() };
  });
}

/**
 * The clerk hands over a signed read of the person's card: checked (a registered reader of the
 * clerk's centre, a valid signature, fresh, never seen, a valid card) and kept as a presence
 * record. The read is a use of the person's data (channel `window`), so they see it.
 * @throws DATAHUB_CARD_READ_INVALID (details.reason: unknown_reader, other_centre, signature,
 *   stale, replayed, card_invalid, card_expired)
 */
export async function presentCard(ctx: Ctx, signed: SignedCardReadBody): Promise<Presence> {
  const actor = requireStaff(ctx.actor);
  const { read } = signed;
  const at = ctx.clock.now();
  const [reader] = await ctx.db.query<{ public_key: string; service_centre_id: string; seat: string }>(
    'select public_key, service_centre_id, seat from datahub_card_reader where id = $1 and revoked_at is null',
    [read.reader],
  );
  if (!reader) throw invalid('unknown_reader', '读卡器未登记。The card reader is not registered.');
  if (!actor.departmentScope.includes(reader.service_centre_id)) {
    throw invalid('other_centre', '该读卡器不属于本服务中心。The card reader belongs to another centre.');
  }
  const key = createPublicKey({ key: Buffer.from(reader.public_key, 'base64'), format: 'der', type: 'spki' });
  let genuine = false;
  try {
    genuine = verify(null, cardReadMessage(read), key, Buffer.from(signed.signature, 'base64'));
  } catch {
    genuine = false;
  }
  if (!genuine) throw invalid('signature', '读卡数据签名无效。The card read is not signed by that reader.');
  const readAt = Date.parse(read.readAt);
  if (!Number.isFinite(readAt) || Math.abs(at.getTime() - readAt) > READ_FRESH_MS) {
    throw invalid('stale', '读卡数据已过时，请重新读卡。The card read is not fresh; read the card again.');
  }
  if (!isValidResidentId(read.idNumber)) throw invalid('card_invalid', '身份证号码无效。The card carries an invalid ID number.');
  if (read.validUntil < at.toISOString().slice(0, 10)) throw invalid('card_expired', '身份证已过有效期。The ID card has expired.');

  const inRegistry = (await findRegistryPerson(ctx.db, read.idNumber)) !== undefined;
  const expiresAt = new Date(at.getTime() + PRESENCE_VALID_MINUTES * 60_000);
  const id = await ctx.db.transaction(async (tx) => {
    const created = await recordPresence(tx, at, {
      staffId: actor.staffId,
      subject: read.idNumber,
      name: read.name,
      serviceCentreId: reader.service_centre_id,
      evidence: 'id_card_chip',
      evidenceRef: read.reader,
      nonce: read.nonce,
      inRegistry,
      expiresAt,
    });
    if (!created) throw invalid('replayed', '该读卡数据已使用过。The card read was used before.');
    await recordDataUse(tx, at, {
      channel: 'window',
      action: 'datahub.presence.card_read',
      actor: { type: 'staff', id: actor.staffId },
      actorName: actor.name,
      resource: 'ID-CARD',
      resourceName: { zh: '居民身份证（芯片读取）', en: 'Resident ID card (chip read)' },
      providerDepartmentId: null,
      consumerDepartmentId: actor.departmentId,
      subject: read.idNumber,
      fields: ['id_number', 'name', 'sex', 'birth_date', 'address', 'valid_until'],
      purpose: '窗口读取在场申请人身份证 / read the ID card of the applicant present at a service window',
      target: { type: 'presence', id: created },
      detail: { reader: read.reader, seat: reader.seat },
      requestId: ctx.requestId,
    });
    return created;
  });
  return {
    id,
    idNumberMasked: maskIdentifier(read.idNumber),
    name: read.name,
    evidence: 'id_card_chip',
    inRegistry,
    serviceCentreId: reader.service_centre_id,
    expiresAt: expiresAt.toISOString(),
  };
}

export type PresenceEvidence = {
  staffId: string;
  subject: string;
  name: string;
  serviceCentreId: string;
  evidence: 'id_card_chip' | 'sms_otp';
  /** The reader's id for a card read; the one-time code's reference for `sms_otp`. */
  evidenceRef: string;
  nonce: string | null;
  inRegistry: boolean;
  expiresAt: Date;
};

/**
 * Writes a presence record in the caller's transaction and audits it; returns its id, or
 * undefined when this evidence (reader + nonce) was used before. The hook for the other evidence:
 * once a one-time code sent to the registry's mobile is confirmed at the window, that mechanism
 * calls this with `evidence: 'sms_otp'` (exported from index.ts).
 */
export async function recordPresence(tx: Sql, at: Date, p: PresenceEvidence): Promise<string | undefined> {
  const id = randomUUID();
  const [row] = await tx.query<{ id: string }>(
    `insert into datahub_presence (id, staff_id, subject, name, service_centre_id, evidence, evidence_ref, nonce, in_registry, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (evidence_ref, nonce) do nothing returning id`,
    [id, p.staffId, p.subject, p.name, p.serviceCentreId, p.evidence, p.evidenceRef, p.nonce, p.inRegistry, at, p.expiresAt],
  );
  if (!row) return undefined;
  await recordAudit(tx, at, {
    actor: { type: 'staff', id: p.staffId },
    action: 'datahub.presence.recorded',
    target: { type: 'presence', id },
    subject: p.subject,
    detail: { evidence: p.evidence, ref: p.evidenceRef, serviceCentreId: p.serviceCentreId, expiresAt: p.expiresAt.toISOString() },
  });
  return id;
}

/**
 * A clerk's read of a person's data needs that person's presence record for that clerk.
 * @throws DATAHUB_PRESENCE_REQUIRED
 */
export async function assertPresent(sql: Sql, at: Date, staffId: string, subject: string, field: string): Promise<void> {
  const [row] = await sql.query(
    'select 1 from datahub_presence where staff_id = $1 and subject = $2 and expires_at > $3 and created_at <= $3 limit 1',
    [staffId, subject, at],
  );
  if (!row) {
    throw new AppError(
      'DATAHUB_PRESENCE_REQUIRED',
      '请先读取在场申请人的身份证（或核验发送到其登记手机的验证码）。Read the ID card of the person present first (or confirm a code sent to their registered mobile).',
      { field },
    );
  }
}
