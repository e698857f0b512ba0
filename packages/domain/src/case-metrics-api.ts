import { z } from 'zod';
import { itemCode } from './case-api-fields.ts';
import { localizedTextSchema } from './catalogue.ts';

/**
 * Counting (减环节、减证明、减时间、减跑动): the cases' figures against the reform's targets — fewer
 * steps, fewer certificates, less time, fewer visits.
 */

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
