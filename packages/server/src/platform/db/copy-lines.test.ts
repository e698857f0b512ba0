import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { type CopyRow, copyLineReader, parseCopyLine } from './copy-text.ts';
import type { Db } from './db.ts';

let t: TestApp;
let db: Db;
beforeAll(async () => {
  t = await createTestApp();
  db = t.app.platform.db;
  // A table of the test's own, made by the schema owner (the app's role may not create tables).
  await t.asOwner((sql) => sql.query('create table copy_probe (id int primary key, label text, doc jsonb, at timestamptz)'));
});
afterAll(() => t.close());

// Any text PostgreSQL can store (no NUL), heavy on what COPY escapes.
const text = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('\t', '\n', '\r', '\\', '\b', '\f', '\v', '\\N', 'N', '"', '中', '😀', '\u2028'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    maxLength: 30,
  })
  .map((s) => s.replaceAll('\u0000', ''));

async function copied(select: string, via: Pick<Db, 'copyLines'> = db): Promise<CopyRow[]> {
  const rows: CopyRow[] = [];
  const count = await via.copyLines(select, (line) => rows.push(parseCopyLine(line)));
  expect(count).toBe(rows.length);
  return rows;
}

describe(`copyLines (${process.env.TEST_PG_ADMIN_URL ? 'postgres' : 'pglite'})`, () => {
  it('returns every column as the text the database writes for it, NULL as null, in order', async () => {
    await db.query(
      `insert into copy_probe values (1, 'a\tb\nc\\d', '{"k": "v\\n"}', '2026-03-02T01:02:03.456789Z'), (2, null, null, null)`,
    );
    const rows = await copied(
      `select id, label, doc, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') from copy_probe where id <= 2 order by id`,
    );
    expect(rows).toEqual([
      ['1', 'a\tb\nc\\d', '{"k": "v\\n"}', '2026-03-02T01:02:03.456789Z'],
      ['2', null, null, null],
    ]);
  });

  it('reads back any storable text exactly as query does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(text, { nil: null }), { minLength: 1, maxLength: 8 }), async (labels) => {
        await db.query('delete from copy_probe where id >= 100');
        for (const [i, label] of labels.entries()) await db.query('insert into copy_probe (id, label) values ($1, $2)', [100 + i, label]);
        const rows = await copied('select label, id from copy_probe where id >= 100 order by id');
        expect(rows.map((r) => r[0])).toEqual(labels);
      }),
      { numRuns: 40 },
    );
  });

  it('runs inside a transaction, seeing its settings and its uncommitted rows', async () => {
    const rows = await db.transaction(async (tx) => {
      await tx.query(`select set_config('tongban.copy_probe', $1, true)`, [`it's a "label"`]);
      await tx.query('insert into copy_probe (id, label) values (3, $1)', [`it's a "label"`]);
      return copied(`select id from copy_probe where label = current_setting('tongban.copy_probe')`, tx);
    });
    expect(rows).toEqual([['3']]);
  });

  it('returns no rows for an empty result, and rejects a bad statement without spoiling the connection', async () => {
    expect(await copied('select id from copy_probe where false')).toEqual([]);
    await expect(copied('select no_such_column from copy_probe')).rejects.toThrow(/no_such_column/);
    expect(await db.query('select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('rejects when the row handler throws, and the connection stays usable', async () => {
    await db.query(`insert into copy_probe (id, label) select g, 'x' from generate_series(1000, 1200) g`);
    await expect(
      db.copyLines('select id from copy_probe where id >= 1000', () => {
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect((await copied('select id from copy_probe where id >= 1000')).length).toBe(201);
  });
});

describe('the COPY text format', () => {
  it('unescapes what COPY escapes and tells NULL from the text \\N', () => {
    expect(parseCopyLine('a\\tb\\\\N\t\\N\t\\\\\t\\b\\f\\n\\r\\v\tplain')).toEqual(['a\tb\\N', null, '\\', '\b\f\n\r\v', 'plain']);
  });

  it('reassembles rows split anywhere between pieces, multi-byte characters included', () => {
    const bytes = Buffer.from('1\t中文😀\n2\t\\N\n3\tx\n');
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 6 }), (cuts) => {
        const rows: CopyRow[] = [];
        const reader = copyLineReader((line) => rows.push(parseCopyLine(line)));
        let start = 0;
        for (const cut of [...cuts.sort((a, b) => a - b), bytes.length]) {
          reader.push(bytes.subarray(start, cut));
          start = cut;
        }
        reader.end();
        expect(rows).toEqual([
          ['1', '中文😀'],
          ['2', null],
          ['3', 'x'],
        ]);
      }),
    );
  });

  it('refuses output that ends in the middle of a row', () => {
    const reader = copyLineReader(() => {});
    reader.push(Buffer.from('1\tx'));
    expect(() => reader.end()).toThrow(/middle of a row/);
  });
});
