import {
  grantApproveSchema,
  grantGraphSchema,
  grantListQuerySchema,
  grantListSchema,
  grantParamsSchema,
  grantReasonSchema,
  grantRequestSchema,
  grantSchema,
} from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/context.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { decideGrant, getGrant, listGrants, requestGrant } from '../use-cases/grants.ts';
import { isHubCentre, requireStaff } from '../use-cases/shared.ts';
import { grantGraph } from '../use-cases/usage.ts';

/** Grants: request (consumer), approve / refuse / revoke (owner), the city's sharing graph. */
const tags = ['datahub'];
// Resources and grants between departments: no one's personal data.
const manage = { access: { permission: 'datahub.manage' as const }, personalData: false as const };
const grant = { access: { permission: 'datahub.grant' as const } };

export function registerGrantRoutes(scope: FastifyInstance, platform: Platform) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/datahub/grants',
    {
      config: manage,
      schema: {
        tags,
        summary: '申请共享授权（用途、事项、字段）Request a grant',
        body: grantRequestSchema,
        response: { 201: grantSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await requestGrant(ctxOf(platform, request), request.body)),
  );
  app.get(
    '/datahub/grants',
    {
      config: manage,
      schema: {
        tags,
        summary: '本部门的授权 Grants of your department',
        querystring: grantListQuerySchema,
        response: { 200: grantListSchema },
      },
    },
    async (request) => listGrants(ctxOf(platform, request), request.query),
  );
  app.get(
    '/datahub/grants/graph',
    {
      config: manage,
      schema: { tags, summary: '共享关系全图（大数据中心）The sharing graph (big-data centre)', response: { 200: grantGraphSchema } },
    },
    async (request) => grantGraph(ctxOf(platform, request)),
  );
  app.get(
    '/datahub/grants/:id',
    { config: manage, schema: { tags, summary: '授权详情 A grant', params: grantParamsSchema, response: { 200: grantSchema } } },
    async (request) => {
      const ctx = ctxOf(platform, request);
      return getGrant(ctx, request.params.id, isHubCentre(requireStaff(ctx.actor)));
    },
  );
  app.post(
    '/datahub/grants/:id/actions/approve',
    {
      config: grant,
      schema: { tags, summary: '批准授权 Approve', params: grantParamsSchema, body: grantApproveSchema, response: { 200: grantSchema } },
    },
    async (request) => decideGrant(ctxOf(platform, request), request.params.id, { kind: 'approve', ...request.body }),
  );
  app.post(
    '/datahub/grants/:id/actions/refuse',
    {
      config: grant,
      schema: { tags, summary: '不予授权 Refuse', params: grantParamsSchema, body: grantReasonSchema, response: { 200: grantSchema } },
    },
    async (request) => decideGrant(ctxOf(platform, request), request.params.id, { kind: 'refuse', reason: request.body.reason }),
  );
  app.post(
    '/datahub/grants/:id/actions/revoke',
    {
      config: grant,
      schema: { tags, summary: '撤销授权 Revoke', params: grantParamsSchema, body: grantReasonSchema, response: { 200: grantSchema } },
    },
    async (request) => decideGrant(ctxOf(platform, request), request.params.id, { kind: 'revoke', reason: request.body.reason }),
  );
}
