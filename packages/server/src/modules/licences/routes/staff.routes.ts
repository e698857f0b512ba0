import { licenceListSchema, licenceParamsSchema, licenceStatuses, statusChangeActions, statusChangeBodySchema } from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../../platform/context.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { changeLicenceStatus } from '../use-cases/status-change.ts';
import { listDepartmentLicences } from '../use-cases/wallet.ts';

const tags = ['licences'];
const summaries = {
  revoke: '吊销（撤销）证照 Revoke a licence (final)',
  suspend: '暂停证照 Suspend a licence',
  reinstate: '恢复证照 Reinstate a suspended licence',
} as const;

/** The issuing department's side: its issued licences, and revoke / suspend / reinstate with a reason. */
export function registerStaffLicenceRoutes(scope: FastifyInstance, platform: Platform) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const access = { permission: 'licences.revoke' as const };

  app.get(
    '/licences/department',
    {
      config: { access },
      schema: {
        tags,
        summary: '本部门签发的证照 Licences issued by my department (and below)',
        querystring: z.object({
          status: z.enum(licenceStatuses).optional(),
          type: z.string().trim().max(64).optional(),
          q: z.string().trim().max(100).optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: licenceListSchema },
      },
    },
    async (request) => listDepartmentLicences(ctxOf(platform, request), request.query),
  );

  const resultSchema = z.object({ id: z.string(), status: z.enum(licenceStatuses), statusReason: z.string(), statusChangedAt: z.string() });
  for (const action of statusChangeActions) {
    app.post(
      `/licences/:id/actions/${action}`,
      {
        config: { access },
        schema: {
          tags,
          summary: summaries[action],
          params: licenceParamsSchema,
          body: statusChangeBodySchema,
          response: { 200: resultSchema },
        },
      },
      async (request) => changeLicenceStatus(ctxOf(platform, request), request.params.id, action, request.body.reason),
    );
  }
}
