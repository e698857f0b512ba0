// HTTP baseline: bare Fastify `GET /hello` against Tongban's `/healthz` (the whole plugin stack:
// helmet, cookies, CSRF hook, access control, rate-limit registration) and an authenticated read
// (`GET /api/v1/auth/me` with a staff session: session lookup in the database on every request),
// on the embedded PGlite database and on PostgreSQL.
//
// Each server is a child process (the real `packages/server/src/main.ts` on a fresh database with
// the demo city, jobs and the audit sealer running: a temporary PGlite folder, or a new PostgreSQL
// database through BENCH_PG_ADMIN_URL, dropped afterwards); autocannon runs in this process. The bare baseline runs before and after the candidates and their mean is the baseline,
// so drift during the run shows up in the details.
//
//   node bench/http-baseline.mjs [--duration 10] [--connections 10]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD } from '@tongban/seed';
import autocannon from 'autocannon';
import pg from 'pg';
import { startNode } from './lib/processes.mjs';
import { benchDir, writeResult } from './lib/results.mjs';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' } } });
const duration = Number(values.duration);
const connections = Number(values.connections);
const STAFF_USERNAME = 'supervisor.gso';
const pgAdminUrl = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function load(title, url, headers = {}) {
  // A short warm-up first, so the JIT has seen the route before the measured run.
  await autocannon({ url, connections, duration: 2, headers });
  const r = await autocannon({ url, connections, duration, headers });
  const summary = {
    title,
    reqPerSec: r.requests.average,
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
  process.stdout.write(`  ${title}: ${Math.round(summary.reqPerSec)} req/s, p50 ${summary.p50ms} ms, p99 ${summary.p99ms} ms\n`);
  if (r.non2xx || r.errors || r.timeouts) throw new Error(`${title}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  return summary;
}

async function bare() {
  const server = await startNode([join(benchDir, 'servers/bare-fastify.mjs')], { ready: /READY (\S+)/ });
  try {
    return await load('bare Fastify GET /hello', `${server.match[1]}/hello`);
  } finally {
    await server.stop();
  }
}

async function loginStaff(base) {
  const csrf = await fetch(`${base}/api/v1/auth/csrf`);
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(';')[0]);
  const { token } = await csrf.json();
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookies.join('; ') },
    body: JSON.stringify({ kind: 'staff', username: STAFF_USERNAME, password: DEMO_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login as ${STAFF_USERNAME} failed: ${login.status} ${await login.text()}`);
  const session = login.headers.getSetCookie().find((c) => c.startsWith('tb_session='));
  if (!session) throw new Error('login set no tb_session cookie');
  return session.split(';')[0];
}

/** Starts the real server on a fresh database: PGlite in a temporary folder, or a new PostgreSQL database. */
async function startTongban(database) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-bench-http-'));
  let dbName;
  const env = { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: 'true' };
  if (database === 'postgres') {
    dbName = `tongban_bench_http_${randomBytes(5).toString('hex')}`;
    await pgAdmin(`create database ${dbName}`);
    const url = new URL(pgAdminUrl);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
  }
  const server = await startNode([join(benchDir, '../packages/server/src/main.ts')], {
    env,
    unset: database === 'postgres' ? ['KEYS_DIR'] : ['DATABASE_URL', 'KEYS_DIR'],
    ready: /is running at (http:\/\/\S+)/,
    label: `Tongban server (${database})`,
  });
  return {
    base: server.match[1],
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      if (dbName) await pgAdmin(`drop database if exists ${dbName} with (force)`);
    },
  };
}

async function pgAdmin(sql) {
  const client = new pg.Client({ connectionString: pgAdminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function authenticatedRead(base, title) {
  const cookie = await loginStaff(base);
  const me = await fetch(`${base}/api/v1/auth/me`, { headers: { cookie } });
  if (me.status !== 200) throw new Error(`GET /api/v1/auth/me answered ${me.status}`);
  return load(title, `${base}/api/v1/auth/me`, { cookie });
}

process.stdout.write(`http-baseline: ${connections} connections, ${duration} s per run, loopback\n`);
const bareBefore = await bare();

let healthz;
let authRead;
const lite = await startTongban('pglite');
try {
  healthz = await load('Tongban GET /healthz', `${lite.base}/healthz`);
  authRead = await authenticatedRead(lite.base, 'Tongban GET /api/v1/auth/me, staff session (PGlite)');
} finally {
  await lite.stop();
}
let authReadPg;
const onPg = await startTongban('postgres');
try {
  authReadPg = await authenticatedRead(onPg.base, 'Tongban GET /api/v1/auth/me, staff session (PostgreSQL)');
} finally {
  await onPg.stop();
}

const bareAfter = await bare();
const baseline = (bareBefore.reqPerSec + bareAfter.reqPerSec) / 2;
const common = { connections, durationSeconds: duration, logLevel: 'warn', bareBefore, bareAfter };
const versus = { baseline_name: 'bare Fastify GET /hello', baseline_value: baseline };
writeResult({
  name: 'http-bare-hello',
  unit: 'req/s',
  value: baseline,
  details: { connections, durationSeconds: duration, before: bareBefore, after: bareAfter },
});
writeResult({
  name: 'http-healthz',
  unit: 'req/s',
  value: healthz.reqPerSec,
  ...versus,
  details: { ...common, database: 'embedded PGlite', candidate: healthz },
});
writeResult({
  name: 'http-auth-read',
  unit: 'req/s',
  value: authRead.reqPerSec,
  ...versus,
  details: { ...common, route: 'GET /api/v1/auth/me', database: 'embedded PGlite', candidate: authRead },
});
writeResult({
  name: 'http-auth-read-postgres',
  unit: 'req/s',
  value: authReadPg.reqPerSec,
  ...versus,
  details: { ...common, route: 'GET /api/v1/auth/me', database: 'PostgreSQL (BENCH_PG_ADMIN_URL), pool of 10', candidate: authReadPg },
});
