import { personLookupParamsSchema, personLookupSchema } from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/context.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { lookUpPerson } from '../use-cases/people.ts';
import { authRateLimit } from './rate-limit.ts';

export function registerPeopleRoutes(app: FastifyInstance, platform: Platform) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/people/:idNumber',
    {
      config: { access: { permission: 'identity.people.lookup' }, rateLimit: authRateLimit(platform.config) },
      schema: {
        tags: ['people'],
        summary: '人员核验 Look up a person in the population registry (masked), for window intake',
        params: personLookupParamsSchema,
        response: { 200: personLookupSchema },
      },
    },
    async (request) => lookUpPerson(ctxOf(platform, request), request.params.idNumber),
  );
}
