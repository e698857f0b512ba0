import type { QueryOptions, Row, Sql, Statement } from './db.ts';

/**
 * A transaction's `Sql` that holds back `write`s: they are queued and handed to the driver together
 * with the next `query` (or the caller's final statement, COMMIT), which runs them in order in one
 * exchange with the server (pg-batch.ts on PostgreSQL). A filing's inserts of its task, timers,
 * notification … then cost no round trip of their own. Program order is kept: a queued write always
 * runs before any statement issued after it.
 *
 * `run` runs statements in order and resolves to each one's rows, or rejects with the first
 * failure (the rest did not run).
 */
export function writeQueue(
  run: (statements: Statement[]) => Promise<Row[][]>,
  copyLines: Sql['copyLines'],
  /** Statements to send with the first one (PostgreSQL's BEGIN). */
  opening: Statement[] = [],
): { sql: Sql; flush(last?: Statement): Promise<void> } {
  let queue: Statement[] = [...opening];
  const take = (last?: Statement): Statement[] => {
    const all = last ? [...queue, last] : queue;
    queue = [];
    return all;
  };
  const statement = (text: string, params: readonly unknown[], options: QueryOptions): Statement => ({
    text,
    params,
    prepare: options.prepare !== false,
  });
  const flush = async (last?: Statement) => {
    const all = take(last);
    if (all.length > 0) await run(all);
  };
  return {
    sql: {
      async query<T extends Row>(text: string, params: readonly unknown[] = [], options: QueryOptions = {}) {
        const results = await run(take(statement(text, params, options)));
        return results.at(-1) as T[];
      },
      async write(text, params = [], options = {}) {
        queue.push(statement(text, params, options));
      },
      async copyLines(select, onLine) {
        await flush();
        return copyLines(select, onLine);
      },
    },
    flush,
  };
}
