import { AppError, isValidMobile, type LoginBody, maskIdentifier, normaliseIdentifier, type PasswordChangeBody } from '@tongban/domain';
import type { Config } from '../../../config.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { assertPasswordStrength, hashPassword, spendVerification, verifyPassword } from './passwords.ts';
import { endSessionsOf, findLiveSession, openSession, type Principal } from './sessions.ts';
import { auditActorOf } from './shared.ts';

/** The same message whether the account exists or not: no account enumeration by login. */
const invalidCredentials = (field?: string) =>
  new AppError('AUTH_INVALID_CREDENTIALS', '账号或密码错误。Wrong account or password.', field ? { field } : {});

const lockedError = (until: Date) =>
  new AppError(
    'AUTH_ACCOUNT_LOCKED',
    '密码错误次数过多，账户已临时锁定，请稍后再试。Too many failed attempts; the account is locked for a while.',
    {
      details: { lockedUntil: until.toISOString() },
    },
  );

/** Which table holds the credentials of each principal type (fixed names, never from input). */
const credentialTable = { user: 'user_account', staff: 'staff' } as const;

type Credentials = { id: string; passwordHash: string; failedLogins: number; lockedUntil: Date | null; active: boolean };

async function findCredentials(sql: Sql, kind: 'user' | 'staff', username: string): Promise<Credentials | undefined> {
  type Row = { id: string; password_hash: string; failed_logins: number; locked_until: Date | null; active: boolean };
  let rows: Row[];
  if (kind === 'staff') {
    rows = await sql.query<Row>('select id, password_hash, failed_logins, locked_until, active from staff where username = $1', [
      normaliseIdentifier(username).toLowerCase(),
    ]);
  } else {
    const id = normaliseIdentifier(username);
    // Citizens log in with their ID number or their mobile; a mobile shared by two accounts logs in neither.
    rows = isValidMobile(id)
      ? await sql.query<Row>(
          'select id, password_hash, failed_logins, locked_until, true as active from user_account where mobile = $1 limit 2',
          [id],
        )
      : await sql.query<Row>(
          'select id, password_hash, failed_logins, locked_until, true as active from user_account where id_number = $1',
          [id],
        );
    if (rows.length !== 1) rows = [];
  }
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    passwordHash: row.password_hash,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until ? new Date(row.locked_until) : null,
    active: row.active,
  };
}

async function findCredentialsById(sql: Sql, principal: Principal): Promise<Credentials | undefined> {
  const rows = await sql.query<{ id: string; password_hash: string; failed_logins: number; locked_until: Date | null }>(
    `select id, password_hash, failed_logins, locked_until from ${credentialTable[principal.type]} where id = $1`,
    [principal.id],
  );
  const row = rows[0];
  if (!row) return undefined;
  const lockedUntil = row.locked_until ? new Date(row.locked_until) : null;
  return { id: row.id, passwordHash: row.password_hash, failedLogins: row.failed_logins, lockedUntil, active: true };
}

/**
 * Counts one failed attempt; the attempt that reaches the limit locks the account and restarts
 * the count, so after the lock ends the person has the full number of tries again.
 * Returns the lock's end when this attempt locked the account.
 */
async function countFailure(tx: Sql, principal: Principal, now: Date, config: Config): Promise<Date | undefined> {
  const lockUntil = new Date(now.getTime() + config.LOGIN_LOCK_MINUTES * 60_000);
  const rows = await tx.query<{ locked_until: Date | null }>(
    `update ${credentialTable[principal.type]} set
       locked_until = case when failed_logins + 1 >= $2 then $3 else locked_until end,
       failed_logins = case when failed_logins + 1 >= $2 then 0 else failed_logins + 1 end
     where id = $1 returning locked_until`,
    [principal.id, config.LOGIN_MAX_FAILURES, lockUntil],
  );
  const lockedUntil = rows[0]?.locked_until;
  return lockedUntil && new Date(lockedUntil).getTime() === lockUntil.getTime() ? lockUntil : undefined;
}

export type LoginResult = { principal: Principal; sessionId: string; token: string; absoluteExpiresAt: Date };

/**
 * Checks credentials and opens a session. Failures are audited (security events) and counted
 * towards the lockout, in their own transaction, before the error is thrown.
 * A session the caller already held (`currentToken`) is ended: a new login never inherits one.
 * @throws AUTH_INVALID_CREDENTIALS wrong account or password (one message for both)
 * @throws AUTH_ACCOUNT_LOCKED too many consecutive failures, until LOGIN_LOCK_MINUTES have passed
 */
export async function login(ctx: Ctx, input: LoginBody, currentToken?: string, userAgent?: string): Promise<LoginResult> {
  const { db, clock, config } = ctx;
  const now = clock.now();
  const account = await findCredentials(db, input.kind, input.username);
  const shownUsername = input.kind === 'user' ? maskIdentifier(normaliseIdentifier(input.username)) : input.username.slice(0, 64);

  if (!account?.active) {
    await spendVerification(input.password);
    await db.transaction((tx) =>
      recordAudit(tx, now, {
        actor: { type: 'anonymous' },
        action: 'identity.login.failed',
        detail: { kind: input.kind, username: shownUsername, reason: account ? 'inactive' : 'unknown_account', ip: ctx.ip },
        requestId: ctx.requestId,
      }),
    );
    throw invalidCredentials();
  }
  const principal: Principal = { type: input.kind, id: account.id };
  const target = { type: input.kind === 'staff' ? 'staff' : 'user_account', id: account.id };

  if (account.lockedUntil && account.lockedUntil.getTime() > now.getTime()) {
    await db.transaction((tx) =>
      recordAudit(tx, now, {
        actor: { type: 'anonymous' },
        action: 'identity.login.refused_locked',
        target,
        detail: { kind: input.kind, ip: ctx.ip },
        requestId: ctx.requestId,
      }),
    );
    throw lockedError(account.lockedUntil);
  }

  if (!(await verifyPassword(account.passwordHash, input.password))) {
    const lockedUntil = await db.transaction(async (tx) => {
      const locked = await countFailure(tx, principal, now, config);
      await recordAudit(tx, now, {
        actor: { type: 'anonymous' },
        action: 'identity.login.failed',
        target,
        detail: { kind: input.kind, reason: 'wrong_password', ip: ctx.ip },
        requestId: ctx.requestId,
      });
      if (locked) {
        await recordAudit(tx, now, {
          actor: { type: 'system' },
          action: 'identity.account.locked',
          target,
          detail: { kind: input.kind, until: locked.toISOString(), failures: config.LOGIN_MAX_FAILURES },
          requestId: ctx.requestId,
        });
      }
      return locked;
    });
    if (lockedUntil) throw lockedError(lockedUntil);
    throw invalidCredentials();
  }

  return db.transaction(async (tx) => {
    await tx.query(`update ${credentialTable[principal.type]} set failed_logins = 0, locked_until = null where id = $1`, [principal.id]);
    if (currentToken) {
      const previous = await findLiveSession(tx, currentToken, now, config);
      if (previous)
        await tx.query("update session set ended_at = $2, end_reason = 'replaced' where id = $1 and ended_at is null", [previous.id, now]);
    }
    const session = await openSession(tx, principal, now, config, { ip: ctx.ip, userAgent });
    await recordAudit(tx, now, {
      actor: { type: principal.type, id: principal.id },
      action: 'identity.login.succeeded',
      target: { type: 'session', id: session.sessionId },
      detail: { kind: input.kind, ip: ctx.ip },
      requestId: ctx.requestId,
    });
    return { principal, ...session };
  });
}

/** Ends the session the token opens, if it is live. Returns whether one was ended. */
export async function logout(ctx: Ctx, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const session = await findLiveSession(tx, token, now, ctx.config);
    if (!session) return false;
    const ended = await tx.query(
      "update session set ended_at = $2, end_reason = 'logout' where id = $1 and ended_at is null returning id",
      [session.id, now],
    );
    if (ended.length === 0) return false;
    await recordAudit(tx, now, {
      actor: { type: session.principal.type, id: session.principal.id },
      action: 'identity.session.logged_out',
      target: { type: 'session', id: session.id },
      requestId: ctx.requestId,
    });
    return true;
  });
}

/**
 * Changes the caller's own password and ends all their other sessions (a stolen session dies
 * with the old password); the calling session stays. A wrong current password counts towards
 * the lockout like a failed login.
 * @throws AUTH_PASSWORD_TOO_WEAK the new password breaks the policy, or equals the current one
 * @throws AUTH_INVALID_CREDENTIALS the current password is wrong
 * @throws AUTH_ACCOUNT_LOCKED the account is locked (or this failure locked it)
 */
export async function changePassword(ctx: Ctx, input: PasswordChangeBody): Promise<{ endedSessions: number }> {
  const actor = ctx.actor;
  if (actor.kind !== 'staff' && actor.kind !== 'user') throw new AppError('AUTH_REQUIRED', '请先登录。Please log in.');
  const principal: Principal = actor.kind === 'staff' ? { type: 'staff', id: actor.staffId } : { type: 'user', id: actor.userId };
  const { db, clock, config } = ctx;
  const now = clock.now();
  assertPasswordStrength(input.newPassword, 'body.newPassword');
  const account = await findCredentialsById(db, principal);
  if (!account) throw new AppError('AUTH_REQUIRED', '请先登录。Please log in.');
  if (account.lockedUntil && account.lockedUntil.getTime() > now.getTime()) throw lockedError(account.lockedUntil);
  if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
    const lockedUntil = await db.transaction(async (tx) => {
      const locked = await countFailure(tx, principal, now, config);
      await recordAudit(tx, now, {
        actor: auditActorOf(actor),
        action: 'identity.password.change_failed',
        target: { type: principal.type === 'staff' ? 'staff' : 'user_account', id: principal.id },
        detail: { reason: 'wrong_current_password' },
        requestId: ctx.requestId,
      });
      if (locked) {
        await recordAudit(tx, now, {
          actor: { type: 'system' },
          action: 'identity.account.locked',
          target: { type: principal.type === 'staff' ? 'staff' : 'user_account', id: principal.id },
          detail: { kind: principal.type, until: locked.toISOString(), failures: config.LOGIN_MAX_FAILURES },
          requestId: ctx.requestId,
        });
      }
      return locked;
    });
    if (lockedUntil) throw lockedError(lockedUntil);
    throw invalidCredentials('body.currentPassword');
  }
  if (await verifyPassword(account.passwordHash, input.newPassword)) {
    throw new AppError('AUTH_PASSWORD_TOO_WEAK', '新密码不能与当前密码相同。The new password must differ from the current one.', {
      field: 'body.newPassword',
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await tx.query(
      `update ${credentialTable[principal.type]} set password_hash = $2, failed_logins = 0, locked_until = null where id = $1`,
      [principal.id, passwordHash],
    );
    const endedSessions = await endSessionsOf(tx, principal, now, 'password_changed', actor.sessionId);
    await recordAudit(tx, now, {
      actor: auditActorOf(actor),
      action: 'identity.password.changed',
      target: { type: principal.type === 'staff' ? 'staff' : 'user_account', id: principal.id },
      detail: { endedSessions },
      requestId: ctx.requestId,
    });
    return { endedSessions };
  });
}
