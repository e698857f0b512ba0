// Helpers for the audit tests (not used by the server).
import type { Clock } from '@tongban/domain';
import type { Db, Sql } from '../db/db.ts';
import type { Signer } from '../signing/signing.ts';
import { recordAudit } from './audit.ts';
import { sealNow } from './sealer.ts';

let streamCounter = 0;
/** A stream of its own per test, so tampering in one test cannot disturb another. */
export function freshStream(label: string): string {
  streamCounter++;
  return `t-${label}-${streamCounter}`;
}

export async function writeEntries(db: Db, clock: Clock, stream: string, count: number, label = 'case'): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      await db.transaction((tx) =>
        recordAudit(tx, clock.now(), {
          stream,
          actor: { type: 'staff', id: `staff-${i % 3}` },
          action: `test.${label}.updated`,
          target: { type: 'case', id: `${label}-${i}` },
          subject: '110101199003074514',
          detail: { step: i, note: '审查通过 approved', nested: { z: 1, a: [i, 'x'] } },
          requestId: `req-${i}`,
        }),
      ),
    );
  }
  return ids;
}

/** Seals once and checks that every entry of `stream` is chained (committed entries always are). */
export async function sealAll(db: Db, signer: Signer, clock: Clock, stream: string): Promise<void> {
  await sealNow(db, signer, clock);
  const [row] = await db.query<{ n: number }>(
    'select count(*)::int as n from audit_log l where stream = $1 and not exists (select 1 from audit_chain c where c.entry_id = l.id)',
    [stream],
  );
  if (row?.n !== 0) throw new Error(`${row?.n} entries of ${stream} were not sealed`);
}

const owners = new WeakMap<Db, Db>();
/** The test harness names the owner connection of an app's database (PostgreSQL; PGlite has one connection). */
export function registerOwnerDb(appDb: Db, ownerDb: Db): void {
  owners.set(appDb, ownerDb);
}

/**
 * Runs `fn` with the append-only triggers off, as an attacker with the schema owner's (or a
 * superuser's) access could — the server's own role cannot (platform/db/least-privilege.test.ts).
 */
export async function asAttacker(db: Db, fn: (tx: Sql) => Promise<unknown>): Promise<void> {
  await (owners.get(db) ?? db).transaction(async (tx) => {
    // PGlite: back from tongban_app to the embedded superuser for this transaction.
    await tx.query('set local role none');
    await tx.query('set local session_replication_role = replica');
    await fn(tx);
  });
}

export type ChainRowForTest = { position: number; entry_id: number; prev_hash: string; hash: string };

export async function chainOf(db: Sql, stream: string): Promise<ChainRowForTest[]> {
  return db.query<ChainRowForTest>('select position, entry_id, prev_hash, hash from audit_chain where stream = $1 order by position', [
    stream,
  ]);
}
