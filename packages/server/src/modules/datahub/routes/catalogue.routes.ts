import {
  AppError,
  dictionaryFieldInputSchema,
  dictionaryFieldSchema,
  dictionaryListSchema,
  externalProviderInputSchema,
  externalProviderListSchema,
  externalProviderSchema,
  hubKeysSchema,
  resourceInputSchema,
  resourceListQuerySchema,
  resourceListSchema,
  resourceParamsSchema,
  resourceSchema,
  resourceUpdateSchema,
} from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../../platform/context.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { HUB_KEY_PURPOSE } from '../adapters/http-provider.ts';
import { listDictionary, saveDictionaryField } from '../use-cases/dictionary.ts';
import { listExternalProviders, registerExternalProvider } from '../use-cases/external-providers.ts';
import { createResource, listResources, retireResource, updateResource, viewResource } from '../use-cases/resources.ts';

/** The data resources catalogue, the field dictionary, department systems and the hub's keys. */
const tags = ['datahub'];
// Resources and grants between departments: no one's personal data.
const manage = { access: { permission: 'datahub.manage' as const }, personalData: false as const };

export function registerCatalogueRoutes(scope: FastifyInstance, platform: Platform) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/datahub/resources',
    {
      config: { access: 'staff', personalData: false },
      schema: {
        tags,
        summary: '数据资源目录 Data resources catalogue',
        querystring: resourceListQuerySchema,
        response: { 200: resourceListSchema },
      },
    },
    async (request) => listResources(ctxOf(platform, request), request.query),
  );
  app.get(
    '/datahub/resources/:code',
    {
      config: { access: 'staff', personalData: false },
      schema: { tags, summary: '数据资源 Data resource', params: resourceParamsSchema, response: { 200: resourceSchema } },
    },
    async (request) => viewResource(platform.db, request.params.code),
  );
  app.post(
    '/datahub/resources',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记本部门数据资源 Register a resource of your department',
        body: resourceInputSchema,
        response: { 201: resourceSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createResource(ctxOf(platform, request), request.body)),
  );
  app.put(
    '/datahub/resources/:code',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改数据资源 Change a resource',
        params: resourceParamsSchema,
        body: resourceUpdateSchema,
        response: { 200: resourceSchema },
      },
    },
    async (request) => updateResource(ctxOf(platform, request), request.params.code, request.body),
  );
  app.delete(
    '/datahub/resources/:code',
    {
      config: manage,
      schema: {
        tags,
        summary: '停止共享（退役）数据资源 Retire a resource',
        params: resourceParamsSchema,
        response: { 200: resourceSchema },
      },
    },
    async (request) => retireResource(ctxOf(platform, request), request.params.code),
  );

  app.get(
    '/datahub/fields',
    {
      config: { access: 'staff', personalData: false },
      schema: { tags, summary: '数据元（字段字典）Field dictionary', response: { 200: dictionaryListSchema } },
    },
    async () => listDictionary(platform.db),
  );
  app.put(
    '/datahub/fields/:key',
    {
      config: manage,
      schema: {
        tags,
        summary: '维护数据元（大数据中心）Define a dictionary element (big-data centre)',
        params: z.object({ key: z.string().min(1).max(63) }),
        body: dictionaryFieldInputSchema,
        response: { 200: dictionaryFieldSchema },
      },
    },
    async (request) => {
      if (request.params.key !== request.body.key)
        throw new AppError('VALIDATION_FAILED', '路径与数据元代码不一致。Key mismatch.', { field: 'body.key' });
      return saveDictionaryField(ctxOf(platform, request), request.body);
    },
  );

  app.get(
    '/datahub/providers',
    { config: manage, schema: { tags, summary: '本部门的外部系统 Department systems', response: { 200: externalProviderListSchema } } },
    async (request) => listExternalProviders(ctxOf(platform, request)),
  );
  app.post(
    '/datahub/providers',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记本部门的外部系统及其公钥 Register a department system and its public key',
        body: externalProviderInputSchema,
        response: { 201: externalProviderSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await registerExternalProvider(ctxOf(platform, request), request.body)),
  );

  app.get(
    '/datahub/keys',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '数据共享平台的签名公钥 The hub’s public keys (verify its signed requests)',
        response: { 200: hubKeysSchema },
      },
    },
    async () => {
      // The current key exists from the first request on; make it exist for providers that ask first.
      await platform.signer.currentKeyId(HUB_KEY_PURPOSE);
      return {
        keys: platform.signer
          .publicKeys(HUB_KEY_PURPOSE)
          .map((k) => ({ keyId: k.keyId, publicKeyPem: k.publicKeyPem, publicKeyJwk: k.publicKeyJwk as Record<string, unknown> })),
      };
    },
  );
}
