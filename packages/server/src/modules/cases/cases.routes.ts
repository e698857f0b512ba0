import { randomUUID } from 'node:crypto';
import {
  AppError,
  caseDetailSchema,
  caseListResponseSchema,
  caseParamsSchema,
  caseSubmitBodySchema,
  caseSubmitResponseSchema,
  draftBodySchema,
  draftListQuerySchema,
  draftListResponseSchema,
  draftParamsSchema,
  draftSchema,
  metricsQuerySchema,
  metricsResponseSchema,
  normaliseTrackingNumber,
  pageQuerySchema,
  previewBodySchema,
  previewResponseSchema,
  uploadSchema,
  windowIntakeBodySchema,
} from '@tongban/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { discardUpload, receiveUpload, refuseUnreadUpload, type Storage, sendStoredFile } from '../../platform/storage/index.ts';
import { iso } from './cases.shared.ts';
import { deleteDraft, getDraft, listDrafts, saveDraft } from './use-cases/drafts.ts';
import { getCaseMetrics } from './use-cases/metrics.ts';
import { previewApplication } from './use-cases/preview.ts';
import { getCaseDetail, listMyCases, lookupCaseAtWindow, readMaterialFile } from './use-cases/read-case.ts';
import { renderResultHtml } from './use-cases/result-html.ts';
import { submitAtWindow, submitOnline } from './use-cases/submit-case.ts';
import { assertUploadQuota, recordUploads, type UploadOwner } from './use-cases/uploads.ts';

/** Filing, reading, drafts, uploads and counting. Workflow actions: workflow.routes.ts; the inbox of departments: workbench.routes.ts. */
const tags = ['cases'];

function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const value = request.headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[A-Za-z0-9_.:-]{8,128}$/.test(value)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Idempotency-Key 须为 8–128 个字母、数字或 _.:- 。The Idempotency-Key must be 8–128 letters, digits or _.:-',
      {
        field: 'headers.idempotency-key',
      },
    );
  }
  return value;
}

export function registerCaseRoutes(scope: FastifyInstance, platform: Platform, storage: Storage) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/cases',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: '网上申请 Apply online (send an Idempotency-Key)',
        body: caseSubmitBodySchema,
        response: { 201: caseSubmitResponseSchema },
      },
    },
    async (request, reply) => {
      const { value, replayed } = await submitOnline(ctxOf(platform, request), request.body, idempotencyKeyOf(request));
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(value);
    },
  );

  app.post(
    '/cases/window-intake',
    {
      config: { access: { permission: 'cases.intake' } },
      schema: {
        tags,
        summary: '窗口收件 File at a window for a walk-in applicant',
        body: windowIntakeBodySchema,
        response: { 201: caseSubmitResponseSchema },
      },
    },
    async (request, reply) => {
      const { value, replayed } = await submitAtWindow(ctxOf(platform, request), request.body, idempotencyKeyOf(request));
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(value);
    },
  );

  app.post(
    '/cases/preview',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '申请预览：预填、材料清单 Preview: pre-filled form and material list',
        body: previewBodySchema,
        response: { 200: previewResponseSchema },
      },
    },
    async (request) => previewApplication(ctxOf(platform, request), request.body),
  );

  app.get(
    '/cases/mine',
    {
      config: { access: 'user' },
      schema: { tags, summary: '我的办件 My cases', querystring: pageQuerySchema, response: { 200: caseListResponseSchema } },
    },
    async (request) => listMyCases(ctxOf(platform, request), request.query),
  );

  app.get(
    '/cases/lookup',
    {
      config: { access: { permission: 'cases.intake' }, personalData: 'case_lookup' },
      schema: {
        tags,
        summary: '窗口查件（办件编号 + 身份证号码）Find a case for the person at the window',
        querystring: z.object({ trackingNumber: z.string().max(40), idNumber: z.string().max(18) }),
      },
    },
    async (request) => {
      const trackingNumber = normaliseTrackingNumber(request.query.trackingNumber);
      const found = trackingNumber
        ? await lookupCaseAtWindow(ctxOf(platform, request), trackingNumber, request.query.idNumber.toUpperCase())
        : undefined;
      if (!found) throw new AppError('CASES_NOT_FOUND', '办件不存在。No such case.');
      return found;
    },
  );

  app.get(
    '/cases/metrics',
    {
      // Counts only.
      config: { access: 'staff', personalData: false },
      schema: {
        tags,
        summary: '办件统计（跑动、材料、时限）Case metrics',
        querystring: metricsQuerySchema,
        response: { 200: metricsResponseSchema },
      },
    },
    async (request) => getCaseMetrics(ctxOf(platform, request), request.query),
  );

  app.get(
    '/cases/:id',
    {
      config: { access: 'authenticated', personalData: 'case' },
      schema: { tags, summary: '办件详情与时间线 Case detail and timeline', params: caseParamsSchema, response: { 200: caseDetailSchema } },
    },
    async (request) => getCaseDetail(ctxOf(platform, request), request.params.id),
  );

  app.get(
    '/cases/:id/result',
    {
      config: { access: 'authenticated', personalData: 'case_result' },
      schema: { tags, summary: '办理结果（可打印 HTML）Result certificate (HTML)', params: caseParamsSchema },
    },
    async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(await renderResultHtml(ctxOf(platform, request), request.params.id)),
  );

  app.get(
    '/cases/:id/materials/:materialId/file',
    {
      config: { access: 'authenticated', personalData: 'material_file' },
      schema: { tags, summary: '材料文件 A material file', params: z.object({ id: z.uuid(), materialId: z.uuid() }) },
    },
    async (request, reply) =>
      sendStoredFile(reply, storage.store, await readMaterialFile(ctxOf(platform, request), request.params.id, request.params.materialId)),
  );

  app.post(
    '/cases/uploads',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '上传申请材料（multipart）Upload material files',
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ items: z.array(uploadSchema) }) },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      if (actor.kind === 'staff' && !actor.permissions.has('cases.intake'))
        throw new AppError('AUTH_FORBIDDEN', 'Your roles do not grant cases.intake.');
      const owner: UploadOwner | undefined =
        actor.kind === 'staff'
          ? { type: 'staff', id: actor.staffId }
          : actor.kind === 'user'
            ? { type: 'user', id: actor.userId }
            : undefined;
      if (!owner) throw new AppError('AUTH_REQUIRED', '请先登录。Please log in.');
      // Refuse before reading the file when the quota is already used up; recordUploads checks again with the sizes.
      try {
        await assertUploadQuota(platform.db, platform.config, owner, { files: 0, bytes: 0 });
      } catch (error) {
        refuseUnreadUpload(request);
        throw error;
      }
      const upload = await receiveUpload(request, { ...storage, maxFiles: 10 });
      const files = upload.files.map((f) => ({
        id: randomUUID(),
        fileName: f.fileName,
        mediaType: f.mediaType,
        sizeBytes: f.size,
        sha256: f.sha256,
        storageKey: f.storageKey,
      }));
      let now: Date;
      try {
        now = await recordUploads(platform, owner, files);
      } catch (error) {
        await discardUpload(storage.store, upload);
        throw error;
      }
      const items = files.map((f) => ({ ...f, createdAt: iso(now) }));
      return reply.status(201).send({ items: items.map(({ storageKey: _s, ...rest }) => rest) });
    },
  );

  app.post(
    '/cases/drafts',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '保存草稿 Save a draft', body: draftBodySchema, response: { 201: draftSchema } },
    },
    async (request, reply) => reply.status(201).send(await saveDraft(ctxOf(platform, request), request.body)),
  );
  app.get(
    '/cases/drafts',
    {
      config: { access: 'authenticated', personalData: 'draft' },
      schema: {
        tags,
        summary: '草稿（窗口人员须给出身份证号码）Drafts',
        querystring: draftListQuerySchema,
        response: { 200: draftListResponseSchema },
      },
    },
    async (request) => listDrafts(ctxOf(platform, request), request.query),
  );
  app.get(
    '/cases/drafts/:id',
    {
      config: { access: 'authenticated', personalData: 'draft' },
      schema: { tags, summary: '草稿 A draft', params: draftParamsSchema, response: { 200: draftSchema } },
    },
    async (request) => getDraft(ctxOf(platform, request), request.params.id),
  );
  app.put(
    '/cases/drafts/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '更新草稿 Update a draft',
        params: draftParamsSchema,
        body: draftBodySchema,
        response: { 200: draftSchema },
      },
    },
    async (request) => saveDraft(ctxOf(platform, request), request.body, request.params.id),
  );
  app.delete(
    '/cases/drafts/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '删除草稿 Delete a draft', params: draftParamsSchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await deleteDraft(ctxOf(platform, request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
