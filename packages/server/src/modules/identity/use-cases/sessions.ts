import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { permissionsOf, type StaffRole, staffRoles } from '@tongban/domain';
import type { Config } from '../../../config.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { type Actor, anonymous, type SessionResolver } from '../../../platform/auth/actor.ts';
import type { Platform } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';

/**
 * Sessions live in the `session` table: the cookie carries a random token, the table only its
 * sha256, so a leaked database does not hand out sessions. A session ends on logout, a password
 * change (the other sessions), deactivation, or when it has been idle or alive too long.
 */

/** `last_seen_at` is written at most this often: one write a minute per active session, not one per request. */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

export type Principal = { type: 'user' | 'staff'; id: string };
export type SessionEndReason =
  | 'logout'
  | 'idle_timeout'
  | 'absolute_timeout'
  | 'password_changed'
  | 'password_reset'
  | 'deactivated'
  | 'replaced';

const expiryReasons: readonly string[] = ['idle_timeout', 'absolute_timeout'];

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type SessionMeta = { ip?: string | undefined; userAgent?: string | undefined };

export async function openSession(
  tx: Sql,
  principal: Principal,
  now: Date,
  config: Config,
  meta: SessionMeta,
): Promise<{ sessionId: string; token: string; absoluteExpiresAt: Date }> {
  const token = newSessionToken();
  const sessionId = randomUUID();
  const absoluteExpiresAt = new Date(now.getTime() + config.SESSION_ABSOLUTE_HOURS * 3_600_000);
  await tx.query(
    `insert into session (id, token_hash, principal_type, principal_id, created_at, last_seen_at, absolute_expires_at, ip, user_agent)
     values ($1, $2, $3, $4, $5, $5, $6, $7, $8)`,
    [
      sessionId,
      hashSessionToken(token),
      principal.type,
      principal.id,
      now,
      absoluteExpiresAt,
      meta.ip ?? null,
      meta.userAgent?.slice(0, 300) ?? null,
    ],
  );
  return { sessionId, token, absoluteExpiresAt };
}

/** Ends the live sessions of a principal (all, or all but one); returns how many ended. */
export async function endSessionsOf(
  tx: Sql,
  principal: Principal,
  now: Date,
  reason: SessionEndReason,
  exceptSessionId?: string,
): Promise<number> {
  const rows = await tx.query(
    `update session set ended_at = $3, end_reason = $4
     where principal_type = $1 and principal_id = $2 and ended_at is null and ($5::text is null or id <> $5)
     returning id`,
    [principal.type, principal.id, now, reason, exceptSessionId ?? null],
  );
  return rows.length;
}

type SessionRow = {
  id: string;
  principal_type: 'user' | 'staff';
  principal_id: string;
  last_seen_at: Date;
  absolute_expires_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
};

export type LiveSession = { id: string; principal: Principal; lastSeenAt: Date };

/** Why a live-looking session is over at `now`, if it is. */
function expiryOf(row: SessionRow, now: Date, config: Config): SessionEndReason | undefined {
  if (now.getTime() >= new Date(row.absolute_expires_at).getTime()) return 'absolute_timeout';
  if (now.getTime() >= new Date(row.last_seen_at).getTime() + config.SESSION_IDLE_MINUTES * 60_000) return 'idle_timeout';
  return undefined;
}

/** The session a token opens at `now`, when it is still live (not ended, not expired). */
export async function findLiveSession(sql: Sql, token: string, now: Date, config: Config): Promise<LiveSession | undefined> {
  if (!plausibleToken(token)) return undefined;
  const rows = await sql.query<SessionRow>(
    'select id, principal_type, principal_id, last_seen_at, absolute_expires_at, ended_at, end_reason from session where token_hash = $1',
    [hashSessionToken(token)],
  );
  const row = rows[0];
  if (!row || row.ended_at || expiryOf(row, now, config)) return undefined;
  return { id: row.id, principal: { type: row.principal_type, id: row.principal_id }, lastSeenAt: new Date(row.last_seen_at) };
}

function plausibleToken(token: string): boolean {
  return token.length > 0 && token.length <= 128;
}

/** The actor behind a principal, or undefined when the account is gone or deactivated. */
export async function loadActor(sql: Sql, principal: Principal, sessionId: string, now: Date): Promise<Actor | undefined> {
  if (principal.type === 'staff') {
    const rows = await sql.query<{ id: string; name: string; department_id: string; active: boolean; roles: string[] }>(
      `select s.id, s.name, s.department_id, s.active,
         array(select r.role from staff_role r where r.staff_id = s.id order by r.role) as roles
       from staff s where s.id = $1`,
      [principal.id],
    );
    const row = rows[0];
    if (!row?.active) return undefined;
    const roles = row.roles.filter((r): r is StaffRole => (staffRoles as readonly string[]).includes(r));
    return {
      kind: 'staff',
      sessionId,
      staffId: row.id,
      name: row.name,
      departmentId: row.department_id,
      roles,
      permissions: permissionsOf(roles),
    };
  }
  const rows = await sql.query<{ id: string; id_number: string; name: string; enterprises: string[] }>(
    `select u.id, u.id_number, u.name,
       array(select m.credit_code from enterprise_member m
             where m.user_id = u.id and (m.valid_until is null or m.valid_until > $2) order by m.credit_code) as enterprises
     from user_account u where u.id = $1`,
    [principal.id, now],
  );
  const row = rows[0];
  if (!row) return undefined;
  return { kind: 'user', sessionId, userId: row.id, idNumber: row.id_number, name: row.name, enterprises: row.enterprises };
}

/**
 * How a session cookie becomes an actor, for the platform's access hook. An expired session is
 * ended (and audited) the first time it is presented, and reported as `expired` so the client is
 * told to log in again rather than that it never did.
 */
export function createSessionResolver(platform: Platform): SessionResolver {
  const { db, clock, config } = platform;
  return async (token) => {
    if (!plausibleToken(token)) return { actor: anonymous };
    const now = clock.now();
    const rows = await db.query<SessionRow>(
      'select id, principal_type, principal_id, last_seen_at, absolute_expires_at, ended_at, end_reason from session where token_hash = $1',
      [hashSessionToken(token)],
    );
    const row = rows[0];
    if (!row) return { actor: anonymous };
    if (row.ended_at) return { actor: anonymous, expired: expiryReasons.includes(row.end_reason ?? '') };
    const expiry = expiryOf(row, now, config);
    if (expiry) {
      await db.transaction(async (tx) => {
        const ended = await tx.query('update session set ended_at = $2, end_reason = $3 where id = $1 and ended_at is null returning id', [
          row.id,
          now,
          expiry,
        ]);
        if (ended.length > 0) {
          await recordAudit(tx, now, {
            actor: { type: 'system' },
            action: 'identity.session.expired',
            target: { type: 'session', id: row.id },
            detail: { reason: expiry, principalType: row.principal_type, principalId: row.principal_id },
          });
        }
      });
      return { actor: anonymous, expired: true };
    }
    const principal: Principal = { type: row.principal_type, id: row.principal_id };
    const actor = await loadActor(db, principal, row.id, now);
    if (!actor) return { actor: anonymous };
    if (now.getTime() - new Date(row.last_seen_at).getTime() >= SESSION_TOUCH_INTERVAL_MS) {
      // The guard on last_seen_at keeps concurrent requests from writing the same minute twice.
      await db.query('update session set last_seen_at = $2 where id = $1 and ended_at is null and last_seen_at < $2', [row.id, now]);
    }
    return { actor };
  };
}

export function cookieMaxAgeSeconds(config: Config): number {
  return config.SESSION_ABSOLUTE_HOURS * 3600;
}
