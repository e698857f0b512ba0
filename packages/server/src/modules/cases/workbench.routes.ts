import {
  claimBodySchema,
  overdueResponseSchema,
  reassignBodySchema,
  taskListQuerySchema,
  taskListResponseSchema,
  taskParamsSchema,
  taskViewSchema,
} from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../platform/context.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { claimTask, listOverdue, listTasks, reassignTask } from './use-cases/tasks.ts';

export function registerWorkbenchRoutes(scope: FastifyInstance, platform: Platform) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['workbench'];
  app.get(
    '/workbench/tasks',
    {
      // A work list (applicant names, no ID numbers or forms); opening a case is the logged read.
      config: { access: { permission: 'workbench.use' }, personalData: false },
      schema: {
        tags,
        summary: '部门待办（时限红黄绿）Department inbox with SLA colours',
        querystring: taskListQuerySchema,
        response: { 200: taskListResponseSchema },
      },
    },
    async (request) => listTasks(ctxOf(platform, request), request.query),
  );
  app.post(
    '/tasks/:id/claim',
    {
      config: { access: { permission: 'workbench.use' } },
      schema: {
        tags,
        summary: '认领任务 Claim a task',
        params: taskParamsSchema,
        body: claimBodySchema,
        response: { 200: taskViewSchema },
      },
    },
    async (request) => claimTask(ctxOf(platform, request), request.params.id, request.body),
  );
  app.post(
    '/tasks/:id/reassign',
    {
      config: { access: { permission: 'cases.supervise' } },
      schema: {
        tags,
        summary: '转交任务 Reassign a task (supervisor)',
        params: taskParamsSchema,
        body: reassignBodySchema,
        response: { 200: taskViewSchema },
      },
    },
    async (request) => reassignTask(ctxOf(platform, request), request.params.id, request.body),
  );
  app.get(
    '/workbench/overdue',
    {
      // A work list of overdue steps; opening a case is the logged read.
      config: { access: { permission: 'cases.supervise' }, personalData: false },
      schema: { tags, summary: '超期与临期督办 Overdue and at-risk cases', response: { 200: overdueResponseSchema } },
    },
    async (request) => listOverdue(ctxOf(platform, request)),
  );
}
