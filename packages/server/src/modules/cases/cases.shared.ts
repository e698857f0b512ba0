import { createHash } from 'node:crypto';
import { type ActorView, AppError, type CaseAction, type CasePlan, type CaseStatus } from '@tongban/domain';
import type { AuditActor } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Sql } from '../../platform/db/db.ts';

export type StaffActor = Extract<Actor, { kind: 'staff' }>;
export type UserActor = Extract<Actor, { kind: 'user' }>;

/** The one answer for "no such case" and "not yours": enumeration learns nothing. */
export function caseNotFound(): AppError {
  return new AppError('CASES_NOT_FOUND', '办件不存在。No such case.');
}

export function iso(value: Date | string): string {
  return new Date(value).toISOString();
}
export function isoOrNull(value: Date | string | null | undefined): string | null {
  return value === null || value === undefined ? null : new Date(value).toISOString();
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === '23505';
}

export function auditActorOf(actor: Actor): AuditActor {
  if (actor.kind === 'staff') return { type: 'staff', id: actor.staffId };
  if (actor.kind === 'user') return { type: 'user', id: actor.userId };
  return { type: 'anonymous' };
}

/** Canonical JSON (sorted keys) for hashing request bodies. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The staff member's department and everything under it (their view of cases and tasks). */
/** The staff member's department subtree (read with their session). */
export function staffScope(actor: StaffActor): readonly string[] {
  return actor.departmentScope;
}

export function actorViewOf(actor: Actor, isApplicant: boolean): ActorView {
  if (actor.kind === 'staff')
    return { kind: 'staff', departmentIds: new Set(staffScope(actor)), permissions: actor.permissions, staffId: actor.staffId };
  if (actor.kind === 'user' && isApplicant) return { kind: 'applicant' };
  return { kind: 'none' };
}

// ---------------------------------------------------------------------------------------------
// Rows

export type CaseRow = {
  id: string;
  tracking_no: string;
  parent_id: string | null;
  is_bundle: boolean;
  item_code: string;
  catalogue_version_id: string;
  item_version: number;
  item_name_zh: string;
  item_name_en: string;
  plan: CasePlan;
  channel: 'online' | 'window';
  service_centre_id: string | null;
  filed_by_type: 'user' | 'staff';
  filed_by_id: string;
  applicant_type: 'person' | 'enterprise';
  applicant_id_number: string;
  applicant_name: string;
  applicant_user_id: string | null;
  enterprise_credit_code: string | null;
  enterprise_name: string | null;
  responsible_department_id: string;
  answers: Record<string, string>;
  form: Record<string, string | number>;
  contact: { mobile?: string; email?: string };
  delivery: Record<string, unknown> & { method: 'download' | 'mail' | 'pickup' };
  status: CaseStatus;
  outcome: string | null;
  version: number;
  submitted_at: Date;
  concluded_at: Date | null;
  due_date: string | null;
  due_at: Date | null;
  warn_at: Date | null;
  statutory_due_date: string | null;
  promised_days: number;
  statutory_days: number;
  visits: number;
  materials_by_applicant: number;
  materials_by_platform: number;
  steps_passed: number;
  elapsed_working_days: number | null;
};

export type ActionRow = {
  seq: number;
  kind: CaseAction['kind'];
  step_id: string | null;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_department_id: string | null;
  at: Date;
  payload: CaseAction['payload'];
};

export function toAction(row: ActionRow): CaseAction {
  return {
    seq: row.seq,
    kind: row.kind,
    at: iso(row.at),
    stepId: row.step_id ?? undefined,
    staffId: row.actor_type === 'staff' ? (row.actor_id ?? undefined) : undefined,
    payload: row.payload,
  };
}

export async function findCaseRow(sql: Sql, id: string, options: { lock?: boolean } = {}): Promise<CaseRow | undefined> {
  const [row] = await sql.query<CaseRow>(`select * from case_file where id = $1${options.lock ? ' for update' : ''}`, [id]);
  return row;
}

export async function listActionRows(sql: Sql, caseId: string): Promise<ActionRow[]> {
  return sql.query<ActionRow>(
    `select seq, kind, step_id, actor_type, actor_id, actor_name, actor_department_id, at, payload from case_action where case_id = $1 order by seq`,
    [caseId],
  );
}

/**
 * Whether `actor` may see the case. Applicants: their own cases, their enterprises' cases and
 * cases they filed. Staff: cases their department's subtree works on (a task), is responsible
 * for, or took in at its window — and a bundle whose member that holds. `knownScope`: the staff
 * member's department subtree when the caller has it already.
 */
export async function canSeeCase(sql: Sql, actor: Actor, row: CaseRow, knownScope?: readonly string[]): Promise<boolean> {
  if (actor.kind === 'user') {
    return (
      row.applicant_id_number === actor.idNumber ||
      (row.enterprise_credit_code !== null && actor.enterprises.includes(row.enterprise_credit_code)) ||
      (row.filed_by_type === 'user' && row.filed_by_id === actor.userId)
    );
  }
  if (actor.kind !== 'staff') return false;
  const scope = knownScope ?? staffScope(actor);
  // The row at hand answers the common case (the responsible department, the window that took it
  // in) without asking the database; tasks and bundle members need the query.
  const inScope = (department: string | null) => department !== null && scope.includes(department);
  if (inScope(row.responsible_department_id) || inScope(row.service_centre_id)) return true;
  const rows = await sql.query(
    `select 1 from case_file c where c.id = $1 and (
       exists (select 1 from case_task t where t.case_id = c.id and t.department_id = any($2::text[]))
       or exists (select 1 from case_file m where m.parent_id = c.id and (m.responsible_department_id = any($2::text[])
                  or exists (select 1 from case_task t where t.case_id = m.id and t.department_id = any($2::text[])))))`,
    [row.id, scope],
  );
  return rows.length > 0;
}

export function isApplicantOf(actor: Actor, row: CaseRow): boolean {
  if (actor.kind !== 'user') return false;
  return (
    row.applicant_id_number === actor.idNumber ||
    (row.enterprise_credit_code !== null && actor.enterprises.includes(row.enterprise_credit_code)) ||
    (row.filed_by_type === 'user' && row.filed_by_id === actor.userId)
  );
}

/**
 * Loads a case the actor may see, or throws the same CASES_NOT_FOUND as for a missing id.
 * @throws CASES_NOT_FOUND
 */
export async function getVisibleCase(sql: Sql, actor: Actor, id: string, options: { lock?: boolean } = {}): Promise<CaseRow> {
  const row = await findCaseRow(sql, id, options);
  if (!row || !(await canSeeCase(sql, actor, row))) throw caseNotFound();
  return row;
}
