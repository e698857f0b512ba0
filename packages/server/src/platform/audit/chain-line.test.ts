import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import type { Db } from '../db/db.ts';
import { recordAudit } from './audit.ts';
import { canonicalEntry, chainHash, ENTRY_COLUMNS_SQL, type EntryRow } from './canonical.ts';
import { canonicalBytesOfLine, readChainLine } from './chain-line.ts';
import { sealNow } from './sealer.ts';

let t: TestApp;
let db: Db;
beforeAll(async () => {
  t = await createTestApp();
  db = t.app.platform.db;
});
afterAll(() => t.close());

// Text with what JSON and COPY escape, NULL's spelling, quotes, multi-byte and astral characters.
const text = fc.string({
  unit: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('a', 'Z', '0', ' ', '.', '中', '审', '😀', '\u2028', '\u007f') },
    fc.constantFrom('"', '\\', '\\N', '\n', '\r', '\t', '\b', '\u0001'),
  ),
  maxLength: 12,
});
const detail = fc.dictionary(
  text,
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v).replaceAll('\\u0000', ''))),
  { maxKeys: 4 },
);

/** Writes and seals one entry; its chain line as the verifier reads it, and the entry as the sealer read it. */
async function sealedLine(entry: {
  actorId?: string;
  subject?: string;
  requestId?: string;
  target?: string;
  action: string;
  detail: object;
}) {
  const stream = `chain-line-${Math.random().toString(36).slice(2)}`;
  const id = await db.transaction((tx) =>
    recordAudit(tx, t.clock.now(), {
      stream,
      actor: { type: 'staff', id: entry.actorId },
      action: entry.action,
      target: entry.target === undefined ? undefined : { type: 'case', id: entry.target },
      subject: entry.subject,
      requestId: entry.requestId,
      detail: entry.detail as Record<string, unknown>,
    }),
  );
  await sealNow(db, t.app.platform.signer, t.clock);
  const [row] = await db.query<EntryRow>(`select ${ENTRY_COLUMNS_SQL} from audit_log l where l.id = $1`, [id]);
  const [chain] = await db.query<{ prev_hash: string; hash: string }>('select prev_hash, hash from audit_chain where entry_id = $1', [id]);
  let line: Buffer | undefined;
  await db.copyLines(
    `select c.position, c.entry_id, c.prev_hash, c.hash, ${ENTRY_COLUMNS_SQL} from audit_chain c left join audit_log l on l.id = c.entry_id where c.entry_id = ${Number(id)}`,
    (l) => {
      line = Buffer.from(l);
    },
  );
  if (!row || !chain || !line) throw new Error('entry not sealed');
  return { row, chain, line };
}

describe(`the verifier's byte-level hashing (${process.env.TEST_PG_ADMIN_URL ? 'postgres' : 'pglite'})`, () => {
  it('takes the fast path for an ordinary entry and hashes it as the sealer did', async () => {
    const { row, chain, line } = await sealedLine({
      actorId: 'staff-7',
      action: 'cases.case.approved',
      target: 'SH2026-00000001',
      subject: '110101199003074514',
      detail: { step: 2, note: '审查通过 approved', nested: { z: [1, 'x'], a: null }, ok: true },
    });
    expect(canonicalBytesOfLine(line)?.toString('utf8')).toBe(canonicalEntry(row));
    expect(readChainLine(line)).toMatchObject({ prevHash: chain.prev_hash, hash: chain.hash, expectedHash: chain.hash });
  });

  it('agrees with the string path for any entry, whichever path it takes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          action: text.filter((s) => s.length > 0),
          actorId: fc.option(text, { nil: undefined }),
          subject: fc.option(text, { nil: undefined }),
          requestId: fc.option(text, { nil: undefined }),
          target: fc.option(text, { nil: undefined }),
          detail,
        }),
        async (entry) => {
          const { row, chain, line } = await sealedLine(entry);
          const bytes = canonicalBytesOfLine(line);
          if (bytes) expect(bytes.toString('utf8')).toBe(canonicalEntry(row));
          expect(readChainLine(line).expectedHash).toBe(chainHash(chain.prev_hash, canonicalEntry(row)));
          expect(readChainLine(line).expectedHash).toBe(chain.hash);
        },
      ),
      { numRuns: 60 },
    );
  });
});
