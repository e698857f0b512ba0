import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSingleConnectionDb } from '../../../test/harness.ts';
import type { Db } from './db.ts';
import { runBatch } from './pg-batch.ts';

/**
 * `Sql.write` inside a transaction is queued and sent with the next statement (write-queue.ts; on
 * PostgreSQL as one pipelined batch, pg-batch.ts). It must keep program order, surface a failure at
 * the next statement or the commit and roll the transaction back, and leave the connection and its
 * prepared statements in order.
 */
let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await createSingleConnectionDb());
  await db.query('create table queued (id int primary key, note text, at timestamptz, tags text[])');
});
afterAll(() => close());
const count = async (ids: number[]) =>
  (await db.query<{ n: number }>('select count(*)::int as n from queued where id = any($1::int[])', [ids]))[0]?.n;

describe('queued writes in a transaction', () => {
  it('run before the next statement, in order, with their values bound as query binds them', async () => {
    const at = new Date('2026-11-27T09:00:00.000Z');
    const seen = await db.transaction(async (tx) => {
      await tx.write('insert into queued (id, note, at, tags) values ($1, $2, $3, $4)', [1, '甲', at, ['a', 'b,c']]);
      await tx.write('update queued set note = note || $2 where id = $1', [1, '乙']);
      return tx.query('select id, note, at, tags from queued where id = $1', [1]);
    });
    expect(seen).toEqual([{ id: 1, note: '甲乙', at, tags: ['a', 'b,c'] }]);
  });

  it('are committed with the COMMIT when nothing follows them', async () => {
    await db.transaction(async (tx) => {
      await tx.query('select 1');
      await tx.write('insert into queued (id) values ($1)', [2]);
      await tx.write('insert into queued (id) values ($1)', [3]);
    });
    expect(await count([2, 3])).toBe(2);
  });

  it('fail at the next statement, which throws their error, and the whole transaction rolls back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.write('insert into queued (id) values ($1)', [4]);
        await tx.write('insert into queued (id) values ($1)', [1]); // already there
        await tx.query('select 1');
        throw new Error('not reached');
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await count([4])).toBe(0);
  });

  it('fail at the commit when nothing follows them, and nothing is committed', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.write('insert into queued (id) values ($1)', [5]);
        await tx.write('insert into queued (id) values ($1)', [5]);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await count([5])).toBe(0);
  });

  it('leave the connection usable after a syntax error in the middle of a batch', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.write('insert into queued (id) values ($1)', [6]);
        await tx.write('insert into queud (id) values ($1)', [7]);
        await tx.query('select count(*)::int as n from queued');
      }),
    ).rejects.toMatchObject({ code: '42P01' });
    // The same texts again: the first was prepared before the failure, the others were not.
    await db.transaction(async (tx) => {
      await tx.write('insert into queued (id) values ($1)', [6]);
      expect(await tx.query('select count(*)::int as n from queued where id = $1', [6])).toEqual([{ n: 1 }]);
    });
  });

  it('run before a COPY read in the same transaction', async () => {
    const lines = await db.transaction(async (tx) => {
      await tx.write('insert into queued (id, note) values ($1, $2)', [30, 'copied']);
      const out: string[] = [];
      await tx.copyLines('select id, note from queued where id = 30', (line) => out.push(line.toString()));
      return out;
    });
    expect(lines).toEqual(['30\tcopied']);
  });

  it('run at once outside a transaction', async () => {
    await db.write('insert into queued (id) values ($1)', [8]);
    expect(await count([8])).toBe(1);
  });

  it('keep program order when statements are issued concurrently', async () => {
    const rows = await db.transaction(async (tx) => {
      await tx.write('insert into queued (id) values ($1)', [9]);
      const [a, b] = await Promise.all([
        tx.query<{ n: number }>('select count(*)::int as n from queued where id = $1', [9]),
        tx.query<{ n: number }>('select count(*)::int as n from queued where id = $1', [10]),
      ]);
      return [a, b];
    });
    expect(rows).toEqual([[{ n: 1 }], [{ n: 0 }]]);
  });
});

describe.skipIf(!process.env.TEST_PG_ADMIN_URL)('a pipelined batch on PostgreSQL', () => {
  it('returns each statement’s rows, and outside a transaction is one implicit transaction', async () => {
    if (db.kind !== 'postgres' || !('pool' in db.driver)) throw new Error('expected PostgreSQL');
    const client = await db.driver.pool.connect();
    try {
      const rows = await runBatch(client, [
        { text: 'insert into queued (id) values ($1) returning id', params: [20], prepare: true, name: 'tb_batch_ins' },
        { text: 'select $1::text as v, null::int as nothing', params: ['x'], prepare: false, name: undefined },
        { text: 'insert into queued (id) values ($1) returning id', params: [21], prepare: true, name: 'tb_batch_ins' },
      ]);
      expect(rows).toEqual([[{ id: 20 }], [{ v: 'x', nothing: null }], [{ id: 21 }]]);
      // A failure in the middle undoes the whole batch: no Sync between its statements.
      await expect(
        runBatch(client, [
          { text: 'insert into queued (id) values ($1) returning id', params: [22], prepare: true, name: 'tb_batch_ins' },
          { text: 'insert into queued (id) values ($1) returning id', params: [20], prepare: true, name: 'tb_batch_ins' },
        ]),
      ).rejects.toMatchObject({ code: '23505' });
    } finally {
      client.release();
    }
    expect(await count([20, 21, 22])).toBe(2);
  });
});
