import { AppError, type LicenceStatus, type LicenceSummary, maskIdentifier } from '@tongban/domain';
import type { Platform } from '../../platform/context.ts';

/**
 * Names, URLs and row shapes shared by the licences use cases. A department issues licences as a
 * `did:web` identifier under the platform's public origin; its signing keys live in the signer
 * under the purpose `licence-<slug>` (never in the database).
 */
export const ISSUE_QUEUE = 'licences.issue';
export const API_BASE = '/api/v1/licences';
/** The web app's public verification page; a QR code links here with the signed summary in the fragment. */
export const VERIFY_PAGE_PATH = '/licences/verify';
/** The web app's page for a share link. */
export const SHARED_PAGE_PATH = '/licences/shared';

export type Deps = Pick<Platform, 'db' | 'signer' | 'clock' | 'config'>;

export const slugOf = (departmentId: string) => departmentId.toLowerCase();
export const purposeOf = (slug: string) => `licence-${slug}`;

export function didOf(origin: string, slug: string): string {
  const host = new URL(origin).host.replace(':', '%3A');
  return `did:web:${host}:api:v1:licences:issuers:${slug}`;
}

export const didDocumentUrl = (origin: string, slug: string) => `${origin}${API_BASE}/issuers/${slug}/did.json`;
export const contextUrl = (origin: string) => `${origin}${API_BASE}/contexts/v1`;
export const statusListUrl = (origin: string, listId: string) => `${origin}${API_BASE}/status/${listId}`;
export const statusListId = (slug: string, purpose: 'revocation' | 'suspension', seq: number) => `${slug}-${purpose}-${seq}`;

export type IssuerRow = { department_id: string; slug: string; did: string; name_zh: string; name_en: string };

export type LicenceRow = {
  id: string;
  licence_no: string;
  type_code: string;
  issuer_department_id: string;
  holder_kind: 'person' | 'enterprise';
  holder_id: string;
  holder_name: string;
  source: 'case' | 'import';
  case_id: string | null;
  fields: Record<string, string | number>;
  issued_at: Date;
  valid_from: Date;
  valid_until: Date | null;
  key_id: string;
  credential: string;
  credential_sha256: string;
  status: LicenceStatus;
  status_reason: string | null;
  status_changed_at: Date | null;
  list_seq: number;
  status_index: number;
};

/** A licence row with its type's and issuer's names, as the read queries select it. */
export type LicenceView = LicenceRow & {
  type_name_zh: string;
  type_name_en: string;
  type_fields: { key: string; label: { zh: string; en: string } }[];
  issuer_did: string;
  issuer_name_zh: string;
  issuer_name_en: string;
};

export const licenceViewSelect = `select l.*, t.name_zh as type_name_zh, t.name_en as type_name_en, t.fields as type_fields,
    i.did as issuer_did, i.name_zh as issuer_name_zh, i.name_en as issuer_name_en
  from licence l join licence_type t on t.code = l.type_code join licence_issuer i on i.department_id = l.issuer_department_id`;

export const iso = (d: Date | string) => new Date(d).toISOString();

export function toSummary(row: LicenceView, now: Date): LicenceSummary {
  return {
    id: row.id,
    credentialId: `urn:uuid:${row.id}`,
    licenceNumber: row.licence_no,
    type: row.type_code,
    name: { zh: row.type_name_zh, en: row.type_name_en },
    issuer: { id: row.issuer_did, departmentId: row.issuer_department_id, name: { zh: row.issuer_name_zh, en: row.issuer_name_en } },
    holder: { kind: row.holder_kind, id: row.holder_id, name: row.holder_name },
    issuedAt: iso(row.issued_at),
    validFrom: iso(row.valid_from),
    validUntil: row.valid_until ? iso(row.valid_until) : null,
    status: row.status,
    expired: row.valid_until !== null && new Date(row.valid_until).getTime() <= now.getTime(),
    caseId: row.case_id,
    source: row.source,
  };
}

/** Labelled field values in the type's order, then any the type does not list. */
export function labelledFields(row: Pick<LicenceView, 'fields' | 'type_fields'>, only?: readonly string[] | null) {
  const labels = new Map(row.type_fields.map((f) => [f.key, f.label]));
  const keys = [
    ...row.type_fields.map((f) => f.key).filter((k) => Object.hasOwn(row.fields, k)),
    ...Object.keys(row.fields).filter((k) => !labels.has(k)),
  ];
  return keys
    .filter((k) => !only || only.includes(k))
    .map((key) => ({ key, label: labels.get(key) ?? { zh: key, en: key }, value: row.fields[key] as string | number }));
}

export const maskHolder = (id: string) => maskIdentifier(id);

export const licenceNotFound = () => new AppError('LICENCES_NOT_FOUND', '没有该电子证照。No such licence.');

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === '23505';
}
