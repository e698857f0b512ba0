import { auditListQuerySchema, auditListResponseSchema, auditVerifyQuerySchema, auditVerifyReportSchema } from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../platform/context.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { listAuditEntries, verifyAuditLog } from './audit.service.ts';

const tags = ['audit'];
const security = [{ session: [] }];
const read = { access: { permission: 'audit.read' as const } };

export function registerAuditRoutes(app: FastifyInstance, platform: Platform) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/audit',
    {
      config: read,
      schema: {
        tags,
        security,
        summary: '审计日志查询 Search the audit log',
        querystring: auditListQuerySchema,
        response: { 200: auditListResponseSchema },
      },
    },
    async (req) => listAuditEntries(ctxOf(platform, req), req.query),
  );

  r.get(
    '/audit/verify',
    {
      config: read,
      schema: {
        tags,
        security,
        summary: '校验审计哈希链 Verify the audit hash chain and its signed checkpoints',
        querystring: auditVerifyQuerySchema,
        response: { 200: auditVerifyReportSchema },
      },
    },
    async (req) => verifyAuditLog(ctxOf(platform, req), req.query),
  );
}
