import { createHash } from 'node:crypto';
import pg from 'pg';
import { copyLineReader } from './copy-text.ts';
import { type Db, isStalePlan, type QueryOptions, type Row, type Sql, type Statement } from './db.ts';
import { runBatch } from './pg-batch.ts';
import { writeQueue } from './write-queue.ts';

// int8 (counts, sequences) as numbers, matching the PGlite driver.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export async function openPostgresDb(url: string, poolSize: number): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its connection (PostgreSQL restarted) must not crash the process.
  pool.on('error', () => {});
  const asSql = (client: pg.Pool | pg.PoolClient): Sql => {
    async function query<T extends Row>(text: string, params: readonly unknown[] = [], options: QueryOptions = {}) {
      const name = options.prepare === false ? undefined : statementName(text);
      if (!name) return (await client.query<T>(text, params as unknown[])).rows;
      try {
        return (await client.query<T>({ name, text, values: params as unknown[] })).rows;
      } catch (error) {
        if (!isStalePlan(error)) throw error;
        // The columns changed under the kept statement (a migration ran meanwhile): prepare it
        // afresh under a new name; outside a transaction, run it again at once.
        statementNames.set(text, `${name.slice(0, 27)}_${++renamed}`);
        if (client !== pool) throw error;
        return (await client.query<T>({ name: statementName(text), text, values: params as unknown[] })).rows;
      }
    }
    return {
      query,
      async write(text, params, options) {
        await query(text, params, options);
      },
      async copyLines(select, onLine) {
        if (client instanceof pg.Pool) {
          const own = await client.connect();
          try {
            return await copyOut(own, select, onLine);
          } finally {
            own.release();
          }
        }
        return copyOut(client, select, onLine);
      },
    };
  };
  /**
   * Statements in order in one exchange: a single one the usual way through `one` (the client's
   * `Sql`, with its stale-plan handling), several as a pipelined batch.
   */
  const runStatements = async (client: pg.PoolClient, one: Sql, statements: Statement[]): Promise<Row[][]> => {
    if (statements.length === 1) {
      const [only] = statements as [Statement];
      return [await one.query(only.text, only.params, { prepare: only.prepare })];
    }
    const named = statements.map((s) => ({ ...s, name: s.prepare ? statementName(s.text) : undefined }));
    try {
      return await runBatch(client, named);
    } catch (error) {
      // As for a single statement (inside a transaction, so no retry): prepare afresh next time.
      if (isStalePlan(error)) for (const s of named) if (s.name) statementNames.set(s.text, `${s.name.slice(0, 27)}_${++renamed}`);
      throw error;
    }
  };
  const sql = asSql(pool);
  try {
    await sql.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  return {
    kind: 'postgres',
    ...sql,
    async transaction(fn) {
      const client = await pool.connect();
      // A checked-out client is not watched by the pool: its connection dying (PostgreSQL stopped or
      // restarted) is emitted as 'error' on it, and an unheard 'error' ends the process. The running
      // query fails with it anyway (so does the transaction); the broken client is then discarded.
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      // BEGIN goes with the transaction's first statement, queued writes with the next statement
      // after them, and the last ones with COMMIT (write-queue.ts): no round trip of their own.
      const clientSql = asSql(client);
      const queued = writeQueue((statements) => runStatements(client, clientSql, statements), clientSql.copyLines, [BEGIN]);
      try {
        const result = await fn(queued.sql);
        await queued.flush(COMMIT);
        return result;
      } catch (error) {
        if (!broken) await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        // A broken client keeps the listener: a late second 'error' from it must not crash either.
        if (!broken) client.off('error', onError);
        client.release(broken);
      }
    },
    exec: async (script) => {
      await pool.query(script);
    },
    close: () => pool.end(),
    driver: { pool },
  };
}

const BEGIN: Statement = { text: 'begin', params: [], prepare: false };
const COMMIT: Statement = { text: 'commit', params: [], prepare: false };

/**
 * node-postgres prepares a named statement once per connection and afterwards only binds and
 * executes it; the name is the text's hash, so equal texts share it. node-postgres never closes a
 * statement it prepared, so the number of distinct texts is capped: past the cap, a new text runs
 * unnamed (parsed and planned each time, as before). The platform's own texts number a few
 * hundred, pg-boss's included.
 */
export const MAX_PREPARED_TEXTS = 1000;
const statementNames = new Map<string, string>();
let renamed = 0;
function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined) {
    if (statementNames.size >= MAX_PREPARED_TEXTS) return undefined;
    name = `tb_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * `COPY (select) TO STDOUT` through node-postgres's Submittable interface (the way pg-cursor and
 * pg-copy-streams plug in): the lines reach `onLine` straight from the protocol's CopyData
 * messages, without the driver's per-column row objects.
 */
function copyOut(client: pg.PoolClient, select: string, onLine: (line: Buffer) => void): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let rows = 0;
    let failed: unknown;
    let settled = false;
    const reader = copyLineReader((line) => {
      rows++;
      onLine(line);
    });
    const settle = () => {
      if (settled) return;
      settled = true;
      if (failed === undefined) resolve(rows);
      else reject(failed);
    };
    const submittable = {
      submit(connection: pg.Connection) {
        connection.query(`copy (${select}) to stdout`);
      },
      handleCopyData(message: { chunk: Buffer }) {
        // After a failure in onLine the rest is drained unread, so the connection stays usable.
        if (failed !== undefined) return;
        try {
          reader.push(message.chunk);
        } catch (error) {
          failed = error;
        }
      },
      handleCommandComplete() {
        if (failed !== undefined) return;
        try {
          reader.end();
        } catch (error) {
          failed = error;
        }
      },
      handleReadyForQuery: settle,
      handleError(error: Error) {
        failed ??= error;
        settle();
      },
      handleCopyInResponse(connection: pg.Connection & { sendCopyFail(message: string): void }) {
        connection.sendCopyFail('copyLines only reads');
      },
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
    };
    client.query(submittable);
  });
}
