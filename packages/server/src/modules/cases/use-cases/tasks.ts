import { AppError, permissionsOf, type StepRole, slaColourAt, stepRolePermission, type TaskView } from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import { getStaff, listDepartmentSubtreeIds } from '../../identity/index.ts';
import { iso, type StaffActor, staffScope } from '../cases.shared.ts';

/**
 * The department inbox (workbench): tasks of the staff member's department subtree with their SLA
 * colour; claim (one reviewer holds a task) and a supervisor's reassignment.
 */
type TaskRow = {
  id: string;
  case_id: string;
  tracking_no: string;
  item_code: string;
  item_name_zh: string;
  item_name_en: string;
  step_id: string;
  step_name_zh: string;
  step_name_en: string;
  step_kind: string;
  role: string;
  department_id: string;
  status: TaskView['status'];
  attempt: number;
  claimed_by: string | null;
  opened_at: Date;
  due_date: string | null;
  warn_at: Date | null;
  due_at: Date | null;
  applicant_name: string;
  version: number;
};

const columns = `t.id, t.case_id, c.tracking_no, c.item_code, c.item_name_zh, c.item_name_en, t.step_id, t.step_name_zh, t.step_name_en, t.step_kind,
  t.role, t.department_id, t.status, t.attempt, t.claimed_by, t.opened_at, t.due_date, t.warn_at, t.due_at, c.applicant_name, t.version`;

function view(r: TaskRow, now: Date): TaskView {
  return {
    id: r.id,
    caseId: r.case_id,
    trackingNumber: r.tracking_no,
    itemCode: r.item_code,
    itemName: { zh: r.item_name_zh, en: r.item_name_en },
    stepId: r.step_id,
    stepName: { zh: r.step_name_zh, en: r.step_name_en },
    stepKind: r.step_kind,
    role: r.role,
    departmentId: r.department_id,
    status: r.status,
    attempt: r.attempt,
    claimedBy: r.claimed_by,
    openedAt: iso(r.opened_at),
    dueDate: r.due_date,
    sla: slaColourAt(now, { dueAt: r.due_at, warnAt: r.warn_at }),
    applicantName: r.applicant_name,
    version: r.version,
  };
}

export type TaskQuery = {
  status: 'open' | 'suspended' | 'done' | 'cancelled' | 'active';
  sla?: 'green' | 'amber' | 'red' | undefined;
  mine?: boolean | undefined;
  unclaimed?: boolean | undefined;
  item?: string | undefined;
  page: number;
  pageSize: number;
};

export async function listTasks(ctx: Ctx, query: TaskQuery) {
  const actor = ctx.actor as StaffActor;
  const now = ctx.clock.now();
  const params: unknown[] = [staffScope(actor), query.status === 'active' ? ['open', 'suspended'] : [query.status]];
  const where = ['t.department_id = any($1::text[])', 't.status = any($2::text[])'];
  if (query.sla) {
    params.push(now);
    const n = `$${params.length}`;
    if (query.sla === 'red') where.push(`t.due_at <= ${n}`);
    if (query.sla === 'amber') where.push(`t.warn_at <= ${n} and t.due_at > ${n}`);
    if (query.sla === 'green') where.push(`t.due_at > ${n} and (t.warn_at is null or t.warn_at > ${n})`);
  }
  if (query.mine) {
    params.push(actor.staffId);
    where.push(`t.claimed_by = $${params.length}`);
  }
  if (query.unclaimed) where.push('t.claimed_by is null');
  if (query.item) {
    params.push(query.item);
    where.push(`c.item_code = $${params.length}`);
  }
  const from = `case_task t join case_file c on c.id = t.case_id where ${where.join(' and ')}`;
  const rows = await ctx.db.query<TaskRow>(
    `select ${columns} from ${from} order by t.due_at asc nulls last, t.opened_at, t.id limit $${params.length + 1} offset $${params.length + 2}`,
    [...params, query.pageSize, (query.page - 1) * query.pageSize],
  );
  const [count] = await ctx.db.query<{ n: number }>(`select count(*)::int as n from ${from}`, params);
  return { items: rows.map((r) => view(r, now)), total: count?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

async function findTaskInScope(ctx: Ctx, id: string): Promise<TaskRow> {
  const actor = ctx.actor as StaffActor;
  const [row] = await ctx.db.query<TaskRow>(
    `select ${columns} from case_task t join case_file c on c.id = t.case_id where t.id = $1 and t.department_id = any($2::text[])`,
    [id, staffScope(actor)],
  );
  if (!row) throw new AppError('CASES_TASK_NOT_FOUND', '任务不存在。No such task.');
  return row;
}

/**
 * Claims an open task for the caller. Exactly one of several concurrent claimers wins (a
 * conditional update); the others get CASES_TASK_CLAIMED.
 * @throws CASES_TASK_NOT_FOUND, CASES_ROLE_FORBIDDEN, CASES_TASK_CLAIMED, CASES_ACTION_NOT_ALLOWED, CASES_CONCURRENT_UPDATE
 */
export async function claimTask(ctx: Ctx, id: string, body: { expectedVersion?: number | undefined }): Promise<TaskView> {
  const actor = ctx.actor as StaffActor;
  const task = await findTaskInScope(ctx, id);
  if (!actor.permissions.has(stepRolePermission[task.role as StepRole])) {
    throw new AppError('CASES_ROLE_FORBIDDEN', '您的角色不能办理此环节。Your role does not handle this step.');
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx.query<{ id: string }>(
      `update case_task set claimed_by = $2, claimed_at = $3, version = version + 1
       where id = $1 and status in ('open', 'suspended') and (claimed_by is null or claimed_by = $2) and ($4::int is null or version = $4) returning id`,
      [id, actor.staffId, now, body.expectedVersion ?? null],
    );
    if (!updated) {
      const [current] = await tx.query<{ status: string; claimed_by: string | null; version: number }>(
        'select status, claimed_by, version from case_task where id = $1',
        [id],
      );
      if (current && current.status !== 'open' && current.status !== 'suspended') {
        throw new AppError('CASES_ACTION_NOT_ALLOWED', '任务已结束。The task is closed.');
      }
      if (current?.claimed_by && current.claimed_by !== actor.staffId) {
        throw new AppError('CASES_TASK_CLAIMED', '该任务已由他人认领。Another reviewer has claimed this task.', {
          details: { claimedBy: current.claimed_by },
        });
      }
      throw new AppError('CASES_CONCURRENT_UPDATE', '任务已变化，请刷新。The task changed; reload.');
    }
    await recordAudit(tx, now, {
      actor: { type: 'staff', id: actor.staffId },
      action: 'cases.task.claimed',
      target: { type: 'case_task', id },
      detail: { caseId: task.case_id, stepId: task.step_id },
      requestId: ctx.requestId,
    });
    return view({ ...task, claimed_by: actor.staffId, version: task.version + 1 }, now);
  });
}

/**
 * A supervisor hands a task to another member of staff of the task's department subtree whose
 * roles handle the step.
 * @throws CASES_TASK_NOT_FOUND, CASES_REASSIGN_TARGET_INVALID, CASES_ACTION_NOT_ALLOWED
 */
export async function reassignTask(ctx: Ctx, id: string, body: { staffId: string; reason: string }): Promise<TaskView> {
  const actor = ctx.actor as StaffActor;
  const task = await findTaskInScope(ctx, id);
  const target = await getStaff(ctx, body.staffId).catch(() => undefined);
  const taskDepartments = await listDepartmentSubtreeIds(ctx.db, task.department_id);
  const rolesGrant = target ? permissionsOf(target.roles).has(stepRolePermission[task.role as StepRole]) : false;
  if (!target?.active || !taskDepartments.includes(target.departmentId) || !rolesGrant) {
    throw new AppError(
      'CASES_REASSIGN_TARGET_INVALID',
      '只能转交给本部门中能办理此环节的人员。Reassign to staff of the task’s department who handle this step.',
      {
        field: 'body.staffId',
      },
    );
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx.query<{ claimed_by: string | null }>(
      `update case_task set claimed_by = $2, claimed_at = $3, version = version + 1 where id = $1 and status in ('open', 'suspended') returning claimed_by`,
      [id, target.id, now],
    );
    if (!updated) throw new AppError('CASES_ACTION_NOT_ALLOWED', '任务已结束。The task is closed.');
    await recordAudit(tx, now, {
      actor: { type: 'staff', id: actor.staffId },
      action: 'cases.task.reassigned',
      target: { type: 'case_task', id },
      detail: { caseId: task.case_id, stepId: task.step_id, from: task.claimed_by, to: target.id, reason: body.reason },
      requestId: ctx.requestId,
    });
    return view({ ...task, claimed_by: target.id, version: task.version + 1 }, now);
  });
}

/** Cases and steps past their warning or their deadline in the supervisor's subtree. */
export async function listOverdue(ctx: Ctx) {
  const actor = ctx.actor as StaffActor;
  const now = ctx.clock.now();
  const scope = staffScope(actor);
  const steps = await ctx.db.query<{
    task_id: string;
    case_id: string;
    tracking_no: string;
    item_code: string;
    item_name_zh: string;
    item_name_en: string;
    step_id: string;
    step_name_zh: string;
    step_name_en: string;
    role: string;
    claimed_by: string | null;
    department_id: string;
    due_date: string | null;
    due_at: Date;
  }>(
    `select t.id as task_id, t.case_id, c.tracking_no, c.item_code, c.item_name_zh, c.item_name_en, t.step_id, t.step_name_zh, t.step_name_en,
       t.role, t.claimed_by, t.department_id, t.due_date, t.due_at
     from case_task t join case_file c on c.id = t.case_id
     where t.status in ('open', 'suspended') and t.department_id = any($1::text[]) and (t.warn_at <= $2 or t.due_at <= $2)
     order by t.due_at limit 500`,
    [scope, now],
  );
  const cases = await ctx.db.query<{
    id: string;
    tracking_no: string;
    item_code: string;
    item_name_zh: string;
    item_name_en: string;
    responsible_department_id: string;
    due_date: string | null;
    due_at: Date;
  }>(
    `select id, tracking_no, item_code, item_name_zh, item_name_en, responsible_department_id, due_date, due_at from case_file
     where concluded_at is null and responsible_department_id = any($1::text[]) and (warn_at <= $2 or due_at <= $2)
     order by due_at limit 500`,
    [scope, now],
  );
  const colour = (dueAt: Date) => (now.getTime() >= new Date(dueAt).getTime() ? ('red' as const) : ('amber' as const));
  return {
    items: [
      ...cases.map((c) => ({
        caseId: c.id,
        trackingNumber: c.tracking_no,
        itemCode: c.item_code,
        itemName: { zh: c.item_name_zh, en: c.item_name_en },
        scope: 'case' as const,
        stepId: null,
        taskId: null,
        stepName: null,
        role: null,
        claimedBy: null,
        departmentId: c.responsible_department_id,
        dueDate: c.due_date,
        sla: colour(c.due_at),
      })),
      ...steps.map((s) => ({
        caseId: s.case_id,
        trackingNumber: s.tracking_no,
        itemCode: s.item_code,
        itemName: { zh: s.item_name_zh, en: s.item_name_en },
        scope: 'step' as const,
        stepId: s.step_id,
        taskId: s.task_id,
        stepName: { zh: s.step_name_zh, en: s.step_name_en },
        role: s.role,
        claimedBy: s.claimed_by,
        departmentId: s.department_id,
        dueDate: s.due_date,
        sla: colour(s.due_at),
      })),
    ],
  };
}
