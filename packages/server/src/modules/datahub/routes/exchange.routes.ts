import {
  applicantItemQuerySchema,
  caseIdParamsSchema,
  consentBodySchema,
  consentListSchema,
  consentParamsSchema,
  fetchPreviewSchema,
  personLookupParamsSchema,
  personLookupSchema,
  prefillQuerySchema,
  prefillResponseSchema,
  queryBodySchema,
  queryResponseSchema,
  supplyListSchema,
} from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/context.ts';
import { errorHandler } from '../../../platform/http/errors.ts';
import { isRefusedInput } from '../../../platform/http/input-sanitiser.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { authRateLimit } from '../../identity/index.ts';
import { giveConsent, listMyConsents, prefillForm, previewFetches, withdrawConsent } from '../use-cases/applicant.ts';
import { logRefusedQuery, queryResource } from '../use-cases/query.ts';
import { viewCaseSupplies } from '../use-cases/supply.ts';
import { identifyPersonAtWindow } from '../use-cases/window-identity.ts';

/**
 * Exchanges: staff queries, a clerk's identity check of the person at the window, the applicant's
 * pre-fill, preview and consent, a case's once-only supplies.
 */
const tags = ['datahub'];

export function registerExchangeRoutes(scope: FastifyInstance, platform: Platform) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/datahub/query',
    {
      config: { access: { permission: 'workbench.use' } },
      schema: {
        tags,
        summary: '为办件查询共享数据（须说明用途、办件和对象）Query shared data for a case',
        body: queryBodySchema,
        response: { 200: queryResponseSchema },
      },
      // The handler logs every exchange it runs; a query refused for its input never reaches it,
      // so that refusal is logged here, before the usual error answer.
      errorHandler: async (error, request, reply) => {
        if (isRefusedInput(error)) await logRefusedQuery(ctxOf(platform, request), request.body);
        return errorHandler(error, request, reply);
      },
    },
    async (request) => queryResource(ctxOf(platform, request), request.body),
  );

  app.get(
    '/people/:idNumber',
    {
      config: { access: { permission: 'identity.people.lookup' }, personalData: 'person', rateLimit: authRateLimit(platform.config) },
      schema: {
        tags,
        summary: '人员核验 Confirm the identity of the person at a service window (population registry, masked; logged as a data use)',
        params: personLookupParamsSchema,
        response: { 200: personLookupSchema },
      },
    },
    async (request) => identifyPersonAtWindow(ctxOf(platform, request), request.params.idNumber),
  );

  app.get(
    '/datahub/prefill',
    {
      // The applicant online, or a clerk for the person at the window (checked in prefillForm).
      config: { access: 'authenticated', personalData: 'prefill' },
      schema: {
        tags,
        summary: '申请表预填（申请人本人，或窗口为在场申请人）Pre-fill the application form',
        querystring: prefillQuerySchema,
        response: { 200: prefillResponseSchema },
      },
    },
    async (request) => prefillForm(ctxOf(platform, request), request.query),
  );
  app.get(
    '/datahub/preview',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: '申请前查看将获取的共享数据 What the platform will fetch for an application',
        querystring: applicantItemQuerySchema,
        response: { 200: fetchPreviewSchema },
      },
    },
    async (request) => previewFetches(ctxOf(platform, request), request.query),
  );

  app.post(
    '/datahub/consents',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: '授权获取须经本人同意的数据 Consent to fetches',
        body: consentBodySchema,
        response: { 201: consentListSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await giveConsent(ctxOf(platform, request), request.body)),
  );
  app.get(
    '/datahub/consents',
    { config: { access: 'user' }, schema: { tags, summary: '我的授权 My consents', response: { 200: consentListSchema } } },
    async (request) => listMyConsents(ctxOf(platform, request)),
  );
  app.delete(
    '/datahub/consents/:id',
    {
      config: { access: 'user' },
      schema: { tags, summary: '撤回授权 Withdraw a consent', params: consentParamsSchema, response: { 200: consentListSchema } },
    },
    async (request) => withdrawConsent(ctxOf(platform, request), request.params.id),
  );

  app.get(
    '/datahub/cases/:caseId/supplies',
    {
      config: { access: 'authenticated', personalData: 'case_supplies' },
      schema: {
        tags,
        summary: '办件的共享材料及来源 Once-only materials of a case and their provenance',
        params: caseIdParamsSchema,
        response: { 200: supplyListSchema },
      },
    },
    async (request) => viewCaseSupplies(ctxOf(platform, request), request.params.caseId),
  );
}
