import { Readable } from 'node:stream';
import {
  AUDIT_EXPORT_MAX_ROWS,
  auditExportQuerySchema,
  auditListQuerySchema,
  auditListResponseSchema,
  auditVerifyQuerySchema,
  auditVerifyReportSchema,
} from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../platform/context.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { csvHeaderLine, csvLine, exportFileName } from './audit.csv.ts';
import { listAuditEntries, recordAuditExport, streamAuditEntries, verifyAuditLog } from './audit.service.ts';

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

  r.get(
    '/audit/export.csv',
    {
      config: read,
      schema: {
        tags,
        security,
        summary: '导出审计日志（CSV）Export an audit search as CSV',
        description: `The list's filters without paging; newest first, at most ${AUDIT_EXPORT_MAX_ROWS} rows. UTF-8 with BOM, times in Asia/Shanghai. The export is itself audited (\`audit.log.exported\`).`,
        querystring: auditExportQuerySchema,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(platform, req);
      await recordAuditExport(ctx, req.query, AUDIT_EXPORT_MAX_ROWS);
      const entries = streamAuditEntries(ctx.db, req.query, AUDIT_EXPORT_MAX_ROWS);
      const lines = (async function* () {
        yield csvHeaderLine();
        for await (const entry of entries) yield csvLine(entry);
      })();
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${exportFileName(req.query.stream, ctx.clock.now())}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(lines));
    },
  );
}
