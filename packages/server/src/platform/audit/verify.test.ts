import type { AuditFinding } from '@tongban/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import type { Db } from '../db/db.ts';
import { createKeyStoreSigner } from '../signing/signing.ts';
import { recordAudit } from './audit.ts';
import { canonicalEntry, chainHash, checkpointPayload, ENTRY_COLUMNS_SQL, type EntryRow, GENESIS_HASH } from './canonical.ts';
import { sealNow } from './sealer.ts';
import { asAttacker, chainOf, freshStream, sealAll, writeEntries } from './test-support.ts';
import { type VerifyOptions, verifyAuditChain } from './verify.ts';

let t: TestApp;
let db: Db;
beforeAll(async () => {
  t = await createTestApp();
  db = t.app.platform.db;
});
afterAll(() => t.close());

// Small pages, so every scenario also crosses page boundaries.
const verify = (stream: string, options: VerifyOptions = {}) =>
  verifyAuditChain(db, t.app.platform.signer, t.clock, { stream, pageSize: 3, ...options });
const kinds = (findings: AuditFinding[]) => findings.map((f) => f.kind).sort();

/** A sealed stream of `count` entries, sealed in runs of `runs` sizes (one checkpoint per run). */
async function sealedStream(label: string, runs: number[] = [6]): Promise<{ stream: string; ids: number[] }> {
  const stream = freshStream(label);
  const ids: number[] = [];
  for (const size of runs) {
    ids.push(...(await writeEntries(db, t.clock, stream, size, label)));
    await sealAll(db, t.app.platform.signer, t.clock, stream);
  }
  return { stream, ids };
}

describe('verifying an untouched chain', () => {
  it('reports no findings, the head and the latest checkpoint', async () => {
    const { stream } = await sealedStream('clean', [3, 4]);
    const result = await verify(stream, { allSignatures: true, pageSize: 2 });
    expect(result.findings).toEqual([]);
    expect(result).toMatchObject({ ok: true, checkedEntries: 7, unsealedEntries: 0, latestValidCheckpoint: { position: 7 } });
    expect(result.head?.position).toBe(7);
  });

  it('verifies an empty stream', async () => {
    const result = await verify(freshStream('empty'));
    expect(result).toMatchObject({ ok: true, checkedEntries: 0, head: null, latestValidCheckpoint: null, findings: [] });
  });

  it('leaves recent unsealed entries alone but reports old ones (sealer stuck)', async () => {
    const { stream } = await sealedStream('backlog', [2]);
    const [late] = await writeEntries(db, t.clock, stream, 1, 'backlog');
    const fresh = await verify(stream);
    expect(fresh).toMatchObject({ ok: true, unsealedEntries: 1 });
    t.clock.advance(5 * 60_000);
    const stale = await verify(stream, { unsealedAfterSeconds: 60 });
    expect(stale.findings).toEqual([expect.objectContaining({ kind: 'unsealed_backlog', count: 1, oldestEntryId: late })]);
  });
});

describe('tamper evidence: an attacker with database access', () => {
  it('edits an entry', async () => {
    const { stream, ids } = await sealedStream('edit');
    await asAttacker(db, (tx) => tx.query(`update audit_log set detail = '{"step": 2, "note": "驳回 rejected"}' where id = $1`, [ids[2]]));
    const result = await verify(stream);
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'entry_edited', position: 3, entryId: ids[2] })]);
  });

  it('edits only the timestamp of an entry, by a microsecond', async () => {
    const { stream, ids } = await sealedStream('edit-time');
    await asAttacker(db, (tx) =>
      tx.query(`update audit_log set occurred_at = occurred_at + interval '1 microsecond' where id = $1`, [ids[0]]),
    );
    expect((await verify(stream)).findings).toEqual([expect.objectContaining({ kind: 'entry_edited', position: 1 })]);
  });

  it('deletes an entry', async () => {
    const { stream, ids } = await sealedStream('delete-entry');
    await asAttacker(db, (tx) => tx.query('delete from audit_log where id = $1', [ids[1]]));
    expect((await verify(stream)).findings).toEqual([expect.objectContaining({ kind: 'entry_deleted', position: 2, entryId: ids[1] })]);
  });

  it('deletes a chain row, even when the sealer runs again afterwards', async () => {
    const { stream, ids } = await sealedStream('delete-chain');
    await asAttacker(db, (tx) => tx.query('delete from audit_chain where stream = $1 and position = 3', [stream]));
    expect((await verify(stream)).findings).toEqual([
      expect.objectContaining({ kind: 'chain_rows_deleted', fromPosition: 3, toPosition: 3 }),
    ]);
    // The sealer does not look back at entries it has passed: the gap stays, and the orphaned
    // entry shows up as unsealed once it is old enough.
    await sealNow(db, t.app.platform.signer, t.clock);
    expect(kinds((await verify(stream)).findings)).toEqual(['chain_rows_deleted']);
    t.clock.advance(5 * 60_000);
    const later = await verify(stream);
    expect(kinds(later.findings)).toEqual(['chain_rows_deleted', 'unsealed_backlog']);
    expect(later.findings).toContainEqual(expect.objectContaining({ kind: 'unsealed_backlog', count: 1, oldestEntryId: ids[2] }));
  });

  it('edits a chain row', async () => {
    const { stream } = await sealedStream('edit-chain');
    await asAttacker(db, (tx) =>
      tx.query(`update audit_chain set prev_hash = $2 where stream = $1 and position = 4`, [stream, 'f'.repeat(64)]),
    );
    expect(kinds((await verify(stream)).findings)).toEqual(['chain_link_broken', 'entry_edited']);
  });

  it('forges a chain row far beyond the head: reported, without walking every empty page on the way', async () => {
    const { stream } = await sealedStream('far-row');
    const [unsealed] = await writeEntries(db, t.clock, stream, 1, 'far-row');
    await asAttacker(db, (tx) =>
      tx.query(`insert into audit_chain (stream, position, entry_id, prev_hash, hash) values ($1, 1000000000, $2, $3, $3)`, [
        stream,
        unsealed,
        'e'.repeat(64),
      ]),
    );
    // Pages of 3 positions: walking them all would take hours.
    const result = await verify(stream);
    expect(result.findings).toContainEqual(
      expect.objectContaining({ kind: 'chain_rows_deleted', fromPosition: 7, toPosition: 999_999_999 }),
    );
    expect(kinds(result.findings)).toEqual(['chain_rows_deleted', 'entry_edited', 'unsigned_tail']);
  });

  it('reorders entries by swapping their contents', async () => {
    const { stream, ids } = await sealedStream('reorder');
    const [a, b] = [ids[1] as number, ids[4] as number];
    await asAttacker(db, async (tx) => {
      const cols = 'occurred_at, actor_type, actor_id, action, target_type, target_id, subject, detail, request_id, tx_id';
      await tx.query(
        `update audit_log l set (${cols}) = (select ${cols} from audit_log o where o.id = case when l.id = $1 then $2::bigint else $1::bigint end)
         where l.id in ($1, $2)`,
        [a, b],
      );
    });
    const result = await verify(stream);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'reordered', positions: [2, 5], entryIds: [a, b] })]);
  });

  it('reorders entries by swapping the chain pointers', async () => {
    const { stream, ids } = await sealedStream('reorder-chain');
    await asAttacker(db, async (tx) => {
      // Three steps: entry_id is unique.
      const point = (position: number, entryId: number) =>
        tx.query('update audit_chain set entry_id = $3 where stream = $1 and position = $2', [stream, position, entryId]);
      await point(1, -1);
      await point(3, ids[0] as number);
      await point(1, ids[2] as number);
    });
    expect((await verify(stream)).findings).toEqual([expect.objectContaining({ kind: 'reordered', positions: [1, 3] })]);
  });

  it('truncates the tail', async () => {
    const { stream, ids } = await sealedStream('truncate', [4, 3]);
    await asAttacker(db, async (tx) => {
      await tx.query('delete from audit_chain where stream = $1 and position > 4', [stream]);
      await tx.query('delete from audit_log where id = any($1::bigint[])', [ids.slice(4)]);
    });
    const result = await verify(stream);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'truncated', checkpointPosition: 7, chainHead: 4 })]);
  });

  it('truncates the tail together with its checkpoint: only a checkpoint kept outside shows it', async () => {
    const { stream, ids } = await sealedStream('truncate-all', [4, 3]);
    const before = await verify(stream);
    const outside = { position: before.head?.position ?? 0, headHash: before.head?.hash ?? '' };
    await asAttacker(db, async (tx) => {
      await tx.query('delete from audit_chain where stream = $1 and position > 4', [stream]);
      await tx.query('delete from audit_checkpoint where stream = $1 and position > 4', [stream]);
      await tx.query('delete from audit_log where id = any($1::bigint[])', [ids.slice(4)]);
    });
    expect((await verify(stream)).findings).toEqual([]);
    expect((await verify(stream, { expectCheckpoint: outside })).findings).toEqual([
      expect.objectContaining({ kind: 'truncated', checkpointPosition: 7, chainHead: 4 }),
    ]);
  });

  describe('rewrites the whole chain consistently, without the signing key', () => {
    /** Edits entry 2 and recomputes every chain hash from there, as the verifier would. */
    async function rewrite(stream: string, ids: number[]) {
      await asAttacker(db, async (tx) => {
        await tx.query(`update audit_log set detail = '{"forged": true}' where id = $1`, [ids[1]]);
        const entries = await tx.query<EntryRow>(`select ${ENTRY_COLUMNS_SQL} from audit_log l where stream = $1 order by id`, [stream]);
        let prev = GENESIS_HASH;
        for (const [i, entry] of entries.entries()) {
          const hash = chainHash(prev, canonicalEntry(entry));
          await tx.query('update audit_chain set prev_hash = $3, hash = $4 where stream = $1 and position = $2', [
            stream,
            i + 1,
            prev,
            hash,
          ]);
          prev = hash;
        }
      });
    }

    it('leaving the checkpoints: they no longer match', async () => {
      const { stream, ids } = await sealedStream('rewrite', [3, 3]);
      await rewrite(stream, ids);
      const chain = await chainOf(db, stream);
      // The rewritten chain is internally consistent…
      expect(chain.every((row, i) => row.prev_hash === (i === 0 ? GENESIS_HASH : chain[i - 1]?.hash))).toBe(true);
      const result = await verify(stream);
      // …but both signed checkpoints contradict it.
      expect(result.findings).toEqual([
        expect.objectContaining({ kind: 'checkpoint_mismatch', position: 3 }),
        expect.objectContaining({ kind: 'checkpoint_mismatch', position: 6 }),
      ]);
    });

    it('rewriting the checkpoints too: their signatures fail', async () => {
      const { stream, ids } = await sealedStream('rewrite-cp', [3, 3]);
      await rewrite(stream, ids);
      await asAttacker(db, (tx) =>
        tx.query(
          'update audit_checkpoint k set head_hash = c.hash from audit_chain c where c.stream = k.stream and c.position = k.position and k.stream = $1',
          [stream],
        ),
      );
      const result = await verify(stream);
      expect(kinds(result.findings)).toEqual(['checkpoint_signature_invalid', 'checkpoint_signature_invalid', 'unsigned_tail']);
      expect(result.findings).toContainEqual(expect.objectContaining({ kind: 'unsigned_tail', fromPosition: 1, toPosition: 6 }));
    });

    it('re-signing the checkpoints with a key of their own: the key is not ours', async () => {
      const { stream, ids } = await sealedStream('rewrite-own-key', [3]);
      await rewrite(stream, ids);
      const theirs = createKeyStoreSigner(undefined);
      await asAttacker(db, async (tx) => {
        const [head] = await chainOf(tx, stream).then((rows) => rows.slice(-1));
        const [cp] = await tx.query<{ signed_at: Date }>('select signed_at from audit_checkpoint where stream = $1 and position = 3', [
          stream,
        ]);
        if (!head || !cp) throw new Error('setup');
        const forged = await theirs.sign('audit', checkpointPayload({ stream, position: 3, headHash: head.hash, signedAt: cp.signed_at }));
        await tx.query('update audit_checkpoint set head_hash = $2, key_id = $3, signature = $4 where stream = $1 and position = 3', [
          stream,
          head.hash,
          forged.keyId,
          forged.signature,
        ]);
      });
      expect(kinds((await verify(stream)).findings)).toEqual(['checkpoint_signature_invalid', 'unsigned_tail']);
    });

    it('deleting the checkpoints: the chain is not covered by any signature', async () => {
      const { stream, ids } = await sealedStream('rewrite-nocp', [3, 3]);
      await rewrite(stream, ids);
      await asAttacker(db, (tx) => tx.query('delete from audit_checkpoint where stream = $1', [stream]));
      expect((await verify(stream)).findings).toEqual([expect.objectContaining({ kind: 'unsigned_tail', fromPosition: 1, toPosition: 6 })]);
    });
  });

  it('reports several problems in one run', async () => {
    const { stream, ids } = await sealedStream('many', [5, 5]);
    await asAttacker(db, async (tx) => {
      await tx.query(`update audit_log set action = 'forged' where id = $1`, [ids[0]]);
      await tx.query('delete from audit_log where id = $1', [ids[5]]);
      await tx.query('delete from audit_chain where stream = $1 and position = 8', [stream]);
    });
    expect(kinds((await verify(stream)).findings)).toEqual(['chain_rows_deleted', 'entry_deleted', 'entry_edited']);
  });
});

describe('an entry deleted before the sealer chained it', () => {
  it('is reported: its number is missing from the gap-free numbering of its connection', async () => {
    const stream = freshStream('deleted-unsealed');
    const ids = await writeEntries(db, t.clock, stream, 5, 'deleted-unsealed');
    await asAttacker(db, (tx) => tx.query('delete from audit_log where id = $1', [ids[2]]));
    await sealAll(db, t.app.platform.signer, t.clock, stream);
    const result = await verify(stream);
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'entries_missing', count: 1 })]);
  });

  it('is reported when it was the newest one', async () => {
    const stream = freshStream('deleted-newest');
    const ids = await writeEntries(db, t.clock, stream, 3, 'deleted-newest');
    await asAttacker(db, (tx) => tx.query('delete from audit_log where id = $1', [ids[2]]));
    await sealAll(db, t.app.platform.signer, t.clock, stream);
    expect((await verify(stream)).findings).toEqual([expect.objectContaining({ kind: 'entries_missing', count: 1 })]);
  });

  it('is not confused with a transaction that rolled back', async () => {
    const stream = freshStream('rolled-back');
    await writeEntries(db, t.clock, stream, 2, 'rolled-back');
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, t.clock.now(), { stream, actor: { type: 'system' }, action: 'test.rolled_back.tried' });
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    await writeEntries(db, t.clock, stream, 2, 'rolled-back');
    await sealAll(db, t.app.platform.signer, t.clock, stream);
    expect(await verify(stream)).toMatchObject({ ok: true, checkedEntries: 4, findings: [] });
  });
});
