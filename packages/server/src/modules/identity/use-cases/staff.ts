import { randomUUID } from 'node:crypto';
import {
  AppError,
  checkAdministers,
  checkRoleChange,
  grantableRoles,
  hotlineRoles,
  type RoleGranter,
  type RoleGrantRefusal,
  type Staff,
  type StaffCreateBody,
  type StaffListQuery,
  type StaffPatchBody,
  type StaffRole,
  staffRoles,
} from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { findDepartment, listDepartmentSubtreeIds } from './departments.ts';
import { assertPasswordStrength, hashPassword } from './passwords.ts';
import { endSessionsOf } from './sessions.ts';
import { auditActorOf, iso, isoOrNull, isUniqueViolation, requireStaff, type StaffActor } from './shared.ts';

/**
 * Staff administration. A system administrator manages everyone; anyone else (department
 * administrators; supervisors read only) works within their own department's subtree. Which
 * roles each may grant, and whom each may administer, is the domain's rule (`role-grants.ts`:
 * department administrators grant only operational roles, nobody changes their own roles).
 * Staff outside the caller's scope answer "not found", exactly like staff that do not exist.
 * Every role change is audited and kept in `staff_role_change` for the other administrators of
 * the person's department subtree (`listRoleChanges`).
 */

type StaffRow = {
  id: string;
  username: string;
  name: string;
  department_id: string;
  department_name: string;
  roles: string[];
  active: boolean;
  locked_until: Date | null;
  created_at: Date;
  total?: number;
};

const staffSelectWith = (extra = '') => `select s.id, s.username, s.name, s.department_id, d.name_zh as department_name,
  array(select r.role from staff_role r where r.staff_id = s.id order by r.role) as roles,
  s.active, s.locked_until, s.created_at${extra}
  from staff s join department d on d.id = s.department_id`;
const staffSelect = staffSelectWith();

function toStaff(r: StaffRow): Staff {
  return {
    id: r.id,
    username: r.username,
    name: r.name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    roles: r.roles.filter(isStaffRole),
    active: r.active,
    lockedUntil: isoOrNull(r.locked_until),
    createdAt: iso(r.created_at),
  };
}

export function isStaffRole(role: string): role is StaffRole {
  return (staffRoles as readonly string[]).includes(role);
}

/** All departments the actor administers, or 'all' for a system administrator. */
export function scopeOf(actor: StaffActor): 'all' | Set<string> {
  if (actor.roles.includes('system_admin')) return 'all';
  return new Set(actor.departmentScope);
}

const inScope = (scope: 'all' | Set<string>, departmentId: string) => scope === 'all' || scope.has(departmentId);

const staffNotFound = () => new AppError('IDENTITY_STAFF_NOT_FOUND', '工作人员不存在。No such staff member.');

function checkRoles(roles: readonly string[]): StaffRole[] {
  const unknown = roles.filter((r) => !isStaffRole(r));
  if (unknown.length > 0) {
    throw new AppError('IDENTITY_ROLE_UNKNOWN', `未知角色 Unknown role(s): ${unknown.join(', ')}`, { field: 'body.roles' });
  }
  return [...new Set(roles as StaffRole[])].sort();
}

const granterOf = (actor: StaffActor): RoleGranter => ({ staffId: actor.staffId, roles: actor.roles });

/** Whether the department runs the 12345 hotline: someone other than `exceptStaffId` holds a hotline role there. */
async function runsHotline(sql: Sql, departmentId: string, exceptStaffId?: string): Promise<boolean> {
  const [row] = await sql.query<{ runs: boolean }>(
    `select exists (select 1 from staff s join staff_role r on r.staff_id = s.id
       where s.department_id = $1 and s.active and r.role = any($2::text[]) and s.id <> $3) as runs`,
    [departmentId, [...hotlineRoles], exceptStaffId ?? ''],
  );
  return row?.runs === true;
}

function grantRefused(refusal: RoleGrantRefusal): AppError {
  if (refusal.reason === 'self') {
    return new AppError(
      'IDENTITY_ROLE_GRANT_FORBIDDEN',
      '不能修改自己的角色，请由另一位管理员办理。You cannot change your own roles; another administrator must.',
      {
        field: 'body.roles',
        details: { reason: refusal.reason },
      },
    );
  }
  if (refusal.reason === 'not_administered') {
    return new AppError(
      'AUTH_FORBIDDEN',
      `该人员持有您不能授予的角色（${refusal.roles.join('、')}），由系统管理员管理。That person holds roles you cannot grant (${refusal.roles.join(', ')}); a system administrator administers them.`,
      { details: { reason: refusal.reason, roles: refusal.roles } },
    );
  }
  return new AppError(
    'IDENTITY_ROLE_GRANT_FORBIDDEN',
    `您不能授予或收回这些角色：${refusal.roles.join('、')}。部门管理员只能授予本部门的业务角色。You may not grant or take away: ${refusal.roles.join(', ')}. A department administrator grants only the department's operational roles.`,
    { field: 'body.roles', details: { reason: refusal.reason, roles: refusal.roles } },
  );
}

async function recordRoleChange(
  tx: Sql,
  at: Date,
  actor: StaffActor,
  person: { id: string; name: string; departmentId: string },
  from: readonly string[],
  to: readonly string[],
  requestId: string | undefined,
) {
  await tx.query(
    `insert into staff_role_change (id, at, staff_id, staff_name, department_id, changed_by, changed_by_name, roles_from, roles_to, request_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      randomUUID(),
      at,
      person.id,
      person.name,
      person.departmentId,
      actor.staffId,
      actor.name,
      [...from].sort(),
      [...to].sort(),
      requestId ?? null,
    ],
  );
}

export async function checkDepartmentInScope(sql: Sql, departmentId: string, scope: 'all' | Set<string>, field: string) {
  const department = await findDepartment(sql, departmentId);
  if (!department) throw new AppError('IDENTITY_DEPARTMENT_NOT_FOUND', `部门不存在。No department ${departmentId}.`, { field });
  if (!inScope(scope, departmentId)) {
    throw new AppError('AUTH_FORBIDDEN', '不能管理本部门范围以外的人员。That department is outside the one you administer.', { field });
  }
}

async function findStaffRow(sql: Sql, id: string): Promise<StaffRow | undefined> {
  return (await sql.query<StaffRow>(`${staffSelect} where s.id = $1`, [id]))[0];
}

/**
 * Staff within the caller's scope, optionally within one department's subtree and matching `q`
 * (username or name), a page at a time.
 * @throws IDENTITY_DEPARTMENT_NOT_FOUND the department filter does not exist
 * @throws AUTH_FORBIDDEN the department filter is outside the caller's scope
 */
export async function listStaff(
  ctx: Ctx,
  query: StaffListQuery,
): Promise<{ items: Staff[]; total: number; page: number; pageSize: number }> {
  const actor = requireStaff(ctx.actor);
  const scope = scopeOf(actor);
  let departmentIds: string[] | null = scope === 'all' ? null : [...scope];
  if (query.departmentId) {
    await checkDepartmentInScope(ctx.db, query.departmentId, scope, 'query.departmentId');
    departmentIds = await listDepartmentSubtreeIds(ctx.db, query.departmentId);
  }
  const q = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await ctx.db.query<StaffRow>(
    `${staffSelectWith(', count(*) over () as total')}
     where ($1::text[] is null or s.department_id = any($1::text[]))
       and ($2::text is null or s.username ilike $2 or s.name ilike $2)
     order by s.username
     limit $3 offset $4`,
    [departmentIds, q, query.pageSize, (query.page - 1) * query.pageSize],
  );
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && query.page > 1) {
    // Past the last page: still report the real total.
    const counted = await ctx.db.query<{ n: number }>(
      `select count(*) as n from staff s where ($1::text[] is null or s.department_id = any($1::text[]))
         and ($2::text is null or s.username ilike $2 or s.name ilike $2)`,
      [departmentIds, q],
    );
    total = counted[0]?.n ?? 0;
  }
  return { items: rows.map(toStaff), total: Number(total), page: query.page, pageSize: query.pageSize };
}

/**
 * @throws IDENTITY_STAFF_NOT_FOUND missing, or outside the caller's scope
 */
export async function getStaff(ctx: Ctx, id: string): Promise<Staff> {
  const actor = requireStaff(ctx.actor);
  const row = await findStaffRow(ctx.db, id);
  if (!row || !inScope(scopeOf(actor), row.department_id)) throw staffNotFound();
  return toStaff(row);
}

/**
 * Creates a staff account with roles and an initial password.
 * @throws IDENTITY_ROLE_UNKNOWN, IDENTITY_ROLE_GRANT_FORBIDDEN (a role the caller may not grant), AUTH_FORBIDDEN (a department outside scope)
 * @throws IDENTITY_DEPARTMENT_NOT_FOUND, AUTH_PASSWORD_TOO_WEAK, IDENTITY_USERNAME_TAKEN
 */
export async function createStaff(ctx: Ctx, input: StaffCreateBody): Promise<Staff> {
  const actor = requireStaff(ctx.actor);
  const roles = checkRoles(input.roles);
  const scope = scopeOf(actor);
  await checkDepartmentInScope(ctx.db, input.departmentId, scope, 'body.departmentId');
  const place = { runsHotline: await runsHotline(ctx.db, input.departmentId) };
  const refusal = checkRoleChange(granterOf(actor), { staffId: undefined, currentRoles: [], ...place }, roles);
  if (refusal) throw grantRefused(refusal);
  assertPasswordStrength(input.password, 'body.password');
  const taken = () => new AppError('IDENTITY_USERNAME_TAKEN', '用户名已被使用。That username is taken.', { field: 'body.username' });
  if ((await ctx.db.query('select 1 from staff where username = $1', [input.username])).length > 0) throw taken();
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      await tx.query(
        'insert into staff (id, username, name, department_id, password_hash, active, created_at, created_by) values ($1, $2, $3, $4, $5, true, $6, $7)',
        [id, input.username, input.name, input.departmentId, passwordHash, now, actor.staffId],
      );
      await tx.query('insert into staff_role (staff_id, role) select $1, unnest($2::text[])', [id, roles]);
      await recordRoleChange(tx, now, actor, { id, name: input.name, departmentId: input.departmentId }, [], roles, ctx.requestId);
      await recordAudit(tx, now, {
        actor: auditActorOf(actor),
        action: 'identity.staff.created',
        target: { type: 'staff', id },
        detail: { username: input.username, departmentId: input.departmentId, roles, createdBy: actor.staffId },
        requestId: ctx.requestId,
      });
      return toStaff((await findStaffRow(tx, id)) as StaffRow);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}

/**
 * Changes roles, department, name or active flag, or resets the password. Deactivating or
 * resetting the password ends the person's sessions at once.
 * @throws IDENTITY_STAFF_NOT_FOUND missing or outside scope
 * @throws AUTH_FORBIDDEN a person holding a role the caller may not grant (`checkAdministers`), or moving outside scope
 * @throws IDENTITY_ROLE_GRANT_FORBIDDEN changing one's own roles, or a role the caller may not grant or take away
 * @throws IDENTITY_ROLE_UNKNOWN, IDENTITY_DEPARTMENT_NOT_FOUND, AUTH_PASSWORD_TOO_WEAK
 * @throws VALIDATION_FAILED deactivating oneself
 */
export async function updateStaff(ctx: Ctx, id: string, input: StaffPatchBody): Promise<Staff> {
  const actor = requireStaff(ctx.actor);
  const scope = scopeOf(actor);
  const current = await findStaffRow(ctx.db, id);
  if (!current || !inScope(scope, current.department_id)) throw staffNotFound();
  const currentRoles = current.roles.filter(isStaffRole);
  const granter = granterOf(actor);
  const here = { staffId: id, currentRoles, runsHotline: await runsHotline(ctx.db, current.department_id, id) };
  // One's own account is not "administered" (its roles are refused below as a self change).
  const notAdministered = id === actor.staffId ? undefined : checkAdministers(granter, here);
  if (notAdministered) throw grantRefused(notAdministered);
  const roles = input.roles === undefined ? undefined : checkRoles(input.roles);
  const moving = input.departmentId !== undefined && input.departmentId !== current.department_id;
  if (moving) await checkDepartmentInScope(ctx.db, input.departmentId as string, scope, 'body.departmentId');
  if (roles !== undefined) {
    const there = moving ? { ...here, runsHotline: await runsHotline(ctx.db, input.departmentId as string, id) } : here;
    const refusal = checkRoleChange(granter, there, roles);
    if (refusal) throw grantRefused(refusal);
  }
  if (input.active === false && id === actor.staffId) {
    throw new AppError('VALIDATION_FAILED', '不能停用自己的账号。You cannot deactivate your own account.', { field: 'body.active' });
  }
  if (input.password !== undefined) assertPasswordStrength(input.password, 'body.password');
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const changed: string[] = [];
    const detail: Record<string, unknown> = {};
    if (input.name !== undefined && input.name !== current.name) {
      await tx.query('update staff set name = $2 where id = $1', [id, input.name]);
      changed.push('name');
      detail.name = input.name;
    }
    if (input.departmentId !== undefined && input.departmentId !== current.department_id) {
      await tx.query('update staff set department_id = $2 where id = $1', [id, input.departmentId]);
      changed.push('departmentId');
      detail.departmentId = { from: current.department_id, to: input.departmentId };
    }
    if (roles !== undefined && roles.join(',') !== [...current.roles].sort().join(',')) {
      await tx.query('delete from staff_role where staff_id = $1', [id]);
      await tx.query('insert into staff_role (staff_id, role) select $1, unnest($2::text[])', [id, roles]);
      changed.push('roles');
      detail.roles = { from: current.roles, to: roles };
      const departmentId = input.departmentId ?? current.department_id;
      await recordRoleChange(tx, now, actor, { id, name: input.name ?? current.name, departmentId }, current.roles, roles, ctx.requestId);
    }
    let endedSessions = 0;
    if (input.active !== undefined && input.active !== current.active) {
      await tx.query('update staff set active = $2 where id = $1', [id, input.active]);
      changed.push('active');
      detail.active = input.active;
      if (!input.active) endedSessions += await endSessionsOf(tx, { type: 'staff', id }, now, 'deactivated');
    }
    if (passwordHash !== undefined) {
      await tx.query('update staff set password_hash = $2, failed_logins = 0, locked_until = null where id = $1', [id, passwordHash]);
      // A reset lifts the login back-off of the account (login-throttle.ts keys it `staff:<id>`).
      await tx.query("delete from login_throttle where scope = 'account' and key = $1", [`staff:${id}`]);
      changed.push('password');
      endedSessions += await endSessionsOf(tx, { type: 'staff', id }, now, 'password_reset');
    }
    if (changed.length > 0) {
      await recordAudit(tx, now, {
        actor: auditActorOf(actor),
        action: 'identity.staff.updated',
        target: { type: 'staff', id },
        detail: { changed, ...detail, endedSessions },
        requestId: ctx.requestId,
      });
    }
    return toStaff((await findStaffRow(tx, id)) as StaffRow);
  });
}

/**
 * The roles with whether the caller may grant each in `departmentId` (default: the caller's own
 * department): what the role-granting form offers.
 */
export async function listRolesForCaller(ctx: Ctx, departmentId: string | undefined): Promise<Set<StaffRole>> {
  const actor = requireStaff(ctx.actor);
  const place = { runsHotline: await runsHotline(ctx.db, departmentId ?? actor.departmentId) };
  return grantableRoles(actor, place);
}

/**
 * The party a staff member belongs to for four-eyes rules: itself, the account that created it,
 * and the accounts it created. One who creates an account sets its first password, so the two
 * are not independent eyes. (Accounts created by the same third party are not joined: every
 * administrator a system administrator creates would otherwise be one party.)
 */
export async function listStaffParty(sql: Sql, staffId: string): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `select $1::text as id
     union select created_by from staff where id = $1 and created_by is not null
     union select id from staff where created_by = $1`,
    [staffId],
  );
  return rows.map((r) => r.id);
}
