import {
  catalogueCodeParamsSchema,
  catalogueCompareParamsSchema,
  catalogueVersionParamsSchema,
  draftListSchema,
  draftsQuerySchema,
  reasonBodySchema,
  serviceItemContentSchema,
  serviceItemInputSchema,
  versionCompareSchema,
  versionDetailSchema,
  versionListSchema,
  versionSummarySchema,
} from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../../platform/context.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import {
  compareVersions,
  createDraft,
  editDraft,
  editVersion,
  getVersionDetail,
  listDrafts,
  listVersions,
  publishVersion,
  rejectVersion,
  submitVersion,
  withdrawItem,
} from '../catalogue.service.ts';

const tags = ['catalogue admin'];
const edit = { access: { permission: 'catalogue.edit' as const } };
const publish = { access: { permission: 'catalogue.publish' as const } };
const read = { access: { permission: 'catalogue.read_drafts' as const } };
const security = [{ session: [] }];

/** Staff and administrators: drafting, review and publication, versions and comparison. */
export function registerStaffRoutes(app: FastifyInstance, platform: Platform) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/catalogue/items',
    {
      config: edit,
      schema: {
        tags,
        security,
        summary: '新建事项（草稿）Create an item as a draft',
        body: serviceItemInputSchema,
        response: { 201: versionDetailSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createDraft(ctxOf(platform, req), req.body)),
  );

  r.put(
    '/catalogue/items/:code/draft',
    {
      config: edit,
      schema: {
        tags,
        security,
        summary: '编辑草稿 Edit the draft (editing a published item creates a new draft version)',
        params: catalogueCodeParamsSchema,
        body: serviceItemContentSchema,
        response: { 200: versionDetailSchema.extend({ created: z.boolean() }) },
      },
    },
    async (req) => editDraft(ctxOf(platform, req), req.params.code, req.body),
  );

  r.put(
    '/catalogue/items/:code/versions/:version',
    {
      config: edit,
      schema: {
        tags,
        security,
        summary: '编辑指定版本（仅草稿）Edit one exact version (drafts only)',
        params: catalogueVersionParamsSchema,
        body: serviceItemContentSchema,
        response: { 200: versionDetailSchema },
      },
    },
    async (req) => editVersion(ctxOf(platform, req), req.params.code, req.params.version, req.body),
  );

  r.post(
    '/catalogue/items/:code/actions/submit',
    {
      config: edit,
      schema: {
        tags,
        security,
        summary: '提交审核 Submit the draft for review',
        params: catalogueCodeParamsSchema,
        response: { 200: versionSummarySchema },
      },
    },
    async (req) => submitVersion(ctxOf(platform, req), req.params.code),
  );

  r.post(
    '/catalogue/items/:code/actions/reject',
    {
      config: publish,
      schema: {
        tags,
        security,
        summary: '退回修改 Send the submitted version back to draft',
        params: catalogueCodeParamsSchema,
        body: reasonBodySchema,
        response: { 200: versionSummarySchema },
      },
    },
    async (req) => rejectVersion(ctxOf(platform, req), req.params.code, req.body.reason),
  );

  r.post(
    '/catalogue/items/:code/actions/publish',
    {
      config: publish,
      schema: {
        tags,
        security,
        summary: '发布（须由起草人以外的人员）Publish the submitted version (not by its author)',
        params: catalogueCodeParamsSchema,
        response: { 200: versionSummarySchema },
      },
    },
    async (req) => publishVersion(ctxOf(platform, req), req.params.code),
  );

  r.post(
    '/catalogue/items/:code/actions/withdraw',
    {
      config: publish,
      schema: {
        tags,
        security,
        summary: '停用 Withdraw the published version',
        params: catalogueCodeParamsSchema,
        body: reasonBodySchema,
        response: { 200: versionSummarySchema },
      },
    },
    async (req) => withdrawItem(ctxOf(platform, req), req.params.code, req.body.reason),
  );

  r.get(
    '/catalogue/items/:code/versions',
    {
      config: read,
      schema: {
        tags,
        security,
        summary: '版本列表 All versions of an item',
        params: catalogueCodeParamsSchema,
        response: { 200: versionListSchema },
      },
    },
    async (req) => listVersions(ctxOf(platform, req), req.params.code),
  );

  r.get(
    '/catalogue/items/:code/versions/:version',
    {
      config: read,
      schema: {
        tags,
        security,
        summary: '版本详情 One version with its content',
        params: catalogueVersionParamsSchema,
        response: { 200: versionDetailSchema },
      },
    },
    async (req) => getVersionDetail(ctxOf(platform, req), req.params.code, req.params.version),
  );

  r.get(
    '/catalogue/items/:code/versions/:a/compare/:b',
    {
      config: read,
      schema: {
        tags,
        security,
        summary: '版本比对 Compare two versions',
        params: catalogueCompareParamsSchema,
        response: { 200: versionCompareSchema },
      },
    },
    async (req) => compareVersions(ctxOf(platform, req), req.params.code, req.params.a, req.params.b),
  );

  r.get(
    '/catalogue/drafts',
    {
      config: read,
      schema: {
        tags,
        security,
        summary: '待发布版本 Drafts and versions awaiting review',
        querystring: draftsQuerySchema,
        response: { 200: draftListSchema },
      },
    },
    async (req) => listDrafts(ctxOf(platform, req), req.query),
  );
}
