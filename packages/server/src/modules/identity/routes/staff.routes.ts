import {
  type Permission,
  roleChangeListQuerySchema,
  roleChangeListSchema,
  roleLabels,
  roleListQuerySchema,
  roleListResponseSchema,
  rolePermissions,
  staffCreateBodySchema,
  staffListQuerySchema,
  staffListResponseSchema,
  staffParamsSchema,
  staffPatchBodySchema,
  staffRoles,
  staffSchema,
} from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/context.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { listRoleChanges } from '../use-cases/role-changes.ts';
import { createStaff, getStaff, listRolesForCaller, listStaff, updateStaff } from '../use-cases/staff.ts';

export function registerStaffRoutes(app: FastifyInstance, platform: Platform) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/staff',
    {
      config: { access: { permission: 'identity.staff.read' } },
      schema: {
        tags: ['staff'],
        summary: '工作人员列表 Staff within your department (system administrators: all)',
        querystring: staffListQuerySchema,
        response: { 200: staffListResponseSchema },
      },
    },
    async (request) => listStaff(ctxOf(platform, request), request.query),
  );

  r.get(
    '/staff/role-changes',
    {
      config: { access: { permission: 'identity.staff.read' } },
      schema: {
        tags: ['staff'],
        summary: '角色变更记录 Who changed whose roles when, in your department subtree (system administrators: all)',
        querystring: roleChangeListQuerySchema,
        response: { 200: roleChangeListSchema },
      },
    },
    async (request) => listRoleChanges(ctxOf(platform, request), request.query),
  );

  r.get(
    '/staff/:id',
    {
      config: { access: { permission: 'identity.staff.read' } },
      schema: { tags: ['staff'], summary: '工作人员详情 One staff member', params: staffParamsSchema, response: { 200: staffSchema } },
    },
    async (request) => getStaff(ctxOf(platform, request), request.params.id),
  );

  r.post(
    '/staff',
    {
      config: { access: { permission: 'identity.staff.manage' } },
      schema: {
        tags: ['staff'],
        summary: '新建工作人员 Create a staff account with roles and an initial password',
        body: staffCreateBodySchema,
        response: { 201: staffSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createStaff(ctxOf(platform, request), request.body)),
  );

  r.patch(
    '/staff/:id',
    {
      config: { access: { permission: 'identity.staff.manage' } },
      schema: {
        tags: ['staff'],
        summary: '修改工作人员 Change roles, department, active flag, or reset the password',
        params: staffParamsSchema,
        body: staffPatchBodySchema,
        response: { 200: staffSchema },
      },
    },
    async (request) => updateStaff(ctxOf(platform, request), request.params.id, request.body),
  );

  r.get(
    '/roles',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: '角色与权限 Roles with labels, permissions and whether you may grant each (in ?departmentId=, default yours)',
        querystring: roleListQuerySchema,
        response: { 200: roleListResponseSchema },
      },
    },
    async (request) => {
      const grantable = await listRolesForCaller(ctxOf(platform, request), request.query.departmentId);
      return {
        items: staffRoles.map((role) => ({
          role,
          label: roleLabels[role],
          permissions: [...rolePermissions[role]] as Permission[],
          grantable: grantable.has(role),
        })),
      };
    },
  );
}
