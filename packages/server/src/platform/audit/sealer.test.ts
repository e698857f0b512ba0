import { createHash } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import type { Db } from '../db/db.ts';
import { recordAudit } from './audit.ts';
import { canonicalJson, checkpointPayload, ENTRY_COLUMNS_SQL, type EntryRow, GENESIS_HASH } from './canonical.ts';
import { sealNow, startSealer } from './sealer.ts';
import { chainOf, freshStream, sealAll, writeEntries } from './test-support.ts';

let t: TestApp;
let db: Db;
beforeAll(async () => {
  t = await createTestApp();
  db = t.app.platform.db;
});
afterAll(() => t.close());

const signer = () => t.app.platform.signer;

describe('audit sealer', () => {
  it('chains finished entries in id order and signs one checkpoint per stream per run', async () => {
    const stream = freshStream('seal');
    const ids = await writeEntries(db, t.clock, stream, 5);
    await sealAll(db, signer(), t.clock, stream);

    const chain = await chainOf(db, stream);
    expect(chain.map((c) => c.position)).toEqual([1, 2, 3, 4, 5]);
    expect(chain.map((c) => c.entry_id)).toEqual(ids);
    // Recompute independently: sha256(prev ‖ JSON with sorted keys).
    const entries = await db.query<EntryRow>(`select ${ENTRY_COLUMNS_SQL} from audit_log l where stream = $1 order by id`, [stream]);
    let prev = GENESIS_HASH;
    chain.forEach((row, i) => {
      expect(row.prev_hash).toBe(prev);
      const expected = createHash('sha256').update(prev).update(canonicalJson(entries[i])).digest('hex');
      expect(row.hash).toBe(expected);
      prev = row.hash;
    });

    const checkpoints = await db.query<{ position: number; head_hash: string; signed_at: Date; key_id: string; signature: string }>(
      'select position, head_hash, signed_at, key_id, signature from audit_checkpoint where stream = $1 order by position',
      [stream],
    );
    const last = checkpoints.at(-1);
    expect(last).toMatchObject({ position: 5, head_hash: prev });
    if (!last) throw new Error('no checkpoint');
    const payload = checkpointPayload({ stream, position: 5, headHash: prev, signedAt: last.signed_at });
    expect(signer().verify(last.key_id, payload, last.signature)).toBe(true);
    expect(signer().verify(last.key_id, payload.replace('"position":5', '"position":4'), last.signature)).toBe(false);
  });

  it('writes nothing when there is nothing new', async () => {
    const stream = freshStream('idle');
    await writeEntries(db, t.clock, stream, 2);
    await sealAll(db, signer(), t.clock, stream);
    const before = await db.query<{ n: number }>('select count(*)::int as n from audit_checkpoint where stream = $1', [stream]);
    const again = await sealNow(db, signer(), t.clock);
    expect(again.streams.find((s) => s.stream === stream)).toBeUndefined();
    const after = await db.query<{ n: number }>('select count(*)::int as n from audit_checkpoint where stream = $1', [stream]);
    expect(after).toEqual(before);
    expect(await chainOf(db, stream)).toHaveLength(2);
  });

  it('keeps one independent chain per stream', async () => {
    const a = freshStream('a');
    const b = freshStream('b');
    await writeEntries(db, t.clock, a, 2);
    await writeEntries(db, t.clock, b, 3);
    await writeEntries(db, t.clock, a, 1);
    await sealAll(db, signer(), t.clock, a);
    await sealAll(db, signer(), t.clock, b);
    const chainA = await chainOf(db, a);
    const chainB = await chainOf(db, b);
    expect(chainA.map((c) => c.position)).toEqual([1, 2, 3]);
    expect(chainB.map((c) => c.position)).toEqual([1, 2, 3]);
    expect(chainA[0]?.prev_hash).toBe(GENESIS_HASH);
    expect(chainB[0]?.prev_hash).toBe(GENESIS_HASH);
  });

  it('extends the chain across runs from the previous head', async () => {
    const stream = freshStream('runs');
    await writeEntries(db, t.clock, stream, 2);
    await sealAll(db, signer(), t.clock, stream);
    await writeEntries(db, t.clock, stream, 2);
    await sealAll(db, signer(), t.clock, stream);
    const chain = await chainOf(db, stream);
    expect(chain.map((c) => c.position)).toEqual([1, 2, 3, 4]);
    expect(chain[2]?.prev_hash).toBe(chain[1]?.hash);
    const checkpoints = await db.query<{ position: number }>('select position from audit_checkpoint where stream = $1 order by position', [
      stream,
    ]);
    expect(checkpoints.map((c) => c.position)).toEqual([2, 4]);
  });

  it('rescans when its bookkeeping lies beyond the current transaction ids (restored into another cluster)', async () => {
    const stream = freshStream('restored');
    await db.query(
      `insert into audit_seal_state (singleton, sealed_below, updated_at) values (true, '999999999999'::xid8, now())
       on conflict (singleton) do update set sealed_below = excluded.sealed_below`,
    );
    await writeEntries(db, t.clock, stream, 2);
    await sealAll(db, signer(), t.clock, stream);
    expect(await chainOf(db, stream)).toHaveLength(2);
  });

  it("seals restored entries whose transaction ids lie beyond this cluster's counter", async () => {
    const stream = freshStream('foreign');
    await db.query(
      `insert into audit_log (stream, occurred_at, actor_type, action, tx_id) values ($1, $2, 'system', 'test.restored', '9000000000000'::xid8)`,
      [stream, t.clock.now()],
    );
    await writeEntries(db, t.clock, stream, 1);
    await sealAll(db, signer(), t.clock, stream);
    expect(await chainOf(db, stream)).toHaveLength(2);
  });

  it('seals the tail when the periodic sealer stops', async () => {
    const stream = freshStream('stop');
    const sealer = startSealer({ db, signer: signer(), clock: t.clock, intervalSeconds: 3600, log: pino({ level: 'silent' }) });
    await writeEntries(db, t.clock, stream, 3);
    await sealer.stop();
    expect(await chainOf(db, stream)).toHaveLength(3);
  });
});

describe('append-only tables', () => {
  const refused = /append-only/;

  // Two layers: the server's role lacks the privileges (platform/db/least-privilege.test.ts), and
  // the triggers refuse even the schema owner, whose every statement here runs as the owner.
  it('refuse UPDATE, DELETE and TRUNCATE on the log, the chain and the checkpoints, even to the schema owner', async () => {
    const stream = freshStream('triggers');
    await writeEntries(db, t.clock, stream, 1);
    await sealAll(db, signer(), t.clock, stream);
    const statements = [
      `update audit_log set action = 'forged' where stream = '${stream}'`,
      `delete from audit_log where stream = '${stream}'`,
      'truncate audit_log',
      `update audit_chain set hash = 'x' where stream = '${stream}'`,
      `delete from audit_chain where stream = '${stream}'`,
      'truncate audit_chain',
      `update audit_checkpoint set head_hash = 'x' where stream = '${stream}'`,
      `delete from audit_checkpoint where stream = '${stream}'`,
      'truncate audit_checkpoint',
    ];
    for (const statement of statements) {
      await expect(db.query(statement), statement).rejects.toThrow(/permission denied/);
      await expect(
        t.asOwner((sql) => sql.query(statement)),
        statement,
      ).rejects.toThrow(refused);
    }
    expect(await chainOf(db, stream)).toHaveLength(1);
    const [entry] = await db.query<{ action: string }>('select action from audit_log where stream = $1', [stream]);
    expect(entry?.action).toBe('test.case.updated');
  });
});

describe('a transaction still open while the sealer runs', () => {
  it('gets its entry sealed later, never skipped', async () => {
    const stream = freshStream('inflight');
    const entry = (tx: Parameters<typeof recordAudit>[0], label: string) =>
      recordAudit(tx, t.clock.now(), { stream, actor: { type: 'system' }, action: `test.${label}` });
    let releaseOpen!: () => void;
    const openGate = new Promise<void>((resolve) => {
      releaseOpen = resolve;
    });

    if (t.dbKind === 'pglite') {
      // PGlite has one connection and runs one transaction at a time: a sealer run started while
      // a transaction is open simply waits until it ends, so it cannot pass over an open
      // transaction's entry. The run below therefore includes the entry.
      let inserted!: (id: number) => void;
      const insertedId = new Promise<number>((resolve) => {
        inserted = resolve;
      });
      const open = db.transaction(async (tx) => {
        inserted(await entry(tx, 'open'));
        await openGate;
      });
      const id = await insertedId;
      const sealing = sealNow(db, signer(), t.clock);
      releaseOpen();
      await open;
      const result = await sealing;
      expect(result.streams.find((s) => s.stream === stream)?.sealed).toBe(1);
      expect((await chainOf(db, stream)).map((c) => c.entry_id)).toEqual([id]);
      return;
    }

    // PostgreSQL: three connections. `older` takes its transaction id first, `open` then inserts
    // (getting the lower entry id) and stays open, `older` inserts and commits. The sealer seals
    // `older`'s committed entry but cannot see `open`'s, whose id is lower: a later run must still
    // find it rather than pass over it for good.
    let olderHasXid!: () => void;
    const olderReady = new Promise<void>((resolve) => {
      olderHasXid = resolve;
    });
    let openInserted!: (id: number) => void;
    const openId = new Promise<number>((resolve) => {
      openInserted = resolve;
    });
    const older = db.transaction(async (tx) => {
      await tx.query('select pg_current_xact_id()');
      olderHasXid();
      await openId;
      return entry(tx, 'older');
    });
    await olderReady;
    const open = db.transaction(async (tx) => {
      openInserted(await entry(tx, 'open'));
      await openGate;
    });
    const olderEntry = await older;
    const openEntry = await openId;
    expect(openEntry).toBeLessThan(olderEntry);

    await sealNow(db, signer(), t.clock);
    expect((await chainOf(db, stream)).map((c) => c.entry_id)).toEqual([olderEntry]);
    await sealNow(db, signer(), t.clock);
    expect((await chainOf(db, stream)).map((c) => c.entry_id)).toEqual([olderEntry]);

    releaseOpen();
    await open;
    await sealAll(db, signer(), t.clock, stream);
    expect((await chainOf(db, stream)).map((c) => c.entry_id)).toEqual([olderEntry, openEntry]);
  });
});
