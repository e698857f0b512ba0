import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { copyLineReader } from './copy-text.ts';
import type { Db, QueryOptions, Row, Sql } from './db.ts';
import { preparedStatements } from './pglite-prepared.ts';
import { writeQueue } from './write-queue.ts';

/** int8 as JavaScript numbers in both drivers (counts and sequences stay far below 2^53). */
const parsers = { [types.INT8]: (v: string) => Number(v) };

/**
 * PGlite has no lock between processes: two servers on one data folder would corrupt it. We take
 * an exclusive lock file (created with O_EXCL) holding our pid; a stale file whose pid no longer
 * runs is taken over.
 */
function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const lockPath = join(dir, 'tongban.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockPath, 'utf8'));
      if (holder && holder !== process.pid && processIsAlive(holder)) {
        throw new Error(
          `The embedded database in ${dir} is in use by another Tongban process (pid ${holder}). ` +
            'Stop that process, or set DATABASE_URL to share a real PostgreSQL between several servers.',
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database folder ${dir}`);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Opens PGlite in `dataDir` (a folder), or in memory when `dataDir` is `memory://`. `loadDataDir`:
 * start from a dump (`dumpDataDir`) instead of an empty cluster — the tests start every app from
 * one migrated template, which saves PGlite's initdb (about two seconds) per app.
 */
export async function openPgliteDb(dataDir: string, options: { loadDataDir?: Blob } = {}): Promise<Db> {
  const inMemory = dataDir.startsWith('memory://');
  const pgDir = inMemory ? undefined : join(dataDir, 'pg');
  const unlock = inMemory ? () => {} : lockDataDir(dataDir);
  let pglite: PGlite;
  try {
    if (pgDir && !existsSync(pgDir)) mkdirSync(pgDir, { recursive: true });
    pglite = await PGlite.create({
      dataDir: pgDir,
      extensions: { pg_trgm },
      parsers,
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  } catch (error) {
    unlock();
    throw error;
  }
  const prepared = preparedStatements(pglite);
  const asSql = (q: { query: PGlite['query'] }, inTransaction: boolean): Sql => {
    async function query<T extends Row>(text: string, params: readonly unknown[] = [], options: QueryOptions = {}) {
      if (options.prepare === false) return (await q.query<T>(text, params as unknown[])).rows;
      return (await prepared(text, params, inTransaction)) as T[];
    }
    return { query, write: async (text, params, options) => void (await query(text, params, options)), copyLines: copyLinesOf(q) };
  };
  const copyLinesOf = (q: { query: PGlite['query'] }): Sql['copyLines'] =>
    // PGlite writes COPY output to a virtual file and returns it whole, as a Blob.
    async function copyLines(select, onLine) {
      const result = await q.query(`copy (${select}) to '/dev/blob'`);
      let rows = 0;
      const reader = copyLineReader((line) => {
        rows++;
        onLine(line);
      });
      if (result.blob) reader.push(new Uint8Array(await result.blob.arrayBuffer()));
      reader.end();
      return rows;
    };
  const sql = asSql(pglite, false);
  return {
    kind: 'pglite',
    ...sql,
    // Writes are queued as on PostgreSQL, so their failures surface at the same place on both
    // drivers; PGlite has no round trips to save and runs the queue one statement at a time.
    transaction: (fn) =>
      pglite.transaction(async (tx) => {
        const inTx = asSql(tx, true);
        const queued = writeQueue(async (statements) => {
          const results: Row[][] = [];
          for (const s of statements) results.push(await inTx.query(s.text, s.params, { prepare: s.prepare }));
          return results;
        }, inTx.copyLines);
        const result = await fn(queued.sql);
        await queued.flush();
        return result;
      }),
    exec: async (script) => {
      await pglite.exec(script);
    },
    close: async () => {
      try {
        await pglite.close();
      } finally {
        unlock();
      }
    },
    driver: { pglite },
  };
}
