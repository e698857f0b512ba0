// Catalogue reads on real PostgreSQL with the catalogue scaled to 5,000 published items:
//   catalogue-guide   GET /api/v1/catalogue/items/:code, cycling over 1,000 codes (the cached guide)
//   catalogue-search  GET /api/v1/catalogue/search?q=…, cycling over common Chinese queries (and one
//                     English query and one typo, as real traffic has)
// Baseline: bare Fastify `GET /hello` in its own process, run before and after the candidates in
// the same run (the mean is the baseline). Goals (quality.md): guide ≥ 50% of the baseline's req/s;
// search ≥ 2,000 req/s and p99 ≤ 50 ms.
//
// A fresh database is created (BENCH_PG_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres),
// migrated and loaded with the demo city's departments and the scaled catalogue (through identity's
// and the catalogue's import functions) in this process; the real server (`main.ts`, jobs off,
// LOG_LEVEL=warn) then runs in a child process, so the load generator never shares its event loop.
// The database is dropped at the end.
//
//   node bench/catalogue.mjs [--duration 10] [--connections 25] [--items 5000] [--rounds 2]
//                            [--only guide|search] [--encoding browser|identity] [--cpu-prof DIR] [--keep-db] [--reuse-db NAME]
// Requests carry `Accept-Encoding: gzip, deflate, br` as browsers do (the server answers Brotli; `--encoding identity`: none).
// (--keep-db leaves the database in place; --reuse-db runs against such a kept database, skipping
// the load — for profiling and comparing changes; it is not dropped either.)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDemoCatalogue, buildDemoCity, districts } from '@tongban/seed';
import autocannon from 'autocannon';
import pg from 'pg';
import { importCatalogue } from '../packages/server/src/modules/catalogue/index.ts';
import { importDepartments } from '../packages/server/src/modules/identity/index.ts';
import { migrate } from '../packages/server/src/platform/db/migrate.ts';
import { openPostgresDb } from '../packages/server/src/platform/db/postgres-db.ts';
import { admin, adminUrl } from './lib/pg-admin.mjs';
import { startNode } from './lib/processes.mjs';
import { benchDir, writeResult } from './lib/results.mjs';
import { buildScaledCatalogue } from './lib/scaled-catalogue.mjs';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '25' },
    items: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '2' },
    encoding: { type: 'string', default: 'browser' },
    only: { type: 'string' },
    'cpu-prof': { type: 'string' },
    'keep-db': { type: 'boolean', default: false },
    'reuse-db': { type: 'string' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const itemCount = Number(values.items);
const rounds = Number(values.rounds);
const GUIDE_CODES = 1000;
const BASELINE = 'bare Fastify GET /hello';
const headers = values.encoding === 'identity' ? {} : { 'accept-encoding': 'gzip, deflate, br' };

// What people type into a city portal's search box; most queries repeat, as real traffic does.
const QUERIES = [
  '营业执照',
  '开办企业',
  '公积金提取',
  '出生',
  '结婚登记',
  '居住证',
  '施工许可',
  '不动产登记',
  '社保卡',
  '养老金',
  '驾驶证',
  '护照',
  '食品经营许可',
  '户口迁移',
  '医保',
  '退休',
  '失业',
  '二手车过户',
  '身份证',
  '浦东新区 营业执照',
  '公司注销',
  '生育',
  'business licence',
  '营业执招',
];

const log = (line) => process.stdout.write(`  ${line}\n`);
// utime + stime of a process from /proc (Linux), in clock ticks (USER_HZ, 100 on Linux).
const TICKS_PER_SECOND = 100;
function cpuTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return Number.NaN;
  }
}

/** Loads departments and the scaled catalogue; returns the codes to cycle over. */
async function seed(url, { load }) {
  const db = await openPostgresDb(url, 4);
  try {
    await migrate(db);
    const city = buildDemoCity();
    const items = buildScaledCatalogue(buildDemoCatalogue(), districts, new Set(city.departments.map((d) => d.id)), itemCount);
    if (load) {
      const at = new Date();
      const started = performance.now();
      await db.transaction(async (tx) => {
        await importDepartments(tx, city.departments, { at });
        await importCatalogue(tx, items, { publishedBy: 'seed', publishedAt: at });
      });
      log(`${items.length.toLocaleString('en-US')} published items loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    await db.query('analyze');
    // Every bundle and every city-level item, then district and situation variants, spread evenly.
    const step = Math.max(1, Math.floor(items.length / GUIDE_CODES));
    const codes = [...new Set([...items.slice(0, 230), ...items.filter((_, i) => i % step === 0)].map((i) => i.code))];
    return codes.slice(0, GUIDE_CODES);
  } finally {
    await db.close();
  }
}

/**
 * autocannon cycling over `paths` (one per request, round robin), after a warm-up that requests
 * every path once (filling the server's caches, as steady traffic keeps them filled) and then runs
 * autocannon for 3 s (so the JIT has seen the route).
 */
async function load(title, base, paths, pid) {
  for (let i = 0; i < paths.length; i += 8) {
    await Promise.all(
      paths.slice(i, i + 8).map(async (path) => {
        const res = await fetch(`${base}${path}`, { headers });
        await res.arrayBuffer();
      }),
    );
  }
  let next = 0;
  const requests = [{ method: 'GET', headers, setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }];
  await autocannon({ url: base, connections, duration: 3, requests });
  next = 0;
  const loadBefore = loadavg()[0];
  const serverCpuBefore = cpuTicks(pid);
  const clientCpuBefore = process.cpuUsage();
  const r = await autocannon({ url: base, connections, duration, requests });
  const serverCpuMs = ((cpuTicks(pid) - serverCpuBefore) * 1000) / TICKS_PER_SECOND;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const summary = {
    title,
    reqPerSec: r.requests.average,
    bytesPerRequest: Math.round(r.throughput.total / Math.max(1, r.requests.total)),
    p50ms: r.latency.p50,
    p90ms: r.latency.p90,
    p99ms: r.latency.p99,
    maxMs: r.latency.max,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    distinctPaths: paths.length,
    // CPU time per request is far less disturbed by other work on the machine than req/s.
    serverCpuUsPerRequest: Math.round((serverCpuMs * 1000) / Math.max(1, r.requests.total)),
    clientCpuUsPerRequest: Math.round((clientCpu.user + clientCpu.system) / Math.max(1, r.requests.total)),
    loadAverage1m: Math.round(((loadBefore + loadavg()[0]) / 2) * 100) / 100,
  };
  log(
    `${title}: ${Math.round(summary.reqPerSec)} req/s, p50 ${summary.p50ms} ms, p99 ${summary.p99ms} ms, ` +
      `${summary.bytesPerRequest} B/response, server CPU ${summary.serverCpuUsPerRequest} µs/request, ` +
      `autocannon CPU ${summary.clientCpuUsPerRequest} µs/request (load average ${summary.loadAverage1m})`,
  );
  if (r.non2xx || r.errors || r.timeouts) throw new Error(`${title}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  return summary;
}

/** The answers are right before they are fast: every guide exists, every query finds items. */
async function check(base, codes) {
  for (const code of [codes[0], codes.at(-1)]) {
    const res = await fetch(`${base}/api/v1/catalogue/items/${code}`);
    if (res.status !== 200) throw new Error(`guide ${code}: ${res.status} ${await res.text()}`);
  }
  for (const q of QUERIES) {
    const res = await fetch(`${base}/api/v1/catalogue/search?q=${encodeURIComponent(q)}`);
    const body = await res.json();
    if (res.status !== 200 || body.items.length === 0) throw new Error(`search ${q}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    log(`search ${q}: ${body.total} ${body.match}, first ${body.items[0].name.zh}`);
  }
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const reuse = values['reuse-db'];
const dbName = reuse ?? `tongban_bench_${randomBytes(5).toString('hex')}`;
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;
const dataDir = mkdtempSync(join(tmpdir(), 'tongban-bench-catalogue-'));
process.stdout.write(
  `catalogue: ${itemCount.toLocaleString('en-US')} items on PostgreSQL (database ${dbName}), ${connections} connections, ${duration} s per run\n`,
);
if (!reuse) await admin(`create database ${dbName}`);
const servers = [];
try {
  const codes = await seed(dbUrl.toString(), { load: !reuse });
  const [{ server_version: pgVersion }] = await (async () => {
    const c = new pg.Client({ connectionString: dbUrl.toString() });
    await c.connect();
    try {
      return (await c.query('show server_version')).rows;
    } finally {
      await c.end();
    }
  })();

  const bare = await startNode([join(benchDir, 'servers/bare-fastify.mjs')], { ready: /READY (\S+)/, label: 'bare Fastify' });
  servers.push(bare);
  const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];
  const tongban = await startNode([...profile, join(benchDir, '../packages/server/src/main.ts')], {
    env: {
      DATABASE_URL: dbUrl.toString(),
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      JOBS_ENABLED: 'false',
      WEB_DIST_DIR: '',
      NODE_ENV: 'production',
    },
    unset: ['KEYS_DIR'],
    ready: /is running at (http:\/\/\S+)/,
    label: 'Tongban server',
  });
  servers.push(tongban);
  const base = tongban.match[1];
  await check(base, codes);

  const guidePaths = codes.map((c) => `/api/v1/catalogue/items/${c}`);
  const searchPaths = QUERIES.map((q) => `/api/v1/catalogue/search?q=${encodeURIComponent(q)}`);
  const runs = { bare: [], healthz: [], guide: [], search: [] };
  for (let round = 0; round < rounds; round++) {
    runs.bare.push(await load(BASELINE, bare.match[1], ['/hello'], bare.child.pid));
    // The platform's floor: the same server's cheapest route, through the same hooks (helmet, cookies, access, logging).
    runs.healthz.push(await load('Tongban GET /healthz', base, ['/healthz'], tongban.child.pid));
    if (values.only !== 'search') runs.guide.push(await load('GET /api/v1/catalogue/items/:code', base, guidePaths, tongban.child.pid));
    if (values.only !== 'guide') runs.search.push(await load('GET /api/v1/catalogue/search?q=', base, searchPaths, tongban.child.pid));
  }
  runs.bare.push(await load(BASELINE, bare.match[1], ['/hello'], bare.child.pid));

  const baseline = mean(runs.bare.map((r) => r.reqPerSec));
  const common = {
    items: itemCount,
    connections,
    durationSeconds: duration,
    rounds,
    acceptEncoding: headers['accept-encoding'] ?? 'none',
    database: `PostgreSQL ${pgVersion} (fresh database, dropped afterwards)`,
    server: 'packages/server/src/main.ts, JOBS_ENABLED=false, LOG_LEVEL=warn, NODE_ENV=production',
    baselineRuns: runs.bare,
    // The same server's /healthz: what every route pays before the catalogue does anything.
    platformFloor: { route: 'GET /healthz', reqPerSec: median(runs.healthz.map((r) => r.reqPerSec)), runs: runs.healthz },
  };
  // Each candidate run against the mean of the bare runs either side of it: drift during the run
  // (other work on the machine) moves both alike.
  const perRoundRatios = (list) =>
    list.map((r, i) => Math.round((r.reqPerSec / mean([runs.bare[i].reqPerSec, runs.bare[i + 1].reqPerSec])) * 1000) / 1000);
  const pick = (list) => ({
    ratiosPerRound: perRoundRatios(list),
    reqPerSec: median(list.map((r) => r.reqPerSec)),
    p50ms: median(list.map((r) => r.p50ms)),
    p99ms: median(list.map((r) => r.p99ms)),
    serverCpuUsPerRequest: median(list.map((r) => r.serverCpuUsPerRequest)),
    // Server CPU per request relative to bare Fastify's: the cost ratio, steadier than req/s here.
    cpuCostVsBaseline:
      Math.round((median(list.map((r) => r.serverCpuUsPerRequest)) / mean(runs.bare.map((r) => r.serverCpuUsPerRequest))) * 100) / 100,
  });
  if (runs.guide.length) {
    const g = pick(runs.guide);
    const ratio = g.reqPerSec / baseline;
    writeResult({
      name: 'catalogue-guide',
      unit: 'req/s',
      value: g.reqPerSec,
      baseline_name: BASELINE,
      baseline_value: baseline,
      goal: '≥ 50% of the baseline',
      details: { ...common, ...g, met: ratio >= 0.5, distinctCodes: codes.length, runs: runs.guide },
    });
  }
  if (runs.search.length) {
    const s = pick(runs.search);
    writeResult({
      name: 'catalogue-search',
      unit: 'req/s',
      value: s.reqPerSec,
      baseline_name: BASELINE,
      baseline_value: baseline,
      goal: '≥ 2,000 req/s, p99 ≤ 50 ms',
      details: { ...common, ...s, met: s.reqPerSec >= 2000 && s.p99ms <= 50, queries: QUERIES, runs: runs.search },
    });
  }
} finally {
  for (const s of servers.reverse()) await s.stop().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
  if (values['keep-db'] || reuse) log(`kept database ${dbName} (${dbUrl})`);
  else await admin(`drop database if exists ${dbName} with (force)`);
}
