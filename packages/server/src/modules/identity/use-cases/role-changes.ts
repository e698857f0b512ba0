import type { RoleChangeList, RoleChangeListQuery } from '@tongban/domain';
import type { Ctx } from '../../../platform/context.ts';
import { listDepartmentSubtreeIds } from './departments.ts';
import { iso, requireStaff } from './shared.ts';
import { checkDepartmentInScope, isStaffRole, scopeOf } from './staff.ts';

/**
 * The record of role changes (append-only `staff_role_change`, written by `staff.ts` in the same
 * transaction as each grant), as the department's other administrators see it.
 */

type RoleChangeRow = {
  id: string;
  at: Date;
  staff_id: string;
  staff_name: string;
  department_id: string;
  department_name: string;
  changed_by: string | null;
  changed_by_name: string | null;
  roles_from: string[];
  roles_to: string[];
  total?: number;
};

/**
 * Every role change (and the roles of every account created) in the caller's department subtree,
 * newest first: what the department's other administrators see of each other's grants.
 * @throws IDENTITY_DEPARTMENT_NOT_FOUND, AUTH_FORBIDDEN the department filter is outside the caller's scope
 */
export async function listRoleChanges(ctx: Ctx, query: RoleChangeListQuery): Promise<RoleChangeList> {
  const actor = requireStaff(ctx.actor);
  const scope = scopeOf(actor);
  let departmentIds: string[] | null = scope === 'all' ? null : [...scope];
  if (query.departmentId) {
    await checkDepartmentInScope(ctx.db, query.departmentId, scope, 'query.departmentId');
    departmentIds = await listDepartmentSubtreeIds(ctx.db, query.departmentId);
  }
  const rows = await ctx.db.query<RoleChangeRow>(
    `select c.id, c.at, c.staff_id, c.staff_name, c.department_id, d.name_zh as department_name, c.changed_by, c.changed_by_name,
       c.roles_from, c.roles_to, count(*) over () as total
     from staff_role_change c join department d on d.id = c.department_id
     where ($1::text[] is null or c.department_id = any($1::text[]))
     order by c.at desc, c.id
     limit $2 offset $3`,
    [departmentIds, query.pageSize, (query.page - 1) * query.pageSize],
  );
  const roles = (list: string[]) => list.filter(isStaffRole);
  return {
    items: rows.map((r) => {
      const from = roles(r.roles_from);
      const to = roles(r.roles_to);
      return {
        id: r.id,
        at: iso(r.at),
        staffId: r.staff_id,
        staffName: r.staff_name,
        departmentId: r.department_id,
        departmentName: r.department_name,
        changedBy: r.changed_by === null ? null : { id: r.changed_by, name: r.changed_by_name ?? '' },
        rolesFrom: from,
        rolesTo: to,
        added: to.filter((x) => !from.includes(x)),
        removed: from.filter((x) => !to.includes(x)),
      };
    }),
    total: Number(rows[0]?.total ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}
