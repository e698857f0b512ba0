import type { Sql } from '../db/db.ts';

/**
 * What happened, by whom, to what. Written by every state-changing use case in the same
 * transaction as the change itself (pass the transaction's `Sql`).
 */
export type AuditActor = { type: 'staff' | 'user' | 'system' | 'anonymous' | 'api_key'; id?: string | undefined };

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
  const insert = auditInsert(at, entry, 1);
  const rows = await tx.query<{ id: number }>(insert.sql, insert.params);
  return (rows[0] as { id: number }).id;
}

/**
 * `recordAudit`'s INSERT (… returning id) as text with parameters numbered from `$<firstParam>`,
 * for a caller that writes the entry and a row naming it in one statement —
 * `with entry as (<sql>) insert into … select …, entry.id from entry` — which is atomic on its own
 * and costs one round trip instead of a transaction's four.
 */
export function auditInsert(at: Date, entry: AuditEntryInput, firstParam: number): { sql: string; params: unknown[] } {
  const p = (i: number) => `$${firstParam + i}`;
  return {
    sql: `insert into audit_log (stream, occurred_at, actor_type, actor_id, action, target_type, target_id, subject, detail, request_id)
     values (${p(0)}, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}) returning id`,
    params: [
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
  };
}
