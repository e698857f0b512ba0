import { randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { createManualClock, type ManualClock } from '@tongban/domain';
import pg from 'pg';
import { expect, inject } from 'vitest';
import type { App } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { registerOwnerDb } from '../src/platform/audit/test-support.ts';
import type { Db, Sql } from '../src/platform/db/db.ts';
import { openPgliteDb } from '../src/platform/db/pglite-db.ts';
import { openPostgresDb } from '../src/platform/db/postgres-db.ts';
import { APP_ROLE, createRoles } from '../src/platform/db/roles.ts';
import { startRuntime } from '../src/platform/runtime.ts';

/**
 * The embedded-database run notes each test file that opens a database here (one path a line, in
 * the file `TEST_DB_FILES_LOG` names), so that scripts/test-all.mjs repeats only those files on
 * PostgreSQL: the database-free ones would only run a second time to the same result.
 */
function noteDatabaseUse() {
  const log = process.env.TEST_DB_FILES_LOG;
  const file = expect.getState().testPath;
  if (log && file) appendFileSync(log, `${file}\n`);
}

/** The migrated database every PGlite test app starts from (made once per run by global-setup.ts). */
let template: Blob | undefined;
function pgliteTemplate(): Blob | undefined {
  const file = inject('pgliteTemplate');
  if (file && !template) template = new Blob([readFileSync(file)]);
  return template;
}

export type TestApp = {
  app: App;
  clock: ManualClock;
  close(): Promise<void>;
  dbKind: 'pglite' | 'postgres';
  /**
   * Runs `fn` in a transaction as the schema owner — for a test's own tables, triggers, or
   * tampering — since the app's connection runs as `tongban_app`, which may do none of that. On
   * PostgreSQL an owner connection to the test database; on PGlite the app's one connection,
   * back to the embedded superuser for that transaction (`set local role none`).
   */
  asOwner<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
};

/**
 * A fresh app on a fresh database with the real migrations: an in-memory PGlite by default, or a
 * new PostgreSQL database (created here, dropped on close) when TEST_PG_ADMIN_URL is set — the
 * test command runs the suite once each way. The app runs as the database role `tongban_app`
 * (platform/db/roles.ts) in both: on PostgreSQL it logs in as that role and migrates over the
 * admin URL (the roles are created here, once per cluster, safe when test files run in parallel);
 * on PGlite the runtime switches to it after the migrations.
 */
export async function createTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  noteDatabaseUse();
  const config = testConfig(overrides);
  const clock = createManualClock();
  const adminUrl = config.TEST_PG_ADMIN_URL;
  if (!adminUrl) {
    const loadDataDir = pgliteTemplate();
    const db = await openPgliteDb('memory://', loadDataDir ? { loadDataDir } : {});
    const runtime = await startRuntime(config, { clock, db });
    const asOwner = <T>(fn: (sql: Sql) => Promise<T>) =>
      db.transaction(async (tx) => {
        await tx.query('set local role none');
        return fn(tx);
      });
    return { app: runtime.app, clock, close: runtime.close, dbKind: 'pglite', asOwner };
  }
  const name = `tongban_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const ownerUrl = new URL(adminUrl);
  ownerUrl.pathname = `/${name}`;
  const ownerDb = await openPostgresDb(ownerUrl.toString(), 2);
  await createRoles(ownerDb, { login: true });
  const appUrl = new URL(ownerUrl);
  appUrl.username = APP_ROLE;
  appUrl.password = '';
  const db = await openPostgresDb(appUrl.toString(), 5);
  registerOwnerDb(db, ownerDb);
  const runtime = await startRuntime(
    { ...config, DATABASE_URL: appUrl.toString(), MIGRATION_DATABASE_URL: ownerUrl.toString() },
    { clock, db, ownerDb },
  );
  return {
    app: runtime.app,
    clock,
    dbKind: 'postgres',
    asOwner: (fn) => ownerDb.transaction(fn),
    async close() {
      await runtime.close();
      await ownerDb.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/**
 * A fresh test app and its database on a single connection: on PostgreSQL a pool of one beside
 * the app's, so a statement one test prepares is the one the next reuses (PGlite has a single
 * connection anyway). `close` ends both.
 */
export async function createSingleConnectionDb(): Promise<{ db: Db; close(): Promise<void> }> {
  const t = await createTestApp();
  // The schema owner's connection: these tests make tables of their own.
  const url = t.app.platform.config.MIGRATION_DATABASE_URL;
  const db = url ? await openPostgresDb(url, 1) : t.app.platform.db;
  if (!url) await db.exec('reset role');
  return {
    db,
    async close() {
      if (db !== t.app.platform.db) await db.close();
      await t.close();
    },
  };
}

/** Cookies + CSRF token for state-changing calls through `app.inject`, like a browser would hold. */
export class TestClient {
  cookies: Record<string, string> = {};
  csrfToken = '';
  readonly app: App;
  readonly remoteAddress: string;
  constructor(app: App, remoteAddress = '127.0.0.1') {
    this.app = app;
    this.remoteAddress = remoteAddress;
  }

  private cookieHeader() {
    return Object.entries(this.cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  }

  private keep(res: { cookies: { name: string; value: string; maxAge?: number; expires?: Date }[] }) {
    for (const c of res.cookies) {
      // A new CSRF secret (login, logout rotate it): fetch a new token before the next change, as the web client does.
      if (c.name === '_csrf' && c.value !== this.cookies[c.name]) this.csrfToken = '';
      if (c.value === '' || c.maxAge === 0) delete this.cookies[c.name];
      else this.cookies[c.name] = c.value;
    }
  }

  async ensureCsrf() {
    if (this.csrfToken) return;
    const res = await this.app.inject({
      method: 'GET',
      url: '/api/v1/auth/csrf',
      headers: { cookie: this.cookieHeader() },
      remoteAddress: this.remoteAddress,
    });
    this.keep(res);
    this.csrfToken = (res.json() as { token: string }).token;
  }

  async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) {
    if (method !== 'GET') await this.ensureCsrf();
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.remoteAddress,
      headers: { cookie: this.cookieHeader(), ...(method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}), ...headers },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    this.keep(res);
    return res;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
}
