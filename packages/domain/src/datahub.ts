import { z } from 'zod';
import { localizedTextSchema } from './catalogue.ts';
import { normaliseIdentifier, normaliseText } from './identity.ts';
import { checkCreditCode, checkResidentId } from './ids.ts';

/**
 * The data hub (数据共享交换平台): the data resources catalogue (数据资源目录) with its shared field
 * dictionary (数据元, 一数一源), sharing grants tied to purposes and catalogue items, the exchange
 * log as its subjects and data officers see it, governance reports and once-only metrics. Shapes
 * shared by the server routes (validation + OpenAPI) and the web app; value checks are pure.
 */

const textField = (max: number, min = 1) =>
  z.preprocess((v) => (typeof v === 'string' ? normaliseText(v) : v), z.string().min(min).max(max));
const identifierField = (max = 32) => z.preprocess((v) => (typeof v === 'string' ? normaliseIdentifier(v) : v), z.string().min(1).max(max));
const isoDateTime = z.string().describe('ISO 8601 date-time');

/** Resource and item codes: capital letters, digits, hyphens (the catalogue's rule). */
export const resourceCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,63}$/, 'codes use capital letters, digits and hyphens');
const itemCodeSchema = resourceCodeSchema;
/** Field names inside a resource and dictionary keys: snake_case. */
const snakeName = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'snake_case names');

// ---------------------------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------------------------

/** 无条件共享 / 有条件共享 / 不予共享. */
export const sharingClasses = ['unconditional', 'conditional', 'not_shared'] as const;
export type SharingClass = (typeof sharingClasses)[number];
export const sharingClassLabels: Record<SharingClass, { zh: string; en: string }> = {
  unconditional: { zh: '无条件共享', en: 'Shared unconditionally' },
  conditional: { zh: '有条件共享', en: 'Shared on conditions' },
  not_shared: { zh: '不予共享', en: 'Not shared' },
};

export const updateFrequencies = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type UpdateFrequency = (typeof updateFrequencies)[number];

/** A record is stale when it was last updated longer ago than this for its resource's frequency. */
export const freshnessDays: Record<UpdateFrequency, number> = {
  realtime: 1,
  daily: 2,
  weekly: 8,
  monthly: 35,
  quarterly: 100,
  yearly: 400,
};

/** Whom a record is about: a natural person (resident ID) or an enterprise (credit code). */
export const subjectKinds = ['person', 'enterprise'] as const;
export type SubjectKind = (typeof subjectKinds)[number];

/** The types a data element may have; `id_number` and `credit_code` carry check digits. */
export const fieldTypes = ['text', 'address', 'number', 'money', 'date', 'boolean', 'code', 'id_number', 'credit_code'] as const;
export type FieldType = (typeof fieldTypes)[number];

export const providerKinds = ['registry', 'http'] as const;
export type ProviderKind = (typeof providerKinds)[number];

export const grantStatuses = ['requested', 'approved', 'refused', 'revoked', 'expired'] as const;
export type GrantStatus = (typeof grantStatuses)[number];

/**
 * How an exchange came about: a staff query, supply at filing (also an e-licence used as a material), a
 * retried supply, form pre-fill, or a third party viewing an e-licence through the holder's share link.
 */
export const exchangeChannels = ['query', 'filing', 'retry', 'prefill', 'share'] as const;
export type ExchangeChannel = (typeof exchangeChannels)[number];

/** A once-only material fetched for a case: attached, waiting for a provider, refused, given up. */
export const supplyStates = ['attached', 'pending', 'refused', 'failed'] as const;
export type SupplyState = (typeof supplyStates)[number];

// ---------------------------------------------------------------------------------------------
// Values against the field dictionary
// ---------------------------------------------------------------------------------------------

export type FieldValueRule = { type: FieldType; allowedValues?: readonly string[] | null; maxLength?: number | null };
export type FieldValueProblem = 'missing' | 'invalid';

/**
 * Checks one value against its data element: missing (null, undefined, empty text) or invalid
 * (wrong check digit, impossible date, a code outside the allowed values, too long …).
 */
export function checkFieldValue(rule: FieldValueRule, value: unknown): FieldValueProblem | undefined {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return 'missing';
  switch (rule.type) {
    case 'id_number':
      return typeof value === 'string' && checkResidentId(value) === undefined ? undefined : 'invalid';
    case 'credit_code':
      return typeof value === 'string' && checkCreditCode(value) === undefined ? undefined : 'invalid';
    case 'date':
      return typeof value === 'string' && isRealDate(value) ? undefined : 'invalid';
    case 'number':
    case 'money': {
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
      return Number.isFinite(n) && n >= 0 ? undefined : 'invalid';
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'invalid';
    case 'code':
      return typeof value === 'string' && (!rule.allowedValues || rule.allowedValues.includes(value)) ? undefined : 'invalid';
    default:
      return typeof value === 'string' && (!rule.maxLength || [...value].length <= rule.maxLength) ? undefined : 'invalid';
  }
}

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

// ---------------------------------------------------------------------------------------------
// Field dictionary (数据元) and resources (数据资源目录)
// ---------------------------------------------------------------------------------------------

export const dictionaryFieldInputSchema = z.object({
  key: snakeName,
  name: localizedTextSchema,
  type: z.enum(fieldTypes),
  /** How values are written, e.g. `YYYY-MM-DD`, `GB 11643-1999`. */
  format: textField(200).optional(),
  /** For `code`: the only values allowed. */
  allowedValues: z.array(textField(64)).min(1).max(200).optional(),
  maxLength: z.number().int().min(1).max(10_000).optional(),
  description: textField(1000).optional(),
});
export type DictionaryFieldInput = z.infer<typeof dictionaryFieldInputSchema>;

export const dictionaryFieldSchema = dictionaryFieldInputSchema.extend({
  format: z.string().nullable(),
  allowedValues: z.array(z.string()).nullable(),
  maxLength: z.number().int().nullable(),
  description: z.string().nullable(),
  /** Resource fields that use this element (`RESOURCE.field`). */
  usedBy: z.array(z.string()),
});
export type DictionaryField = z.infer<typeof dictionaryFieldSchema>;
export const dictionaryListSchema = z.object({ items: z.array(dictionaryFieldSchema) });

export const resourceFieldInputSchema = z.object({
  /** The field's name in this resource (what materials and grants name), e.g. `owner_id_number`. */
  name: snakeName,
  /** The data element it is an instance of; its type and format come from the dictionary. */
  element: snakeName,
  /** The field's label in this resource, e.g. 产权人公民身份号码 (defaults to the element's name). */
  label: localizedTextSchema.optional(),
  /** Personal information (个人信息) about a natural person. */
  personal: z.boolean().default(false),
  /** Sensitive personal information (敏感个人信息: finance, health, minors …). */
  sensitive: z.boolean().default(false),
  /** The law requires the person's consent before this field is shared. */
  consentRequired: z.boolean().default(false),
  /** May rightly be empty (the spouse of someone unmarried): not counted against completeness. */
  optional: z.boolean().default(false),
});
export type ResourceFieldInput = z.input<typeof resourceFieldInputSchema>;

export const resourceProviderSchema = z.discriminatedUnion('kind', [
  /** Tables of the owning department inside the platform, read by a named adapter. */
  z.object({ kind: z.literal('registry'), adapter: snakeName }),
  /** The department's own system, called over HTTP with signed requests and responses. */
  z.object({ kind: z.literal('http'), providerId: snakeName }),
]);
export type ResourceProvider = z.infer<typeof resourceProviderSchema>;

const resourceBody = {
  name: localizedTextSchema,
  description: localizedTextSchema.optional(),
  subjectKind: z.enum(subjectKinds),
  /** Which field holds the subject's key; lookups go by it. */
  subjectField: snakeName,
  updateFrequency: z.enum(updateFrequencies),
  sharingClass: z.enum(sharingClasses),
  /** Also published as an open data set (only fields that are not personal). */
  openData: z.boolean().default(false),
  /** Every field needs the person's consent (on top of fields flagged one by one). */
  consentRequired: z.boolean().default(false),
  legalBasis: textField(500).optional(),
  provider: resourceProviderSchema,
  fields: z.array(resourceFieldInputSchema).min(1).max(100),
};

export const resourceInputSchema = z.object({ code: resourceCodeSchema, ...resourceBody });
export type ResourceInput = z.input<typeof resourceInputSchema>;
export const resourceUpdateSchema = z.object(resourceBody);
export type ResourceUpdate = z.input<typeof resourceUpdateSchema>;

export const resourceFieldSchema = z.object({
  name: z.string(),
  element: z.string(),
  label: localizedTextSchema,
  type: z.enum(fieldTypes),
  format: z.string().nullable(),
  personal: z.boolean(),
  sensitive: z.boolean(),
  consentRequired: z.boolean(),
  optional: z.boolean(),
});
export type ResourceField = z.infer<typeof resourceFieldSchema>;

export const resourceSchema = z.object({
  code: z.string(),
  name: localizedTextSchema,
  description: localizedTextSchema.nullable(),
  ownerDepartmentId: z.string(),
  ownerDepartmentName: z.string().nullable(),
  subjectKind: z.enum(subjectKinds),
  subjectField: z.string(),
  updateFrequency: z.enum(updateFrequencies),
  sharingClass: z.enum(sharingClasses),
  openData: z.boolean(),
  consentRequired: z.boolean(),
  legalBasis: z.string().nullable(),
  provider: resourceProviderSchema,
  status: z.enum(['active', 'retired']),
  version: z.number().int(),
  fields: z.array(resourceFieldSchema),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type DataResource = z.infer<typeof resourceSchema>;
export const resourceListQuerySchema = z.object({
  department: z.string().trim().min(1).max(64).optional(),
  sharingClass: z.enum(sharingClasses).optional(),
  q: textField(100).optional(),
});
export const resourceListSchema = z.object({ items: z.array(resourceSchema) });
export const resourceParamsSchema = z.object({ code: resourceCodeSchema });

/** A department system the hub calls over HTTP, with the public key its responses are signed with. */
export const externalProviderInputSchema = z.object({
  id: snakeName,
  name: localizedTextSchema,
  /** Base URL; the hub POSTs to `<baseUrl>/query`. */
  baseUrl: z.url({ protocol: /^https?$/ }).max(500),
  keyId: z.string().trim().min(1).max(200),
  publicKeyPem: z.string().trim().min(40).max(2000),
  timeoutMs: z.number().int().min(50).max(30_000).default(3000),
});
export type ExternalProviderInput = z.input<typeof externalProviderInputSchema>;
export const externalProviderSchema = externalProviderInputSchema.extend({ departmentId: z.string(), createdAt: isoDateTime });
export const externalProviderListSchema = z.object({ items: z.array(externalProviderSchema) });

/** The hub's own public keys, for department systems to verify its signed requests. */
export const hubKeysSchema = z.object({
  keys: z.array(z.object({ keyId: z.string(), publicKeyPem: z.string(), publicKeyJwk: z.record(z.string(), z.unknown()) })),
});

// ---------------------------------------------------------------------------------------------
// Grants and purposes
// ---------------------------------------------------------------------------------------------

export const grantRequestSchema = z.object({
  resource: resourceCodeSchema,
  fields: z.array(snakeName).min(1).max(100),
  /** What the data is for, in words (目的). */
  purpose: textField(500, 4),
  /** The catalogue items the purpose serves. */
  items: z.array(itemCodeSchema).min(1).max(100),
  /** Requested end of validity; the provider may shorten it. */
  expiresAt: isoDateTime.optional(),
});
export type GrantRequest = z.infer<typeof grantRequestSchema>;

export const grantApproveSchema = z.object({ expiresAt: isoDateTime.optional(), note: textField(500).optional() });
export const grantReasonSchema = z.object({ reason: textField(500, 2) });
export const grantParamsSchema = z.object({ id: z.uuid() });

export const grantSchema = z.object({
  id: z.string(),
  resourceCode: z.string(),
  resourceName: localizedTextSchema.nullable(),
  ownerDepartmentId: z.string(),
  consumerDepartmentId: z.string(),
  consumerDepartmentName: z.string().nullable(),
  fields: z.array(z.string()),
  purpose: z.string(),
  items: z.array(z.string()),
  status: z.enum(grantStatuses),
  requestedBy: z.string().nullable(),
  requestedAt: isoDateTime,
  decidedBy: z.string().nullable(),
  decidedAt: isoDateTime.nullable(),
  decisionNote: z.string().nullable(),
  expiresAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
  revokeReason: z.string().nullable(),
});
export type Grant = z.infer<typeof grantSchema>;
export const grantListQuerySchema = z.object({
  /** Grants the caller's department asked for (consumer) or decides on (provider). */
  role: z.enum(['consumer', 'provider']).optional(),
  status: z.enum(grantStatuses).optional(),
  resource: resourceCodeSchema.optional(),
});
export const grantListSchema = z.object({ items: z.array(grantSchema) });

/** The whole sharing graph: departments as nodes, grants as edges from provider to consumer. */
export const grantGraphSchema = z.object({
  nodes: z.array(
    z.object({
      departmentId: z.string(),
      name: z.string().nullable(),
      resourcesOwned: z.number().int(),
      grantsGiven: z.number().int(),
      grantsHeld: z.number().int(),
    }),
  ),
  edges: z.array(
    z.object({
      grantId: z.string(),
      from: z.string(),
      to: z.string(),
      resource: z.string(),
      fields: z.array(z.string()),
      items: z.array(z.string()),
      status: z.enum(grantStatuses),
      exchanges: z.number().int(),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------
// Exchanges
// ---------------------------------------------------------------------------------------------

/** A staff query: who (the caller's department), what, about whom, for which purpose and case. */
export const queryBodySchema = z.object({
  resource: resourceCodeSchema,
  fields: z.array(snakeName).min(1).max(100),
  /** Refused with DATAHUB_PURPOSE_REQUIRED (not a validation error) when missing or blank. */
  purpose: textField(500, 0).optional(),
  caseId: z.uuid().optional(),
  subject: identifierField(18),
});
export type QueryBody = z.infer<typeof queryBodySchema>;

export const dataRecordSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type DataRecord = z.infer<typeof dataRecordSchema>;

export const queryResponseSchema = z.object({
  exchangeId: z.string(),
  resource: z.string(),
  providerDepartmentId: z.string(),
  providerDepartmentName: z.string().nullable(),
  fields: z.array(z.string()),
  records: z.array(dataRecordSchema),
  /** SHA-256 of the records as JSON with each record's keys sorted. */
  sha256: z.string(),
  fetchedAt: isoDateTime,
});
export type QueryResponse = z.infer<typeof queryResponseSchema>;

export const applicantItemQuerySchema = z.object({ item: itemCodeSchema, enterprise: identifierField(18).optional() });

export const prefillResponseSchema = z.object({
  item: z.string(),
  /** Form values by form field key. */
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  sources: z.array(
    z.object({
      resource: z.string(),
      departmentId: z.string(),
      departmentName: z.string().nullable(),
      fields: z.array(z.string()),
      fetchedAt: isoDateTime,
    }),
  ),
  /** Resources that could not be used, with the refusal code (the applicant fills those fields in). */
  refused: z.array(z.object({ resource: z.string(), code: z.string(), formFields: z.array(z.string()) })),
});
export type PrefillResponse = z.infer<typeof prefillResponseSchema>;

/** What the platform will fetch for an application of `item`, before it does ("we already have this"). */
export const fetchPreviewSchema = z.object({
  item: z.string(),
  materials: z.array(
    z.object({
      materialId: z.string(),
      materialName: localizedTextSchema,
      /** For bundles: the member items the material serves. */
      items: z.array(z.string()),
      resource: z.string(),
      resourceName: localizedTextSchema.nullable(),
      providerDepartmentId: z.string().nullable(),
      providerDepartmentName: z.string().nullable(),
      fields: z.array(z.object({ name: z.string(), label: localizedTextSchema })),
      /** Fetched by the platform (a grant exists or the resource is shared unconditionally). */
      available: z.boolean(),
      unavailableReason: z.string().nullable(),
      consentRequired: z.boolean(),
      consentGiven: z.boolean(),
    }),
  ),
});
export type FetchPreview = z.infer<typeof fetchPreviewSchema>;

export const consentBodySchema = z.object({ item: itemCodeSchema, enterpriseCreditCode: identifierField(18).optional() });
export const consentSchema = z.object({
  id: z.string(),
  subject: z.string(),
  item: z.string(),
  resources: z.array(z.string()),
  givenAt: isoDateTime,
  expiresAt: isoDateTime,
  withdrawnAt: isoDateTime.nullable(),
});
export const consentListSchema = z.object({ items: z.array(consentSchema) });
export const consentParamsSchema = z.object({ id: z.uuid() });

// ---------------------------------------------------------------------------------------------
// Transparency: who used my data, usage of a department's resources
// ---------------------------------------------------------------------------------------------

export const usageEntrySchema = z.object({
  id: z.string(),
  at: isoDateTime,
  channel: z.enum(exchangeChannels),
  resource: z.string(),
  resourceName: localizedTextSchema.nullable(),
  providerDepartmentId: z.string().nullable(),
  consumerDepartmentId: z.string().nullable(),
  consumerDepartmentName: z.string().nullable(),
  actorType: z.string(),
  fields: z.array(z.string()),
  purpose: z.string().nullable(),
  itemCode: z.string().nullable(),
  caseId: z.string().nullable(),
  /** `ok`, or the refusal / failure code. */
  result: z.string(),
  /** The subject, masked for officers; in full for the subject themselves. */
  subject: z.string(),
  objection: z.object({ id: z.string(), status: z.string(), at: isoDateTime }).nullable(),
});
export type UsageEntry = z.infer<typeof usageEntrySchema>;
export const usagePageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  resource: resourceCodeSchema.optional(),
});
export const usageListSchema = z.object({
  items: z.array(usageEntrySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  hasMore: z.boolean(),
});
export const usageParamsSchema = z.object({ entryId: z.uuid() });
export const objectionBodySchema = z.object({ reason: textField(1000, 4) });
export const objectionSchema = z.object({
  id: z.string(),
  exchangeId: z.string(),
  status: z.enum(['open', 'forwarded', 'closed']),
  createdAt: isoDateTime,
});

// ---------------------------------------------------------------------------------------------
// Once-only supplies of a case
// ---------------------------------------------------------------------------------------------

export const supplySchema = z.object({
  id: z.string(),
  caseId: z.string(),
  materialId: z.string(),
  itemCode: z.string(),
  resource: z.string(),
  resourceName: localizedTextSchema.nullable(),
  providerDepartmentId: z.string(),
  /** Shown as "obtained from <department>" (数据来源). */
  providerDepartmentName: z.string().nullable(),
  fields: z.array(z.string()),
  state: z.enum(supplyStates),
  reason: z.string().nullable(),
  attempts: z.number().int(),
  nextAttemptAt: isoDateTime.nullable(),
  fetchedAt: isoDateTime.nullable(),
  sha256: z.string().nullable(),
  records: z.array(dataRecordSchema).nullable(),
});
export type Supply = z.infer<typeof supplySchema>;
export const supplyListSchema = z.object({ items: z.array(supplySchema) });
export const caseIdParamsSchema = z.object({ caseId: z.uuid() });

// ---------------------------------------------------------------------------------------------
// Governance: quality, open data; metrics and the sharing advisor
// ---------------------------------------------------------------------------------------------

export const qualityFieldSchema = z.object({
  name: z.string(),
  type: z.enum(fieldTypes),
  /** Share of records with a value (0–1). */
  completeness: z.number(),
  /** Share of present values that pass the element's checks (0–1). */
  validity: z.number(),
  missing: z.number().int(),
  invalid: z.number().int(),
  /** Up to five record keys (masked) with an invalid value, to go and fix. */
  invalidSamples: z.array(z.string()),
});
export const qualityResourceSchema = z.object({
  resource: z.string(),
  name: localizedTextSchema,
  ownerDepartmentId: z.string(),
  /** `checked`, or `unavailable` when the provider cannot be scanned (with why). */
  status: z.enum(['checked', 'unavailable']),
  note: z.string().nullable(),
  records: z.number().int(),
  /** Share of records updated within the freshness window of the update frequency. */
  freshness: z.number().nullable(),
  staleRecords: z.number().int(),
  completeness: z.number().nullable(),
  validity: z.number().nullable(),
  /** Mean of completeness, validity and freshness (0–100). */
  score: z.number().nullable(),
  fields: z.array(qualityFieldSchema),
});
export const qualityReportSchema = z.object({
  departmentId: z.string().nullable(),
  checkedAt: isoDateTime,
  resources: z.array(qualityResourceSchema),
});
export type QualityReport = z.infer<typeof qualityReportSchema>;
export const qualityQuerySchema = z.object({ department: z.string().trim().min(1).max(64).optional() });

export const openDataSetSchema = z.object({
  code: z.string(),
  name: localizedTextSchema,
  description: localizedTextSchema.nullable(),
  publisher: z.string(),
  publisherName: z.string().nullable(),
  updateFrequency: z.enum(updateFrequencies),
  /** Only fields that are not personal information are published. */
  fields: z.array(z.object({ name: z.string(), label: localizedTextSchema, type: z.enum(fieldTypes) })),
  available: z.boolean(),
  records: z.number().int().nullable(),
});
export const openDataListSchema = z.object({ items: z.array(openDataSetSchema) });
export const openDataQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
});
export const openDataPageSchema = z.object({
  dataset: openDataSetSchema,
  rows: z.array(dataRecordSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  hasMore: z.boolean(),
});

export const sharingMetricsSchema = z.object({
  overall: z.object({
    items: z.number().int(),
    materials: z.number().int(),
    /** Materials the platform supplies (hub, e-licences, earlier steps) instead of the applicant. */
    suppliedByPlatform: z.number().int(),
    /** Of those, hub materials that an active grant (or unconditional sharing) actually covers. */
    eliminatedBySharing: z.number().int(),
    platformShare: z.number().nullable(),
    sharingShare: z.number().nullable(),
    /** From real cases: hub materials attached at filing, and still pending. */
    casesSupplied: z.number().int(),
    casesPending: z.number().int(),
  }),
  items: z.array(
    z.object({
      code: z.string(),
      name: localizedTextSchema,
      materials: z.number().int(),
      fromHub: z.number().int(),
      eliminatedBySharing: z.number().int(),
      /** Hub materials no grant covers yet (the applicant would be asked after all). */
      uncovered: z.array(z.object({ materialId: z.string(), resource: z.string(), reason: z.string() })),
      suppliedInCases: z.number().int(),
    }),
  ),
});
export type SharingMetrics = z.infer<typeof sharingMetricsSchema>;
export const sharingMetricsQuerySchema = z.object({ item: itemCodeSchema.optional() });

export const sharingAdviceSchema = z.object({
  items: z.array(
    z.object({
      itemCode: z.string(),
      itemName: localizedTextSchema,
      consumerDepartmentId: z.string(),
      materialId: z.string(),
      materialName: localizedTextSchema,
      resource: z.string(),
      resourceName: localizedTextSchema,
      providerDepartmentId: z.string(),
      /** The grant to request (or to widen) so the applicant no longer uploads this. */
      suggestedGrant: z.object({ resource: z.string(), fields: z.array(z.string()), items: z.array(z.string()) }),
      existingGrantId: z.string().nullable(),
      why: z.string(),
    }),
  ),
});
export type SharingAdvice = z.infer<typeof sharingAdviceSchema>;
