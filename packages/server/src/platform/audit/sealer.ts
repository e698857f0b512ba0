import type { Clock } from '@tongban/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Sql } from '../db/db.ts';
import type { Signer } from '../signing/signing.ts';
import {
  CHECKPOINT_KEY_PURPOSE,
  canonicalEntry,
  chainHash,
  checkpointPayload,
  compareXid,
  ENTRY_COLUMNS_SQL,
  type EntryRow,
  GENESIS_HASH,
} from './canonical.ts';

/**
 * The sealer links finished audit entries into each stream's hash chain and signs one checkpoint
 * per stream per run. Business transactions only INSERT into audit_log, so they never wait on a
 * chain head; the sealer alone appends to audit_chain, one run at a time (advisory lock).
 *
 * Which entries a run seals: every entry its snapshot sees (so: committed) that is not chained
 * yet, per stream in id order. What must never happen is that an entry of a transaction still open
 * is passed over for good — its id may well be lower than ids sealed now. So the progress marker
 * (`audit_seal_state.sealed_below`, the lower bound of the next run's search) never moves past
 * `pg_snapshot_xmin(pg_current_snapshot())` taken before the entries are read: every transaction
 * open then, or started since, has an id at or above it, so its entries, once committed, lie in
 * the range later runs search. Committed entries above that xmin are sealed at once rather than
 * only once every older transaction has ended: a long transaction anywhere in the cluster (another
 * database's bulk load, the demo seed) delays only the marker, not the chain. Rows restored from
 * another cluster's dump are committed too, whatever their transaction ids say.
 */
const SEAL_LOCK = 727_002;
const FETCH_SIZE = 5_000;

export type SealedStream = { stream: string; sealed: number; position: number; headHash: string };
export type SealResult = { sealed: number; streams: SealedStream[] };

type Head = { stream: string; position: number; hash: string; sealed: number };

async function headOf(tx: Sql, stream: string): Promise<Head> {
  const rows = await tx.query<{ position: number; hash: string }>(
    'select position, hash from audit_chain where stream = $1 order by position desc limit 1',
    [stream],
  );
  const row = rows[0];
  return { stream, position: row?.position ?? 0, hash: row?.hash ?? GENESIS_HASH, sealed: 0 };
}

async function appendToChain(tx: Sql, head: Head, entries: EntryRow[], sealedAt: Date): Promise<void> {
  const positions: number[] = [];
  const ids: number[] = [];
  const prevs: string[] = [];
  const hashes: string[] = [];
  for (const entry of entries) {
    const next = chainHash(head.hash, canonicalEntry(entry));
    positions.push(++head.position);
    ids.push(entry.id);
    prevs.push(head.hash);
    hashes.push(next);
    head.hash = next;
  }
  head.sealed += entries.length;
  await tx.query(
    `insert into audit_chain (stream, position, entry_id, prev_hash, hash, sealed_at)
     select $1, p, e, ph, h, $6 from unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[]) as t(p, e, ph, h)`,
    [head.stream, positions, ids, prevs, hashes, sealedAt],
  );
}

/**
 * Seals every finished, unsealed entry of every stream now, in one transaction, and signs one
 * checkpoint per stream that grew. Safe to call from several processes at once (they take turns).
 * Used by the periodic sealer, the CLI (`audit seal`) and tests.
 */
export async function sealNow(db: Db, signer: Signer, clock: Clock): Promise<SealResult> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [SEAL_LOCK]);
    // Taken before the cursor's snapshot: its xmin is at most the id of any transaction the
    // cursor cannot see yet.
    const [snapshot] = await tx.query<{ xmin: string }>('select pg_snapshot_xmin(pg_current_snapshot())::text as xmin');
    const { xmin } = snapshot as { xmin: string };
    const [state] = await tx.query<{ sealed_below: string }>('select sealed_below::text as sealed_below from audit_seal_state');
    // A marker above the current snapshot comes from another cluster (a restored dump): rescan.
    const from = state && compareXid(state.sealed_below, xmin) <= 0 ? state.sealed_below : '0';

    await tx.query(
      `declare audit_unsealed no scroll cursor for
       select ${ENTRY_COLUMNS_SQL} from audit_log l
       where l.tx_id >= $1::xid8 and not exists (select 1 from audit_chain c where c.entry_id = l.id)
       order by l.stream, l.id`,
      [from],
    );
    const sealedAt = clock.now();
    const heads = new Map<string, Head>();
    for (;;) {
      const batch = await tx.query<EntryRow>(`fetch forward ${FETCH_SIZE} from audit_unsealed`);
      if (batch.length === 0) break;
      let start = 0;
      while (start < batch.length) {
        const stream = (batch[start] as EntryRow).stream;
        let end = start;
        while (end < batch.length && (batch[end] as EntryRow).stream === stream) end++;
        let head = heads.get(stream);
        if (!head) {
          head = await headOf(tx, stream);
          heads.set(stream, head);
        }
        await appendToChain(tx, head, batch.slice(start, end), sealedAt);
        start = end;
      }
    }
    await tx.query('close audit_unsealed');

    // One checkpoint per stream that grew, signed together (with an HSM or KMS each signature is a
    // round trip) and inserted in one statement.
    const grown = [...heads.values()];
    const signatures = await Promise.all(
      grown.map((head) =>
        signer.sign(
          CHECKPOINT_KEY_PURPOSE,
          checkpointPayload({ stream: head.stream, position: head.position, headHash: head.hash, signedAt: sealedAt }),
        ),
      ),
    );
    if (grown.length > 0) {
      await tx.query(
        `insert into audit_checkpoint (stream, position, head_hash, signed_at, key_id, signature)
         select s, p, h, $4::timestamptz, k, g from unnest($1::text[], $2::bigint[], $3::text[], $5::text[], $6::text[]) as t(s, p, h, k, g)`,
        [
          grown.map((h) => h.stream),
          grown.map((h) => h.position),
          grown.map((h) => h.hash),
          sealedAt,
          signatures.map((g) => g.keyId),
          signatures.map((g) => g.signature),
        ],
      );
    }
    const streams: SealedStream[] = grown.map((head) => ({
      stream: head.stream,
      sealed: head.sealed,
      position: head.position,
      headHash: head.hash,
    }));
    if (compareXid(xmin, from) > 0) {
      await tx.query(
        `insert into audit_seal_state (singleton, sealed_below, updated_at) values (true, $1::xid8, $2)
         on conflict (singleton) do update set sealed_below = excluded.sealed_below, updated_at = excluded.updated_at`,
        [xmin, sealedAt],
      );
    }
    return { sealed: streams.reduce((n, s) => n + s.sealed, 0), streams };
  });
}

export type Sealer = {
  /** Stops the timer, waits for a run in progress, then seals once more so the tail is chained. */
  stop(): Promise<void>;
};

/**
 * Runs `sealNow` every `intervalSeconds` (after the previous run ends, so runs never overlap in
 * this process). A failed run is logged and retried at the next tick.
 */
export function startSealer(deps: { db: Db; signer: Signer; clock: Clock; intervalSeconds: number; log: FastifyBaseLogger }): Sealer {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const run = async () => {
    try {
      const result = await sealNow(deps.db, deps.signer, deps.clock);
      if (result.sealed > 0) deps.log.debug({ sealed: result.sealed, streams: result.streams }, 'audit entries sealed');
    } catch (error) {
      deps.log.error({ err: error }, 'audit sealing failed; retrying at the next interval');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run().finally(() => {
        running = undefined;
        schedule();
      });
    }, deps.intervalSeconds * 1000);
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running;
      await run();
    },
  };
}
