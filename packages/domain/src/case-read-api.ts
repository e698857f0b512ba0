import { z } from 'zod';
import { workflowActions } from './case-actions.ts';
import { isoDate, isoDateTime } from './case-api-fields.ts';
import { caseActionKinds, caseOutcomes, caseStatuses, stepStates, visitReasons } from './case-status.ts';
import { caseChannels, caseMemberSummarySchema, deliveryViewSchema, materialProvenances } from './case-submission-api.ts';
import { slaColours } from './case-timing.ts';
import { legalBasisSchema, localizedTextSchema } from './catalogue.ts';

/**
 * Response shapes of the cases API for reading cases: a case with its steps, timeline and
 * materials, case lists, and the status labels.
 */

export const caseParamsSchema = z.object({ id: z.uuid() });

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
