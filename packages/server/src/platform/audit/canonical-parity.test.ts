import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { recordAudit } from './audit.ts';
import {
  CANONICAL_PARTS_SQL,
  type CanonicalParts,
  canonicalEntry,
  canonicalFromParts,
  ENTRY_COLUMNS_SQL,
  type EntryRow,
} from './canonical.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

// Any text PostgreSQL can store: every code point but NUL, with control characters, quotes,
// backslashes, line separators and astral characters well represented.
const text = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('"', '\\', '\n', '\t', '\u0001', '\u001f', '\u007f', '\u2028', '/', '中', '😀'),
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

describe('the database-built canonical form used by the verifier', () => {
  it(`equals canonicalEntry (the sealer's) for any storable entry (${process.env.TEST_PG_ADMIN_URL ? 'postgres' : 'pglite'})`, async () => {
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
          const [row] = await db.query<EntryRow & CanonicalParts>(
            `select ${ENTRY_COLUMNS_SQL}, ${CANONICAL_PARTS_SQL} from audit_log l where l.id = $1`,
            [id],
          );
          if (!row) throw new Error('entry not found');
          expect(canonicalFromParts(row, row.id)).toBe(canonicalEntry(row));
        },
      ),
      { numRuns: 150 },
    );
  });
});
