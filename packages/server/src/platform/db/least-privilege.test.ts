import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { recordAudit } from '../audit/audit.ts';
import { sealNow } from '../audit/sealer.ts';
import { verifyAuditChain } from '../audit/verify.ts';
import type { Db } from './db.ts';
import { privilegeProblems } from './roles.ts';

// The server's own database connection must not be able to undo the append-only guarantees: it
// runs as `tongban_app`, which owns no table, is no superuser and may only insert into the
// append-only tables (those guarded by the `refuse_change` trigger). On PostgreSQL it logs in as
// that role; on PGlite (one embedded user) the server switches to it after the migrations.
let t: TestApp;
let db: Db;
let appendOnly: string[];
beforeAll(async () => {
  t = await createTestApp();
  db = t.app.platform.db;
  // Every table with a refuse_change trigger, read from the catalogue (not a hand-kept list).
  appendOnly = (
    await db.query<{ name: string }>(
      `select distinct c.relname as name from pg_trigger tg
       join pg_class c on c.oid = tg.tgrelid join pg_proc p on p.oid = tg.tgfoid
       where p.proname = 'refuse_change' and not tg.tgisinternal order by 1`,
    )
  ).map((r) => r.name);
});
afterAll(() => t?.close());

/** Runs `statement` alone in a transaction of the app's connection and expects PostgreSQL to refuse it for privileges (42501). */
async function refused(statement: string) {
  await expect(
    db.transaction((tx) => tx.query(statement)),
    statement,
  ).rejects.toMatchObject({ code: '42501' });
}

describe('the database role the server runs as', () => {
  it('is tongban_app: no superuser, owner of no table', async () => {
    const [me] = await db.query<{ name: string; superuser: boolean; owns_audit: boolean; owned: number }>(
      `select current_user as name,
              (select rolsuper from pg_roles where rolname = current_user) as superuser,
              pg_has_role(current_user, (select relowner from pg_class where oid = 'audit_log'::regclass), 'USAGE') as owns_audit,
              (select count(*)::int from pg_class c where c.relowner = (select oid from pg_roles where rolname = current_user)) as owned`,
    );
    expect(me).toEqual({ name: 'tongban_app', superuser: false, owns_audit: false, owned: 0 });
  });

  it('knows the append-only tables: the audit log, its chain and checkpoints, the exchange log, case actions, licence events', () => {
    expect(appendOnly).toEqual(
      expect.arrayContaining([
        'audit_log',
        'audit_chain',
        'audit_checkpoint',
        'datahub_exchange',
        'case_action',
        'licence_status_event',
        'licence_use',
      ]),
    );
  });

  it('cannot disable triggers, alter, truncate or drop an append-only table', async () => {
    for (const table of appendOnly) {
      await refused(`alter table ${table} disable trigger all`);
      await refused(`alter table ${table} add column forged text`);
      await refused(`truncate ${table}`);
      await refused(`drop table ${table}`);
    }
  });

  it('cannot switch triggers off for its session (session_replication_role = replica)', async () => {
    await refused('set session_replication_role = replica');
    await refused('set local session_replication_role = replica');
  });

  it('may not update or delete rows of an append-only table: refused by privilege, before any trigger', async () => {
    for (const table of appendOnly) {
      const [column] = await db.query<{ name: string }>(
        // Not an identity column: updating one fails on its own ("can only be updated to DEFAULT") before privileges are asked.
        `select column_name as name from information_schema.columns
         where table_schema = 'public' and table_name = $1 and is_identity = 'NO' and is_generated = 'NEVER' order by ordinal_position limit 1`,
        [table],
      );
      await refused(`update ${table} set ${column?.name} = ${column?.name} where false`);
      await refused(`delete from ${table} where false`);
    }
  });

  it('cannot create tables or change the migration history', async () => {
    await refused('create table forged (id int)');
    await refused(`insert into schema_migration (name, checksum) values ('9999_forged.sql', 'x')`);
    await refused(`delete from schema_migration where false`);
  });

  it('still does its work: writes audit entries, seals and verifies them', async () => {
    await db.transaction((tx) =>
      recordAudit(tx, t.clock.now(), { stream: 'lp-test', actor: { type: 'system' }, action: 'test.privilege.checked' }),
    );
    const sealed = await sealNow(db, t.app.platform.signer, t.clock);
    expect(sealed.sealed).toBeGreaterThan(0);
    const report = await verifyAuditChain(db, t.app.platform.signer, t.clock, { stream: 'lp-test' });
    expect(report).toMatchObject({ ok: true, checkedEntries: 1 });
  });

  it('is checked at start: a superuser or owner connection is named as such (the server then warns that least privilege is not in force)', async () => {
    expect(await privilegeProblems(db)).toEqual([]);
    expect(await t.asOwner((sql) => privilegeProblems(sql))).toEqual([expect.stringContaining('superuser')]);
  });
});
