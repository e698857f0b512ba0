// Applications (办件) on the real server:
//   cases-submit-postgres   online submissions/s on real PostgreSQL: validate, fetch the once-only
//                           materials from the data hub, create the case + first action + first
//                           task + SLA timers + audit entry + notification, one
//                           transaction, under an Idempotency-Key; many concurrent clients (autocannon)
//   cases-transitions       workflow transitions/s (accept, then approve the review step) with
//                           concurrent reviewers, each transition sent by two reviewers at once:
//                           exactly one must win; checked afterwards for lost or double transitions
//   cases-submit-pglite     the submissions on embedded PGlite
// Baseline: `pgbench -c 4 -j 2` (tpcb-like) TPS on a scratch database of the same PostgreSQL,
// before and after the PostgreSQL runs (the mean). Goals (quality.md): ≥ 500 submissions/s and
// ≥ 25% of pgbench TPS with p99 ≤ 100 ms; ≥ 1,000 transitions/s; ≥ 100 submissions/s on PGlite.
//
// The server (`main.ts`, demo city seeded on start, jobs and the audit sealer running,
// LOG_LEVEL=warn, NODE_ENV=production) runs in its own process on a fresh database
// (BENCH_PG_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres; dropped afterwards) or
// a temporary PGlite folder. The bench adds reviewers (clerk + approver) to the tax bureau.
//
//   node bench/cases.mjs [--duration 15] [--connections 16] [--pglite-connections 8] [--pairs 8]
//                        [--pgbench-seconds 10] [--only postgres|pglite] [--cpu-prof DIR] [--keep-db]
//                        [--server PATH/main.ts]   (another copy of the server, to compare a change before/after)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDemoCity, DEMO_PASSWORD } from '@tongban/seed';
import { openPostgresDb } from '../packages/server/src/platform/db/postgres-db.ts';
import {
  addReviewers,
  initPgbench,
  loginMany,
  runPgbench,
  runSubmissions,
  runTransitions,
  SUBMIT_ITEM,
  submissionBody,
} from './lib/cases-workload.mjs';
import { admin, databaseUrl } from './lib/pg-admin.mjs';
import { startNode } from './lib/processes.mjs';
import { benchDir, writeResult } from './lib/results.mjs';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '16' },
    'pglite-connections': { type: 'string', default: '8' },
    pairs: { type: 'string', default: '8' },
    reviewers: { type: 'string', default: '8' },
    'pgbench-seconds': { type: 'string', default: '10' },
    only: { type: 'string' },
    'cpu-prof': { type: 'string' },
    'keep-db': { type: 'boolean', default: false },
    server: { type: 'string' },
  },
});
const duration = Number(values.duration);
// Another copy of the server (a before/after comparison): figures are printed, not recorded.
const serverMain = values.server ?? join(benchDir, '../packages/server/src/main.ts');
const record = values.server
  ? (r) => process.stdout.write(`  (not recorded) ${r.name}: ${JSON.stringify({ value: r.value, baseline: r.baseline_value })}\n`)
  : writeResult;
const log = (line) => process.stdout.write(`  ${line}\n`);
const BASELINE = 'pgbench -c 4 -j 2 TPS (tpcb-like)';
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const load = () => Math.round(loadavg()[0] * 100) / 100;

/**
 * Starts the server on a fresh database (it seeds the demo city). With --cpu-prof it is started a
 * second time on the seeded database, profiled, so the profile shows the load and not the seed.
 */
async function startServer(env, dataDir) {
  if (values['cpu-prof']) {
    await (await startServerOnce(env, dataDir, [])).stop();
    return startServerOnce(env, dataDir, ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`]);
  }
  return startServerOnce(env, dataDir, []);
}

async function startServerOnce(env, dataDir, profile) {
  const started = performance.now();
  const server = await startNode([...profile, serverMain], {
    env: {
      ...env,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
      JOBS_ENABLED: 'true',
      WEB_DIST_DIR: '',
      NODE_ENV: 'production',
      RATE_LIMIT_AUTH_PER_MINUTE: '100000',
    },
    unset: ['KEYS_DIR', 'UPLOAD_DIR', ...(env.DATABASE_URL ? [] : ['DATABASE_URL'])],
    ready: /is running at (http:\/\/\S+)/,
    timeoutMs: 600_000,
    label: 'Tongban server',
  });
  log(`server up (demo city seeded) in ${((performance.now() - started) / 1000).toFixed(1)} s, load ${load()}`);
  return server;
}

/** Every demo citizen, each with two sessions (as on a phone and a computer). */
async function citizensOf(base) {
  const demo = buildDemoCity().demo;
  const people = [demo.citizen, demo.legalRepresentative, demo.agent, demo.elder];
  const citizens = [];
  for (const p of [...people, ...people]) {
    const [session] = await loginMany(base, [p.idNumber], 'user', DEMO_PASSWORD);
    citizens.push({ session, body: JSON.stringify(await submissionBody(session, p.mobile)) });
  }
  const probe = await citizens[0].session.request('POST', '/api/v1/cases', {
    body: JSON.parse(citizens[0].body),
    headers: { 'idempotency-key': `bench-probe-${Date.now()}` },
  });
  if (probe.status !== 201) throw new Error(`a submission failed: ${probe.status} ${probe.text}`);
  const answer = JSON.parse(probe.text);
  log(`probe submission ${answer.trackingNumber}: materials ${JSON.stringify(answer.platformMaterials)}`);
  return citizens;
}

async function measureSubmissions(base, server, connections, pgSql) {
  const citizens = await citizensOf(base);
  await runSubmissions(base, citizens, { connections, seconds: 3, serverPid: server.child.pid });
  const r = await runSubmissions(base, citizens, { connections, seconds: duration, serverPid: server.child.pid, pgSql });
  r.loadAverage1m = load();
  log(
    `submissions: ${r.perSecond.toFixed(1)}/s, p50 ${r.p50ms} ms, p99 ${r.p99ms} ms, ${r.non2xx} non-2xx, ${r.errors} errors, ` +
      `CPU µs/submission: server ${r.serverCpuUsPerRequest}${pgSql ? `, PostgreSQL ${r.postgresCpuUsPerRequest}` : ''}, ` +
      `load generator ${r.loadGeneratorCpuUsPerRequest} (${connections} connections, load ${r.loadAverage1m})`,
  );
  if (r.non2xx || r.errors || r.timeouts) throw new Error(`submissions: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  return r;
}

/** Every case filed counted once, with one submitted action, one task and one audit entry. */
async function checkFiled(sql) {
  const [row] = await sql.query(
    `select (select count(*) from case_file where item_code = $1) as cases,
            (select count(*) from case_action a join case_file f on f.id = a.case_id where f.item_code = $1 and a.kind = 'submitted') as actions,
            (select count(*) from case_task t join case_file f on f.id = t.case_id where f.item_code = $1) as tasks,
            (select count(*) from audit_log where action = 'cases.case.submitted') as audits,
            (select count(*) from idempotency_key where scope like 'user:%:POST /cases') as keys`,
    [SUBMIT_ITEM],
  );
  const n = Number(row.cases);
  if (![row.actions, row.tasks, row.audits, row.keys].every((x) => Number(x) === n))
    throw new Error(`filing counts differ: ${JSON.stringify(row)}`);
  return n;
}

async function measureTransitions(base, server, sql) {
  const reviewers = await loginMany(base, await addReviewers(sql, Number(values.reviewers)), 'staff', DEMO_PASSWORD);
  const ids = (
    await sql.query(`select id from case_file where item_code = $1 and status = 'submitted' order by submitted_at`, [SUBMIT_ITEM])
  ).map((r) => r.id);
  await runTransitions(ids.splice(0, 50), reviewers, { pairs: 4, seconds: 3, serverPid: server.child.pid });
  const r = await runTransitions(ids, reviewers, {
    pairs: Number(values.pairs),
    seconds: duration,
    serverPid: server.child.pid,
    pgSql: sql,
  });
  const measured = [...r.done.keys()];
  const [check] = await sql.query(
    `select count(*) filter (where kind = 'accepted') as accepted, count(*) filter (where kind = 'step_approved') as approved,
            count(distinct case_id) filter (where kind = 'accepted') as accepted_cases,
            count(distinct case_id) filter (where kind = 'step_approved') as approved_cases
     from case_action where case_id = any($1::text[])`,
    [measured],
  );
  const wins = [...r.done.values()].reduce((n, d) => n + d.accepted + d.approved, 0);
  const stored = Number(check.accepted) + Number(check.approved);
  const double =
    Number(check.accepted) - Number(check.accepted_cases) + Number(check.approved) - Number(check.approved_cases) + r.tally.bothWon;
  const lost = wins - stored + r.tally.neitherWon;
  r.integrity = { answeredWins: wins, storedTransitions: stored, lost, double, unexpected: r.tally.unexpected.length };
  r.loadAverage1m = load();
  log(
    `transitions: ${r.perSecond.toFixed(1)}/s over ${r.cases} cases (${r.requests} requests, ${r.tally.lostRace} lost races → 409), ` +
      `p50 ${r.p50ms} ms, p99 ${r.p99ms} ms, CPU µs/transition: server ${r.serverCpuUsPerTransition}, ` +
      `PostgreSQL ${r.postgresCpuUsPerTransition}, load generator ${r.loadGeneratorCpuUsPerTransition}; lost ${lost}, double ${double} (load ${r.loadAverage1m})`,
  );
  if (lost || double || r.tally.unexpected.length)
    throw new Error(`transitions integrity: ${JSON.stringify({ ...r.integrity, sample: r.tally.unexpected.slice(0, 3) })}`);
  delete r.done;
  return r;
}

async function pgbenchRound(name) {
  const r = runPgbench(databaseUrl(name), Number(values['pgbench-seconds']));
  log(`pgbench: ${r.tps.toFixed(0)} TPS (load ${load()})`);
  return r;
}

const results = {};
if (values.only !== 'pglite') {
  const name = `tongban_bench_${randomBytes(5).toString('hex')}`;
  const scratch = `${name}_pgbench`;
  const [{ server_version: pgVersion }] = await admin('show server_version');
  process.stdout.write(`cases on PostgreSQL ${pgVersion} (database ${name}), ${values.connections} connections, ${duration} s per run\n`);
  await admin(`create database ${scratch}`);
  await admin(`create database ${name}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-bench-cases-'));
  let server;
  let sql;
  try {
    initPgbench(databaseUrl(scratch));
    const baselines = [await pgbenchRound(scratch)];
    server = await startServer({ DATABASE_URL: databaseUrl(name) }, dataDir);
    const base = server.match[1];
    sql = await openPostgresDb(databaseUrl(name), 2);
    const submit = await measureSubmissions(base, server, Number(values.connections), sql);
    const filed = await checkFiled(sql);
    log(`${filed} cases stored, each with its submitted action, task, audit entry and idempotency record`);
    const transitions = await measureTransitions(base, server, sql);
    await server.stop();
    server = undefined;
    baselines.push(await pgbenchRound(scratch));
    results.postgres = { pgVersion, submit, transitions, baselines, baseline: mean(baselines.map((b) => b.tps)) };
  } finally {
    await sql?.close();
    await server?.stop().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
    await admin(`drop database if exists ${scratch} with (force)`);
    if (values['keep-db']) log(`kept database ${name}`);
    else await admin(`drop database if exists ${name} with (force)`);
  }
}

if (values.only !== 'postgres') {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-bench-cases-pglite-'));
  process.stdout.write(`cases on embedded PGlite (${dataDir}), ${values['pglite-connections']} connections, ${duration} s\n`);
  let server;
  try {
    server = await startServer({}, dataDir);
    results.pglite = { submit: await measureSubmissions(server.match[1], server, Number(values['pglite-connections'])) };
  } finally {
    await server?.stop().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const server =
  'packages/server/src/main.ts, demo city, JOBS_ENABLED=true (job worker and audit sealer in the same process), LOG_LEVEL=warn, NODE_ENV=production';
if (results.postgres) {
  const { submit, transitions, baseline, baselines, pgVersion } = results.postgres;
  const database = `PostgreSQL ${pgVersion} (fresh database, dropped afterwards; pool of 10)`;
  record({
    name: 'cases-submit-postgres',
    unit: 'submissions/s',
    value: submit.perSecond,
    baseline_name: BASELINE,
    baseline_value: baseline,
    goal: '≥ 500/s and ≥ 25% of pgbench TPS, p99 ≤ 100 ms',
    details: {
      ...submit,
      item: SUBMIT_ITEM,
      met: submit.perSecond >= 500 && submit.perSecond >= 0.25 * baseline && submit.p99ms <= 100,
      database,
      server,
      baselines,
    },
  });
  record({
    name: 'cases-transitions',
    unit: 'transitions/s',
    value: transitions.perSecond,
    baseline_name: BASELINE,
    baseline_value: baseline,
    goal: '≥ 1,000/s, zero lost or double transitions',
    details: {
      ...transitions,
      met: transitions.perSecond >= 1000 && transitions.integrity.lost === 0 && transitions.integrity.double === 0,
      database,
      server,
      baselines,
    },
  });
}
if (results.pglite) {
  const { submit } = results.pglite;
  record({
    name: 'cases-submit-pglite',
    unit: 'submissions/s',
    value: submit.perSecond,
    baseline_name: results.postgres ? 'the same on PostgreSQL in this run' : null,
    baseline_value: results.postgres?.submit.perSecond ?? null,
    goal: '≥ 100/s',
    details: { ...submit, item: SUBMIT_ITEM, met: submit.perSecond >= 100, database: 'embedded PGlite (temporary folder)', server },
  });
}
