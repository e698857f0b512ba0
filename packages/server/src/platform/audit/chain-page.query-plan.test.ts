import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { chainRowsSql, preparePageTransaction } from './chain-page.ts';

/**
 * The verifier overlaps the database's reading with Node's hashing only if each page streams in
 * position order. On a large chain the planner prefers to sort the page (parallel workers, JIT,
 * sort spilled to disk), which delivers nothing until the page is done. The chain here is large
 * enough for that choice; its rows are written directly (the plan does not care about hashes).
 */
let t: TestApp;
const stream = 'plan-test';
const rows = 120_000;
beforeAll(async () => {
  t = await createTestApp();
  const db = t.app.platform.db;
  await db.query(
    `insert into audit_log (stream, occurred_at, actor_type, actor_id, action, target_type, target_id, subject, detail, request_id)
     select $1, now(), 'staff', 'staff-' || (g % 97), 'cases.case.accepted', 'case', 'C-' || g, '110101199003074514',
            jsonb_build_object('step', g % 7, 'note', '审查通过 approved', 'materials', jsonb_build_array('id-card', 'licence')),
            'req-' || md5(g::text)
     from generate_series(1, $2::int) g`,
    [stream, rows],
  );
  await db.query(
    `insert into audit_chain (stream, position, entry_id, prev_hash, hash)
     select $1, row_number() over (order by id), id, md5(id::text) || md5(id::text), md5(id::text || 'h') || md5(id::text || 'h')
     from audit_log where stream = $1`,
    [stream],
  );
  // Only the tables' owner may analyze them (the app's role gets a warning and no statistics).
  await t.asOwner(async (sql) => {
    await sql.query('analyze audit_log');
    await sql.query('analyze audit_chain');
  });
}, 120_000);
afterAll(() => t.close());

describe('the verifier’s page query', () => {
  it('walks the chain’s primary key in position order, without a sort, parallel workers or JIT', async () => {
    const plan = await t.app.platform.db.transaction(async (tx) => {
      await preparePageTransaction(tx, stream);
      return JSON.stringify(await tx.query(`explain (format json) ${chainRowsSql(10_000, 60_000)}`, [], { prepare: false }));
    });
    expect(plan).toContain('audit_chain_pkey');
    expect(plan).not.toContain('"Sort"');
    expect(plan).not.toContain('Gather');
    expect(plan).not.toContain('"JIT"');
  });
});
