import type { Config } from '../../config.ts';
import type { Db } from './db.ts';
import { openPgliteDb } from './pglite-db.ts';
import { openPostgresDb } from './postgres-db.ts';

export function openDb(config: Config): Promise<Db> {
  return config.DATABASE_URL ? openPostgresDb(config.DATABASE_URL, config.DATABASE_POOL_SIZE) : openPgliteDb(config.DATA_DIR);
}

/**
 * The connection migrations run on: MIGRATION_DATABASE_URL (the schema owner) on PostgreSQL, a
 * single connection, when it differs from DATABASE_URL; otherwise the server's own `db` (on
 * PGlite always: one embedded user).
 */
export async function openOwnerDb(config: Config, db: Db): Promise<Db> {
  const url = config.MIGRATION_DATABASE_URL;
  if (db.kind !== 'postgres' || !url || url === config.DATABASE_URL) return db;
  return openPostgresDb(url, 1);
}
