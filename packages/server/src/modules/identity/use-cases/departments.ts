import {
  AppError,
  type Department,
  type DepartmentCreateBody,
  type DepartmentDetail,
  type DepartmentKind,
  type DepartmentPatchBody,
  departmentKinds,
  departmentParentKinds,
} from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { auditActorOf, isUniqueViolation } from './shared.ts';

/**
 * The department tree: city → districts → streets/towns → service centres, with bureaus (and
 * their district branches) and offices as departments too. Other modules scope work by it
 * through `listDepartmentSubtreeIds`.
 */

type DepartmentRow = {
  id: string;
  parent_id: string | null;
  kind: DepartmentKind;
  name_zh: string;
  name_en: string;
  division_code: string | null;
  address: string | null;
  phone: string | null;
  active: boolean;
};

const columns = 'id, parent_id, kind, name_zh, name_en, division_code, address, phone, active';

function toDepartment(r: DepartmentRow): Department {
  return {
    id: r.id,
    parentId: r.parent_id,
    kind: r.kind,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    divisionCode: r.division_code,
    address: r.address,
    phone: r.phone,
    active: r.active,
  };
}

const notFound = (id: string, field?: string) =>
  new AppError('IDENTITY_DEPARTMENT_NOT_FOUND', `部门不存在。No department ${id}.`, field ? { field } : {});

export async function findDepartment(sql: Sql, id: string): Promise<Department | undefined> {
  const rows = await sql.query<DepartmentRow>(`select ${columns} from department where id = $1`, [id]);
  return rows[0] ? toDepartment(rows[0]) : undefined;
}

/**
 * @throws IDENTITY_DEPARTMENT_NOT_FOUND
 */
export async function getDepartment(sql: Sql, id: string): Promise<Department> {
  const department = await findDepartment(sql, id);
  if (!department) throw notFound(id);
  return department;
}

/**
 * The department and everything below it (ids), including inactive ones. Empty when it does not
 * exist. (A staff member's own subtree comes with their session: `Actor.departmentScope`.)
 */
export async function listDepartmentSubtreeIds(sql: Sql, id: string): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(departmentSubtreeSql('$1'), [id]);
  return rows.map((r) => r.id);
}

/**
 * The ids of the department `root` names (a parameter or a column of an enclosing query) and of
 * every department below it. Children come through the parent_id index, one lookup per department
 * found: written as a join, the recursion is planned as a hash join that reads the whole table at
 * every level (twice the time for a bureau with no sub-departments). `offset 0` keeps the planner
 * from turning the lateral subquery back into that join.
 */
export const departmentSubtreeSql = (root: string) => `with recursive sub(id) as (
       select id from department where id = ${root}
       union
       select c.id from sub cross join lateral (select d.id from department d where d.parent_id = sub.id offset 0) c
     ) select id from sub`;

export async function listDepartments(
  sql: Sql,
  filter: { kind?: DepartmentKind | undefined; parentId?: string | undefined; includeInactive?: boolean | undefined },
): Promise<Department[]> {
  const rows = await sql.query<DepartmentRow>(
    `select ${columns} from department
     where ($1::text is null or kind = $1) and ($2::text is null or parent_id = $2) and ($3 or active)
     order by id`,
    [filter.kind ?? null, filter.parentId ?? null, filter.includeInactive ?? false],
  );
  return rows.map(toDepartment);
}

/**
 * @throws IDENTITY_DEPARTMENT_NOT_FOUND
 */
export async function getDepartmentDetail(sql: Sql, id: string): Promise<DepartmentDetail> {
  const department = await getDepartment(sql, id);
  const rows = await sql.query<{ id: string; name_zh: string; name_en: string; kind: DepartmentKind; depth: number }>(
    `with recursive up(id, parent_id, name_zh, name_en, kind, depth) as (
       select id, parent_id, name_zh, name_en, kind, 0 from department where id = $1
       union all
       select d.id, d.parent_id, d.name_zh, d.name_en, d.kind, up.depth + 1 from department d join up on d.id = up.parent_id
       where up.depth < 20
     ) select id, name_zh, name_en, kind, depth from up where depth > 0 order by depth desc`,
    [id],
  );
  return { ...department, ancestors: rows.map((r) => ({ id: r.id, nameZh: r.name_zh, nameEn: r.name_en, kind: r.kind })) };
}

function assertParentKind(kind: DepartmentKind, parent: Department | undefined, field: string) {
  const allowed = departmentParentKinds[kind];
  if (!parent) {
    if (allowed.length > 0) throw new AppError('VALIDATION_FAILED', `A ${kind} needs a parent department.`, { field });
    return;
  }
  if (!allowed.includes(parent.kind)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `A ${kind} cannot sit under a ${parent.kind}; allowed: ${allowed.join(', ') || 'none (root)'}.`,
      {
        field,
      },
    );
  }
}

/**
 * @throws CONFLICT the id is taken
 * @throws IDENTITY_DEPARTMENT_NOT_FOUND the parent does not exist
 * @throws VALIDATION_FAILED the kind may not sit under the parent's kind
 */
export async function createDepartment(ctx: Ctx, input: DepartmentCreateBody): Promise<Department> {
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const parent = input.parentId ? await findDepartment(tx, input.parentId) : undefined;
      if (input.parentId && !parent) throw notFound(input.parentId, 'body.parentId');
      assertParentKind(input.kind, parent, 'body.parentId');
      if (await findDepartment(tx, input.id))
        throw new AppError('CONFLICT', `部门编码已存在。Department ${input.id} exists.`, { field: 'body.id' });
      await tx.query(
        `insert into department (id, parent_id, kind, name_zh, name_en, division_code, address, phone, active, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, true, $9)`,
        [
          input.id,
          input.parentId,
          input.kind,
          input.nameZh,
          input.nameEn,
          input.divisionCode ?? null,
          input.address ?? null,
          input.phone ?? null,
          now,
        ],
      );
      await recordAudit(tx, now, {
        actor: auditActorOf(ctx.actor),
        action: 'identity.department.created',
        target: { type: 'department', id: input.id },
        detail: { parentId: input.parentId, kind: input.kind, nameZh: input.nameZh },
        requestId: ctx.requestId,
      });
      return getDepartment(tx, input.id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', `部门编码已存在。Department ${input.id} exists.`, { field: 'body.id' });
    throw error;
  }
}

/**
 * Renames, moves (never under its own subtree), (de)activates a department.
 * @throws IDENTITY_DEPARTMENT_NOT_FOUND the department or the new parent does not exist
 * @throws VALIDATION_FAILED the move would make a cycle or break the kind nesting
 */
export async function updateDepartment(ctx: Ctx, id: string, input: DepartmentPatchBody): Promise<Department> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const current = await getDepartment(tx, id);
    if (input.parentId !== undefined && input.parentId !== current.parentId) {
      const parent = await findDepartment(tx, input.parentId);
      if (!parent) throw notFound(input.parentId, 'body.parentId');
      if ((await listDepartmentSubtreeIds(tx, id)).includes(parent.id)) {
        throw new AppError('VALIDATION_FAILED', '不能移动到自身或其下级部门之下。A department cannot move under itself.', {
          field: 'body.parentId',
        });
      }
      assertParentKind(current.kind, parent, 'body.parentId');
    }
    const next = {
      parentId: input.parentId ?? current.parentId,
      nameZh: input.nameZh ?? current.nameZh,
      nameEn: input.nameEn ?? current.nameEn,
      divisionCode: input.divisionCode === undefined ? current.divisionCode : input.divisionCode,
      address: input.address === undefined ? current.address : input.address,
      phone: input.phone === undefined ? current.phone : input.phone,
      active: input.active ?? current.active,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== current[k]);
    if (changed.length === 0) return current;
    await tx.query(
      `update department set parent_id = $2, name_zh = $3, name_en = $4, division_code = $5, address = $6, phone = $7, active = $8
       where id = $1`,
      [id, next.parentId, next.nameZh, next.nameEn, next.divisionCode, next.address, next.phone, next.active],
    );
    await recordAudit(tx, now, {
      actor: auditActorOf(ctx.actor),
      action: 'identity.department.updated',
      target: { type: 'department', id },
      detail: { changed, ...Object.fromEntries(changed.map((k) => [k, next[k]])) },
      requestId: ctx.requestId,
    });
    return getDepartment(tx, id);
  });
}

export type DepartmentImportRow = {
  id: string;
  parentId: string | null;
  kind: DepartmentKind;
  nameZh: string;
  nameEn: string;
  divisionCode?: string | null;
  address?: string | null;
  phone?: string | null;
  active?: boolean;
};

/**
 * Bulk-loads departments (seed, migration from another system). Rows may come in any order:
 * they are inserted parents first. One audit entry for the batch.
 * @throws VALIDATION_FAILED unknown kind, duplicate id, or a parent that is neither in the rows nor in the table
 */
export async function importDepartments(sql: Sql, rows: readonly DepartmentImportRow[], options: { at?: Date } = {}): Promise<number> {
  if (rows.length === 0) return 0;
  const byId = new Map<string, DepartmentImportRow>();
  for (const row of rows) {
    if (!departmentKinds.includes(row.kind)) throw new AppError('VALIDATION_FAILED', `Unknown department kind ${row.kind} (${row.id}).`);
    if (byId.has(row.id)) throw new AppError('VALIDATION_FAILED', `Duplicate department id ${row.id}.`);
    byId.set(row.id, row);
  }
  // Order parents before children (depth within the batch), so the foreign key holds row by row.
  const depth = new Map<string, number>();
  const depthOf = (row: DepartmentImportRow, seen: Set<string>): number => {
    const known = depth.get(row.id);
    if (known !== undefined) return known;
    if (seen.has(row.id)) throw new AppError('VALIDATION_FAILED', `Department cycle at ${row.id}.`);
    seen.add(row.id);
    const parent = row.parentId ? byId.get(row.parentId) : undefined;
    const d = parent ? depthOf(parent, seen) + 1 : 0;
    depth.set(row.id, d);
    return d;
  };
  // Every row's depth first: sort() never calls its comparator for a single row.
  for (const row of rows) depthOf(row, new Set());
  const ordered = [...rows].sort((a, b) => depthOf(a, new Set()) - depthOf(b, new Set()));
  const outside = [...new Set(rows.map((r) => r.parentId).filter((p): p is string => !!p && !byId.has(p)))];
  if (outside.length > 0) {
    const found = await sql.query<{ id: string }>('select id from department where id = any($1::text[])', [outside]);
    const missing = outside.filter((id) => !found.some((f) => f.id === id));
    if (missing.length > 0) throw new AppError('VALIDATION_FAILED', `Unknown parent department(s): ${missing.join(', ')}.`);
  }
  const at = options.at ?? new Date((await sql.query<{ now: Date }>('select now() as now'))[0]?.now as Date);
  const levels = [...new Set(ordered.map((r) => depth.get(r.id) ?? 0))];
  for (const level of levels) {
    const chunk = ordered.filter((r) => depth.get(r.id) === level);
    await sql.query(
      `insert into department (id, parent_id, kind, name_zh, name_en, division_code, address, phone, active, created_at)
       select *, $10::timestamptz from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::boolean[])`,
      [
        chunk.map((r) => r.id),
        chunk.map((r) => r.parentId),
        chunk.map((r) => r.kind),
        chunk.map((r) => r.nameZh),
        chunk.map((r) => r.nameEn),
        chunk.map((r) => r.divisionCode ?? null),
        chunk.map((r) => r.address ?? null),
        chunk.map((r) => r.phone ?? null),
        chunk.map((r) => r.active ?? true),
        at,
      ],
    );
  }
  await recordAudit(sql, at, { actor: { type: 'system' }, action: 'identity.departments.imported', detail: { count: rows.length } });
  return rows.length;
}
