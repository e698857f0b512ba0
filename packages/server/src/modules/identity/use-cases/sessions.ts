import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { permissionsOf, type StaffRole, staffRoles } from '@tongban/domain';
import type { Config } from '../../../config.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { type Actor, anonymous, type SessionResolver } from '../../../platform/auth/actor.ts';
import type { Platform } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { departmentSubtreeSql } from './departments.ts';

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

/** The columns an actor is made of, for either kind of principal (a left join leaves the other kind's null). */
const actorColumns = (staffAlias: string, userAlias: string, validAt: string) => `
  ${staffAlias}.name as staff_name, ${staffAlias}.department_id, ${staffAlias}.active as staff_active,
  case when ${staffAlias}.id is not null then array(select r.role from staff_role r where r.staff_id = ${staffAlias}.id order by r.role) end as roles,
  case when ${staffAlias}.id is not null then array(${departmentSubtreeSql(`${staffAlias}.department_id`)}) end as department_scope,
  ${userAlias}.id_number, ${userAlias}.name as user_name,
  case when ${userAlias}.id is not null then array(select m.credit_code from enterprise_member m
    where m.user_id = ${userAlias}.id and (m.valid_until is null or m.valid_until > ${validAt}) order by m.credit_code) end as enterprises`;

type ActorRow = {
  staff_name: string | null;
  department_id: string | null;
  staff_active: boolean | null;
  roles: string[] | null;
  department_scope: string[] | null;
  id_number: string | null;
  user_name: string | null;
  enterprises: string[] | null;
};

/** The actor a row of `actorColumns` describes, or undefined when the account is gone or deactivated. */
function actorOf(principal: Principal, sessionId: string, row: ActorRow | undefined): Actor | undefined {
  if (principal.type === 'staff') {
    if (!row?.staff_active || row.staff_name === null || row.department_id === null) return undefined;
    const roles = (row.roles ?? []).filter((r): r is StaffRole => (staffRoles as readonly string[]).includes(r));
    return {
      kind: 'staff',
      sessionId,
      staffId: principal.id,
      name: row.staff_name,
      departmentId: row.department_id,
      departmentScope: row.department_scope ?? [],
      roles,
      permissions: permissionsOf(roles),
    };
  }
  if (!row || row.id_number === null || row.user_name === null) return undefined;
  return {
    kind: 'user',
    sessionId,
    userId: principal.id,
    idNumber: row.id_number,
    name: row.user_name,
    enterprises: row.enterprises ?? [],
  };
}

/** The actor behind a principal, or undefined when the account is gone or deactivated. */
export async function loadActor(sql: Sql, principal: Principal, sessionId: string, now: Date): Promise<Actor | undefined> {
  const rows = await sql.query<ActorRow>(
    `select ${actorColumns('st', 'u', '$3')}
     from (select $1::text as type, $2::text as id) p
     left join staff st on p.type = 'staff' and st.id = p.id
     left join user_account u on p.type = 'user' and u.id = p.id`,
    [principal.type, principal.id, now],
  );
  return actorOf(principal, sessionId, rows[0]);
}

// One round trip per request: the session and the actor behind it come back together.
const sessionWithActorSql = `select s.id, s.principal_type, s.principal_id, s.last_seen_at, s.absolute_expires_at, s.ended_at, s.end_reason,
  ${actorColumns('st', 'u', '$2')}
  from session s
  left join staff st on s.principal_type = 'staff' and st.id = s.principal_id
  left join user_account u on s.principal_type = 'user' and u.id = s.principal_id
  where s.token_hash = $1`;

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
    const rows = await db.query<SessionRow & ActorRow>(sessionWithActorSql, [hashSessionToken(token), now]);
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
    const actor = actorOf({ type: row.principal_type, id: row.principal_id }, row.id, row);
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
