import { z } from 'zod';
import { answers, formValues, identifierField, isoDate, isoDateTime, itemCode, shortId, textField } from './case-api-fields.ts';
import { caseStatuses } from './case-status.ts';
import { localizedTextSchema } from './catalogue.ts';

/**
 * Request and response shapes of the cases API (办件) for applying: what an application carries
 * (materials, delivery, contact), submission online and at a window, and the preview the applicant
 * sees before submitting. Shared by the server routes (validation and OpenAPI) and the web app.
 * Status rules live in `case-status.ts`, time limits in `case-timing.ts`.
 */

export const caseChannels = ['online', 'window'] as const;
export type CaseChannel = (typeof caseChannels)[number];

export const materialProvenances = ['applicant', 'window', 'datahub', 'licence', 'earlier_step'] as const;
export type MaterialProvenance = (typeof materialProvenances)[number];

/** A file the applicant (or the clerk, scanning papers) uploaded, attached as one material. */
export const materialRefSchema = z.object({
  materialId: shortId,
  uploadId: z.uuid(),
  /** For bundles: the member item the material is for, when the same id is used by several. */
  itemCode: itemCode.optional(),
});
export type MaterialRef = z.infer<typeof materialRefSchema>;

export const deliveryMethods = ['download', 'mail', 'pickup'] as const;
export const deliverySchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('download') }),
  z.object({ method: z.literal('mail'), recipient: textField(50), mobile: identifierField(20), address: textField(200, 5) }),
  z.object({ method: z.literal('pickup'), serviceCentreId: shortId }),
]);
export type Delivery = z.infer<typeof deliverySchema>;

/**
 * The same shapes for answers, as plain strings: responses are serialised through their schema,
 * and zod cannot encode a `preprocess` (a case to be posted, or an enterprise's draft, answered 500).
 */
export const deliveryViewSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('download') }),
  z.object({ method: z.literal('mail'), recipient: z.string(), mobile: z.string(), address: z.string() }),
  z.object({ method: z.literal('pickup'), serviceCentreId: z.string() }),
]);

export const contactSchema = z.object({
  mobile: identifierField(20).optional(),
  email: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.email().max(200)).optional(),
});

const applicationFields = {
  itemCode,
  answers: answers.default({}),
  form: formValues.default({}),
  materials: z.array(materialRefSchema).max(100).default([]),
  /** Apply for this enterprise (the applicant must be its legal representative or agent). */
  enterpriseCreditCode: identifierField(18).optional(),
  contact: contactSchema.default({}),
  delivery: deliverySchema.default({ method: 'download' }),
  /** Submitting a saved draft removes it. */
  draftId: z.uuid().optional(),
};

export const caseSubmitBodySchema = z.object(applicationFields);
/** What a draft holds: the application as it would be submitted, without the draft's own id. */
export const draftFields = (({ draftId: _draftId, ...rest }) => rest)(applicationFields);
export type CaseSubmitBody = z.infer<typeof caseSubmitBodySchema>;

export const windowIntakeBodySchema = z.object({
  ...applicationFields,
  /** The walk-in person's resident ID number (checked against the population registry). */
  applicantIdNumber: identifierField(18),
});
export type WindowIntakeBody = z.infer<typeof windowIntakeBodySchema>;

export const caseMemberSummarySchema = z.object({
  caseId: z.string(),
  trackingNumber: z.string(),
  itemCode: z.string(),
  itemName: localizedTextSchema,
  departmentId: z.string(),
  status: z.enum(caseStatuses),
  expectedCompletionDate: isoDate.nullable(),
});

export const caseSubmitResponseSchema = z.object({
  caseId: z.string(),
  trackingNumber: z.string(),
  status: z.enum(caseStatuses),
  submittedAt: isoDateTime,
  /** The promised completion date (承诺办结日期), from the moment of filing. */
  expectedCompletionDate: isoDate,
  statutoryCompletionDate: isoDate,
  members: z.array(caseMemberSummarySchema),
  /** Materials the platform supplies itself (data hub, e-licences), or is still fetching. */
  platformMaterials: z.array(z.object({ materialId: z.string(), state: z.enum(['attached', 'pending']) })),
});
export type CaseSubmitResponse = z.infer<typeof caseSubmitResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Preview: what the applicant sees before submitting (the form's pre-fill comes from the data hub,
// `GET /datahub/prefill`, where every read is an exchange in the person's data-usage log)

export const previewBodySchema = z.object({
  itemCode,
  answers: answers.default({}),
  enterpriseCreditCode: identifierField(18).optional(),
  applicantIdNumber: identifierField(18).optional(),
});
export const previewResponseSchema = z.object({
  itemCode: z.string(),
  itemVersion: z.number().int(),
  isBundle: z.boolean(),
  pendingQuestions: z.array(z.string()),
  materials: z.array(
    z.object({
      materialId: z.string(),
      name: localizedTextSchema,
      requirement: z.string(),
      /** `platform`: we already have it (data hub, e-licence); `upload`: please bring it. */
      supply: z.enum(['platform', 'upload']),
      itemCodes: z.array(z.string()),
    }),
  ),
  expectedCompletionDate: isoDate,
});
