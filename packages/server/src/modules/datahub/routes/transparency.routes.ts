import {
  objectionBodySchema,
  objectionSchema,
  resourceUsageQuerySchema,
  usageListSchema,
  usagePageQuerySchema,
  usageParamsSchema,
} from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/context.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { fileObjection, listMyDataUsage, listResourceUsage } from '../use-cases/usage.ts';

/** "Who used my data" for people, and the use of a department's resources for its data officers. */
const tags = ['datahub'];

export function registerTransparencyRoutes(scope: FastifyInstance, platform: Platform) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/datahub/my-data-usage',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: '数据使用记录：谁用了我的数据 Who used my data',
        querystring: usagePageQuerySchema,
        response: { 200: usageListSchema },
      },
    },
    async (request) => listMyDataUsage(ctxOf(platform, request), request.query),
  );
  app.post(
    '/datahub/my-data-usage/:entryId/objection',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: '对数据使用提出异议 Object to a use of my data',
        params: usageParamsSchema,
        body: objectionBodySchema,
        response: { 201: objectionSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await fileObjection(ctxOf(platform, request), request.params.entryId, request.body)),
  );
  app.get(
    '/datahub/usage',
    {
      // Subjects masked: the use of the department's resources, not a read of anyone's data.
      config: { access: { permission: 'datahub.manage' }, personalData: false },
      schema: {
        tags,
        summary: '本部门数据资源的使用情况 Use of your department’s resources',
        description: 'Filters: `resource`, `subject` (ID number or credit code, in full), `from` (inclusive) and `to` (exclusive).',
        querystring: resourceUsageQuerySchema,
        response: { 200: usageListSchema },
      },
    },
    async (request) => listResourceUsage(ctxOf(platform, request), request.query),
  );
}
