// Data-hub exchanges on real PostgreSQL, with the demo city seeded:
//   datahub-exchange    a staff query for a case (`queryResource`, the service behind
//                       POST /api/v1/datahub/query): resource and purpose checks, the subject's part in
//                       the case, the covering grant, the fetch from the in-platform registry, the
//                       exchange-log entry (audit stream `exchange`) and its projection row in one
//                       transaction — with the audit sealer chaining the log every 2 s, as in production.
//                       Closed loop, `--concurrency` callers in this process over a pool of `--pool`.
//                       Baseline: the bare indexed SELECT of the same record (`findRegistryPerson`,
//                       what the exchange's fetch runs), same callers, same pool, interleaved with
//                       the candidate (baseline, candidate, baseline …; the mean of the baselines).
//                       Details add p50/p99, Node and PostgreSQL CPU per operation, and the same
//                       query over HTTP (the real server in a child process, a staff session,
//                       autocannon) unless --http false.
//   datahub-log-verify  the exchange log written by the runs above, sealed, then verified end to end
//                       (`verifyAuditChain`, stream `exchange`).
// Goals (quality.md): ≥ 2,000 exchanges/s and ≥ 30% of the bare select.
//
// The fixture: the demo city (`seedDemoIfEmpty`), and `--subjects` residents of its population
// registry made parties to cases of 个人社会保险参保缴费证明打印 (SH-HRSS-GG-004) — the rows filing
// writes into `datahub_case_party` — queried by the item's reviewer (reviewer.hrss, 市人社局) for the
// fields the item's material names, under the grant the demo seed gives SH-HRSS for that item.
//
//   node bench/datahub.mjs [--duration 10] [--concurrency 16] [--pool 8] [--subjects 500] [--rounds 2]
//                          [--http true|false] [--keep-db] [--reuse-db NAME] [--cpu-prof DIR]
// (--cpu-prof profiles the HTTP server; profile the in-process runs with `node --cpu-prof bench/datahub.mjs`.)
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { permissionsOf } from '@tongban/domain';
import { DEMO_PASSWORD } from '@tongban/seed';
import autocannon from 'autocannon';
import { loadConfig } from '../packages/server/src/config.ts';
import { queryResource } from '../packages/server/src/modules/datahub/use-cases/query.ts';
import { findRegistryPerson } from '../packages/server/src/modules/registry/index.ts';
import { sealNow, startSealer } from '../packages/server/src/platform/audit/sealer.ts';
import { verifyAuditChain } from '../packages/server/src/platform/audit/verify.ts';
import { startRuntime } from '../packages/server/src/platform/runtime.ts';
import { seedDemoIfEmpty } from '../packages/server/src/seed-demo.ts';
import { admin, adminUrl } from './lib/pg-admin.mjs';
import { backendCpu, backendCpuSince } from './lib/pg-cpu.mjs';
import { startNode } from './lib/processes.mjs';
import { benchDir, writeResult } from './lib/results.mjs';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '16' },
    pool: { type: 'string', default: '8' },
    subjects: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '2' },
    http: { type: 'string', default: 'true' },
    'keep-db': { type: 'boolean', default: false },
    'reuse-db': { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});
const durationMs = Number(values.duration) * 1000;
const concurrency = Number(values.concurrency);
const poolSize = Number(values.pool);
const subjectCount = Number(values.subjects);
const rounds = Number(values.rounds);
const ITEM = 'SH-HRSS-GG-004';
const STAFF = 'reviewer.hrss';
const RESOURCE = 'POPULATION';
const FIELDS = ['name', 'id_number', 'sex', 'ethnicity', 'birth_date', 'household_address'];
const PURPOSE = '办理个人社会保险参保缴费证明打印，核验参保人身份 / verify the insured person';
const BASELINE = 'bare indexed SELECT of the same record';
const GOAL_RATE = 2000;
const GOAL_RATIO = 0.3;

const log = (line) => process.stdout.write(`  ${line}\n`);
const round1 = (x) => Math.round(x * 10) / 10;
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/** The demo city, and `subjectCount` residents made parties to cases of ITEM. */
async function prepare(platform) {
  const seeded = await seedDemoIfEmpty(platform);
  if (seeded) log('demo city seeded');
  const { db } = platform;
  await db.query(
    `insert into datahub_case_party (case_id, subject, role, item_code, tracking_no, recorded_at)
     select overlay(overlay(md5('tongban-bench-case-' || n) placing '4' from 13 for 1) placing '8' from 17 for 1)::uuid::text, id_number, 'applicant', $1, 'BENCH' || lpad(n::text, 8, '0'), now()
     from (select id_number, row_number() over (order by id_number) as n from registry_person where alive limit $2) p
     on conflict (case_id, subject) do nothing`,
    [ITEM, subjectCount],
  );
  // Purpose binding (issue 14): a query must cite an open case of the querying department, so each
  // party's case exists as an open case of 市人社局 (the columns filing would write, minimal values).
  await db.query(
    `insert into case_file (id, tracking_no, item_code, catalogue_version_id, item_version, item_name_zh, item_name_en, plan,
       channel, filed_by_type, filed_by_id, applicant_type, applicant_id_number, applicant_name, responsible_department_id,
       answers, form, contact, delivery, status, version, submitted_at, promised_days, statutory_days, created_at)
     select p.case_id, p.tracking_no, p.item_code, 'bench', 1, '基准测试', 'bench', '{"steps":[]}', 'online', 'user', 'bench',
       'person', p.subject, '基准测试', 'SH-HRSS', '{}', '{}', '{}', '{}', 'submitted', 1, now(), 1, 1, now()
     from datahub_case_party p where p.tracking_no like 'BENCH%'
     on conflict (id) do nothing`,
  );
  const cases = await db.query(
    `select case_id, subject from datahub_case_party where tracking_no like 'BENCH%' order by tracking_no limit $1`,
    [subjectCount],
  );
  const [staff] = await db.query(
    `select s.id, s.name, s.department_id, array_agg(r.role order by r.role) as roles
     from staff s join staff_role r on r.staff_id = s.id where s.username = $1 group by s.id`,
    [STAFF],
  );
  if (!staff || cases.length < subjectCount) throw new Error(`fixture incomplete: staff ${Boolean(staff)}, ${cases.length} cases`);
  await db.query('analyze');
  return { cases, staff };
}

/**
 * `concurrency` callers, each calling `op(i)` again as soon as the previous call returns, for
 * `ms`. Returns operations/s, latency percentiles and CPU per operation (Node, PostgreSQL).
 */
async function closedLoop(title, db, op, ms) {
  let next = 0;
  const latencies = [];
  const warmEnd = performance.now() + Math.min(2000, ms / 3);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < warmEnd) await op(next++);
    }),
  );
  const loadBefore = loadavg()[0];
  const pg0 = await backendCpu(db);
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const end = started + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await op(next++);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const pgCpuMs = backendCpuSince(pg0, await backendCpu(db));
  latencies.sort((a, b) => a - b);
  const n = latencies.length;
  const r = {
    title,
    perSecond: round1((n / elapsed) * 1000),
    total: n,
    p50ms: round1(percentile(latencies, 50)),
    p99ms: round1(percentile(latencies, 99)),
    maxMs: round1(latencies.at(-1) ?? Number.NaN),
    nodeCpuUsPerOp: Math.round((cpu.user + cpu.system) / n),
    postgresCpuUsPerOp: Math.round((pgCpuMs * 1000) / n),
    loadAverage1m: round1((loadBefore + loadavg()[0]) / 2),
  };
  log(
    `${title}: ${Math.round(r.perSecond)}/s, p50 ${r.p50ms} ms, p99 ${r.p99ms} ms, ` +
      `Node CPU ${r.nodeCpuUsPerOp} µs/op, PostgreSQL CPU ${r.postgresCpuUsPerOp} µs/op (load average ${r.loadAverage1m})`,
  );
  return r;
}

/** The same query over HTTP: the real server in a child process, a staff session, autocannon. */
async function overHttp(dbUrl, dataDir, cases) {
  const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];
  const server = await startNode([...profile, join(benchDir, '../packages/server/src/main.ts')], {
    env: {
      DATABASE_URL: dbUrl,
      DATABASE_POOL_SIZE: String(poolSize),
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      JOBS_ENABLED: 'true',
      WEB_DIST_DIR: '',
      NODE_ENV: 'production',
    },
    unset: ['KEYS_DIR'],
    ready: /is running at (http:\/\/\S+)/,
    label: 'Tongban server',
  });
  try {
    const base = server.match[1];
    const csrf = await fetch(`${base}/api/v1/auth/csrf`);
    const cookies = csrf.headers.getSetCookie().map((c) => c.split(';')[0]);
    const { token } = await csrf.json();
    const headers = { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookies.join('; ') };
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ kind: 'staff', username: STAFF, password: DEMO_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login as ${STAFF} failed: ${login.status} ${await login.text()}`);
    const session = login.headers.getSetCookie().find((c) => c.startsWith('tb_session='));
    headers.cookie = [...cookies, session.split(';')[0]].join('; ');
    const bodies = cases.map((c) =>
      JSON.stringify({ resource: RESOURCE, fields: FIELDS, purpose: PURPOSE, caseId: c.case_id, subject: c.subject }),
    );
    const probe = await fetch(`${base}/api/v1/datahub/query`, { method: 'POST', headers, body: bodies[0] });
    if (probe.status !== 200) throw new Error(`POST /api/v1/datahub/query: ${probe.status} ${await probe.text()}`);
    let next = 0;
    const requests = [
      { method: 'POST', path: '/api/v1/datahub/query', headers, setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }) },
    ];
    await autocannon({ url: base, connections: concurrency, duration: 3, requests });
    const loadBefore = loadavg()[0];
    const r = await autocannon({ url: base, connections: concurrency, duration: durationMs / 1000, requests });
    if (r.non2xx || r.errors || r.timeouts) throw new Error(`HTTP: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
    const result = {
      title: 'POST /api/v1/datahub/query over HTTP (staff session)',
      perSecond: r.requests.average,
      total: r.requests.total,
      p50ms: r.latency.p50,
      p99ms: r.latency.p99,
      connections: concurrency,
      loadAverage1m: round1((loadBefore + loadavg()[0]) / 2),
    };
    log(
      `${result.title}: ${Math.round(result.perSecond)}/s, p50 ${result.p50ms} ms, p99 ${result.p99ms} ms (load average ${result.loadAverage1m})`,
    );
    return result;
  } finally {
    await server.stop();
  }
}

const reuse = values['reuse-db'];
const dbName = reuse ?? `tongban_bench_${randomBytes(5).toString('hex')}`;
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;
process.stdout.write(
  `datahub: PostgreSQL database ${dbName}, ${concurrency} callers, pool of ${poolSize}, ${subjectCount} subjects, ${values.duration} s per run\n`,
);
if (!reuse) await admin(`create database ${dbName}`);
// The signing keys (exchange-log checkpoints) live in DATA_DIR: a kept database keeps its folder, and
// the HTTP server shares it, so every checkpoint verifies.
const keep = values['keep-db'] || Boolean(reuse);
const dataDir = join(tmpdir(), `${dbName}-data`);
mkdirSync(dataDir, { recursive: true });
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  SEED_DEMO: 'false',
  JOBS_ENABLED: 'false',
  DATA_DIR: dataDir,
  WEB_DIST_DIR: '',
  DATABASE_URL: dbUrl.toString(),
  DATABASE_POOL_SIZE: String(poolSize),
});
const runtime = await startRuntime(config);
try {
  const platform = runtime.app.platform;
  const { db } = platform;
  const { cases, staff } = await prepare(platform);
  const roles = staff.roles;
  const ctxFor = (i) => ({
    ...platform,
    actor: {
      kind: 'staff',
      sessionId: 'bench',
      staffId: staff.id,
      name: staff.name,
      departmentId: staff.department_id,
      roles,
      permissions: permissionsOf(roles),
    },
    requestId: `bench-${i}`,
    ip: '127.0.0.1',
  });
  const exchange = async (i) => {
    const c = cases[i % cases.length];
    const answer = await queryResource(ctxFor(i), {
      resource: RESOURCE,
      fields: FIELDS,
      purpose: PURPOSE,
      caseId: c.case_id,
      subject: c.subject,
    });
    if (answer.records.length !== 1) throw new Error(`no record for ${c.subject}`);
  };
  const bareSelect = async (i) => {
    if (!(await findRegistryPerson(db, cases[i % cases.length].subject))) throw new Error('no record');
  };
  await exchange(0); // fails loudly if the fixture is wrong

  const [{ n: exchangesBefore }] = await db.query(`select count(*)::int as n from datahub_exchange`);
  const runs = { bare: [], exchange: [] };
  let exchangeCalls = 0;
  for (let round = 0; round < rounds; round++) {
    runs.bare.push(await closedLoop(BASELINE, db, bareSelect, durationMs));
    // The sealer chains the exchange log while exchanges run, as on a production server.
    const sealer = startSealer({ db, signer: platform.signer, clock: platform.clock, intervalSeconds: 2, log: platform.log });
    const countingExchange = async (i) => {
      exchangeCalls++;
      await exchange(i);
    };
    try {
      runs.exchange.push(await closedLoop('exchange (queryResource)', db, countingExchange, durationMs));
    } finally {
      await sealer.stop();
    }
  }
  runs.bare.push(await closedLoop(BASELINE, db, bareSelect, durationMs));

  // Every exchange logged: one projection row and one exchange-stream entry per call (plus the probe).
  const [{ n: exchangesAfter }] = await db.query(`select count(*)::int as n from datahub_exchange`);
  if (exchangesAfter - exchangesBefore !== exchangeCalls)
    throw new Error(`${exchangeCalls} exchanges but ${exchangesAfter - exchangesBefore} logged`);

  await sealNow(db, platform.signer, platform.clock);
  const [{ n: logEntries }] = await db.query(`select count(*)::int as n from audit_log where stream = 'exchange'`);
  const pgV0 = await backendCpu(db);
  const vCpu0 = process.cpuUsage();
  const v0 = performance.now();
  const verified = await verifyAuditChain(db, platform.signer, platform.clock, { stream: 'exchange' });
  const verifyMs = performance.now() - v0;
  const vCpu = process.cpuUsage(vCpu0);
  const verifyPgMs = backendCpuSince(pgV0, await backendCpu(db));
  if (!verified.ok || verified.checkedEntries !== logEntries) throw new Error(`exchange log: ${JSON.stringify(verified).slice(0, 400)}`);
  log(`exchange log: ${logEntries} entries verified in ${(verifyMs / 1000).toFixed(2)} s`);

  const http = values.http === 'false' ? null : await overHttp(dbUrl.toString(), dataDir, cases);

  const baseline = mean(runs.bare.map((r) => r.perSecond));
  const perRoundRatios = runs.exchange.map(
    (r, i) => Math.round((r.perSecond / mean([runs.bare[i].perSecond, runs.bare[i + 1].perSecond])) * 1000) / 1000,
  );
  const value = median(runs.exchange.map((r) => r.perSecond));
  const p99ms = median(runs.exchange.map((r) => r.p99ms));
  const [{ server_version: pgVersion }] = await db.query('show server_version');
  writeResult({
    name: 'datahub-exchange',
    unit: 'exchanges/s',
    value,
    baseline_name: BASELINE,
    baseline_value: baseline,
    goal: `≥ ${GOAL_RATE.toLocaleString('en-US')}/s and ≥ ${GOAL_RATIO * 100}% of the bare select`,
    details: {
      met: value >= GOAL_RATE && value / baseline >= GOAL_RATIO,
      ratiosPerRound: perRoundRatios,
      p50ms: median(runs.exchange.map((r) => r.p50ms)),
      p99ms,
      nodeCpuUsPerExchange: median(runs.exchange.map((r) => r.nodeCpuUsPerOp)),
      postgresCpuUsPerExchange: median(runs.exchange.map((r) => r.postgresCpuUsPerOp)),
      nodeCpuUsPerBareSelect: median(runs.bare.map((r) => r.nodeCpuUsPerOp)),
      postgresCpuUsPerBareSelect: median(runs.bare.map((r) => r.postgresCpuUsPerOp)),
      callers: concurrency,
      pool: poolSize,
      subjects: subjectCount,
      durationSeconds: durationMs / 1000,
      rounds,
      database: `PostgreSQL ${pgVersion} (fresh database, dropped afterwards)`,
      exchange: `${STAFF} queries ${RESOURCE} (${FIELDS.join(', ')}) for cases of ${ITEM}; sealer every 2 s`,
      runs,
      http,
    },
  });
  writeResult({
    name: 'datahub-log-verify',
    unit: 'entries/s',
    value: logEntries / (verifyMs / 1000),
    details: {
      entries: logEntries,
      verifySeconds: verifyMs / 1000,
      nodeCpuSeconds: (vCpu.user + vCpu.system) / 1e6,
      postgresCpuSeconds: verifyPgMs / 1000,
      note: 'the exchange stream written by datahub-exchange (a few tens of thousands of entries; see audit-verify for 1 M)',
    },
  });
} finally {
  await runtime.close();
  if (keep) log(`kept database ${dbName} and ${dataDir} (--reuse-db ${dbName})`);
  else {
    await admin(`drop database if exists ${dbName} with (force)`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
