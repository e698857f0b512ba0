import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSingleConnectionDb } from '../../../test/harness.ts';
import type { Db } from './db.ts';
import { preparedStatements } from './pglite-prepared.ts';

/**
 * Statements are prepared by default on both drivers (PGlite in the unit run, PostgreSQL in the
 * postgres run): they must behave like unprepared ones — same values in, same rows out, errors as
 * before, and a table that changes under a kept statement is read afresh.
 */
let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  // One connection on PostgreSQL, so the statement kept before the table changes is the one reused.
  ({ db, close } = await createSingleConnectionDb());
  await db.query('create table probe (id int primary key, tags text[], doc jsonb, at timestamptz, n bigint)');
});
afterAll(() => close());

describe('prepared statements', () => {
  it('binds arrays, JSON, dates and nulls and parses the rows back as plain query does', async () => {
    const at = new Date('2026-11-27T06:00:00.000Z');
    await db.query('insert into probe (id, tags, doc, at, n) values ($1, $2, $3, $4, $5)', [
      1,
      ['甲', 'b,c', '"q"'],
      '{"k":[1,2]}',
      at,
      42,
    ]);
    await db.query('insert into probe (id, tags, doc, at, n) values ($1, $2, $3, $4, $5)', [2, null, null, null, null]);
    const prepared = await db.query('select * from probe where id = any($1::int[]) order by id', [[1, 2]]);
    const plain = await db.query('select * from probe where id = any($1::int[]) order by id', [[1, 2]], { prepare: false });
    expect(prepared).toEqual(plain);
    expect(prepared[0]).toEqual({ id: 1, tags: ['甲', 'b,c', '"q"'], doc: { k: [1, 2] }, at, n: 42 });
    expect(prepared[1]).toEqual({ id: 2, tags: null, doc: null, at: null, n: null });
  });

  it('keeps working after an error: a syntax error is not kept, a failed statement rolls its transaction back', async () => {
    await expect(db.query('selec 1')).rejects.toMatchObject({ code: '42601' });
    await expect(db.query('selec 1')).rejects.toMatchObject({ code: '42601' });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into probe (id) values ($1)', [3]);
        await tx.query('insert into probe (id) values ($1)', [3]);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await db.query('select count(*)::int as n from probe where id = $1', [3])).toEqual([{ n: 0 }]);
    // Prepared inside the rolled-back transaction, still usable after it.
    await db.query('insert into probe (id) values ($1)', [3]);
    expect(await db.query('select count(*)::int as n from probe where id = $1', [3])).toEqual([{ n: 1 }]);
  });

  it('reads a table that changed under a kept statement afresh (a migration while the server runs)', async () => {
    const text = 'select * from probe where id = $1';
    expect(Object.keys((await db.query(text, [1]))[0] ?? {})).not.toContain('extra');
    await db.query('alter table probe add column extra text');
    expect((await db.query(text, [1]))[0]).toMatchObject({ id: 1, extra: null });
    // Inside a transaction the stale statement fails that transaction once; the next one works.
    const again = 'select * from probe where id = $1 and $2::int = 2';
    await db.query(again, [1, 2]);
    await db.query('alter table probe add column more text');
    await expect(db.transaction((tx) => tx.query(again, [1, 2]))).rejects.toMatchObject({ code: '0A000' });
    expect((await db.transaction((tx) => tx.query(again, [1, 2])))[0]).toMatchObject({ id: 1, more: null });
  });
});

describe('PGlite prepared statements', () => {
  it('closes the least recently used statement when more texts than its capacity are used', async () => {
    const pglite = await PGlite.create();
    try {
      const run = preparedStatements(pglite, 3);
      for (let i = 0; i < 10; i++) expect(await run(`select ${i} as v, $1::int as p`, [i], false)).toEqual([{ v: i, p: i }]);
      const kept = await pglite.query<{ name: string }>('select name from pg_prepared_statements order by name');
      expect(kept.rows).toHaveLength(3);
      // An evicted text is prepared again when it comes back.
      expect(await run('select 0 as v, $1::int as p', [7], false)).toEqual([{ v: 0, p: 7 }]);
    } finally {
      await pglite.close();
    }
  });
});
