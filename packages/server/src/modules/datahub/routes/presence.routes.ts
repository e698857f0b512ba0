import { cardReaderBodySchema, cardReaderSchema, presenceSchema, signedCardReadSchema } from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/context.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { presentCard, registerCardReader } from '../use-cases/presence.ts';

/** Presence at a service window: card readers registered to seats, and signed reads of ID cards. */
const tags = ['datahub'];

export function registerPresenceRoutes(scope: FastifyInstance, platform: Platform) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/datahub/card-readers',
    {
      config: { access: { permission: 'identity.departments.manage' } },
      schema: {
        tags,
        summary: '登记窗口身份证读卡器 Register an ID-card reader to a service centre’s seat (its Ed25519 public key)',
        body: cardReaderBodySchema,
        response: { 201: cardReaderSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await registerCardReader(ctxOf(platform, request), request.body)),
  );

  app.post(
    '/datahub/presence',
    {
      config: { access: { permission: 'cases.intake' } },
      schema: {
        tags,
        summary: '读取身份证：在场核验 Present the signed chip read of the ID card of the person at the window',
        body: signedCardReadSchema,
        response: { 201: presenceSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await presentCard(ctxOf(platform, request), request.body)),
  );
}
