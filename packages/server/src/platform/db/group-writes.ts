import type { Db, Sql } from './db.ts';

/**
 * Group commit for independent rows written outside any transaction (the data hub's exchange log:
 * every staff query writes one entry). While one group's statement runs, the rows that arrive meanwhile
 * wait and then go together, as one multi-row statement and one commit. No timer: a lone caller is
 * written at once, and under load the groups grow by themselves with the wait. Each caller's promise
 * resolves only when its row is committed — nothing is acknowledged before that.
 *
 * Why: on PostgreSQL the fixed cost of a statement (executor start-up, opening the indexes, the
 * commit record and its flush) dwarfs inserting one more row, so ten callers' rows in one statement
 * cost little more than one.
 *
 * If a group's statement fails, its rows are tried again one by one, so a bad row fails only its
 * own caller.
 */
export function groupWriter<T>(write: (rows: T[]) => Promise<void>, maxGroup = 200): (row: T) => Promise<void> {
  type Waiting = { row: T; resolve(): void; reject(error: unknown): void };
  let waiting: Waiting[] = [];
  let running = false;
  const writeGroup = async (group: Waiting[]) => {
    try {
      await write(group.map((w) => w.row));
      for (const w of group) w.resolve();
    } catch (error) {
      if (group.length === 1) {
        group[0]?.reject(error);
        return;
      }
      for (const w of group) await writeGroup([w]);
    }
  };
  const drain = async () => {
    running = true;
    while (waiting.length > 0) {
      const group = waiting.slice(0, maxGroup);
      waiting = waiting.slice(group.length);
      await writeGroup(group);
    }
    running = false;
  };
  return (row) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ row, resolve, reject });
      if (!running) void drain();
    });
}

/** Whether `sql` is the database itself (the pool) rather than a transaction's handle. */
export const isDatabase = (sql: Sql): sql is Db => 'transaction' in sql;

/** One writer per database handle and purpose, made on first use. */
export function groupWriterFor<T>(cache: WeakMap<Db, (row: T) => Promise<void>>, db: Db, write: (rows: T[]) => Promise<void>) {
  let writer = cache.get(db);
  if (!writer) {
    writer = groupWriter(write);
    cache.set(db, writer);
  }
  return writer;
}
