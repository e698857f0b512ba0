import { createHash, randomBytes } from 'node:crypto';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { AppError } from '@tongban/domain';
import type { Config } from '../../../config.ts';
import type { Sql } from '../../../platform/db/db.ts';
import type { Principal } from './sessions.ts';

/**
 * Back-off for login (replaces the 5-strikes lockout): failures are counted per account and per
 * client address within LOGIN_FAILURE_WINDOW_MINUTES. Past LOGIN_MAX_FAILURES on an account (or
 * LOGIN_ADDRESS_MAX_FAILURES on an address; LOGIN_TRUSTED_NETWORK_MAX_FAILURES from
 * LOGIN_TRUSTED_NETWORKS such as a service hall's public address), each further failure blocks the
 * key for LOGIN_BACKOFF_BASE_SECONDS × 2^(n−1), at most LOGIN_LOCK_MINUTES. A blocked login is
 * refused with `AUTH_LOGIN_THROTTLED` (429, Retry-After) without checking the password — except
 * from a known device of that account, whose right password still opens a session.
 */

export const DEVICE_COOKIE = 'tb_device';

export type ThrottleKey = { scope: 'account' | 'address'; key: string };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The account key: the account's id when there is one, else a hash of the typed username, so an
 * unknown username is counted and blocked exactly like an account (no existence oracle).
 */
export function accountKey(kind: 'user' | 'staff', accountId: string | undefined, normalisedUsername: string): ThrottleKey {
  return { scope: 'account', key: accountId ? `${kind}:${accountId}` : `${kind}:name:${sha256(normalisedUsername)}` };
}

export const addressKey = (ip: string): ThrottleKey => ({ scope: 'address', key: ip });

const trustedCache = new WeakMap<object, BlockList>();
function trustedNetworks(config: Pick<Config, 'LOGIN_TRUSTED_NETWORKS'>): BlockList {
  const cached = trustedCache.get(config);
  if (cached) return cached;
  const list = new BlockList();
  for (const entry of config.LOGIN_TRUSTED_NETWORKS.split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address = '', bits] = entry.split('/');
    const type = isIPv4(address) ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  trustedCache.set(config, list);
  return list;
}

/** Whether a client address lies in LOGIN_TRUSTED_NETWORKS (IPv4-mapped IPv6 addresses count as IPv4). */
export function isTrustedNetwork(config: Pick<Config, 'LOGIN_TRUSTED_NETWORKS'>, ip: string): boolean {
  if (!config.LOGIN_TRUSTED_NETWORKS) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const address = mapped ?? ip;
  if (isIPv4(address)) return trustedNetworks(config).check(address, 'ipv4');
  if (isIPv6(address)) return trustedNetworks(config).check(address, 'ipv6');
  return false;
}

type ThrottleConfig = Pick<
  Config,
  | 'LOGIN_MAX_FAILURES'
  | 'LOGIN_LOCK_MINUTES'
  | 'LOGIN_BACKOFF_BASE_SECONDS'
  | 'LOGIN_ADDRESS_MAX_FAILURES'
  | 'LOGIN_TRUSTED_NETWORK_MAX_FAILURES'
  | 'LOGIN_TRUSTED_NETWORKS'
  | 'LOGIN_FAILURE_WINDOW_MINUTES'
>;

function freeFailures(config: ThrottleConfig, key: ThrottleKey): number {
  if (key.scope === 'account') return config.LOGIN_MAX_FAILURES;
  return isTrustedNetwork(config, key.key) ? config.LOGIN_TRUSTED_NETWORK_MAX_FAILURES : config.LOGIN_ADDRESS_MAX_FAILURES;
}

/** Seconds until the longest block among the keys ends (0: none is blocked). */
export async function blockedSeconds(sql: Sql, keys: readonly ThrottleKey[], now: Date): Promise<number> {
  const rows = await sql.query<{ blocked_until: Date | null }>(
    `select blocked_until from login_throttle
     where (scope, key) in (select * from unnest($1::text[], $2::text[])) and blocked_until > $3`,
    [keys.map((k) => k.scope), keys.map((k) => k.key), now],
  );
  let until = 0;
  for (const r of rows) if (r.blocked_until) until = Math.max(until, new Date(r.blocked_until).getTime());
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/**
 * Counts one failure against each key; a key past its threshold is blocked for the doubling back-off.
 * Returns the account key's new block end, if any (for the account row's `locked_until`, shown to administrators).
 */
export async function countFailure(tx: Sql, keys: readonly ThrottleKey[], now: Date, config: ThrottleConfig): Promise<Date | undefined> {
  const windowStart = new Date(now.getTime() - config.LOGIN_FAILURE_WINDOW_MINUTES * 60_000);
  let accountBlock: Date | undefined;
  for (const key of keys) {
    const [row] = await tx.query<{ failures: number }>(
      `insert into login_throttle (scope, key, failures, last_failure_at) values ($1, $2, 1, $3)
       on conflict (scope, key) do update set
         failures = case when login_throttle.last_failure_at < $4 then 1 else login_throttle.failures + 1 end,
         last_failure_at = $3
       returning failures`,
      [key.scope, key.key, now, windowStart],
    );
    const excess = (row?.failures ?? 0) - freeFailures(config, key);
    if (excess <= 0) continue;
    const seconds = Math.min(config.LOGIN_BACKOFF_BASE_SECONDS * 2 ** Math.min(excess - 1, 30), config.LOGIN_LOCK_MINUTES * 60);
    const until = new Date(now.getTime() + seconds * 1000);
    await tx.query('update login_throttle set blocked_until = $3 where scope = $1 and key = $2', [key.scope, key.key, until]);
    if (key.scope === 'account') accountBlock = until;
  }
  return accountBlock;
}

/** A successful login forgets the account's failures (not the address's: other accounts share it). */
export async function clearAccountFailures(tx: Sql, key: ThrottleKey): Promise<void> {
  await tx.query('delete from login_throttle where scope = $1 and key = $2', [key.scope, key.key]);
}

export function throttledError(retryAfterSeconds: number): AppError {
  return new AppError(
    'AUTH_LOGIN_THROTTLED',
    `登录尝试过于频繁，请在 ${retryAfterSeconds} 秒后再试；在您常用的设备上可用正确密码直接登录。Too many login attempts: try again in ${retryAfterSeconds} s; on a device you have logged in from before, the right password still works.`,
    { details: { retryAfterSeconds } },
  );
}

const DEVICE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Whether the device cookie was set by a successful login of this principal, used within LOGIN_DEVICE_DAYS. */
export async function isKnownDevice(
  sql: Sql,
  token: string | undefined,
  principal: Principal,
  now: Date,
  config: Pick<Config, 'LOGIN_DEVICE_DAYS'>,
): Promise<boolean> {
  if (!token || !DEVICE_TOKEN.test(token)) return false;
  const usedSince = new Date(now.getTime() - config.LOGIN_DEVICE_DAYS * 86_400_000);
  const rows = await sql.query(
    'select 1 from known_device where token_hash = $1 and principal_type = $2 and principal_id = $3 and last_used_at > $4',
    [sha256(token), principal.type, principal.id, usedSince],
  );
  return rows.length > 0;
}

/**
 * Remembers the device of a successful login: keeps the cookie's token if it has a valid shape
 * (one browser, several accounts — a family computer, a clerk's desk), else makes one. Returns the token to set.
 */
export async function rememberDevice(tx: Sql, token: string | undefined, principal: Principal, now: Date): Promise<string> {
  const kept = token && DEVICE_TOKEN.test(token) ? token : randomBytes(32).toString('base64url');
  await tx.query(
    `insert into known_device (token_hash, principal_type, principal_id, created_at, last_used_at) values ($1, $2, $3, $4, $4)
     on conflict (token_hash, principal_type, principal_id) do update set last_used_at = $4`,
    [sha256(kept), principal.type, principal.id, now],
  );
  return kept;
}
