import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

/**
 * The platform's database handle: the same small interface over embedded PGlite and over a
 * node-postgres pool, so modules write plain PostgreSQL (15-compatible) once and run on both.
 */
export type Row = Record<string, unknown>;

export type Sql = {
  /** Runs one parameterised statement (`$1`, `$2` …) and returns its rows. */
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
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
