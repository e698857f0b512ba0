import { z } from 'zod';
import { localizedTextSchema } from './catalogue.ts';
import { isoDateTime, itemCodeSchema } from './datahub-api-fields.ts';
import { dataRecordSchema } from './datahub-exchanges-api.ts';
import { fieldTypes, updateFrequencies } from './datahub-vocabularies.ts';

/**
 * The data hub's governance: data quality reports, open data, once-only metrics and the sharing
 * advisor. Shapes shared by the server routes (validation + OpenAPI) and the web app.
 */

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
