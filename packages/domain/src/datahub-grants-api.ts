import { z } from 'zod';
import { localizedTextSchema } from './catalogue.ts';
import { isoDateTime, itemCodeSchema, resourceCodeSchema, snakeName, textField } from './datahub-api-fields.ts';
import { grantStatuses } from './datahub-vocabularies.ts';

/**
 * The data hub's sharing grants, tied to purposes and catalogue items, and the sharing graph.
 * Shapes shared by the server routes (validation + OpenAPI) and the web app.
 */

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
