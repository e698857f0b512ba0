import { AppError } from '@tongban/domain';
import type { Platform } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { canonicalJson, sha256Hex } from '../cases.shared.ts';

/**
 * Runs a create in one transaction under an `Idempotency-Key`. The key row is inserted first:
 * a concurrent request with the same key waits on it and, once the first commits, reads the first
 * answer. The answer is stored in the same transaction as the change, so a crash loses both or
 * neither. A failed attempt stores nothing (the retry runs again).
 *
 * @throws IDEMPOTENCY_KEY_REUSED the key was used for a different request body
 */
export async function withIdempotency<T>(
  platform: Pick<Platform, 'db' | 'clock'>,
  scope: string,
  key: string | undefined,
  body: unknown,
  work: (tx: Sql) => Promise<T>,
): Promise<{ value: T; replayed: boolean }> {
  if (!key) return { value: await platform.db.transaction(work), replayed: false };
  const hash = sha256Hex(canonicalJson(body));
  return platform.db.transaction(async (tx) => {
    const claimed = await tx.query(
      `insert into idempotency_key (scope, key, request_hash, status_code, response, created_at)
       values ($1, $2, $3, 0, 'null'::jsonb, $4) on conflict do nothing returning key`,
      [scope, key, hash, platform.clock.now()],
    );
    if (claimed.length === 0) {
      const [first] = await tx.query<{ request_hash: string; response: T }>(
        'select request_hash, response from idempotency_key where scope = $1 and key = $2',
        [scope, key],
      );
      if (!first) throw new AppError('CONFLICT', '请稍后重试。Please retry.');
      if (first.request_hash !== hash) {
        throw new AppError('IDEMPOTENCY_KEY_REUSED', '该幂等键已用于另一请求。This Idempotency-Key was used for a different request.', {
          field: 'headers.idempotency-key',
        });
      }
      return { value: first.response, replayed: true };
    }
    const value = await work(tx);
    await tx.write('update idempotency_key set status_code = 201, response = $3 where scope = $1 and key = $2', [
      scope,
      key,
      JSON.stringify(value),
    ]);
    return { value, replayed: false };
  });
}
