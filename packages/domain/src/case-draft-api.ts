import { z } from 'zod';
import { formValuesView, identifierField, isoDateTime } from './case-api-fields.ts';
import { caseChannels, deliveryViewSchema, draftFields, materialRefSchema } from './case-submission-api.ts';

/** Request and response shapes of saved, unsubmitted applications (drafts). */

export const draftBodySchema = z.object({
  ...draftFields,
  /** Clerks only: whose draft this is (the person at the window). */
  applicantIdNumber: identifierField(18).optional(),
});
export type DraftBody = z.infer<typeof draftBodySchema>;
export const draftSchema = z.object({
  itemCode: z.string(),
  answers: z.record(z.string(), z.string()),
  form: formValuesView,
  materials: z.array(materialRefSchema),
  enterpriseCreditCode: z.string().optional(),
  contact: z.object({ mobile: z.string().optional(), email: z.string().optional() }),
  delivery: deliveryViewSchema,
  /** Clerks only: whose draft this is. */
  applicantIdNumber: z.string().optional(),
  id: z.string(),
  applicantIdNumberMasked: z.string(),
  startedChannel: z.enum(caseChannels),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  /** When it is deleted if never submitted. */
  purgeAfter: isoDateTime,
});
export type Draft = z.infer<typeof draftSchema>;
export const draftListQuerySchema = z.object({ applicantIdNumber: identifierField(18).optional() });
export const draftListResponseSchema = z.object({ items: z.array(draftSchema) });
export const draftParamsSchema = z.object({ id: z.uuid() });
