import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import type { Db } from './db.ts';

let t: TestApp;
let db: Db;
beforeAll(async () => {
  t = await createTestApp();
  db = t.app.platform.db;
});
afterAll(() => t.close());

// Only a PostgreSQL connection can die under a running transaction (PGlite runs in the process).
describe.skipIf(!process.env.TEST_PG_ADMIN_URL)('PostgreSQL connections that die', () => {
  it('fail the transaction they served, not the process, and the pool carries on', async () => {
    const attempt = db.transaction(async (tx) => {
      const [{ pid }] = (await tx.query('select pg_backend_pid() as pid')) as [{ pid: number }];
      // What a PostgreSQL restart (`pg_ctl stop -m immediate`) does to every session.
      await db.query('select pg_terminate_backend($1)', [pid]);
      // The terminated session's FATAL message and closed socket reach the client here.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await tx.query('select 1');
    });
    await expect(attempt).rejects.toThrow();
    for (let i = 0; i < 3; i++) {
      expect(await db.transaction((tx) => tx.query('select 1 as ok'))).toEqual([{ ok: 1 }]);
    }
  });
});
