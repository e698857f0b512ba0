import {
  departmentCreateBodySchema,
  departmentDetailSchema,
  departmentListQuerySchema,
  departmentListResponseSchema,
  departmentParamsSchema,
  departmentPatchBodySchema,
  departmentSchema,
} from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/context.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { createDepartment, getDepartmentDetail, listDepartments, updateDepartment } from '../use-cases/departments.ts';

export function registerDepartmentRoutes(app: FastifyInstance, platform: Platform) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/departments',
    {
      // Public: the portal shows where to go and who is responsible.
      config: { access: 'public' },
      schema: {
        tags: ['departments'],
        summary: '部门列表 Departments, flat with parentId (build the tree client-side)',
        querystring: departmentListQuerySchema,
        response: { 200: departmentListResponseSchema },
      },
    },
    async (request) => ({ items: await listDepartments(platform.db, request.query) }),
  );

  r.get(
    '/departments/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['departments'],
        summary: '部门详情 One department with its ancestors',
        params: departmentParamsSchema,
        response: { 200: departmentDetailSchema },
      },
    },
    async (request) => getDepartmentDetail(platform.db, request.params.id),
  );

  r.post(
    '/departments',
    {
      config: { access: { permission: 'identity.departments.manage' } },
      schema: {
        tags: ['departments'],
        summary: '新建部门 Create a department',
        body: departmentCreateBodySchema,
        response: { 201: departmentSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createDepartment(ctxOf(platform, request), request.body)),
  );

  r.patch(
    '/departments/:id',
    {
      config: { access: { permission: 'identity.departments.manage' } },
      schema: {
        tags: ['departments'],
        summary: '修改部门 Rename, move or (de)activate a department',
        params: departmentParamsSchema,
        body: departmentPatchBodySchema,
        response: { 200: departmentSchema },
      },
    },
    async (request) => updateDepartment(ctxOf(platform, request), request.params.id, request.body),
  );
}
