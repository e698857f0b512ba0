import { z } from 'zod';
import { localizedTextSchema } from './catalogue.ts';
import { isoDateTime, resourceCodeSchema, textField } from './datahub-api-fields.ts';
import { exchangeChannels } from './datahub-vocabularies.ts';

/**
 * Transparency of the exchange log as its subjects and data officers see it: who used my data,
 * usage of a department's resources, and objections. Shapes shared by the server routes
 * (validation + OpenAPI) and the web app.
 */

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
  /** The staff member who used the data: shown to data officers (the name as it was then); null in the person's own log, which names the reader's department. */
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
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
/** The data officer's exchange log: the page filters plus a date range and a subject. */
export const resourceUsageQuerySchema = usagePageQuerySchema.extend({
  /** Exchanges at or after this instant (ISO 8601 with an offset). */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Exchanges before this instant. */
  to: z.iso.datetime({ offset: true }).optional(),
  /** A resident ID number or unified social credit code, in full (answers still show it masked). */
  subject: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z]{18}$/, 'ID number or credit code: 18 letters or digits')
    .optional(),
});
export type ResourceUsageQuery = z.infer<typeof resourceUsageQuerySchema>;
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
