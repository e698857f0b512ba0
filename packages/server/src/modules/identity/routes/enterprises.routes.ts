import {
  agentGrantBodySchema,
  agentInvitationListResponseSchema,
  agentInvitationSchema,
  enterpriseAgentParamsSchema,
  enterpriseListResponseSchema,
  enterpriseParamsSchema,
  enterpriseRegisterBodySchema,
  enterpriseSchema,
  invitationParamsSchema,
  myInvitationListResponseSchema,
} from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/context.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import {
  acceptInvitation,
  declineInvitation,
  inviteAgent,
  listEnterpriseInvitations,
  listMyInvitations,
} from '../use-cases/agent-invitations.ts';
import { listMyEnterprises, registerEnterprise, revokeAgent } from '../use-cases/enterprises.ts';

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
        summary:
          '邀请经办人 Invite an agent (legal representative only); granted when the invitee accepts; same answer whether or not they have an account',
        params: enterpriseParamsSchema,
        body: agentGrantBodySchema,
        response: { 202: agentInvitationSchema },
      },
    },
    async (request, reply) => reply.status(202).send(await inviteAgent(ctxOf(platform, request), request.params.creditCode, request.body)),
  );

  r.get(
    '/enterprises/:creditCode/invitations',
    {
      config: { access: 'user' },
      schema: {
        tags: ['enterprises'],
        summary: '待接受的经办人邀请 Pending agent invitations (legal representative only)',
        params: enterpriseParamsSchema,
        response: { 200: agentInvitationListResponseSchema },
      },
    },
    async (request) => ({ items: await listEnterpriseInvitations(ctxOf(platform, request), request.params.creditCode) }),
  );

  r.get(
    '/enterprise-invitations',
    {
      config: { access: 'user' },
      schema: {
        tags: ['enterprises'],
        summary: '我收到的经办人邀请 Invitations to act as an agent, waiting for your answer',
        response: { 200: myInvitationListResponseSchema },
      },
    },
    async (request) => ({ items: await listMyInvitations(ctxOf(platform, request)) }),
  );

  r.post(
    '/enterprise-invitations/:id/accept',
    {
      config: { access: 'user' },
      schema: {
        tags: ['enterprises'],
        summary: '接受邀请 Accept an invitation (you become an agent of the enterprise)',
        params: invitationParamsSchema,
        response: { 200: enterpriseSchema },
      },
    },
    async (request) => acceptInvitation(ctxOf(platform, request), request.params.id),
  );

  r.post(
    '/enterprise-invitations/:id/decline',
    {
      config: { access: 'user' },
      schema: { tags: ['enterprises'], summary: '拒绝邀请 Decline an invitation', params: invitationParamsSchema },
    },
    async (request, reply) => {
      await declineInvitation(ctxOf(platform, request), request.params.id);
      return reply.status(204).send();
    },
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
