import {
  openDataListSchema,
  openDataPageSchema,
  openDataQuerySchema,
  qualityQuerySchema,
  qualityReportSchema,
  resourceParamsSchema,
  sharingAdviceSchema,
  sharingMetricsQuerySchema,
  sharingMetricsSchema,
} from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/context.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { getOpenDataPage, listOpenDataSets, qualityReport } from '../use-cases/governance.ts';
import { sharingAdvice, sharingMetrics } from '../use-cases/metrics.ts';

/** Data quality per department, open data sets (public), once-only metrics and the sharing advisor. */
const tags = ['datahub'];

export function registerGovernanceRoutes(scope: FastifyInstance, platform: Platform) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/datahub/quality',
    {
      config: { access: { permission: 'datahub.manage' }, personalData: false },
      schema: {
        tags,
        summary: '数据质量报告 Data-quality report',
        querystring: qualityQuerySchema,
        response: { 200: qualityReportSchema },
      },
    },
    async (request) => qualityReport(ctxOf(platform, request), request.query),
  );
  app.get(
    '/datahub/open-data',
    { config: { access: 'public' }, schema: { tags, summary: '开放数据集 Open data sets', response: { 200: openDataListSchema } } },
    async () => listOpenDataSets(platform),
  );
  app.get(
    '/datahub/open-data/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '开放数据（不含个人信息）An open data set, without personal information',
        params: resourceParamsSchema,
        querystring: openDataQuerySchema,
        response: { 200: openDataPageSchema },
      },
    },
    async (request) => getOpenDataPage(platform, request.params.code, request.query),
  );
  app.get(
    '/datahub/metrics',
    {
      config: { access: 'staff', personalData: false },
      schema: {
        tags,
        summary: '减证明：共享替代的材料 Materials eliminated by sharing',
        querystring: sharingMetricsQuerySchema,
        response: { 200: sharingMetricsSchema },
      },
    },
    async (request) => sharingMetrics(ctxOf(platform, request), request.query),
  );
  app.get(
    '/datahub/sharing-advice',
    {
      config: { access: 'staff', personalData: false },
      schema: { tags, summary: '共享建议：哪些授权可免于申请人提交 Sharing advisor', response: { 200: sharingAdviceSchema } },
    },
    async (request) => sharingAdvice(ctxOf(platform, request)),
  );
}
