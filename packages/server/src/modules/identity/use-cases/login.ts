import { AppError, isValidMobile, type LoginBody, maskIdentifier, normaliseIdentifier, type PasswordChangeBody } from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import {
  accountKey,
  addressKey,
  blockedSeconds,
  clearAccountFailures,
  countFailure,
  isKnownDevice,
  rememberDevice,
  throttledError,
} from './login-throttle.ts';
import { assertPasswordStrength, hashPassword, spendVerification, verifyPassword } from './passwords.ts';
import { endSessionsOf, findLiveSession, openSession, type Principal } from './sessions.ts';
import { auditActorOf } from './shared.ts';

/** The same message whether the account exists or not: no account enumeration by login. */
const invalidCredentials = (field?: string) =>
  new AppError('AUTH_INVALID_CREDENTIALS', '账号或密码错误。Wrong account or password.', field ? { field } : {});

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

export type LoginResult = {
  principal: Principal;
  sessionId: string;
  token: string;
  absoluteExpiresAt: Date;
  /** The device cookie to set (known device of this account from now on). */
  deviceToken: string;
};

/** Mirrors the account's back-off into its row (`locked_until`, shown to staff administrators). */
async function mirrorBlock(tx: Sql, principal: Principal, until: Date | null): Promise<void> {
  await tx.query(`update ${credentialTable[principal.type]} set locked_until = $2 where id = $1`, [principal.id, until]);
}

/**
 * Checks credentials and opens a session. Failures are audited (security events) and counted
 * towards the back-off of the account and of the client address, in their own transaction, before
 * the error is thrown. An unknown username is counted and answered exactly like an account.
 * A session the caller already held (`currentToken`) is ended: a new login never inherits one.
 * @throws AUTH_INVALID_CREDENTIALS wrong account or password (one message for both)
 * @throws AUTH_LOGIN_THROTTLED the account or the address is in back-off (details.retryAfterSeconds),
 *   unless `deviceToken` is a known device of the account
 */
export async function login(
  ctx: Ctx,
  input: LoginBody,
  currentToken?: string,
  userAgent?: string,
  deviceToken?: string,
): Promise<LoginResult> {
  const { db, clock, config } = ctx;
  const now = clock.now();
  const account = await findCredentials(db, input.kind, input.username);
  const typed = input.kind === 'staff' ? normaliseIdentifier(input.username).toLowerCase() : normaliseIdentifier(input.username);
  const shownUsername = input.kind === 'user' ? maskIdentifier(normaliseIdentifier(input.username)) : input.username.slice(0, 64);
  const live = account?.active ? account : undefined;
  const principal: Principal | undefined = live ? { type: input.kind, id: live.id } : undefined;
  const target = live ? { type: input.kind === 'staff' ? 'staff' : 'user_account', id: live.id } : undefined;
  const keys = [accountKey(input.kind, live?.id, typed), addressKey(ctx.ip)];

  const wait = await blockedSeconds(db, keys, now);
  const knownDevice = principal ? await isKnownDevice(db, deviceToken, principal, now, config) : false;
  if (wait > 0 && !knownDevice) {
    await db.transaction((tx) =>
      recordAudit(tx, now, {
        actor: { type: 'anonymous' },
        action: 'identity.login.refused_throttled',
        ...(target ? { target } : {}),
        detail: { kind: input.kind, ...(target ? {} : { username: shownUsername }), retryAfterSeconds: wait, ip: ctx.ip },
        requestId: ctx.requestId,
      }),
    );
    throw throttledError(wait);
  }

  let passwordOk = false;
  // An unknown or inactive account still spends one verification: no timing shortcut.
  if (live) passwordOk = await verifyPassword(live.passwordHash, input.password);
  else await spendVerification(input.password);
  if (!live || !principal || !passwordOk) {
    await db.transaction(async (tx) => {
      const blocked = await countFailure(tx, keys, now, config);
      if (blocked && principal) await mirrorBlock(tx, principal, blocked);
      await recordAudit(tx, now, {
        actor: { type: 'anonymous' },
        action: 'identity.login.failed',
        ...(target ? { target } : {}),
        detail: {
          kind: input.kind,
          ...(target ? {} : { username: shownUsername }),
          reason: live ? 'wrong_password' : account ? 'inactive' : 'unknown_account',
          ip: ctx.ip,
          ...(knownDevice ? { knownDevice } : {}),
        },
        requestId: ctx.requestId,
      });
      if (blocked) {
        await recordAudit(tx, now, {
          actor: { type: 'system' },
          action: 'identity.login.backoff_started',
          ...(target ? { target } : {}),
          detail: { kind: input.kind, until: blocked.toISOString() },
          requestId: ctx.requestId,
        });
      }
    });
    throw invalidCredentials();
  }

  return db.transaction(async (tx) => {
    await clearAccountFailures(tx, keys[0] as (typeof keys)[0]);
    await tx.query(`update ${credentialTable[principal.type]} set failed_logins = 0, locked_until = null where id = $1`, [principal.id]);
    if (currentToken) {
      const previous = await findLiveSession(tx, currentToken, now, config);
      if (previous)
        await tx.query("update session set ended_at = $2, end_reason = 'replaced' where id = $1 and ended_at is null", [previous.id, now]);
    }
    const session = await openSession(tx, principal, now, config, { ip: ctx.ip, userAgent });
    const device = await rememberDevice(tx, deviceToken, principal, now);
    await recordAudit(tx, now, {
      actor: { type: principal.type, id: principal.id },
      action: 'identity.login.succeeded',
      target: { type: 'session', id: session.sessionId },
      detail: { kind: input.kind, ip: ctx.ip, ...(wait > 0 ? { duringBackoff: true, knownDevice: true } : {}) },
      requestId: ctx.requestId,
    });
    return { principal, ...session, deviceToken: device };
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
 * the account's back-off like a failed login.
 * @throws AUTH_PASSWORD_TOO_WEAK the new password breaks the policy, or equals the current one
 * @throws AUTH_INVALID_CREDENTIALS the current password is wrong
 * @throws AUTH_LOGIN_THROTTLED the account is in back-off
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
  const key = accountKey(principal.type, principal.id, '');
  const wait = await blockedSeconds(db, [key], now);
  if (wait > 0) throw throttledError(wait);
  if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
    await db.transaction(async (tx) => {
      const blocked = await countFailure(tx, [key], now, config);
      if (blocked) await mirrorBlock(tx, principal, blocked);
      await recordAudit(tx, now, {
        actor: auditActorOf(actor),
        action: 'identity.password.change_failed',
        target: { type: principal.type === 'staff' ? 'staff' : 'user_account', id: principal.id },
        detail: { reason: 'wrong_current_password' },
        requestId: ctx.requestId,
      });
    });
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
    await clearAccountFailures(tx, key);
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
