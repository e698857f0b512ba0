import { performance } from 'node:perf_hooks';
import type { AuditFinding, AuditVerifyReport, Clock } from '@tongban/domain';
import type { Db, Sql } from '../db/db.ts';
import type { Signer } from '../signing/signing.ts';
import { canonicalEntry, chainHash, checkpointPayload, type EntryRow, GENESIS_HASH } from './canonical.ts';
import { type ChainLine, entryOfChainLine, readChainLine } from './chain-line.ts';
import { type CheckpointRow, readChainPage } from './chain-page.ts';

/**
 * Recomputes a stream's hash chain and reports every problem as a typed finding (see
 * `auditFindingSchema` in the domain package). One pass over the chain in position order, keyset
 * paginated, joined to the entries; per entry the work is one canonical string and one SHA-256.
 * The rows come as COPY text (`Sql.copyLines`), a page of positions per COPY, and are hashed
 * from their bytes (`chain-line.ts`): a million rows through the driver's row objects, or through
 * strings, cost several times the hashing itself.
 *
 * What each attack looks like to it:
 * - an entry edited: its hash no longer matches its chain row (`entry_edited`);
 * - entries swapped: two or more mismatches whose contents hash correctly at each other's
 *   positions (`reordered`);
 * - an entry deleted: a chain row points to nothing (`entry_deleted`);
 * - a chain row deleted: a gap in the positions (`chain_rows_deleted`); edited: `chain_link_broken`
 *   or `entry_edited`;
 * - the tail cut off: a validly signed checkpoint lies beyond the head (`truncated`);
 * - the chain rewritten consistently without the key: the checkpoints no longer match the chain
 *   (`checkpoint_mismatch`), or, if they were rewritten too, their signatures fail
 *   (`checkpoint_signature_invalid`), or, if they were deleted, the chain has an unsigned tail
 *   (`unsigned_tail`);
 * - an entry deleted before the sealer chained it: its id is still in the register of unsealed
 *   entries (`audit_unsealed`, filled by a trigger in the entry's own transaction and emptied by
 *   the sealer's chain insert; migration 0017) but the entry is gone (`entries_missing`);
 * - a stuck sealer: entries older than the threshold still unchained (`unsealed_backlog`).
 *
 * The chain head and the checkpoints are read first, in one repeatable-read snapshot, and the pass
 * stops at that head: rows the running sealer appends meanwhile are neither read nor reported.
 *
 * Limits, by design: the server's role (`tongban_app`) can only insert entries, so a row written
 * through its insert path, with whatever content, is an entry like any other: chained, signed,
 * indistinguishable from a genuine one. What the verifier proves is that nothing was changed or
 * removed after it was written, short of the schema owner removing an unsealed entry together
 * with its registration (or rewriting everything and holding the signing key). Deleting the
 * newest checkpoints together with the tail they cover leaves a shorter chain that is consistent
 * with an older checkpoint; only a checkpoint kept outside the
 * database (`expectCheckpoint`) shows it. Checkpoint signatures are checked newest first until a
 * valid one is found (that one vouches for the whole chain before it); `allSignatures` checks
 * every checkpoint.
 */
export type VerifyOptions = {
  stream?: string;
  /** Entries older than this and still unsealed are reported (sealer stuck). Default 60. */
  unsealedAfterSeconds?: number;
  /** Verify every checkpoint's signature, not only the newest valid one. */
  allSignatures?: boolean;
  /** A checkpoint recorded outside the database; the chain must still contain it. */
  expectCheckpoint?: { position: number; headHash: string };
  /** Chain positions per page (one short transaction and one COPY each). Default 50,000. */
  pageSize?: number;
  /** At most this many findings are listed; the rest are counted. Default 1,000. */
  maxFindings?: number;
};

type Mismatch = { position: number; entryId: number; prevHash: string; hash: string; entry: EntryRow };

/** Classifying reordering is quadratic in the mismatches: 300² pairs stay well under a second. */
const MAX_REORDER_CANDIDATES = 300;

export async function verifyAuditChain(db: Db, signer: Signer, clock: Clock, options: VerifyOptions = {}): Promise<AuditVerifyReport> {
  const started = performance.now();
  const stream = options.stream ?? 'audit';
  const pageSize = options.pageSize ?? 50_000;
  const maxFindings = options.maxFindings ?? 1_000;
  const findings: AuditFinding[] = [];
  let omitted = 0;
  const report = (finding: AuditFinding) => {
    if (findings.length < maxFindings) findings.push(finding);
    else omitted++;
  };

  const signatureValid = (c: CheckpointRow) =>
    signer.verify(c.key_id, checkpointPayload({ stream, position: c.position, headHash: c.head_hash, signedAt: c.signed_at }), c.signature);
  const knownKeys = new Set(signer.publicKeys().map((k) => k.keyId));
  const reportBadSignature = (c: CheckpointRow) =>
    report({
      kind: 'checkpoint_signature_invalid',
      position: c.position,
      keyId: c.key_id,
      message: knownKeys.has(c.key_id)
        ? `Checkpoint at position ${c.position} has an invalid signature (key ${c.key_id}): it was forged or altered.`
        : `Checkpoint at position ${c.position} is signed with key ${c.key_id}, which the key store does not hold: it was forged, or KEYS_DIR is not the key folder that signed it.`,
    });

  const threshold = new Date(clock.now().getTime() - (options.unsealedAfterSeconds ?? 60) * 1000);

  // 1. The head, the checkpoints beyond it and the newest valid checkpoint, in one snapshot.
  const start = await db.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read');
    const [head] = await tx.query<{ position: number; hash: string }>(
      'select position, hash from audit_chain where stream = $1 order by position desc limit 1',
      [stream],
    );
    const headPosition = head?.position ?? 0;
    const beyond = await tx.query<CheckpointRow>(
      'select position, head_hash, signed_at, key_id, signature from audit_checkpoint where stream = $1 and position > $2 order by position desc',
      [stream, headPosition],
    );
    const checkedSignatures = new Set<number>();
    let latestValid: CheckpointRow | undefined;
    for (const c of beyond) {
      checkedSignatures.add(c.position);
      if (signatureValid(c)) {
        latestValid ??= c;
      } else {
        reportBadSignature(c);
      }
    }
    let before = headPosition + 1;
    while (!latestValid) {
      const page = await tx.query<CheckpointRow>(
        `select position, head_hash, signed_at, key_id, signature from audit_checkpoint
         where stream = $1 and position < $2 order by position desc limit 100`,
        [stream, before],
      );
      if (page.length === 0) break;
      for (const c of page) {
        checkedSignatures.add(c.position);
        if (signatureValid(c)) {
          latestValid = c;
          break;
        }
        reportBadSignature(c);
      }
      before = (page.at(-1) as CheckpointRow).position;
    }
    // For the backlog check: in this snapshot, every entry is either chained at a position up to
    // the head or unsealed. The unsealed ones are normally all at or above the sealer's progress
    // marker, where an index finds them; the count tells whether any hide below it.
    const [entries] = await tx.query<{ total: number }>('select count(*)::int as total from audit_log where stream = $1', [stream]);
    const [state] = await tx.query<{ sealed_below: string }>('select sealed_below::text as sealed_below from audit_seal_state');
    const unsealedAbove = await unsealedStats(tx, stream, threshold, state?.sealed_below ?? '0');
    // The register holds only the entries not chained yet (a few seconds' worth) and the ids of
    // entries deleted before they were.
    const missing = await tx.query<{ entry_id: number }>(
      `select u.entry_id from audit_unsealed u where u.stream = $1 and not exists (select 1 from audit_log l where l.id = u.entry_id)
       order by u.entry_id`,
      [stream],
    );
    return { head, headPosition, latestValid, checkedSignatures, totalEntries: entries?.total ?? 0, unsealedAbove, missing };
  });
  const { headPosition, latestValid, checkedSignatures } = start;

  // 2. One pass over the chain up to that head, checkpoints merged in by position.
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let present = 0;
  const mismatches: Mismatch[] = [];
  let reorderUnclassifiable = false;
  const chainHashAt = new Map<number, string>();
  if (options.expectCheckpoint) chainHashAt.set(options.expectCheckpoint.position, '');
  let checkpoints: CheckpointRow[] = [];
  let ci = 0;
  const check = (row: ChainLine, line: Buffer) => {
    const position = row.position;
    if (position !== expected) {
      report({
        kind: 'chain_rows_deleted',
        fromPosition: expected,
        toPosition: position - 1,
        message: `Chain positions ${expected}–${position - 1} are missing: chain rows were deleted.`,
      });
    } else if (row.prevHash !== prevHash) {
      report({
        kind: 'chain_link_broken',
        position,
        message: `Chain row ${position} does not link to the hash of row ${position - 1}: a chain row was edited.`,
      });
    }
    if (row.expectedHash === null) {
      report({
        kind: 'entry_deleted',
        position,
        entryId: row.entryId,
        message: `Entry ${row.entryId} (chain position ${position}) was deleted.`,
      });
    } else {
      present++;
      if (row.expectedHash !== row.hash) {
        // Beyond the bound reordering is not classified, and memory must stay bounded.
        if (mismatches.length < MAX_REORDER_CANDIDATES) {
          const entry = entryOfChainLine(line) as EntryRow;
          mismatches.push({ position, entryId: row.entryId, prevHash: row.prevHash, hash: row.hash, entry });
        } else {
          reorderUnclassifiable = true;
          reportEdited(report, position, row.entryId);
        }
      }
    }
    while (ci < checkpoints.length && (checkpoints[ci] as CheckpointRow).position < position) ci++;
    const c = checkpoints[ci];
    if (c && c.position === position) {
      if (c.head_hash !== row.hash) {
        report({
          kind: 'checkpoint_mismatch',
          position,
          checkpointHash: c.head_hash,
          chainHash: row.hash,
          message: `The signed checkpoint at position ${position} does not match the chain there: the chain was rewritten.`,
        });
      }
      if (options.allSignatures && !checkedSignatures.has(position) && !signatureValid(c)) reportBadSignature(c);
    }
    if (chainHashAt.has(position)) chainHashAt.set(position, row.hash);
    prevHash = row.hash;
    expected = position + 1;
    checked++;
  };
  // Pages are ranges of positions; the database writes a page while Node checks the rows already
  // received (on PostgreSQL the two run on different cores).
  for (let from = 0; from < headPosition; ) {
    const to = Math.min(from + pageSize, headPosition);
    const rows = await readChainPage(db, stream, from, to, {
      onCheckpoints(page) {
        checkpoints = page;
        ci = 0;
      },
      onLine: (line) => check(readChainLine(line), line),
    });
    from = to;
    if (rows === 0 && from < headPosition) {
      // A page without rows (deleted, or a row forged far beyond the rest): go straight to the next.
      const [next] = await db.query<{ position: string | null }>(
        'select min(position)::text as position from audit_chain where stream = $1 and position > $2 and position <= $3',
        [stream, from, headPosition],
      );
      if (next?.position) from = Number(next.position) - 1;
    }
  }
  if (expected <= headPosition) {
    report({
      kind: 'chain_rows_deleted',
      fromPosition: expected,
      toPosition: headPosition,
      message: `Chain positions ${expected}–${headPosition} are missing: chain rows were deleted.`,
    });
  }
  classifyMismatches(reorderUnclassifiable ? [] : mismatches, report);
  if (reorderUnclassifiable) for (const m of mismatches) reportEdited(report, m.position, m.entryId);

  // 3. The chain against its newest valid checkpoint.
  if (latestValid && latestValid.position > headPosition) {
    report({
      kind: 'truncated',
      checkpointPosition: latestValid.position,
      chainHead: headPosition,
      message: `A signed checkpoint covers position ${latestValid.position} but the chain ends at ${headPosition}: the tail was truncated.`,
    });
  } else if (headPosition > (latestValid?.position ?? 0)) {
    const from = (latestValid?.position ?? 0) + 1;
    report({
      kind: 'unsigned_tail',
      fromPosition: from,
      toPosition: headPosition,
      message: `Chain positions ${from}–${headPosition} are not covered by any validly signed checkpoint.`,
    });
  }
  const expectCheckpoint = options.expectCheckpoint;
  if (expectCheckpoint) {
    const actual = chainHashAt.get(expectCheckpoint.position);
    if (expectCheckpoint.position > headPosition) {
      report({
        kind: 'truncated',
        checkpointPosition: expectCheckpoint.position,
        chainHead: headPosition,
        message: `The expected checkpoint at position ${expectCheckpoint.position} lies beyond the chain's end at ${headPosition}: the tail was truncated.`,
      });
    } else if (actual !== expectCheckpoint.headHash) {
      report({
        kind: 'checkpoint_mismatch',
        position: expectCheckpoint.position,
        checkpointHash: expectCheckpoint.headHash,
        chainHash: actual ?? '',
        message: `The expected checkpoint at position ${expectCheckpoint.position} does not match the chain there: the chain was rewritten.`,
      });
    }
  }

  if (start.missing.length > 0) {
    const ids = start.missing.map((r) => Number(r.entry_id));
    const shown = ids.length > 20 ? `${ids.slice(0, 20).join(', ')} …` : ids.join(', ');
    report({
      kind: 'entries_missing',
      count: ids.length,
      entryIds: ids.slice(0, 1_000),
      message: `${ids.length} entries were deleted before the sealer chained them (ids ${shown}): they were written, and are gone.`,
    });
  }

  // 4. Entries the sealer should have chained by now. Only when some unsealed entries lie below
  // the sealer's progress marker (a chain row deleted, the marker tampered with) is the whole
  // stream scanned.
  const unsealed =
    start.totalEntries - present === start.unsealedAbove.total ? start.unsealedAbove : await unsealedStats(db, stream, threshold, '0');
  if (unsealed.stale > 0) {
    report({
      kind: 'unsealed_backlog',
      count: unsealed.stale,
      oldestEntryId: unsealed.oldest_id ?? 0,
      oldestOccurredAt: unsealed.oldest_at ?? '',
      message: `${unsealed.stale} entries older than ${options.unsealedAfterSeconds ?? 60} s are not sealed: the sealer is stuck or not running.`,
    });
  }

  return {
    stream,
    ok: findings.length === 0 && omitted === 0,
    checkedEntries: checked,
    head: start.head ? { position: start.head.position, hash: start.head.hash } : null,
    latestValidCheckpoint: latestValid
      ? { position: latestValid.position, signedAt: latestValid.signed_at.toISOString(), keyId: latestValid.key_id }
      : null,
    unsealedEntries: unsealed.total,
    findings,
    findingsOmitted: omitted,
    durationMs: Math.round(performance.now() - started),
  };
}

type UnsealedStats = { total: number; stale: number; oldest_id: number | null; oldest_at: string | null };

/** Unsealed entries of the stream with a transaction id at or above `fromXid`; stale = older than `threshold`. */
async function unsealedStats(sql: Sql, stream: string, threshold: Date, fromXid: string): Promise<UnsealedStats> {
  const [row] = await sql.query<UnsealedStats>(
    `select count(*)::int as total,
            (count(*) filter (where l.occurred_at < $2))::int as stale,
            min(l.id) filter (where l.occurred_at < $2) as oldest_id,
            to_char(min(l.occurred_at) filter (where l.occurred_at < $2) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as oldest_at
     from audit_log l
     where l.stream = $1 and l.tx_id >= $3::xid8 and not exists (select 1 from audit_chain c where c.entry_id = l.id)`,
    [stream, threshold, fromXid],
  );
  return row ?? { total: 0, stale: 0, oldest_id: null, oldest_at: null };
}

/**
 * Tells reordering from editing: a mismatched entry whose content hashes correctly at another
 * mismatched position was moved there (its id, which is part of the hash, is tried both as stored
 * and as the other position's entry id, so both swapped chain pointers and swapped row contents
 * are recognised). Quadratic, so only for a bounded number of mismatches.
 */
function classifyMismatches(mismatches: Mismatch[], report: (f: AuditFinding) => void) {
  const moved = new Set<number>();
  for (const a of mismatches) {
    const asStored = canonicalEntry(a.entry);
    for (const b of mismatches) {
      if (a === b) continue;
      if (chainHash(b.prevHash, asStored) === b.hash || chainHash(b.prevHash, canonicalEntry(a.entry, b.entryId)) === b.hash) {
        moved.add(a.position);
        moved.add(b.position);
      }
    }
  }
  const movedList = mismatches.filter((m) => moved.has(m.position));
  if (movedList.length > 0) {
    report({
      kind: 'reordered',
      positions: movedList.map((m) => m.position),
      entryIds: movedList.map((m) => m.entryId),
      message: `Entries at chain positions ${movedList.map((m) => m.position).join(', ')} were moved: their contents belong at each other's positions.`,
    });
  }
  for (const m of mismatches) if (!moved.has(m.position)) reportEdited(report, m.position, m.entryId);
}

function reportEdited(report: (f: AuditFinding) => void, position: number, entryId: number) {
  report({
    kind: 'entry_edited',
    position,
    entryId,
    message: `Entry ${entryId} (chain position ${position}) no longer matches its sealed hash: it was edited.`,
  });
}
