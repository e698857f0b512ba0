// The SQL ceiling of filings and transitions: what the server's own statements allow on this
// machine when nothing else runs — no HTTP, no sessions in Node, no validation, no JSON —
// measured beside pgbench in the same run.
//
//   cases-sql-ceiling-submit       the statements of one online filing (the same item and body as
//                                  bench/cases.mjs), replayed with fresh identifiers by
//                                  `--clients` concurrent loops: filings/s
//   cases-sql-ceiling-transitions  then, on those cases, the statements of accept and approve, each
//                                  with a losing racer's request after it (as in bench/cases.mjs,
//                                  where two reviewers race every step): transitions/s
//
// How: the server runs in this process (the same wiring as main.ts, demo city seeded, jobs off)
// on a Db that records statements (lib/sql-recorder.mjs). One case is filed, accepted and
// approved over HTTP, each step raced by a second reviewer; then a second case the same way, so the
// identifiers each request created can be told from the ones both share. The replay sends the first
// case's statements again through the same driver (prepared, pipelined), in the same transactions.
//
// Why: the goals of bench/cases.mjs are ratios to pgbench on a machine where server, database and
// load generator share the cores. If the statements alone, sent by a client that does nothing else,
// cannot reach a goal, no server that sends them can; this says how far the SQL must shrink first.
//
//   node bench/cases-sql-ceiling.mjs [--duration 10] [--clients 4] [--pgbench-seconds 10] [--keep-db]
//                                    [--show]   (prints each captured statement: where the round trips go)
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDemoCity, DEMO_PASSWORD } from '@tongban/seed';
import { loadConfig } from '../packages/server/src/config.ts';
import { openPostgresDb } from '../packages/server/src/platform/db/postgres-db.ts';
import { startRuntime } from '../packages/server/src/platform/runtime.ts';
import { seedDemoIfEmpty } from '../packages/server/src/seed-demo.ts';
import { addReviewers, initPgbench, loginMany, runPgbench, submissionBody } from './lib/cases-workload.mjs';
import { admin, databaseUrl } from './lib/pg-admin.mjs';
import { backendCpu, backendCpuSince } from './lib/pg-cpu.mjs';
import { writeResult } from './lib/results.mjs';
import { assertSameShape, freshTokens, recordingDb, replay, roundTrips } from './lib/sql-recorder.mjs';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    clients: { type: 'string', default: '4' },
    'pgbench-seconds': { type: 'string', default: '10' },
    'keep-db': { type: 'boolean', default: false },
    show: { type: 'boolean', default: false },
  },
});
const duration = Number(values.duration);
const clients = Number(values.clients);
const log = (line) => process.stdout.write(`  ${line}\n`);
const load = () => Math.round(loadavg()[0] * 100) / 100;
const BASELINE = 'pgbench -c 4 -j 2 TPS (tpcb-like)';

/** Files one case and takes it through accept and approve, each step raced by the second reviewer. */
async function captureCase(recorder, citizen, body, [a, b]) {
  const filed = await recorder.capture(() =>
    citizen.request('POST', '/api/v1/cases', { body, headers: { 'idempotency-key': randomUUID() } }),
  );
  if (filed.result.status !== 201) throw new Error(`filing: ${filed.result.status} ${filed.result.text}`);
  const caseId = JSON.parse(filed.result.text).caseId;
  const step = async (session, action, expected) => {
    const r = await recorder.capture(() => session.request('POST', `/api/v1/cases/${caseId}/actions/${action}`, { body: {} }));
    if (r.result.status !== expected) throw new Error(`${action}: ${r.result.status} ${r.result.text}`);
    return r.statements;
  };
  return {
    filing: filed.statements,
    transitions: [await step(a, 'accept', 200), await step(b, 'accept', 409), await step(b, 'approve', 200), await step(a, 'approve', 409)],
  };
}

/** `clients` loops, each taking the next unit of work until the time is up or the work runs out. */
async function loops(next, work) {
  const deadline = performance.now() + duration * 1000;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let unit = next(); unit !== undefined && performance.now() < deadline; unit = next()) {
        await work(unit);
        done++;
      }
    }),
  );
  return { done, seconds: (performance.now() - started) / 1000 };
}

async function measured(label, sql, run) {
  const pgBefore = await backendCpu(sql);
  const ownBefore = process.cpuUsage();
  const r = await run();
  const pgMs = backendCpuSince(pgBefore, await backendCpu(sql));
  const own = process.cpuUsage(ownBefore);
  const perOp = (ms) => Math.round((ms * 1000) / r.ops);
  const out = {
    perSecond: r.ops / r.seconds,
    operations: r.ops,
    seconds: r.seconds,
    clients,
    postgresCpuUsPerOperation: perOp(pgMs),
    replayerCpuUsPerOperation: perOp((own.user + own.system) / 1000),
    loadAverage1m: load(),
  };
  log(
    `${label}: ${out.perSecond.toFixed(1)}/s (${r.ops} in ${r.seconds.toFixed(1)} s, ${clients} clients), CPU µs each: PostgreSQL ${out.postgresCpuUsPerOperation}, replayer ${out.replayerCpuUsPerOperation} (load ${out.loadAverage1m})`,
  );
  return out;
}

const name = `tongban_ceiling_${randomBytes(5).toString('hex')}`;
const scratch = `${name}_pgbench`;
const [{ server_version: pgVersion }] = await admin('show server_version');
process.stdout.write(`SQL ceiling of cases on PostgreSQL ${pgVersion} (database ${name}), ${clients} clients, ${duration} s per run\n`);
await admin(`create database ${scratch}`);
await admin(`create database ${name}`);
const dataDir = mkdtempSync(join(tmpdir(), 'tongban-bench-ceiling-'));
let runtime;
let replayDb;
try {
  initPgbench(databaseUrl(scratch));
  const pgbench = () => {
    const r = runPgbench(databaseUrl(scratch), Number(values['pgbench-seconds']));
    log(`pgbench: ${r.tps.toFixed(0)} TPS (load ${load()})`);
    return r;
  };
  const baselines = [pgbench()];

  const recorder = recordingDb(await openPostgresDb(databaseUrl(name), 4));
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl(name),
    DATA_DIR: dataDir,
    KEYS_DIR: undefined,
    UPLOAD_DIR: undefined,
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    NODE_ENV: 'production',
    RATE_LIMIT_AUTH_PER_MINUTE: '100000',
    WEB_DIST_DIR: '',
  });
  runtime = await startRuntime(config, { db: recorder.db });
  await seedDemoIfEmpty(runtime.app.platform);
  await runtime.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${runtime.app.server.address().port}`;
  const { citizen: person } = buildDemoCity().demo;
  const [citizen] = await loginMany(base, [person.idNumber], 'user', DEMO_PASSWORD);
  const body = await submissionBody(citizen, person.mobile);
  const reviewers = await loginMany(base, await addReviewers(recorder.db, 2), 'staff', DEMO_PASSWORD);
  await captureCase(recorder, citizen, body, reviewers); // warms the server's caches
  const first = await captureCase(recorder, citizen, body, reviewers);
  const second = await captureCase(recorder, citizen, body, reviewers);
  assertSameShape('filing', first.filing, second.filing);
  for (const [i, t] of first.transitions.entries()) assertSameShape(`transition request ${i}`, t, second.transitions[i]);
  const all = (c) => [...c.filing, ...c.transitions.flat()];
  const fresh = freshTokens(all(first), all(second));
  const count = (xs) => xs.filter((s) => s.kind !== 'rollback').length;
  const shape = (xs) => `${count(xs)} statements in ${roundTrips(xs)} round trips`;
  const [accept, acceptLost, approve, approveLost] = first.transitions;
  log(
    `captured: filing ${shape(first.filing)}; accept ${shape(accept)} + losing racer ${shape(acceptLost)}; ` +
      `approve ${shape(approve)} + losing racer ${shape(approveLost)}; ${fresh.size} identifiers made per case`,
  );
  if (values.show) {
    for (const [label, xs] of Object.entries({ filing: first.filing, accept, acceptLost, approve, approveLost })) {
      log(`${label}:`);
      for (const x of xs)
        log(`  ${x.kind.padEnd(8)} ${x.tx === null ? 'pool' : `tx ${x.tx}`}  ${(x.text ?? '').replace(/\s+/g, ' ').slice(0, 110)}`);
    }
  }
  await runtime.close();
  runtime = undefined;

  replayDb = await openPostgresDb(databaseUrl(name), clients);
  const cases = [];
  const submit = await measured('filings (SQL only)', replayDb, async () => {
    const r = await loops(
      () => new Map(),
      async (mapping) => {
        await replay(replayDb, first.filing, fresh, mapping);
        cases.push(mapping);
      },
    );
    return { ops: r.done, seconds: r.seconds };
  });
  const queue = [...cases];
  const transitions = await measured('transitions (SQL only, each with its losing racer)', replayDb, async () => {
    const r = await loops(
      () => queue.shift(),
      async (mapping) => {
        for (const t of first.transitions) await replay(replayDb, t, fresh, mapping);
      },
    );
    return { ops: r.done * 2, seconds: r.seconds };
  });
  if (queue.length === 0) log('note: the transitions ran out of filed cases before the time was up');
  baselines.push(pgbench());
  const baseline = baselines.reduce((s, b) => s + b.tps, 0) / baselines.length;
  const details = {
    database: `PostgreSQL ${pgVersion} (fresh database, demo city; dropped afterwards)`,
    replay: 'the statements the server sent for one case, through the server’s own driver (prepared, pipelined), no HTTP',
    requests: Object.fromEntries(
      Object.entries({ filing: first.filing, accept, acceptLosingRacer: acceptLost, approve, approveLosingRacer: approveLost }).map(
        ([k, xs]) => [k, { statements: count(xs), roundTrips: roundTrips(xs) }],
      ),
    ),
    baselines,
  };
  writeResult({
    name: 'cases-sql-ceiling-submit',
    unit: 'filings/s',
    value: submit.perSecond,
    baseline_name: BASELINE,
    baseline_value: baseline,
    goal: 'none: the most the server’s filing SQL allows (cases-submit-postgres must reach ≥ 500/s and ≥ 25%)',
    details: { ...submit, ...details },
  });
  writeResult({
    name: 'cases-sql-ceiling-transitions',
    unit: 'transitions/s',
    value: transitions.perSecond,
    baseline_name: BASELINE,
    baseline_value: baseline,
    goal: 'none: the most the server’s transition SQL allows (cases-transitions must reach ≥ 1,000/s)',
    details: { ...transitions, ...details },
  });
  log(
    `→ filings: ${submit.perSecond.toFixed(1)}/s = ${((100 * submit.perSecond) / baseline).toFixed(1)}% of pgbench; ` +
      `transitions: ${transitions.perSecond.toFixed(1)}/s = ${((100 * transitions.perSecond) / baseline).toFixed(1)}% (pgbench ${baseline.toFixed(0)} TPS)`,
  );
} finally {
  await runtime?.close().catch(() => {});
  await replayDb?.close();
  rmSync(dataDir, { recursive: true, force: true });
  await admin(`drop database if exists ${scratch} with (force)`);
  if (values['keep-db']) log(`kept database ${name}`);
  else await admin(`drop database if exists ${name} with (force)`);
}
