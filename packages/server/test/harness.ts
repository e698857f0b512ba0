import { randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { createManualClock, type ManualClock } from '@tongban/domain';
import pg from 'pg';
import { expect, inject } from 'vitest';
import type { App } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import type { Db } from '../src/platform/db/db.ts';
import { openPgliteDb } from '../src/platform/db/pglite-db.ts';
import { openPostgresDb } from '../src/platform/db/postgres-db.ts';
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

export type TestApp = { app: App; clock: ManualClock; close(): Promise<void>; dbKind: 'pglite' | 'postgres' };

/**
 * A fresh app on a fresh database with the real migrations: an in-memory PGlite by default, or a
 * new PostgreSQL database (created here, dropped on close) when TEST_PG_ADMIN_URL is set — the
 * test command runs the suite once each way.
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
    return { app: runtime.app, clock, close: runtime.close, dbKind: 'pglite' };
  }
  const name = `tongban_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgresDb(url.toString(), 5);
  const runtime = await startRuntime({ ...config, DATABASE_URL: url.toString() }, { clock, db });
  return {
    app: runtime.app,
    clock,
    dbKind: 'postgres',
    async close() {
      await runtime.close();
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
  const url = t.app.platform.config.DATABASE_URL;
  const db = url ? await openPostgresDb(url, 1) : t.app.platform.db;
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
