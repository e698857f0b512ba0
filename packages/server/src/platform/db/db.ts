import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

/**
 * The platform's database handle: the same small interface over embedded PGlite and over a
 * node-postgres pool, so modules write plain PostgreSQL (15-compatible) once and run on both.
 */
export type Row = Record<string, unknown>;

export type QueryOptions = {
  /**
   * Keep the statement prepared on each connection and reuse it (PostgreSQL; PGlite ignores it):
   * for a hot statement whose parsing and planning cost more than running it — the data hub's
   * exchange runs several per request. Only for constant text: every distinct text stays prepared
   * for the connection's life. (A pooler in transaction mode must support prepared statements.)
   */
  prepare?: boolean;
};

export type Sql = {
  /** Runs one parameterised statement (`$1`, `$2` …) and returns its rows. */
  query<T extends Row = Row>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]>;
  /**
   * Runs `COPY (<select>) TO STDOUT` (text format) and hands each row's line to `onLine` as it
   * arrives, in order: the bytes without the newline, valid only during the call (the driver reuses
   * its buffer). `parseCopyLine` (copy-text.ts) splits a line into columns. For bulk reads where a
   * million rows through `query` would cost more in the driver than the work done on them (the
   * audit verifier). COPY takes no parameters: pass values with `set_config(…, true)` in the same
   * transaction and read them with `current_setting`. Resolves to the number of rows.
   */
  copyLines(select: string, onLine: (line: Buffer) => void): Promise<number>;
};

export type Db = Sql & {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
  /** The underlying driver, for pg-boss's adapter only. */
  readonly driver: { pglite: PGlite } | { pool: pg.Pool };
};
