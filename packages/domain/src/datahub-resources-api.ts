import { z } from 'zod';
import { localizedTextSchema } from './catalogue.ts';
import { isoDateTime, resourceCodeSchema, snakeName, textField } from './datahub-api-fields.ts';
import { fieldTypes, sharingClasses, subjectKinds, updateFrequencies } from './datahub-vocabularies.ts';

/**
 * The data hub's data resources catalogue (数据资源目录) with its shared field dictionary (数据元,
 * 一数一源), the department systems that serve resources over HTTP, and the hub's own keys. Shapes
 * shared by the server routes (validation + OpenAPI) and the web app.
 */

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
