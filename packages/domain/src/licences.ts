import { z } from 'zod';
import { chinaDateOf, startOfChinaDate } from './calendar.ts';
import type { ServiceItemContent } from './catalogue.ts';

/**
 * E-licences (电子证照): the shapes of the licences API (wallet, verification, sharing, status
 * changes) and the rules about licence types that the server and the web app share — which form
 * fields a licence carries, how long each type stays valid.
 */

export const licenceStatuses = ['active', 'suspended', 'revoked'] as const;
export type LicenceStatus = (typeof licenceStatuses)[number];

export const licenceStatusLabels: Record<LicenceStatus, { zh: string; en: string }> = {
  active: { zh: '有效', en: 'Active' },
  suspended: { zh: '已暂停', en: 'Suspended' },
  revoked: { zh: '已吊销（撤销）', en: 'Revoked' },
};

/** What a verifier learns about a credential or QR code. */
export const verificationStatuses = [
  'valid',
  'revoked',
  'suspended',
  'expired',
  'not_yet_valid',
  'tampered',
  'unknown_issuer',
  'malformed',
] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];

export const verificationStatusLabels: Record<VerificationStatus, { zh: string; en: string }> = {
  valid: {
    zh: '有效：签名正确，未被吊销或暂停，在有效期内',
    en: 'Valid: signature correct, not revoked or suspended, within its validity',
  },
  revoked: { zh: '已吊销（撤销）', en: 'Revoked by the issuer' },
  suspended: { zh: '已暂停', en: 'Suspended by the issuer' },
  expired: { zh: '已过有效期', en: 'Expired' },
  not_yet_valid: { zh: '尚未生效', en: 'Not valid yet' },
  tampered: { zh: '内容被篡改或签名无效', en: 'Altered or signature invalid' },
  unknown_issuer: { zh: '签发机关不明（不是本平台公布的签发密钥）', en: 'Unknown issuer (not a key this platform publishes)' },
  malformed: { zh: '无法识别的证照或二维码', en: 'Not a credential or QR code this platform recognises' },
};

export const holderKinds = ['person', 'enterprise'] as const;
export type HolderKind = (typeof holderKinds)[number];

// ---------------------------------------------------------------------------------------------
// Licence type rules

/**
 * How long a licence of each type stays valid, in months from issuance (0: no end date, 长期有效).
 * Demo defaults modelled on the usual national rules (e.g. 食品经营许可证 5 years, 临时居民身份证
 * 3 months); a type missing here has no end date. An import may give each row its own end date.
 */
export const licenceValidityMonths: Readonly<Record<string, number>> = {
  'BUSINESS-LICENCE': 0,
  'INDIVIDUAL-BUSINESS-LICENCE': 0,
  'FOOD-BUSINESS-LICENCE': 60,
  'DRUG-BUSINESS-LICENCE': 60,
  'MEDICAL-DEVICE-TRADING-FILING': 0,
  'SPECIAL-EQUIPMENT-USE-CERTIFICATE': 0,
  'INDUSTRY-COMPREHENSIVE-LICENCE': 60,
  'RESIDENT-ID-CARD': 240,
  'TEMPORARY-ID-CARD': 3,
  'NO-CRIMINAL-RECORD-CERTIFICATE': 3,
  PASSPORT: 120,
  'HK-MACAO-PERMIT': 120,
  'HOTEL-SPECIAL-TRADE-LICENCE': 0,
  'RESIDENCE-PERMIT': 12,
  'VEHICLE-REGISTRATION': 0,
  'DRIVING-LICENCE': 120,
  'TAX-CLEARANCE-CERTIFICATE': 0,
  'TAX-PAYMENT-RECORD': 0,
  'SOCIAL-SECURITY-CARD': 120,
  'WORK-INJURY-DECISION': 0,
  'WORK-ABILITY-APPRAISAL': 0,
  'HR-SERVICE-LICENCE': 60,
  'LABOUR-DISPATCH-LICENCE': 36,
  'SETTLEMENT-APPROVAL': 6,
  'CONSTRUCTION-PERMIT': 0,
  'FIRE-DESIGN-APPROVAL': 0,
  'FIRE-ACCEPTANCE': 0,
  'COMPLETION-ACCEPTANCE-FILING': 0,
  'CONSTRUCTION-ENTERPRISE-QUALIFICATION': 60,
  'CONSTRUCTION-SAFETY-LICENCE': 36,
  'PRESALE-PERMIT': 0,
  'RENTAL-REGISTRATION-CERTIFICATE': 12,
  'GAS-BUSINESS-LICENCE': 36,
  'LAND-PRE-APPROVAL': 36,
  'LAND-USE-PLANNING-PERMIT': 0,
  'CONSTRUCTION-PLANNING-PERMIT': 24,
  'PLANNING-VERIFICATION-CERTIFICATE': 0,
  'RURAL-PLANNING-PERMIT': 24,
  'REAL-ESTATE-CERTIFICATE': 0,
  'REAL-ESTATE-REGISTRATION-PROOF': 0,
  'MARRIAGE-CERTIFICATE': 0,
  'DIVORCE-CERTIFICATE': 0,
  'ADOPTION-CERTIFICATE': 0,
  'SOCIAL-ORGANISATION-CERTIFICATE': 60,
  'SOCIAL-SERVICE-ORGANISATION-CERTIFICATE': 60,
  'BIRTH-MEDICAL-CERTIFICATE': 0,
  'PHYSICIAN-PRACTICE-CERTIFICATE': 0,
  'NURSE-PRACTICE-CERTIFICATE': 60,
  'MEDICAL-INSTITUTION-LICENCE': 60,
  'CLINIC-FILING-CERTIFICATE': 0,
  'PUBLIC-PLACE-HYGIENE-LICENCE': 48,
  'WATER-SUPPLY-HYGIENE-LICENCE': 48,
  'DEGREE-CERTIFICATION': 0,
  'TEACHER-QUALIFICATION-CERTIFICATE': 0,
  'PRIVATE-SCHOOL-LICENCE': 60,
  'EIA-APPROVAL': 60,
  'POLLUTANT-DISCHARGE-PERMIT': 60,
  'HAZARDOUS-WASTE-LICENCE': 60,
  'RADIATION-SAFETY-LICENCE': 60,
  'ROAD-TRANSPORT-LICENCE': 48,
  'RIDE-HAILING-BUSINESS-LICENCE': 48,
  'RIDE-HAILING-VEHICLE-PERMIT': 96,
  'RIDE-HAILING-DRIVER-LICENCE': 72,
  'TAXI-DRIVER-CERTIFICATE': 72,
  'ROAD-EXCAVATION-PERMIT': 3,
  'INVESTMENT-PROJECT-FILING': 24,
  'INVESTMENT-PROJECT-APPROVAL': 24,
  'LAWYER-PRACTICE-CERTIFICATE': 0,
  'FORENSIC-INSTITUTION-LICENCE': 60,
  'GRASSROOTS-LEGAL-WORKER-CERTIFICATE': 0,
  'AUCTION-LICENCE': 0,
  'ELV-RECYCLING-QUALIFICATION': 0,
  'OUTBOUND-INVESTMENT-CERTIFICATE': 24,
  'WATER-ABSTRACTION-PERMIT': 60,
  'SEWER-DISCHARGE-PERMIT': 60,
  'HAZCHEM-BUSINESS-LICENCE': 36,
  'FIREWORKS-RETAIL-LICENCE': 12,
  'SPECIAL-OPERATION-CERTIFICATE': 72,
  'TRAVEL-AGENCY-LICENCE': 0,
  'ENTERTAINMENT-LICENCE': 24,
  'TOUR-GUIDE-LICENCE': 36,
  'INTERNET-CULTURE-LICENCE': 36,
  'VETERAN-PRIVILEGE-CARD': 0,
  'DISABLED-SERVICEMAN-CERTIFICATE': 0,
  'DISABILITY-CERTIFICATE': 120,
};

/**
 * The end of validity for a licence issued at `validFrom`: the start (China time) of the same
 * calendar date `months` later; null when the type has no end date.
 */
export function validUntilOf(validFrom: Date, months: number): Date | null {
  if (months <= 0) return null;
  const [y, m, d] = chinaDateOf(validFrom).split('-').map(Number) as [number, number, number];
  const total = m - 1 + months;
  const year = y + Math.floor(total / 12);
  const month = (total % 12) + 1;
  // 29–31 of a shorter month moves to its last day.
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const date = `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  return startOfChinaDate(date);
}

/**
 * Form fields that describe the application rather than the licence (contact numbers, the agent
 * who filed it, where to post it): they never go into a credential. A licence that describes an
 * enterprise (a business licence, shown to every customer and counterparty) names its legal
 * representative but never carries a person's ID number; a person's own licence does carry theirs.
 */
export function isLicenceField(formKey: string, describes: 'person' | 'enterprise' = 'person'): boolean {
  if (/^agent\./.test(formKey) || /^delivery\./.test(formKey) || /(^|\.)(contact_)?mobile$/.test(formKey)) return false;
  return !(describes === 'enterprise' && /(^|[._])id_number$/.test(formKey));
}

/** Whether an item's licence describes an enterprise: held by one, or its form is about one (a company being set up). */
export function licenceDescribes(content: Pick<ServiceItemContent, 'applicantType' | 'form'>): 'person' | 'enterprise' {
  return content.applicantType === 'enterprise' || (content.form ?? []).some((f) => f.key.startsWith('enterprise.'))
    ? 'enterprise'
    : 'person';
}

// ---------------------------------------------------------------------------------------------
// API shapes

const localized = z.object({ zh: z.string(), en: z.string() });
const licenceId = z.string().uuid();
const fieldValue = z.union([z.string(), z.number()]);

export const licenceParamsSchema = z.object({ id: licenceId });

export const licenceTypeFieldSchema = z.object({ key: z.string(), label: localized });

export const licenceTypeSchema = z.object({
  code: z.string(),
  name: localized,
  issuingDepartmentId: z.string(),
  holderKind: z.enum(['person', 'enterprise', 'either']),
  fields: z.array(licenceTypeFieldSchema),
  /** Months of validity from issuance; 0: no end date. */
  validityMonths: z.number().int(),
  sourceItems: z.array(z.string()),
});
export type LicenceType = z.infer<typeof licenceTypeSchema>;

export const licenceIssuerSchema = z.object({ id: z.string(), departmentId: z.string(), name: localized });

export const licenceSummarySchema = z.object({
  id: licenceId,
  credentialId: z.string(),
  licenceNumber: z.string(),
  type: z.string(),
  name: localized,
  issuer: licenceIssuerSchema,
  holder: z.object({ kind: z.enum(holderKinds), id: z.string(), name: z.string() }),
  issuedAt: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  status: z.enum(licenceStatuses),
  /** Active but past its end date. */
  expired: z.boolean(),
  caseId: z.string().nullable(),
  source: z.enum(['case', 'import']),
});
export type LicenceSummary = z.infer<typeof licenceSummarySchema>;

export const licenceDetailSchema = licenceSummarySchema.extend({
  fields: z.array(z.object({ key: z.string(), label: localized, value: fieldValue })),
  statusReason: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  keyId: z.string(),
  /** The credential as issued: a VC-JOSE `vc+jwt` compact JWS. */
  credential: z.string(),
});
export type LicenceDetail = z.infer<typeof licenceDetailSchema>;

export const licenceListQuerySchema = z.object({
  /** Only licences held by this enterprise (one the user acts for) or by the user themself (their ID number). */
  holder: z.string().trim().max(18).optional(),
  status: z.enum(licenceStatuses).optional(),
  type: z.string().trim().max(64).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const licenceListSchema = z.object({
  items: z.array(licenceSummarySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  hasMore: z.boolean(),
});

export const licenceQrSchema = z.object({
  /** What the QR code holds: a link to the public verification page carrying a signed summary. */
  payload: z.string(),
  /** The signed summary alone (compact JWS), for verifiers that read the QR code themselves. */
  token: z.string(),
  svg: z.string(),
});

export const verifyBodySchema = z
  .object({
    /** The credential: a `vc+jwt` compact JWS, a `data:application/vc+jwt,…` URL, or an EnvelopedVerifiableCredential. */
    credential: z
      .union([
        z.string().trim().min(1).max(32_000),
        z.object({ '@context': z.unknown().optional(), type: z.unknown().optional(), id: z.string().max(32_000) }),
      ])
      .optional(),
    /** What a licence's QR code holds (the link, or the token alone). */
    qr: z.string().trim().min(1).max(4_000).optional(),
  })
  .refine((b) => (b.credential === undefined) !== (b.qr === undefined), {
    message: 'Give exactly one of credential and qr.',
    path: ['credential'],
  });
export type VerifyBody = z.infer<typeof verifyBodySchema>;

export const verificationResultSchema = z.object({
  status: z.enum(verificationStatuses),
  message: localized,
  issuer: licenceIssuerSchema.nullable(),
  issuedAt: z.string().nullable(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  credentialId: z.string().nullable(),
  licenceType: z.string().nullable(),
  licenceName: localized.nullable(),
  licenceNumber: z.string().nullable(),
  /** The holder's name and masked identifier. */
  holder: z.object({ kind: z.string(), name: z.string(), id: z.string() }).nullable(),
  keyId: z.string().nullable(),
  /** Whether the signing key is the issuer's current one (false: an older, rotated key that still verifies). */
  keyCurrent: z.boolean().nullable(),
  /**
   * A presented credential's fields, labelled, once its signature checked out (whoever presents the
   * file holds its contents anyway). Null for a QR code: it carries a summary only.
   */
  fields: z.array(z.object({ key: z.string(), label: localized, value: fieldValue })).nullable(),
  statusChangedAt: z.string().nullable(),
  checks: z.object({
    signature: z.enum(['ok', 'failed', 'not_checked']),
    issuer: z.enum(['known', 'unknown', 'not_checked']),
    revocation: z.enum(['ok', 'revoked', 'not_checked']),
    suspension: z.enum(['ok', 'suspended', 'not_checked']),
    validity: z.enum(['ok', 'expired', 'not_yet_valid', 'not_checked']),
    /** QR codes only: the signed digest matches the credential on record. */
    digest: z.enum(['ok', 'mismatch', 'not_checked']),
  }),
  checkedAt: z.string(),
});
export type VerificationResult = z.infer<typeof verificationResultSchema>;

export const statusChangeActions = ['revoke', 'suspend', 'reinstate'] as const;
export type StatusChangeAction = (typeof statusChangeActions)[number];

export const statusChangeBodySchema = z.object({ reason: z.string().trim().min(2).max(500) });

export const shareCreateBodySchema = z.object({
  /** Field keys to show; omitted: every field of the licence. */
  fields: z.array(z.string().trim().min(1).max(100)).min(1).max(100).optional(),
  /** Who the link is for, as the holder describes them (e.g. 某银行开户). */
  audience: z.string().trim().min(1).max(100),
  /** How long the link works, in hours (at most 30 days). */
  expiresInHours: z.number().int().min(1).max(720),
});
export type ShareCreateBody = z.infer<typeof shareCreateBodySchema>;

export const shareSchema = z.object({
  id: z.string(),
  licenceId: licenceId,
  audience: z.string(),
  fields: z.array(z.string()).nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  views: z.number().int(),
  active: z.boolean(),
});

export const shareCreatedSchema = shareSchema.extend({
  /** Shown once: only its hash is kept. */
  token: z.string(),
  url: z.string(),
});

export const shareTokenParamsSchema = z.object({ token: z.string().min(20).max(100) });
export const shareParamsSchema = z.object({ id: licenceId, shareId: z.string().uuid() });

export const sharedLicenceSchema = z.object({
  licenceName: localized,
  licenceType: z.string(),
  licenceNumber: z.string(),
  issuer: licenceIssuerSchema,
  holderName: z.string(),
  issuedAt: z.string(),
  validUntil: z.string().nullable(),
  /** The licence's standing now, as a verifier would see it. */
  status: z.enum(verificationStatuses),
  fields: z.array(z.object({ key: z.string(), label: localized, value: fieldValue })),
  sharedBy: z.string(),
  audience: z.string(),
  expiresAt: z.string(),
});

export const licenceUsageSchema = z.object({
  items: z.array(
    z.object({
      at: z.string(),
      kind: z.enum(['share_view', 'material']),
      licenceId: licenceId,
      licenceName: localized,
      /** Share views: the audience the holder named; materials: the department whose case used it. */
      by: z.string(),
      caseId: z.string().nullable(),
      fields: z.array(z.string()).nullable(),
    }),
  ),
});
