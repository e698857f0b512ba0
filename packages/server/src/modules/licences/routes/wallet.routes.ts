import {
  licenceDetailSchema,
  licenceListQuerySchema,
  licenceListSchema,
  licenceParamsSchema,
  licenceQrSchema,
  licenceUsageSchema,
  shareCreateBodySchema,
  shareCreatedSchema,
  shareParamsSchema,
  shareSchema,
} from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../../platform/context.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { createShare, listShares, revokeShare } from '../use-cases/shares.ts';
import { listMyLicenceUsage } from '../use-cases/usage.ts';
import { getLicenceDetail, getLicenceQr, getVisibleLicence, listMyLicences } from '../use-cases/wallet.ts';

const tags = ['licences'];
const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** The wallet (证照夹) of people and the enterprises they act for; a licence's detail also for staff who may see it. */
export function registerWalletRoutes(scope: FastifyInstance, platform: Platform) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/licences/mine',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: '我的证照夹（本人及可代办企业）My licences and those of my enterprises',
        querystring: licenceListQuerySchema,
        response: { 200: licenceListSchema },
      },
    },
    async (request) => listMyLicences(ctxOf(platform, request), request.query),
  );

  app.get(
    '/licences/usage',
    {
      config: { access: 'user' },
      schema: { tags, summary: '谁用了我的证照 Who used my licences', querystring: pageQuery, response: { 200: licenceUsageSchema } },
    },
    async (request) => listMyLicenceUsage(ctxOf(platform, request), request.query),
  );

  app.get(
    '/licences/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '电子证照详情 A licence', params: licenceParamsSchema, response: { 200: licenceDetailSchema } },
    },
    async (request) => getLicenceDetail(ctxOf(platform, request), request.params.id),
  );

  app.get(
    '/licences/:id/credential',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '下载电子证照文件（vc+jwt）Download the credential file', params: licenceParamsSchema },
    },
    async (request, reply) => {
      const licence = await getVisibleLicence(ctxOf(platform, request), request.params.id);
      const name = `${licence.type_code}-${licence.licence_no}.jwt`.replace(/[^\w.-]/g, '_');
      return reply
        .type('application/vc+jwt')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'private, no-store')
        .send(licence.credential);
    },
  );

  app.get(
    '/licences/:id/qr',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '亮证二维码 The QR code to show the licence',
        params: licenceParamsSchema,
        response: { 200: licenceQrSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return getLicenceQr(ctxOf(platform, request), request.params.id);
    },
  );

  app.post(
    '/licences/:id/shares',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: '分享证照（限时、可选字段）Share a licence or chosen fields, for a limited time',
        params: licenceParamsSchema,
        body: shareCreateBodySchema,
        response: { 201: shareCreatedSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createShare(ctxOf(platform, request), request.params.id, request.body)),
  );

  app.get(
    '/licences/:id/shares',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: '分享记录 Share links of a licence',
        params: licenceParamsSchema,
        response: { 200: z.object({ items: z.array(shareSchema) }) },
      },
    },
    async (request) => listShares(ctxOf(platform, request), request.params.id),
  );

  app.delete(
    '/licences/:id/shares/:shareId',
    {
      config: { access: 'user' },
      schema: { tags, summary: '撤回分享链接 Withdraw a share link', params: shareParamsSchema, response: { 200: shareSchema } },
    },
    async (request) => revokeShare(ctxOf(platform, request), request.params.id, request.params.shareId),
  );
}
