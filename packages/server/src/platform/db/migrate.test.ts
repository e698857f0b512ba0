import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';
import { openPostgresDb } from './postgres-db.ts';

const adminUrl = process.env.TEST_PG_ADMIN_URL;

// Only PostgreSQL has several processes on one database (PGlite is one process, behind a lock file).
describe.skipIf(!adminUrl)('servers starting together on a fresh PostgreSQL database', () => {
  it('migrate once between them, without colliding on the migration table', async () => {
    const name = `tongban_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl as string);
    url.pathname = `/${name}`;
    const dbs = await Promise.all([1, 2, 3].map(() => openPostgresDb(url.toString(), 1)));
    try {
      const applied = await Promise.all(dbs.map((db) => migrate(db)));
      // One of them applied every migration; the others found them applied.
      expect(applied.filter((list) => list.length > 0)).toHaveLength(1);
      expect(applied.flat().length).toBeGreaterThan(10);
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
