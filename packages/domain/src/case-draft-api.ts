import { z } from 'zod';
import { answers, formValues, identifierField, isoDateTime, itemCode } from './case-api-fields.ts';
import { caseChannels, contactSchema, deliverySchema, deliveryViewSchema, materialRefSchema } from './case-submission-api.ts';

/** Request and response shapes of saved, unsubmitted applications (drafts). */

export const draftBodySchema = z.object({
  itemCode,
  answers: answers.default({}),
  form: formValues.default({}),
  materials: z.array(materialRefSchema).max(100).default([]),
  enterpriseCreditCode: identifierField(18).optional(),
  contact: contactSchema.default({}),
  delivery: deliverySchema.default({ method: 'download' }),
  /** Clerks only: whose draft this is (the person at the window). */
  applicantIdNumber: identifierField(18).optional(),
});
export type DraftBody = z.infer<typeof draftBodySchema>;
export const draftSchema = z.object({
  itemCode: z.string(),
  answers: z.record(z.string(), z.string()),
  form: formValues,
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
