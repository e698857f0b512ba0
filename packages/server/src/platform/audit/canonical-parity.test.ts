import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { type CopyRow, parseCopyLine } from '../db/copy-text.ts';
import { recordAudit } from './audit.ts';
import { canonicalEntry, ENTRY_COLUMNS_SQL, type EntryRow, entryFromText } from './canonical.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

// Any text PostgreSQL can store: every code point but NUL, with control characters, quotes,
// backslashes (and what COPY escapes, `\N` included), line separators and astral characters well represented.
const text = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('"', '\\', '\\N', '\n', '\r', '\b', '\f', '\v', '\t', '\u0001', '\u001f', '\u007f', '\u2028', '/', '中', '😀'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    maxLength: 20,
  })
  .map((s) => s.replaceAll('\u0000', ''));
const nullableText = fc.option(text, { nil: undefined });
const detail = fc.dictionary(
  text,
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v).replaceAll('\\u0000', ''))),
  { maxKeys: 5 },
);

describe('the entry as the verifier reads it (COPY text) and as the sealer reads it (driver rows)', () => {
  it(`has the same canonical form for any storable entry (${process.env.TEST_PG_ADMIN_URL ? 'postgres' : 'pglite'})`, async () => {
    const { db } = t.app.platform;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          action: text,
          actorId: nullableText,
          targetType: text,
          targetId: text,
          subject: nullableText,
          requestId: nullableText,
          detail,
          stream: text,
        }),
        async (e) => {
          const id = await db.transaction((tx) =>
            recordAudit(tx, t.clock.now(), {
              stream: `parity-${e.stream}`,
              actor: { type: 'user', id: e.actorId },
              action: e.action,
              target: { type: e.targetType, id: e.targetId },
              subject: e.subject,
              requestId: e.requestId,
              detail: e.detail,
            }),
          );
          const [row] = await db.query<EntryRow>(`select ${ENTRY_COLUMNS_SQL} from audit_log l where l.id = $1`, [id]);
          if (!row) throw new Error('entry not found');
          const copied: CopyRow[] = [];
          await db.copyLines(`select ${ENTRY_COLUMNS_SQL} from audit_log l where l.id = ${Number(id)}`, (line) =>
            copied.push(parseCopyLine(line)),
          );
          const entry = entryFromText(copied[0] ?? [], 0);
          expect(entry).toEqual(row);
          expect(canonicalEntry(entry as EntryRow)).toBe(canonicalEntry(row));
        },
      ),
      { numRuns: 150 },
    );
  });
});
