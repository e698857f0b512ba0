import type { LocalizedText } from '@tongban/domain';
import type { Ctx } from '../../platform/context.ts';
import type { Sql } from '../../platform/db/db.ts';
import type { PersonalDataKind } from '../../platform/http/personal-data.ts';

/**
 * Staff reads of a person's case data (issue 14): a case, its result, a material file, a window
 * lookup, drafts. Each is written, in its own transaction and before the answer leaves, to the
 * person's "who used my data" — by the data hub, which registers the recorder at start-up (cases
 * cannot import the hub: the hub imports cases). Without a recorder a staff read fails closed.
 */
export type StaffRead = {
  kind: PersonalDataKind;
  /** The member of staff reading, and their own department or service centre. */
  reader: { staffId: string; name: string; departmentId: string };
  /** Resident ID numbers and credit codes the data is about (one entry each). */
  subjects: readonly string[];
  caseId: string | null;
  itemCode: string | null;
  /** What was read: a code (`CASE-FILE`) and its name for the person's page. */
  resource: string;
  resourceName: LocalizedText;
  fields: readonly string[];
  purpose: string;
  /** The department that holds the data (the case's responsible department); null for a draft. */
  holderDepartmentId: string | null;
  target: { type: string; id: string };
  requestId: string;
};
export type StaffReadRecorder = (tx: Sql, at: Date, read: StaffRead) => Promise<void>;

let recorder: StaffReadRecorder | undefined;

export const staffReads = {
  register(fn: StaffReadRecorder) {
    recorder = fn;
  },
};

/**
 * Logs a read of a person's data when the reader is staff (an applicant reading their own data is
 * not logged), and notes it on the request for the platform's check.
 */
export async function recordStaffRead(ctx: Ctx, read: Omit<StaffRead, 'reader' | 'requestId'>): Promise<void> {
  const actor = ctx.actor;
  if (actor.kind !== 'staff') return;
  const write = recorder;
  if (!write) throw new Error('No staff-read recorder is registered (the data hub registers it at start-up).');
  const subjects = [...new Set(read.subjects.filter((s) => s))];
  const full: StaffRead = {
    ...read,
    subjects,
    reader: { staffId: actor.staffId, name: actor.name, departmentId: actor.departmentId },
    requestId: ctx.requestId,
  };
  await ctx.db.transaction((tx) => write(tx, ctx.clock.now(), full));
  ctx.notePersonalDataRead?.();
}

/**
 * Presence at the window (issue 14): a clerk's reads of a person's data need the person's presence
 * record for that clerk — the data hub's check (an ID-card chip read, or a one-time code), registered
 * at start-up like the recorder. Without it the read fails closed.
 */
export type PresenceCheck = (sql: Sql, at: Date, staffId: string, subject: string, field: string) => Promise<void>;
let presenceCheck: PresenceCheck | undefined;
export const windowPresence = {
  register(fn: PresenceCheck) {
    presenceCheck = fn;
  },
};

/** @throws DATAHUB_PRESENCE_REQUIRED (from the hub's check) */
export async function assertPresentAtWindow(ctx: Ctx, subject: string, field: string): Promise<void> {
  const actor = ctx.actor;
  if (actor.kind !== 'staff') return;
  const check = presenceCheck;
  if (!check) throw new Error('No presence check is registered (the data hub registers it at start-up).');
  await check(ctx.db, ctx.clock.now(), actor.staffId, subject, field);
}
