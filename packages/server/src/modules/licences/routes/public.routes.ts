import {
  AppError,
  licenceTypeSchema,
  sharedLicenceSchema,
  shareTokenParamsSchema,
  verificationResultSchema,
  verifyBodySchema,
} from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../../platform/context.ts';
import { didDocumentUrl } from '../licences.shared.ts';
import { licencesContext } from '../use-cases/credential.ts';
import { didDocument, findIssuerBySlug, jwks, listIssuers } from '../use-cases/issuers.ts';
import { viewSharedLicence } from '../use-cases/shares.ts';
import { getStatusList } from '../use-cases/status-lists.ts';
import { getLicenceType, listLicenceTypes } from '../use-cases/types.ts';
import { verifyPresented } from '../use-cases/verify.ts';

const tags = ['licences'];
const publicAccess = { access: 'public' as const };
const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,60}$/) });

const issuerNotFound = () => new AppError('LICENCES_ISSUER_NOT_FOUND', '没有该签发机关。No such issuer.');

/**
 * What anyone may read or call without logging in: issuer documents (did:web) and their keys, the
 * JSON-LD context, status lists, licence types, verification and share links.
 */
export function registerPublicLicenceRoutes(scope: FastifyInstance, platform: Platform) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const origin = platform.config.PUBLIC_ORIGIN;

  app.post(
    '/licences/verify',
    {
      // A stateless public check: no session, so no CSRF token; rate-limited per client address.
      config: { access: 'public', csrf: false, rateLimit: { max: 300, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '验证电子证照（无需登录）Verify an e-licence or its QR code (no login)',
        body: verifyBodySchema,
        response: { 200: verificationResultSchema },
      },
    },
    async (request) => verifyPresented(platform, request.body),
  );

  app.get(
    '/licences/issuers',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: '签发机关列表 Issuers and their DID documents',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                departmentId: z.string(),
                name: z.object({ zh: z.string(), en: z.string() }),
                document: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({
      items: (await listIssuers(platform.db)).map((i) => ({
        id: i.did,
        departmentId: i.department_id,
        name: { zh: i.name_zh, en: i.name_en },
        document: didDocumentUrl(origin, i.slug),
      })),
    }),
  );

  app.get(
    '/licences/issuers/:slug/did.json',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: '签发机关 DID 文档（did:web）Issuer DID document: current and rotated public keys',
        params: slugParams,
      },
    },
    async (request, reply) => {
      const issuer = await findIssuerBySlug(platform.db, request.params.slug);
      if (!issuer) throw issuerNotFound();
      return reply
        .type('application/did+json')
        .header('cache-control', 'public, max-age=60')
        .send(JSON.stringify(await didDocument(platform.signer, origin, issuer)));
    },
  );

  app.get(
    '/licences/issuers/:slug/jwks.json',
    {
      config: publicAccess,
      schema: { tags, summary: '签发机关公钥（JWK Set）Issuer public keys as a JWK Set', params: slugParams },
    },
    async (request, reply) => {
      const issuer = await findIssuerBySlug(platform.db, request.params.slug);
      if (!issuer) throw issuerNotFound();
      return reply
        .type('application/jwk-set+json')
        .header('cache-control', 'public, max-age=60')
        .send(JSON.stringify(await jwks(platform.signer, issuer)));
    },
  );

  const contextBody = JSON.stringify(licencesContext);
  app.get(
    '/licences/contexts/v1',
    { config: publicAccess, schema: { tags, summary: '电子证照 JSON-LD 上下文 The licences JSON-LD context' } },
    async (_request, reply) => reply.type('application/ld+json').header('cache-control', 'public, max-age=86400').send(contextBody),
  );

  app.get(
    '/licences/status/:listId',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: '证照状态列表（Bitstring Status List，vc+jwt）Status list credential',
        description: 'Answers `application/vc+jwt`; with `Accept: application/json`, `{credential, jwt}`.',
        params: z.object({ listId: z.string().regex(/^[a-z0-9-]{1,100}$/) }),
      },
    },
    async (request, reply) => {
      const list = await getStatusList(platform, request.params.listId);
      reply.header('cache-control', 'public, max-age=30').header('vary', 'accept');
      const accept = request.headers.accept ?? '';
      if (accept.includes('application/json') && !accept.includes('application/vc+jwt')) {
        return reply.type('application/json').send(JSON.stringify({ credential: list.credential, jwt: list.jwt }));
      }
      return reply.type('application/vc+jwt').send(list.jwt);
    },
  );

  app.get(
    '/licences/types',
    {
      config: publicAccess,
      schema: { tags, summary: '证照类型 Licence types', response: { 200: z.object({ items: z.array(licenceTypeSchema) }) } },
    },
    async () => ({ items: await listLicenceTypes(platform.db) }),
  );

  app.get(
    '/licences/types/:code',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: '证照类型 A licence type',
        params: z.object({ code: z.string().max(64) }),
        response: { 200: licenceTypeSchema },
      },
    },
    async (request) => getLicenceType(platform.db, request.params.code),
  );

  app.get(
    '/licences/shared/:token',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '查看分享的证照（有效期内）A shared licence, while the link is valid',
        params: shareTokenParamsSchema,
        response: { 200: sharedLicenceSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return viewSharedLicence(platform, request.params.token, request.id);
    },
  );
}
