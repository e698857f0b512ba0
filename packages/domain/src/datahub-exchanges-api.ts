import { z } from 'zod';
import { localizedTextSchema } from './catalogue.ts';
import { identifierField, isoDateTime, itemCodeSchema, resourceCodeSchema, snakeName, textField } from './datahub-api-fields.ts';
import { supplyStates } from './datahub-vocabularies.ts';

/**
 * Exchanges through the data hub: staff queries, the applicant's pre-fill, the preview of what
 * will be fetched, consents, and the once-only supplies of a case. Shapes shared by the server
 * routes (validation + OpenAPI) and the web app.
 */

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
/**
 * Pre-fill: the applicant online asks for themselves; a clerk at a service window (`cases.intake`)
 * names the person standing there (`applicant`, resident ID number).
 */
export const prefillQuerySchema = applicantItemQuerySchema.extend({ applicant: identifierField(18).optional() });

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
