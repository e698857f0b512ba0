import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Sql } from '../db/db.ts';

/**
 * One-time codes: six random digits that prove a person holds an address (a mobile number) the
 * platform already trusts — the population registry's mobile at registration, and the same at a
 * service window. The platform only issues and checks codes; the caller decides where to send
 * them (its own transaction, e.g. the SMS outbox) and what a correct code allows.
 *
 * A code is bound to a `purpose` (e.g. `identity.register`) and a `subject` (e.g. the ID number):
 * a code issued for one never verifies the other. At rest only sha256(salt ‖ code) is kept — with
 * 10^6 possible codes that does not stop someone who can read the table; the short expiry, the few
 * attempts and single use are what protect a code. A new code for the same purpose and subject
 * ends the previous one.
 */
export type OneTimeCodeOptions = {
  /** Seconds until the code expires (default 600). */
  ttlSeconds?: number;
  /** Wrong tries allowed before the code is void (default 5). */
  maxAttempts?: number;
  /** Seconds before another code may be issued for the same purpose and subject (default 60). */
  resendAfterSeconds?: number;
};

export type IssuedCode =
  | { issued: true; id: string; code: string; expiresAt: Date }
  /** A code was issued less than `resendAfterSeconds` ago: none is issued now (the old one stays). */
  | { issued: false; retryAfterSeconds: number };

export type CodeCheck = 'ok' | 'wrong' | 'expired' | 'exhausted' | 'none';

const hashCode = (salt: string, code: string) => createHash('sha256').update(`${salt}:${code}`).digest('hex');

/** Issues a code inside the caller's transaction (so it exists exactly when the message sending it does). */
export async function issueOneTimeCode(
  tx: Sql,
  now: Date,
  purpose: string,
  subject: string,
  options: OneTimeCodeOptions = {},
): Promise<IssuedCode> {
  const ttl = options.ttlSeconds ?? 600;
  const resendAfter = options.resendAfterSeconds ?? 60;
  const [live] = await tx.query<{ id: string; created_at: Date }>(
    `select id, created_at from one_time_code
     where purpose = $1 and subject = $2 and used_at is null and ended_at is null for update`,
    [purpose, subject],
  );
  if (live) {
    const age = (now.getTime() - new Date(live.created_at).getTime()) / 1000;
    if (age < resendAfter) return { issued: false, retryAfterSeconds: Math.ceil(resendAfter - age) };
    await tx.query('update one_time_code set ended_at = $2 where id = $1', [live.id, now]);
  }
  const id = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const salt = randomBytes(16).toString('hex');
  const expiresAt = new Date(now.getTime() + ttl * 1000);
  await tx.query(
    `insert into one_time_code (id, purpose, subject, salt, code_hash, expires_at, max_attempts, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, purpose, subject, salt, hashCode(salt, code), expiresAt, options.maxAttempts ?? 5, now],
  );
  return { issued: true, id, code, expiresAt };
}

/**
 * Checks a code and, when right, uses it up (`ok` is answered once per code). A wrong code counts
 * as an attempt; the attempt that reaches the limit voids the code. Call it inside the transaction
 * that does what the code allows, so that a failure later in it leaves the code unused — but on any
 * result other than `ok`, let that transaction commit (return, then throw outside it): a rollback
 * would undo the counted attempt and give a guesser unlimited tries.
 * Callers should answer every result but `ok` alike (which of them it was is for the log).
 */
export async function useOneTimeCode(tx: Sql, now: Date, purpose: string, subject: string, code: string): Promise<CodeCheck> {
  const [row] = await tx.query<{ id: string; salt: string; code_hash: string; expires_at: Date; attempts: number; max_attempts: number }>(
    `select id, salt, code_hash, expires_at, attempts, max_attempts from one_time_code
     where purpose = $1 and subject = $2 and used_at is null and ended_at is null for update`,
    [purpose, subject],
  );
  if (!row) return 'none';
  if (new Date(row.expires_at).getTime() <= now.getTime()) {
    await tx.query('update one_time_code set ended_at = $2 where id = $1', [row.id, now]);
    return 'expired';
  }
  const given = Buffer.from(hashCode(row.salt, code.trim()), 'hex');
  if (timingSafeEqual(given, Buffer.from(row.code_hash, 'hex'))) {
    await tx.query('update one_time_code set used_at = $2 where id = $1', [row.id, now]);
    return 'ok';
  }
  const attempts = row.attempts + 1;
  await tx.query(
    'update one_time_code set attempts = $2, ended_at = case when $2 >= max_attempts then $3 else ended_at end where id = $1',
    [row.id, attempts, now],
  );
  return attempts >= row.max_attempts ? 'exhausted' : 'wrong';
}
