import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

/**
 * The platform's database handle: the same small interface over embedded PGlite and over a
 * node-postgres pool, so modules write plain PostgreSQL (15-compatible) once and run on both.
 */
export type Row = Record<string, unknown>;

export type QueryOptions = {
  /**
   * Statements are prepared by default, on both drivers: each distinct text is parsed once per
   * connection and afterwards only bound and executed (PostgreSQL keeps the plan, and replans
   * by itself when a table changes). Parsing and planning cost more than running most of our
   * statements: on PGlite, preparing halved the CPU of a filing. `false` for a text whose best plan
   * depends on its values (full-text search: a common word and a rare one want different plans),
   * which then is parsed and planned on every call. (A pooler in transaction mode must support
   * prepared statements: PgBouncer ≥ 1.21 with `max_prepared_statements`.)
   */
  prepare?: boolean;
};

/**
 * PostgreSQL's answer when a kept (prepared) statement's result columns changed under it — a
 * migration added a column to a table read with `*` — "cached plan must not change result type".
 * Both drivers then prepare the text afresh.
 */
export function isStalePlan(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === '0A000' && /cached plan must not change result type/.test(e.message ?? '');
}

/** One statement with its parameters, as a transaction queues it (see `Sql.write`). */
export type Statement = { text: string; params: readonly unknown[]; prepare: boolean };

export type Sql = {
  /** Runs one parameterised statement (`$1`, `$2` …) and returns its rows. */
  query<T extends Row = Row>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]>;
  /**
   * A statement whose rows the caller does not need: an insert, an update of a row already read
   * and locked. Inside a transaction it waits in a queue and reaches the server together with the
   * transaction's next `query` (or its COMMIT), in one round trip (write-queue.ts). If it fails,
   * that next `query` — or the commit — throws its error and the transaction rolls back. So never
   * `write` a statement whose failure you catch and handle (a unique violation turned into a
   * conflict): `query` that one. Outside a transaction it runs at once.
   */
  write(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<void>;
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
