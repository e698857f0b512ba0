import { z } from 'zod';
import { isoDate, isoDateTime, itemCode, reason, shortId } from './case-api-fields.ts';
import { pageQuerySchema } from './case-read-api.ts';
import { slaColours } from './case-timing.ts';
import { localizedTextSchema } from './catalogue.ts';

/** Request and response shapes of the staff workbench: tasks (claim, reassign) and overdue items. */

export const taskParamsSchema = z.object({ id: z.uuid() });

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
