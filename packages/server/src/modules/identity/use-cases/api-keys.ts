import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  API_KEY_PREFIX,
  type ApiKey,
  type ApiKeyChannel,
  type ApiKeyCreateBody,
  type ApiKeyScope,
  type ApiKeyUseOutcome,
  AppError,
  apiKeyIdPattern,
  apiKeyScopes,
} from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { ApiKeyLookup, ApiKeyResolver, ApiKeyUseRecord } from '../../../platform/auth/actor.ts';
import type { Ctx, Platform } from '../../../platform/context.ts';
import { groupWriter } from '../../../platform/db/group-writes.ts';
import { auditActorOf, iso, isoOrNull, requireStaff } from './shared.ts';

/**
 * API keys for channels and partner systems. The token `tbk_<id>_<secret>` is shown once, when the
 * key is issued; the table keeps sha256(secret) (the secret is 256 random bits, so a plain hash is
 * as good as a slow one and costs nothing per request). Only system administrators issue and
 * revoke keys; every issue and revocation is audited, every presentation of a key logged in
 * `api_key_use` with its outcome.
 */

type ApiKeyRow = {
  id: string;
  name: string;
  channel: ApiKeyChannel;
  scopes: ApiKeyScope[];
  secret_hash: string;
  rate_per_minute: number;
  created_by: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  uses_last_day?: number;
};

const sha256 = (text: string) => createHash('sha256').update(text).digest();

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    scopes: row.scopes.filter((s): s is ApiKeyScope => (apiKeyScopes as readonly string[]).includes(s)),
    ratePerMinute: row.rate_per_minute,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    expiresAt: isoOrNull(row.expires_at),
    revokedAt: isoOrNull(row.revoked_at),
    lastUsedAt: isoOrNull(row.last_used_at),
    usesLastDay: Number(row.uses_last_day ?? 0),
  };
}

/** `tbk_<16 hex>_<43 base64url>` → its parts, or undefined for anything else. */
function parseToken(token: string): { id: string; secret: string } | undefined {
  // The secret is base64url, which has `_` in its alphabet: cut by position, not by separator.
  if (!token.startsWith(API_KEY_PREFIX)) return undefined;
  const rest = token.slice(API_KEY_PREFIX.length);
  const id = rest.slice(0, 16);
  const secret = rest.slice(17);
  if (rest[16] !== '_' || !apiKeyIdPattern.test(id) || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return undefined;
  return { id, secret };
}

export async function issueApiKey(ctx: Ctx, input: ApiKeyCreateBody): Promise<ApiKey & { token: string }> {
  const admin = requireStaff(ctx.actor);
  const now = ctx.clock.now();
  if (input.expiresAt && new Date(input.expiresAt) <= now) {
    throw new AppError('VALIDATION_FAILED', '到期时间须晚于现在。The expiry must lie in the future.', { field: 'body.expiresAt' });
  }
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const scopes = [...new Set(input.scopes)].sort();
  const row = await ctx.db.transaction(async (tx) => {
    const [created] = await tx.query<ApiKeyRow>(
      `insert into api_key (id, name, channel, scopes, secret_hash, rate_per_minute, created_by, created_at, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *`,
      [
        id,
        input.name,
        input.channel,
        scopes,
        sha256(secret).toString('hex'),
        input.ratePerMinute,
        admin.staffId,
        now,
        input.expiresAt ?? null,
      ],
    );
    await recordAudit(tx, now, {
      actor: auditActorOf(admin),
      action: 'identity.api_key.issued',
      target: { type: 'api_key', id },
      detail: { name: input.name, channel: input.channel, scopes, ratePerMinute: input.ratePerMinute, expiresAt: input.expiresAt ?? null },
      requestId: ctx.requestId,
    });
    return created as ApiKeyRow;
  });
  return { ...toApiKey(row), token: `${API_KEY_PREFIX}${id}_${secret}` };
}

export async function listApiKeys(ctx: Ctx): Promise<{ items: ApiKey[] }> {
  requireStaff(ctx.actor);
  const since = new Date(ctx.clock.now().getTime() - 86_400_000);
  const rows = await ctx.db.query<ApiKeyRow>(
    `select k.*, (select count(*)::int from api_key_use u where u.key_id = k.id and u.used_at >= $1) as uses_last_day
     from api_key k order by k.revoked_at is not null, k.created_at desc`,
    [since],
  );
  return { items: rows.map(toApiKey) };
}

export async function revokeApiKey(ctx: Ctx, id: string): Promise<ApiKey> {
  const admin = requireStaff(ctx.actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.query<ApiKeyRow>(
      `update api_key set revoked_at = coalesce(revoked_at, $2), revoked_by = coalesce(revoked_by, $3) where id = $1 returning *`,
      [id, now, admin.staffId],
    );
    if (!row) throw new AppError('IDENTITY_API_KEY_NOT_FOUND', '没有这个API密钥。No such API key.', { field: 'params.id' });
    await recordAudit(tx, now, {
      actor: auditActorOf(admin),
      action: 'identity.api_key.revoked',
      target: { type: 'api_key', id },
      detail: { name: row.name },
      requestId: ctx.requestId,
    });
    return toApiKey(row);
  });
}

export async function listApiKeyUses(
  ctx: Ctx,
  id: string,
  limit: number,
): Promise<{
  items: { usedAt: string; method: string; route: string; outcome: ApiKeyUseOutcome; ip: string | null; requestId: string | null }[];
}> {
  requireStaff(ctx.actor);
  const [key] = await ctx.db.query('select 1 from api_key where id = $1', [id]);
  if (!key) throw new AppError('IDENTITY_API_KEY_NOT_FOUND', '没有这个API密钥。No such API key.', { field: 'params.id' });
  const rows = await ctx.db.query<{
    used_at: Date;
    method: string;
    route: string;
    outcome: ApiKeyUseOutcome;
    ip: string | null;
    request_id: string | null;
  }>('select used_at, method, route, outcome, ip, request_id from api_key_use where key_id = $1 order by used_at desc, id desc limit $2', [
    id,
    limit,
  ]);
  return {
    items: rows.map((r) => ({
      usedAt: iso(r.used_at),
      method: r.method,
      route: r.route,
      outcome: r.outcome,
      ip: r.ip,
      requestId: r.request_id,
    })),
  };
}

/**
 * The access hook's view of keys. A lookup reads one row by primary key; the use log goes through
 * a group writer (many channel calls at once share one insert and one commit), and each call waits
 * for its own row, so a use is never answered before it is logged.
 */
export function createApiKeyResolver(platform: Platform): ApiKeyResolver {
  const { db, clock } = platform;
  type Use = ApiKeyUseRecord & { keyId: string; usedAt: Date };
  const writeUse = groupWriter<Use>(async (uses) => {
    const params: unknown[] = [];
    const values = uses.map((u, i) => {
      params.push(u.keyId, u.usedAt, u.method, u.route, u.outcome, u.ip, u.requestId);
      const b = i * 7;
      return `($${b + 1}, $${b + 2}::timestamptz, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
    });
    await db.query(
      `with used as (
         insert into api_key_use (key_id, used_at, method, route, outcome, ip, request_id) values ${values.join(', ')}
         returning key_id, used_at, outcome)
       update api_key k set last_used_at = greatest(k.last_used_at, u.at)
       from (select key_id, max(used_at) as at from used where outcome = 'accepted' group by key_id) u where k.id = u.key_id`,
      params,
    );
  });
  return {
    async find(token: string): Promise<ApiKeyLookup | undefined> {
      const parsed = parseToken(token);
      if (!parsed) return undefined;
      const [row] = await db.query<ApiKeyRow>('select * from api_key where id = $1', [parsed.id]);
      if (!row) return undefined;
      const given = sha256(parsed.secret);
      const kept = Buffer.from(row.secret_hash, 'hex');
      if (kept.length !== given.length || !timingSafeEqual(kept, given)) return undefined;
      const now = clock.now();
      const refusal = row.revoked_at ? 'revoked' : row.expires_at && row.expires_at <= now ? 'expired' : undefined;
      return {
        keyId: row.id,
        refusal,
        actor: {
          kind: 'api_key',
          keyId: row.id,
          name: row.name,
          channel: row.channel,
          scopes: toApiKey(row).scopes,
          ratePerMinute: row.rate_per_minute,
        },
      };
    },
    recordUse: (keyId, use) => writeUse({ ...use, keyId, usedAt: clock.now() }),
  };
}
