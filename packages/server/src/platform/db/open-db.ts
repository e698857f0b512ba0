import type { Config } from '../../config.ts';
import type { Db } from './db.ts';
import { openPgliteDb } from './pglite-db.ts';
import { openPostgresDb } from './postgres-db.ts';

export function openDb(config: Config): Promise<Db> {
  return config.DATABASE_URL ? openPostgresDb(config.DATABASE_URL, config.DATABASE_POOL_SIZE) : openPgliteDb(config.DATA_DIR);
}
