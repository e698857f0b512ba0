import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from './config.ts';
import { recordAudit } from './platform/audit/audit.ts';
import { asAttacker } from './platform/audit/test-support.ts';
import type { Db } from './platform/db/db.ts';
import { openPgliteDb } from './platform/db/pglite-db.ts';
import { openPostgresDb } from './platform/db/postgres-db.ts';

/**
 * The operator CLI as an operator runs it: a separate Node process on the same configuration. In
 * PGlite mode on a temporary data folder; with TEST_PG_ADMIN_URL on fresh PostgreSQL databases
 * (and pg_dump / pg_restore for backup and restore).
 */
const cliPath = fileURLToPath(new URL('./cli.ts', import.meta.url));
const adminUrl = testConfig().TEST_PG_ADMIN_URL;
const mode = adminUrl ? 'postgres' : 'pglite';

type Target = { env: Record<string, string>; open(): Promise<Db> };

const work = mkdtempSync(join(tmpdir(), 'tongban-cli-'));
const keysDir = join(work, 'keys');
const databases: string[] = [];

async function makeTarget(name: string): Promise<Target> {
  const dataDir = join(work, name);
  if (!adminUrl) return { env: { DATA_DIR: dataDir, KEYS_DIR: keysDir }, open: () => openPgliteDb(dataDir) };
  const db = `tongban_cli_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${db}`);
  await admin.end();
  databases.push(db);
  const url = new URL(adminUrl);
  url.pathname = `/${db}`;
  return { env: { DATA_DIR: dataDir, KEYS_DIR: keysDir, DATABASE_URL: url.toString() }, open: () => openPostgresDb(url.toString(), 2) };
}

function cli(target: Target, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...target.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function withDb(target: Target, fn: (db: Db) => Promise<unknown>) {
  const db = await target.open();
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}

let main: Target;
beforeAll(async () => {
  main = await makeTarget('main');
});
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  if (adminUrl && databases.length) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    for (const db of databases) await admin.query(`drop database if exists ${db} with (force)`);
    await admin.end();
  }
});

// Each command is a fresh process opening the database (PGlite: several seconds on a busy machine).
describe(`cli (${mode})`, { timeout: 180_000 }, () => {
  it('refuses unknown commands and shows the usage', async () => {
    const unknown = await cli(main, 'frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command');
    expect(unknown.stderr).toContain('audit verify');
  });

  it('asks for migrations before auditing, then migrates', async () => {
    const early = await cli(main, 'audit', 'verify');
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('migrate');
    const migrated = await cli(main, 'migrate');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('0001_platform.sql');
  });

  it('creates the database roles (PostgreSQL), migrates as tongban_owner and leaves tongban_app only what the server needs', async () => {
    const target = await makeTarget('roles');
    const created = await cli(target, 'db', 'create-roles');
    if (!adminUrl) {
      // The embedded database has one user; the server makes its role itself.
      expect(created.code).toBe(2);
      expect(created.stderr).toContain('PostgreSQL');
      return;
    }
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('tongban_owner');
    const as = (role: string) => {
      const url = new URL(target.env.DATABASE_URL as string);
      url.username = role;
      return url.toString();
    };
    const onlyApp = await cli({ ...target, env: { ...target.env, DATABASE_URL: as('tongban_app') } }, 'migrate');
    expect(onlyApp.code).toBe(2);
    expect(onlyApp.stderr).toContain('MIGRATION_DATABASE_URL');
    const roles = { ...target, env: { ...target.env, DATABASE_URL: as('tongban_app'), MIGRATION_DATABASE_URL: as('tongban_owner') } };
    const migrated = await cli(roles, 'migrate');
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).not.toContain('not in force');
    await withDb(target, async (db) => {
      const [row] = await db.query(
        `select (select relowner::regrole::text from pg_class where oid = 'audit_log'::regclass) as owner,
                has_table_privilege('tongban_app', 'audit_log', 'INSERT') as insert,
                has_table_privilege('tongban_app', 'audit_log', 'UPDATE') as update,
                has_table_privilege('tongban_app', 'audit_log', 'DELETE') as delete,
                has_table_privilege('tongban_app', 'datahub_exchange', 'UPDATE') as exchange_update,
                has_table_privilege('tongban_app', 'case_file', 'UPDATE') as case_update,
                has_table_privilege('tongban_app', 'pgboss.job', 'UPDATE') as job_update,
                has_table_privilege('tongban_app', 'schema_migration', 'INSERT') as history_insert`,
      );
      expect(row).toEqual({
        owner: 'tongban_owner',
        insert: true,
        update: false,
        delete: false,
        exchange_update: false,
        case_update: true,
        job_update: true,
        history_insert: false,
      });
    });
    // The operator's read-only commands work as the server's role.
    const verified = await cli({ ...target, env: { ...target.env, DATABASE_URL: as('tongban_app') } }, 'audit', 'verify');
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  });

  it('seals, verifies, backs up, restores into an empty database and verifies there', async () => {
    await withDb(main, async (db) => {
      for (let i = 0; i < 5; i++) {
        await db.transaction((tx) => recordAudit(tx, new Date(), { actor: { type: 'system' }, action: 'cli.test.done', detail: { i } }));
      }
    });
    const sealed = await cli(main, 'audit', 'seal');
    expect(sealed.code).toBe(0);
    expect(sealed.stdout).toContain('Sealed 5 entries of "audit"');

    const verified = await cli(main, 'audit', 'verify', '--json');
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ stream: 'audit', ok: true, checkedEntries: 5, findings: [] });

    const file = join(work, 'backup.bin');
    const backedUp = await cli(main, 'backup', file);
    expect(backedUp.code, backedUp.stderr).toBe(0);

    const copy = await makeTarget('copy');
    const restored = await cli(copy, 'restore', file);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('Audit chain "audit" is sound: 5 entries');
    const again = await cli(copy, 'restore', file);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty/);
  });

  it('exits 1 and names the finding when the chain was tampered with', async () => {
    await withDb(main, (db) =>
      asAttacker(db, (tx) => tx.query(`update audit_log set detail = '{"i": 42}' where id = (select min(id) from audit_log)`)),
    );
    const result = await cli(main, 'audit', 'verify');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('entry_edited');
  });

  it('with a server running: refuses clearly on PGlite (one process only), works alongside it on PostgreSQL', async () => {
    const db = await main.open(); // what a running server holds
    try {
      const result = await cli(main, 'audit', 'verify', '--json');
      if (mode === 'pglite') {
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(`open in a running Tongban server (pid ${process.pid})`);
        expect(result.stderr).toContain('GET /api/v1/audit/verify');
      } else {
        expect(result.code).toBe(1); // the tampering of the previous test, found while the server is up
        expect(JSON.parse(result.stdout).findings[0].kind).toBe('entry_edited');
      }
    } finally {
      await db.close();
    }
  });
});
