import { createRequire } from 'node:module';
import pg from 'pg';
import type { Row, Statement } from './db.ts';

/**
 * Several statements in one exchange with PostgreSQL: Parse (first use on the connection only) /
 * Bind / Describe / Execute for each, then a single Sync, written to the socket at once; the
 * answers come back in order. This is the extended protocol's pipelining, plugged into
 * node-postgres through its Submittable interface (as `copyOut` and pg-cursor do).
 *
 * Why: on a small virtual machine each round trip to the database costs far more than running a
 * short statement — a socket write and a wake-up on both sides — and a filing runs twenty
 * statements. Statements whose answers the code does not wait for (`Sql.write` in a transaction)
 * travel with the next one it does wait for.
 *
 * After a failure PostgreSQL skips everything up to the Sync: the batch rejects with the first
 * error, and the statements after it did not run. (Inside a transaction that transaction is then
 * aborted, as with any failed statement.)
 */

// node-postgres's own value serialiser (Dates, arrays, JSON, Buffers), the one `client.query` uses.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue(value: unknown): unknown };

/** What node-postgres's Connection offers a Submittable (its typings omit the bookkeeping maps). */
type Connection = pg.Connection & {
  stream: { cork?(): void; uncork?(): void };
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
};
type Field = { name: string; dataTypeID: number; format: string };

export type NamedStatement = Statement & { name: string | undefined };

export function runBatch(client: pg.PoolClient, statements: readonly NamedStatement[]): Promise<Row[][]> {
  return new Promise<Row[][]>((resolve, reject) => {
    const results: Row[][] = statements.map(() => []);
    /** The statement whose answers are arriving (answers come in order). */
    let current = 0;
    let names: string[] = [];
    let parsers: ((value: string) => unknown)[] = [];
    let failed: unknown;
    let settled = false;

    const batch = {
      // node-postgres records a prepared statement when its ParseComplete arrives, under the active
      // query's `name` and `text`, and forgets a failed one by `name`: both follow the statement
      // being answered.
      get name() {
        return statements[current]?.name;
      },
      get text() {
        return statements[current]?.text;
      },
      submit(connection: Connection) {
        const parsing = new Set<string>();
        connection.stream.cork?.();
        try {
          for (const s of statements) {
            const named = s.name !== undefined;
            const known =
              named &&
              (connection.parsedStatements[s.name as string] !== undefined ||
                connection.submittedNamedStatements[s.name as string] !== undefined ||
                parsing.has(s.name as string));
            if (!known) {
              connection.parse({ text: s.text, name: s.name ?? '', types: [] }, false);
              if (named) parsing.add(s.name as string);
            }
            connection.bind(
              { portal: '', statement: s.name ?? '', values: [...s.params], binary: false, valueMapper: prepareValue } as never,
              false,
            );
            connection.describe({ type: 'P', name: '' }, false);
            connection.execute({ portal: '' }, false);
          }
          connection.sync();
        } finally {
          connection.stream.uncork?.();
        }
      },
      handleRowDescription(message: { fields: Field[] }) {
        names = message.fields.map((f) => f.name);
        parsers = message.fields.map((f) => pg.types.getTypeParser(f.dataTypeID, 'text') as (value: string) => unknown);
      },
      handleDataRow(message: { fields: (string | null)[] }) {
        if (failed !== undefined) return;
        try {
          const row: Row = {};
          for (let i = 0; i < names.length; i++) {
            const value = message.fields[i];
            row[names[i] as string] = value === null || value === undefined ? null : parsers[i]?.(value);
          }
          results[current]?.push(row);
        } catch (error) {
          failed = error;
        }
      },
      handleCommandComplete() {
        current++;
      },
      handleEmptyQuery() {
        current++;
      },
      handleError(error: Error) {
        failed ??= error;
        settle();
      },
      handleReadyForQuery() {
        settle();
      },
      handlePortalSuspended() {},
      handleCopyInResponse(connection: pg.Connection & { sendCopyFail(message: string): void }) {
        connection.sendCopyFail('a batch does not copy');
      },
      handleCopyData() {},
    };
    const settle = () => {
      if (settled) return;
      settled = true;
      if (failed === undefined) resolve(results);
      else reject(failed);
    };
    client.query(batch as never);
  });
}
