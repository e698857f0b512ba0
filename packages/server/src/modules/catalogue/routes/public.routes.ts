import {
  AppError,
  bundleListSchema,
  catalogueAnswersQuerySchema,
  catalogueCodeParamsSchema,
  catalogueSearchQuerySchema,
  catalogueSearchResultSchema,
  departmentCountListSchema,
  itemGuideSchema,
  labelledCountListSchema,
  materialsCheckResultSchema,
  popularListSchema,
  popularQuerySchema,
} from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/context.ts';
import { getGuide } from '../use-cases/guide.ts';
import { listBundles, listCatalogueDepartments, listEvents, listPopular, listThemes } from '../use-cases/lists.ts';
import { checkMaterials } from '../use-cases/materials.ts';
import { searchCatalogue } from '../use-cases/search.ts';
import { sendCached } from './send-cached.ts';

const tags = ['catalogue'];
const access = { access: 'public' as const };

/** Public catalogue: search, guides, situation check, bundles, themes, events, popular items, departments. No login. */
export function registerPublicRoutes(app: FastifyInstance, platform: Platform) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/catalogue/search',
    {
      config: access,
      schema: {
        tags,
        summary: '搜索/筛选已发布事项 Search and filter published items',
        querystring: catalogueSearchQuerySchema,
        response: { 200: catalogueSearchResultSchema },
      },
    },
    async (req, reply) => sendCached(req, reply, await searchCatalogue(platform, req.query)),
  );

  r.get(
    '/catalogue/items/:code',
    {
      config: access,
      schema: {
        tags,
        summary: '办事指南 The published guide of an item',
        params: catalogueCodeParamsSchema,
        response: { 200: itemGuideSchema },
      },
    },
    async (req, reply) => sendCached(req, reply, await getGuide(platform, req.params.code)),
  );

  r.get(
    '/catalogue/items/:code/materials',
    {
      config: access,
      schema: {
        tags,
        summary: '按情形筛选材料 Materials for given situation answers (`answers` JSON or `a.<question>=<option>`)',
        params: catalogueCodeParamsSchema,
        querystring: catalogueAnswersQuerySchema,
        response: { 200: materialsCheckResultSchema },
      },
    },
    async (req) => checkMaterials(platform, req.params.code, req.query as Record<string, string | string[] | undefined>),
  );

  r.get(
    '/catalogue/bundles',
    { config: access, schema: { tags, summary: '"一件事"列表 Published bundles', response: { 200: bundleListSchema } } },
    async (req, reply) => sendCached(req, reply, await listBundles(platform)),
  );

  r.get(
    '/catalogue/bundles/:code',
    {
      config: access,
      schema: {
        tags,
        summary: '"一件事"合并视图 A bundle with its merged form, materials and parallel branches',
        params: catalogueCodeParamsSchema,
        response: { 200: itemGuideSchema },
      },
    },
    async (req, reply) => {
      const guide = await getGuide(platform, req.params.code);
      if (!guide.value.bundle) {
        throw new AppError('CATALOGUE_ITEM_NOT_FOUND', `${req.params.code} 不是"一件事"。${req.params.code} is not a bundle.`, {
          field: 'params.code',
        });
      }
      return sendCached(req, reply, guide);
    },
  );

  r.get(
    '/catalogue/themes',
    { config: access, schema: { tags, summary: '主题及事项数 Themes with item counts', response: { 200: labelledCountListSchema } } },
    async (req, reply) => sendCached(req, reply, await listThemes(platform)),
  );
  r.get(
    '/catalogue/events',
    {
      config: access,
      schema: {
        tags,
        summary: '人生/企业事件及事项数 Life and business events with item counts',
        response: { 200: labelledCountListSchema },
      },
    },
    async (req, reply) => sendCached(req, reply, await listEvents(platform)),
  );
  r.get(
    '/catalogue/popular',
    {
      config: access,
      schema: { tags, summary: '高频事项 Most-used items', querystring: popularQuerySchema, response: { 200: popularListSchema } },
    },
    async (req, reply) => sendCached(req, reply, await listPopular(platform, req.query.limit)),
  );
  r.get(
    '/catalogue/departments',
    {
      config: access,
      schema: { tags, summary: '有事项的部门 Departments with published items', response: { 200: departmentCountListSchema } },
    },
    async (req, reply) => sendCached(req, reply, await listCatalogueDepartments(platform)),
  );
}
