import {
  apiKeyCreateBodySchema,
  apiKeyCreatedSchema,
  apiKeyListResponseSchema,
  apiKeyParamsSchema,
  apiKeySchema,
  apiKeySelfSchema,
  apiKeyUseListQuerySchema,
  apiKeyUseListResponseSchema,
} from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/context.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { issueApiKey, listApiKeys, listApiKeyUses, revokeApiKey } from '../use-cases/api-keys.ts';

/** Issuing and revoking channel API keys (system administrators), and a key's view of itself. */
export function registerApiKeyRoutes(app: FastifyInstance, platform: Platform) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const manage = { access: { permission: 'identity.api_keys.manage' } } as const;

  r.get(
    '/api-keys',
    {
      config: manage,
      schema: { tags: ['api-keys'], summary: '渠道API密钥 API keys issued to channels', response: { 200: apiKeyListResponseSchema } },
    },
    async (request) => listApiKeys(ctxOf(platform, request)),
  );

  r.post(
    '/api-keys',
    {
      config: manage,
      schema: {
        tags: ['api-keys'],
        summary: '签发API密钥 Issue an API key (the token is shown only in this answer)',
        body: apiKeyCreateBodySchema,
        response: { 201: apiKeyCreatedSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.status(201).send(await issueApiKey(ctxOf(platform, request), request.body));
    },
  );

  r.post(
    '/api-keys/:id/revoke',
    {
      config: manage,
      schema: { tags: ['api-keys'], summary: '吊销API密钥 Revoke an API key', params: apiKeyParamsSchema, response: { 200: apiKeySchema } },
    },
    async (request) => revokeApiKey(ctxOf(platform, request), request.params.id),
  );

  r.get(
    '/api-keys/:id/uses',
    {
      config: manage,
      schema: {
        tags: ['api-keys'],
        summary: '密钥使用记录 Every use of a key, newest first',
        params: apiKeyParamsSchema,
        querystring: apiKeyUseListQuerySchema,
        response: { 200: apiKeyUseListResponseSchema },
      },
    },
    async (request) => listApiKeyUses(ctxOf(platform, request), request.params.id, request.query.limit),
  );

  // For a channel's integrators: is my key working, and what may it do?
  r.get(
    '/api-keys/self',
    {
      config: { access: { apiKey: '*' } },
      schema: { tags: ['api-keys'], summary: '当前密钥 The calling API key', response: { 200: apiKeySelfSchema } },
    },
    async (request) => {
      const actor = request.actor;
      if (actor.kind !== 'api_key') throw new Error('unreachable: the access hook admits only API keys here');
      const [row] = await platform.db.query<{ expires_at: Date | null }>('select expires_at from api_key where id = $1', [actor.keyId]);
      return {
        id: actor.keyId,
        name: actor.name,
        channel: actor.channel,
        scopes: [...actor.scopes],
        ratePerMinute: actor.ratePerMinute,
        expiresAt: row?.expires_at ? new Date(row.expires_at).toISOString() : null,
      };
    },
  );
}
