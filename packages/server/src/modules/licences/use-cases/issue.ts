import { randomBytes, randomUUID } from 'node:crypto';
import { chinaDateOf, type LicenceType, validUntilOf } from '@tongban/domain';
import { type AuditActor, recordAudit } from '../../../platform/audit/audit.ts';
import type { Platform } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { enqueueNotification } from '../../../platform/notify/index.ts';
import type { CaseConclusion, ConclusionHook } from '../../cases/index.ts';
import { getItemVersion } from '../../catalogue/index.ts';
import { type Deps, ISSUE_QUEUE, type LicenceRow } from '../licences.shared.ts';
import { buildCredential, sha256Hex, signCredential } from './credential.ts';
import { ensureIssuer } from './issuers.ts';
import { allocateStatusIndex } from './status-lists.ts';
import { typeFromItem, upsertLicenceType } from './types.ts';

/**
 * Issuance. An approved case asks for its licence in the transaction that concludes it: the
 * conclusion hook writes a `licence_issuance` row (primary key: the case) and enqueues the
 * `licences.issue` job in that same transaction — the outbox, so the request exists exactly when
 * the approval committed. The job (or the sweep `issuePendingLicences`) then issues in one
 * transaction: the issuance row locked, the credential signed and stored, the row marked issued.
 * A retried job, a second worker or a crash half-way leaves exactly one licence: the row lock and
 * `licence.case_id unique` see to it, and a rolled-back attempt leaves nothing behind.
 */

export type NewLicence = {
  type: LicenceType;
  issuerDepartmentId: string;
  holder: { kind: 'person' | 'enterprise'; id: string; name: string };
  fields: Record<string, string | number>;
  validFrom: Date;
  /** undefined: from the type's validity rule; null: no end date. */
  validUntil?: Date | null | undefined;
  licenceNumber?: string | undefined;
  source: 'case' | 'import';
  caseId?: string | undefined;
  caseTrackingNumber?: string | undefined;
  importKey?: string | undefined;
};

/** A licence number when none was given: type initials, issue date, random digits. */
function newLicenceNumber(type: LicenceType, at: Date): string {
  const initials = type.code
    .split('-')
    .map((w) => w[0])
    .join('');
  return `${initials}${chinaDateOf(at).replaceAll('-', '')}${randomBytes(5).readUIntBE(0, 5).toString().padStart(13, '0').slice(-10)}`;
}

/**
 * Issues one licence inside `tx`: registers the type and issuer if new, takes a status list
 * index, builds and signs the credential, stores it and writes the audit entry.
 * @throws IDENTITY_DEPARTMENT_NOT_FOUND the issuing department does not exist
 */
export async function issueLicence(deps: Deps, tx: Sql, input: NewLicence, actor: AuditActor, requestId?: string): Promise<LicenceRow> {
  const at = deps.clock.now();
  const type = await upsertLicenceType(tx, at, input.type);
  const issuer = await ensureIssuer(deps, tx, at, input.issuerDepartmentId);
  const { listSeq, index } = await allocateStatusIndex(tx, at, issuer);
  const id = randomUUID();
  const licenceNumber = input.licenceNumber ?? newLicenceNumber(type, input.validFrom);
  const validUntil = input.validUntil === undefined ? validUntilOf(input.validFrom, type.validityMonths) : input.validUntil;
  const credential = buildCredential(deps.config.PUBLIC_ORIGIN, {
    id,
    licenceNumber,
    typeCode: type.code,
    typeName: type.name,
    issuer,
    holder: input.holder,
    fields: input.fields,
    validFrom: input.validFrom,
    validUntil,
    listSeq,
    statusIndex: index,
    caseTrackingNumber: input.caseTrackingNumber,
  });
  const { jwt, keyId } = await signCredential(deps.signer, issuer, credential, at);
  const [row] = await tx.query<LicenceRow>(
    `insert into licence (id, licence_no, type_code, issuer_department_id, holder_kind, holder_id, holder_name, source, case_id, import_key,
       fields, issued_at, valid_from, valid_until, key_id, credential, credential_sha256, list_seq, status_index)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) returning *`,
    [
      id,
      licenceNumber,
      type.code,
      issuer.department_id,
      input.holder.kind,
      input.holder.id,
      input.holder.name,
      input.source,
      input.caseId ?? null,
      input.importKey ?? null,
      JSON.stringify(input.fields),
      at,
      input.validFrom,
      validUntil,
      keyId,
      jwt,
      sha256Hex(jwt),
      listSeq,
      index,
    ],
  );
  await recordAudit(tx, at, {
    actor,
    action: 'licences.licence.issued',
    target: { type: 'licence', id },
    subject: input.holder.id,
    detail: { licenceNumber, type: type.code, issuer: issuer.did, keyId, source: input.source, caseId: input.caseId ?? null },
    requestId,
  });
  return row as LicenceRow;
}

// ---------------------------------------------------------------------------------------------
// From an approved case

/** What the conclusion hook keeps for the job: enough to issue without asking the cases module again. */
type IssuancePayload = {
  trackingNumber: string;
  itemCode: string;
  type: LicenceType;
  issuerDepartmentId: string;
  holder: { kind: 'person' | 'enterprise'; id: string; name: string };
  notify: string;
  form: Record<string, string | number>;
  certificateNumber: string | null;
  decidedAt: string;
};

/** The hook the cases module runs when a case concludes (registered in index.ts). */
export function createConclusionHook(platform: Pick<Platform, 'jobs'>): ConclusionHook {
  return async (c: CaseConclusion) => {
    if (c.outcome !== 'approved') return;
    const item = await getItemVersion(c.sql, c.catalogueVersionId);
    const type = typeFromItem(item.code, item.content);
    if (!type) return;
    const holder = c.applicant.enterpriseCreditCode
      ? {
          kind: 'enterprise' as const,
          id: c.applicant.enterpriseCreditCode,
          name: c.applicant.enterpriseName ?? c.applicant.enterpriseCreditCode,
        }
      : { kind: 'person' as const, id: c.applicant.idNumber, name: c.applicant.name };
    const payload: IssuancePayload = {
      trackingNumber: c.trackingNumber,
      itemCode: c.itemCode,
      type,
      issuerDepartmentId: c.responsibleDepartmentId,
      holder,
      notify: c.applicant.idNumber,
      form: c.form,
      certificateNumber: c.certificateNumber,
      decidedAt: c.at.toISOString(),
    };
    const inserted = await c.sql.query(
      `insert into licence_issuance (case_id, requested_at, payload, state) values ($1, $2, $3, 'pending')
       on conflict (case_id) do nothing returning case_id`,
      [c.caseId, c.at, JSON.stringify(payload)],
    );
    if (inserted.length > 0)
      await platform.jobs.send(ISSUE_QUEUE, { caseId: c.caseId }, { tx: c.sql, singletonKey: c.caseId, retryLimit: 5 });
  };
}

export type IssueOutcome = { state: 'issued' | 'already_issued' | 'not_requested'; licenceId: string | null };

/**
 * Issues the licence an approved case asked for; a no-op when it was issued already. Safe to run
 * any number of times, concurrently or after a crash.
 */
export async function issueForCase(
  platform: Pick<Platform, 'db' | 'signer' | 'clock' | 'config' | 'jobs'>,
  caseId: string,
): Promise<IssueOutcome> {
  try {
    return await platform.db.transaction(async (tx) => {
      const [request] = await tx.query<{ state: string; licence_id: string | null; payload: IssuancePayload }>(
        'select state, licence_id, payload from licence_issuance where case_id = $1 for update',
        [caseId],
      );
      if (!request) return { state: 'not_requested', licenceId: null };
      if (request.state === 'issued') return { state: 'already_issued', licenceId: request.licence_id };
      const p = request.payload;
      const fields = Object.fromEntries(
        p.type.fields
          .filter((f) => p.form[f.key] !== undefined && p.form[f.key] !== '')
          .map((f) => [f.key, p.form[f.key] as string | number]),
      );
      const decidedAt = new Date(p.decidedAt);
      const row = await issueLicence(
        platform,
        tx,
        {
          type: p.type,
          issuerDepartmentId: p.issuerDepartmentId,
          holder: p.holder,
          fields,
          validFrom: decidedAt,
          licenceNumber: p.certificateNumber ?? undefined,
          source: 'case',
          caseId,
          caseTrackingNumber: p.trackingNumber,
        },
        { type: 'system', id: 'licences.issue' },
      );
      const at = platform.clock.now();
      await tx.query(
        `update licence_issuance set state = 'issued', licence_id = $2, attempts = attempts + 1, last_error = null, done_at = $3 where case_id = $1`,
        [caseId, row.id, at],
      );
      await enqueueNotification(tx, platform.jobs, at, {
        recipient: { type: 'person', idNumber: p.notify },
        kind: 'licences.issued',
        title: `电子证照已签发：${p.type.name.zh} E-licence issued`,
        body: `您的办件（编号 ${p.trackingNumber}）的结果「${p.type.name.zh}」已作为电子证照签发，可在证照夹查看、下载和出示。Your ${p.type.name.en} is in your wallet.`,
        link: `/portal/licences/${row.id}`,
        caseId,
      });
      return { state: 'issued', licenceId: row.id };
    });
  } catch (error) {
    // Recorded for operators; the job is retried by the queue and the sweep picks it up later.
    await platform.db.query(
      `update licence_issuance set attempts = attempts + 1, last_error = $2 where case_id = $1 and state = 'pending'`,
      [caseId, String((error as Error).message ?? error).slice(0, 500)],
    );
    throw error;
  }
}

/**
 * Issues every pending licence (oldest first): recovery after an outage and a way for tests to
 * run the outbox without the job worker. Failures stay pending with their error recorded.
 */
export async function issuePendingLicences(
  platform: Pick<Platform, 'db' | 'signer' | 'clock' | 'config' | 'jobs' | 'log'>,
): Promise<{ issued: number; failed: number }> {
  const pending = await platform.db.query<{ case_id: string }>(
    `select case_id from licence_issuance where state = 'pending' order by requested_at, case_id limit 1000`,
  );
  let issued = 0;
  let failed = 0;
  for (const { case_id } of pending) {
    try {
      if ((await issueForCase(platform, case_id)).state === 'issued') issued++;
    } catch (error) {
      failed++;
      platform.log.warn({ err: error, caseId: case_id }, 'licence issuance failed; it stays pending');
    }
  }
  return { issued, failed };
}
