import { z } from 'zod';
import type { workflowActions } from './case-actions.ts';
import { identifierField, isoDate, reason, shortId, textField } from './case-api-fields.ts';
import { caseStatuses, specialProcedures, visitReasons } from './case-status.ts';
import { materialRefSchema } from './case-submission-api.ts';
import { legalBasisSchema } from './catalogue.ts';

/**
 * Request and response shapes of the cases API's workflow actions
 * (`POST /api/v1/cases/:id/actions/<action>`). Who may take which action when is the table in
 * `case-actions.ts`.
 */

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
