import type { Sql } from '../db/db.ts';

/**
 * What happened, by whom, to what. Written by every state-changing use case in the same
 * transaction as the change itself (pass the transaction's `Sql`).
 */
export type AuditActor = { type: 'staff' | 'user' | 'system' | 'anonymous'; id?: string | undefined };

export type AuditEntryInput = {
  actor: AuditActor;
  /** Dotted verb, `<module>.<thing>.<past-tense>`: `identity.user.registered`. */
  action: string;
  target?: { type: string; id: string } | undefined;
  /** Resident ID or credit code of the person/enterprise the entry concerns, when there is one. */
  subject?: string | undefined;
  detail?: Record<string, unknown> | undefined;
  requestId?: string | undefined;
  /** Separate chain; default `audit`. The data hub writes its exchange log as stream `exchange`. */
  stream?: string | undefined;
};

export async function recordAudit(tx: Sql, at: Date, entry: AuditEntryInput): Promise<number> {
  const rows = await tx.query<{ id: number }>(
    `insert into audit_log (stream, occurred_at, actor_type, actor_id, action, target_type, target_id, subject, detail, request_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
    [
      entry.stream ?? 'audit',
      at,
      entry.actor.type,
      entry.actor.id ?? null,
      entry.action,
      entry.target?.type ?? null,
      entry.target?.id ?? null,
      entry.subject ?? null,
      JSON.stringify(entry.detail ?? {}),
      entry.requestId ?? null,
    ],
  );
  return (rows[0] as { id: number }).id;
}
