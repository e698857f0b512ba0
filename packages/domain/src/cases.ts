import { z } from 'zod';
import { workflowActions } from './case-actions.ts';
import { caseActionKinds, caseOutcomes, caseStatuses, specialProcedures, stepStates, visitReasons } from './case-status.ts';
import { slaColours } from './case-timing.ts';
import { legalBasisSchema, localizedTextSchema } from './catalogue.ts';
import { normaliseIdentifier, normaliseText } from './identity.ts';

/**
 * Request and response shapes of the cases API (办件), shared by the server routes (validation
 * and OpenAPI) and the web app. Status rules live in `case-status.ts`, time limits in
 * `case-timing.ts`.
 */

/** Free text, NFKC-normalised and without zero-width characters (see identity.ts), then bounded. */
const textField = (max: number, min = 1) =>
  z.preprocess((v) => (typeof v === 'string' ? normaliseText(v) : v), z.string().min(min).max(max));
const identifierField = (max = 32) => z.preprocess((v) => (typeof v === 'string' ? normaliseIdentifier(v) : v), z.string().min(1).max(max));

const isoDateTime = z.string().describe('ISO 8601 date-time');
const isoDate = z.string().describe('YYYY-MM-DD (China time)');
const itemCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,63}$/, 'codes use capital letters, digits and hyphens');
const shortId = z.string().trim().min(1).max(64);
const reason = textField(1000, 2);

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

const formValues = z.record(z.string().max(100), z.union([z.string().max(5000), z.number()]));
const answers = z.record(z.string().max(64), z.string().max(64));

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

export const caseParamsSchema = z.object({ id: z.uuid() });
export const taskParamsSchema = z.object({ id: z.uuid() });

// ---------------------------------------------------------------------------------------------
// Workflow actions (POST /api/v1/cases/:id/actions/<action>)

const stepRef = { stepId: shortId.optional(), expectedVersion: z.number().int().min(0).optional() };

/**
 * At a window the clerk of any centre may act for the person standing there (supplement, result
 * pickup, a visit) by entering the ID number shown to them; it must be the case's applicant.
 */
const presentApplicant = identifierField(18).optional();

export const missingItemSchema = z.object({ materialId: shortId.optional(), description: textField(500, 2) });

export const actionBodySchemas = {
  accept: z.object({ ...stepRef, opinion: textField(1000).optional() }),
  request_supplement: z.object({ ...stepRef, reason, missing: z.array(missingItemSchema).min(1).max(50) }),
  refuse_acceptance: z.object({ ...stepRef, reason }),
  supply_supplement: z.object({
    expectedVersion: stepRef.expectedVersion,
    materials: z.array(materialRefSchema).min(1).max(50),
    note: textField(1000).optional(),
    applicantIdNumber: presentApplicant,
  }),
  approve: z.object({ ...stepRef, opinion: textField(1000).optional() }),
  return: z.object({ ...stepRef, toStepId: shortId, reason }),
  reject: z.object({ ...stepRef, reason, legalBasis: z.array(legalBasisSchema).min(1).max(10) }),
  suspend: z.object({ ...stepRef, procedure: z.enum(specialProcedures), reason }),
  resume: z.object({ ...stepRef, note: textField(1000).optional() }),
  decide: z.object({
    ...stepRef,
    outcome: z.enum(['approved', 'refused']),
    reasons: reason,
    legalBasis: z.array(legalBasisSchema).min(1).max(10),
  }),
  withdraw: z.object({ expectedVersion: stepRef.expectedVersion, reason }),
  collect_result: z.object({ expectedVersion: stepRef.expectedVersion, applicantIdNumber: presentApplicant }),
  record_visit: z.object({ reason: z.enum(visitReasons), note: textField(500).optional(), applicantIdNumber: presentApplicant }),
} as const;
export type ActionBodies = { [K in keyof typeof actionBodySchemas]: z.infer<(typeof actionBodySchemas)[K]> };

/** URL segment of each action: `request_supplement` → `request-supplement`. */
export function actionPath(action: (typeof workflowActions)[number]): string {
  return action.replaceAll('_', '-');
}

export const actionResultSchema = z.object({
  caseId: z.string(),
  status: z.enum(caseStatuses),
  version: z.number().int(),
  expectedCompletionDate: isoDate.nullable(),
});
export type ActionResult = z.infer<typeof actionResultSchema>;

// ---------------------------------------------------------------------------------------------
// Reading cases

export const caseStepViewSchema = z.object({
  id: z.string(),
  name: localizedTextSchema,
  kind: z.string(),
  departmentId: z.string(),
  role: z.string(),
  stage: z.number().int(),
  state: z.enum(stepStates),
  attempt: z.number().int(),
  openedAt: isoDateTime.nullable(),
  closedAt: isoDateTime.nullable(),
  dueDate: isoDate.nullable(),
  sla: z.enum(slaColours).nullable(),
});

export const caseTimelineEntrySchema = z.object({
  seq: z.number().int(),
  caseId: z.string(),
  itemCode: z.string(),
  kind: z.enum(caseActionKinds),
  at: isoDateTime,
  stepId: z.string().nullable(),
  actor: z.object({ type: z.string(), name: z.string().nullable(), departmentId: z.string().nullable() }),
  note: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

export const caseMaterialViewSchema = z.object({
  id: z.string(),
  materialId: z.string(),
  name: localizedTextSchema.nullable(),
  provenance: z.enum(materialProvenances),
  state: z.enum(['attached', 'pending', 'replaced']),
  fileName: z.string().nullable(),
  mediaType: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  sha256: z.string().nullable(),
  sourceRef: z.string().nullable(),
  suppliedAt: isoDateTime,
});

export const caseDetailSchema = z.object({
  id: z.string(),
  trackingNumber: z.string(),
  parentId: z.string().nullable(),
  isBundle: z.boolean(),
  itemCode: z.string(),
  itemVersion: z.number().int(),
  catalogueVersionId: z.string(),
  itemName: localizedTextSchema,
  channel: z.enum(caseChannels),
  serviceCentreId: z.string().nullable(),
  responsibleDepartmentId: z.string(),
  status: z.enum(caseStatuses),
  outcome: z.enum(caseOutcomes).nullable(),
  version: z.number().int(),
  applicant: z.object({
    type: z.enum(['person', 'enterprise']),
    name: z.string(),
    idNumberMasked: z.string(),
    enterpriseCreditCode: z.string().nullable(),
    enterpriseName: z.string().nullable(),
    agentName: z.string().nullable(),
  }),
  submittedAt: isoDateTime,
  concludedAt: isoDateTime.nullable(),
  /** Promised completion date, moved by suspensions; null while the clock is stopped. */
  expectedCompletionDate: isoDate.nullable(),
  statutoryCompletionDate: isoDate.nullable(),
  clockStopped: z.boolean(),
  promisedDays: z.number().int(),
  statutoryDays: z.number().int(),
  elapsedWorkingDays: z.number().int(),
  sla: z.enum(slaColours).nullable(),
  answers: z.record(z.string(), z.string()),
  form: z.record(z.string(), z.union([z.string(), z.number()])),
  delivery: deliveryViewSchema,
  steps: z.array(caseStepViewSchema),
  timeline: z.array(caseTimelineEntrySchema),
  materials: z.array(caseMaterialViewSchema),
  visits: z.array(z.object({ at: isoDateTime, reason: z.enum(visitReasons), serviceCentreId: z.string().nullable() })),
  supplementRequest: z
    .object({
      at: isoDateTime,
      reason: z.string(),
      missing: z.array(z.object({ materialId: z.string().nullable(), description: z.string() })),
    })
    .nullable(),
  allowedActions: z.array(z.object({ action: z.enum(workflowActions), stepId: z.string().nullable() })),
  members: z.array(caseMemberSummarySchema),
  result: z
    .object({
      outcome: z.enum(caseOutcomes),
      decidedAt: isoDateTime,
      certificateNumber: z.string().nullable(),
      reasons: z.string(),
      legalBasis: z.array(legalBasisSchema),
      collected: z.boolean(),
    })
    .nullable(),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const caseListItemSchema = z.object({
  id: z.string(),
  trackingNumber: z.string(),
  itemCode: z.string(),
  itemName: localizedTextSchema,
  isBundle: z.boolean(),
  channel: z.enum(caseChannels),
  status: z.enum(caseStatuses),
  submittedAt: isoDateTime,
  expectedCompletionDate: isoDate.nullable(),
  applicantName: z.string(),
  enterpriseName: z.string().nullable(),
});
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const caseListResponseSchema = z.object({
  items: z.array(caseListItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

// ---------------------------------------------------------------------------------------------
// Workbench

export const taskStatuses = ['open', 'suspended', 'done', 'cancelled'] as const;
export const taskListQuerySchema = pageQuerySchema.extend({
  status: z.enum(['open', 'suspended', 'done', 'cancelled', 'active']).default('active'),
  sla: z.enum(['green', 'amber', 'red']).optional(),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Only tasks nobody has claimed yet. */
  unclaimed: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Only tasks of cases of this catalogue item. */
  item: itemCode.optional(),
});
export const taskViewSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  trackingNumber: z.string(),
  itemCode: z.string(),
  itemName: localizedTextSchema,
  stepId: z.string(),
  stepName: localizedTextSchema,
  stepKind: z.string(),
  role: z.string(),
  departmentId: z.string(),
  status: z.enum(taskStatuses),
  attempt: z.number().int(),
  claimedBy: z.string().nullable(),
  openedAt: isoDateTime,
  dueDate: isoDate.nullable(),
  sla: z.enum(slaColours),
  applicantName: z.string(),
  version: z.number().int(),
});
export type TaskView = z.infer<typeof taskViewSchema>;
export const taskListResponseSchema = z.object({
  items: z.array(taskViewSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const claimBodySchema = z.object({ expectedVersion: z.number().int().min(0).optional() });
export const reassignBodySchema = z.object({ staffId: shortId, reason });

export const overdueItemSchema = z.object({
  caseId: z.string(),
  trackingNumber: z.string(),
  itemCode: z.string(),
  itemName: localizedTextSchema,
  scope: z.enum(['case', 'step']),
  stepId: z.string().nullable(),
  /** For a step: its running task (what a supervisor reassigns), its name, role and who holds it. */
  taskId: z.string().nullable(),
  stepName: localizedTextSchema.nullable(),
  role: z.string().nullable(),
  claimedBy: z.string().nullable(),
  departmentId: z.string(),
  dueDate: isoDate.nullable(),
  sla: z.enum(['amber', 'red']),
});
export const overdueResponseSchema = z.object({ items: z.array(overdueItemSchema) });

// ---------------------------------------------------------------------------------------------
// Drafts

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

// ---------------------------------------------------------------------------------------------
// Preview: what the applicant sees before submitting

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
  prefill: z.record(z.string(), z.union([z.string(), z.number()])),
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

// ---------------------------------------------------------------------------------------------
// Counting (减环节、减证明、减时间、减跑动)

export const metricsQuerySchema = z.object({ item: itemCode.optional() });
const metricsBlock = z.object({
  cases: z.number().int(),
  concluded: z.number().int(),
  approved: z.number().int(),
  visitsTotal: z.number().int(),
  visitsAverage: z.number(),
  /** Share of concluded cases that took at most one visit (the plan's 90% target). */
  atMostOneVisitShare: z.number().nullable(),
  zeroVisitShare: z.number().nullable(),
  materialsByApplicant: z.number().int(),
  materialsByPlatform: z.number().int(),
  stepsAverage: z.number().nullable(),
  elapsedWorkingDaysAverage: z.number().nullable(),
  promisedDaysAverage: z.number().nullable(),
  statutoryDaysAverage: z.number().nullable(),
  onTimeShare: z.number().nullable(),
});
export const metricsResponseSchema = z.object({
  overall: metricsBlock,
  items: z.array(metricsBlock.extend({ itemCode: z.string(), itemName: localizedTextSchema })),
});
export type CaseMetrics = z.infer<typeof metricsResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Uploads and the inbox

export const uploadSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  createdAt: isoDateTime,
});

export const inboxItemSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  caseId: z.string().nullable(),
  createdAt: isoDateTime,
  readAt: isoDateTime.nullable(),
});
export const inboxResponseSchema = z.object({ items: z.array(inboxItemSchema), unread: z.number().int() });
export const inboxParamsSchema = z.object({ id: z.uuid() });

export const caseStatusLabels: Record<(typeof caseStatuses)[number], { zh: string; en: string }> = {
  submitted: { zh: '待受理', en: 'Awaiting acceptance' },
  supplement_requested: { zh: '待补正', en: 'Supplement requested' },
  in_review: { zh: '审查中', en: 'Under review' },
  suspended: { zh: '特别程序中', en: 'Special procedure' },
  in_progress: { zh: '办理中', en: 'In progress' },
  approved: { zh: '已办结（准予）', en: 'Approved' },
  refused: { zh: '已办结（不予）', en: 'Refused' },
  not_accepted: { zh: '不予受理', en: 'Not accepted' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  partially_approved: { zh: '部分办结', en: 'Partially approved' },
};
