import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Platform } from '../../../platform/context.ts';
import { cpsvContextBody, getCatalogueCsv, getCpsvDocument } from '../use-cases/open-data.ts';
import { sendCached } from './send-cached.ts';

const tags = ['catalogue', 'open data'];
const access = { access: 'public' as const };

/** Where the request came from, for absolute IRIs; a Host header that is not a plain host name is not echoed. */
function originOf(req: FastifyRequest): string {
  const host = req.host;
  const safeHost = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/.test(host) ? host : 'localhost';
  return `${req.protocol === 'https' ? 'https' : 'http'}://${safeHost}`;
}

/** Open data: the published catalogue as CPSV-AP 3 JSON-LD (with its context served locally) and as CSV. */
export function registerOpenDataRoutes(app: FastifyInstance, platform: Platform) {
  app.get(
    '/catalogue/cpsv',
    {
      config: access,
      schema: {
        tags,
        summary: '目录开放数据 (CPSV-AP 3 JSON-LD) The published catalogue as CPSV-AP 3 JSON-LD',
        response: { 200: z.object({}).passthrough() },
      },
    },
    async (req, reply) => {
      const doc = await getCpsvDocument(platform, originOf(req));
      return sendCached(req, reply, doc, 'application/ld+json; charset=utf-8');
    },
  );
  app.get(
    '/catalogue/cpsv/context.jsonld',
    {
      config: access,
      schema: { tags, summary: 'The JSON-LD @context of the CPSV-AP export', response: { 200: z.object({}).passthrough() } },
    },
    async (_req, reply) =>
      reply.type('application/ld+json; charset=utf-8').header('cache-control', 'public, max-age=86400').send(cpsvContextBody),
  );
  app.get(
    '/catalogue/cpsv.csv',
    { config: access, schema: { tags, summary: '目录开放数据 (CSV) The published catalogue as CSV', produces: ['text/csv'] } },
    async (_req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="tongban-catalogue.csv"')
        .header('cache-control', 'public, max-age=30')
        .send(await getCatalogueCsv(platform)),
  );
}
