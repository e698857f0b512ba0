import {
  agentGrantBodySchema,
  enterpriseAgentParamsSchema,
  enterpriseAgentSchema,
  enterpriseListResponseSchema,
  enterpriseParamsSchema,
  enterpriseRegisterBodySchema,
  enterpriseSchema,
} from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/context.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { grantAgent, listMyEnterprises, registerEnterprise, revokeAgent } from '../use-cases/enterprises.ts';

export function registerEnterpriseRoutes(app: FastifyInstance, platform: Platform) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/enterprises',
    {
      config: { access: 'user' },
      schema: {
        tags: ['enterprises'],
        summary: '企业注册 Register an enterprise account (legal representative only)',
        body: enterpriseRegisterBodySchema,
        response: { 201: enterpriseSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await registerEnterprise(ctxOf(platform, request), request.body)),
  );

  r.get(
    '/enterprises/mine',
    {
      config: { access: 'user' },
      schema: { tags: ['enterprises'], summary: '我的企业 Enterprises you may act for', response: { 200: enterpriseListResponseSchema } },
    },
    async (request) => ({ items: await listMyEnterprises(ctxOf(platform, request)) }),
  );

  r.post(
    '/enterprises/:creditCode/agents',
    {
      config: { access: 'user' },
      schema: {
        tags: ['enterprises'],
        summary: '授权经办人 Authorise an agent (legal representative only)',
        params: enterpriseParamsSchema,
        body: agentGrantBodySchema,
        response: { 201: enterpriseAgentSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await grantAgent(ctxOf(platform, request), request.params.creditCode, request.body)),
  );

  r.delete(
    '/enterprises/:creditCode/agents/:userId',
    {
      config: { access: 'user' },
      schema: {
        tags: ['enterprises'],
        summary: '撤销经办人 Revoke an agent (legal representative only)',
        params: enterpriseAgentParamsSchema,
      },
    },
    async (request, reply) => {
      await revokeAgent(ctxOf(platform, request), request.params.creditCode, request.params.userId);
      return reply.status(204).send();
    },
  );
}
