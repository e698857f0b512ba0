// Crash mid-write (quality.md, reliability 1): client workers file thousands of applications with
// Idempotency-Keys while the real server is kill -9'ed and restarted at random moments (and, on
// PostgreSQL, separately, the database is stopped `-m immediate` and started again). Clients retry
// with the same key until acknowledged. Afterwards every acknowledged submission must exist exactly
// once, with its first action, first task, audit entry and SLA timers (with their jobs); nothing
// may be filed twice; a retry with the same key must return the first answer; the audit chains
// must verify. Exits 1 on any violation.
//
//   node test/chaos/crash-writes.mjs [--modes pglite,postgres] [--duration 60] [--workers 8]
//        [--window-workers 1] [--min-up 2] [--max-up 8] [--kill-during-start 0.2]
//        [--replay-sample 300] [--drain-timeout 180] [--pg-setting name=value …] [--json FILE] [--keep]
//
// Modes: `pglite` (embedded database in a temporary DATA_DIR; phase: server kill -9) and `postgres`
// (a private cluster made with initdb/pg_ctl on a free port — never the machine's shared server;
// phases: server kill -9, then PostgreSQL `stop -m immediate`). `--duration` is per phase, after
// the demo city is seeded. `--pg-setting synchronous_commit=off` shows that the checks do catch
// lost acknowledged writes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDemoCity, DEMO_PASSWORD } from '@tongban/seed';
import pg from 'pg';
import { cardFor, createDemoCardReader } from '../../packages/server/src/modules/datahub/card-reader/demo-reader.ts';
import { openPgliteDb } from '../../packages/server/src/platform/db/pglite-db.ts';
import { openPostgresDb } from '../../packages/server/src/platform/db/postgres-db.ts';
import { checkDatabase, checkReplays, verifyAudit } from './lib/checks.mjs';
import { runWorker, Session } from './lib/clients.mjs';
import { createPrivatePostgres, freePort } from './lib/private-postgres.mjs';
import { createServerControl } from './lib/server.mjs';

const { values } = parseArgs({
  options: {
    modes: { type: 'string', default: 'pglite,postgres' },
    duration: { type: 'string', default: '60' },
    workers: { type: 'string', default: '8' },
    'window-workers': { type: 'string', default: '1' },
    'min-up': { type: 'string', default: '2' },
    'max-up': { type: 'string', default: '8' },
    'kill-during-start': { type: 'string', default: '0.2' },
    'replay-sample': { type: 'string', default: '300' },
    'drain-timeout': { type: 'string', default: '180' },
    'pg-setting': { type: 'string', multiple: true, default: [] },
    json: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const opt = {
  duration: Number(values.duration),
  workers: Number(values.workers),
  windowWorkers: Number(values['window-workers']),
  minUp: Number(values['min-up']),
  maxUp: Number(values['max-up']),
  killDuringStart: Number(values['kill-during-start']),
  replaySample: Number(values['replay-sample']),
  drainTimeout: Number(values['drain-timeout']),
};
const modes = values.modes.split(',').map((m) => m.trim());
for (const m of modes) if (!['pglite', 'postgres'].includes(m)) throw new Error(`Unknown mode ${m} (pglite, postgres)`);

const log = (line) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const between = (lo, hi) => lo + Math.random() * (hi - lo);

// Items a citizen files online with nothing to upload: the data hub supplies the materials
// (once-only), so every submission also runs the exchange (grant, purpose, fetch, exchange log).
const ITEMS = ['SH-TAX-GG-002', 'SH-HRSS-GG-004', 'SH-HSA-GG-001', 'SH-HRSS-GG-003'];
const city = buildDemoCity();
const citizens = [city.demo.citizen, city.demo.legalRepresentative, city.demo.agent, city.demo.elder];
const CLERK = 'clerk.huangpu.nanjingdonglu';
const CLERK_CENTRE = 'SH-HP-NANJINGDONGLU-SC';

/**
 * The clerk's reads of a person's data need the person present: like a real card reader at the
 * seat, the harness holds a device key, registered by the system administrator, and presents a
 * signed read of each window applicant's card (the server runs with NODE_ENV=production, where the
 * demo's simulated reader route does not exist).
 */
async function registerCardReader(base) {
  const admin = new Session(base, 'admin');
  await admin.login('staff', 'admin', DEMO_PASSWORD);
  const device = createDemoCardReader(`CHAOS-${Date.now().toString(36)}`);
  const res = await admin.request('POST', '/api/v1/datahub/card-readers', {
    body: { id: device.id, publicKey: device.publicKey, serviceCentreId: CLERK_CENTRE, seat: 'CHAOS' },
  });
  if (res.status !== 201) throw new Error(`card reader registration failed: ${res.status} ${res.text}`);
  return device;
}

async function loginAll(base) {
  const sessions = [];
  const reader = opt.windowWorkers > 0 ? await registerCardReader(base) : undefined;
  for (let i = 0; i < opt.workers; i++) {
    const atWindow = i < opt.windowWorkers;
    const person = citizens[i % citizens.length];
    const session = new Session(base, atWindow ? `window:${CLERK}` : `online:${person.idNumber}`);
    const actor = await session.login(atWindow ? 'staff' : 'user', atWindow ? CLERK : person.idNumber, DEMO_PASSWORD);
    session.actorId = actor.id;
    if (atWindow && reader) {
      const registryPerson = city.people.find((p) => p.idNumber === person.idNumber);
      if (!registryPerson) throw new Error(`${person.idNumber} is not in the demo registry`);
      const res = await session.request('POST', '/api/v1/datahub/presence', {
        body: reader.read(cardFor(registryPerson), { at: new Date() }),
      });
      if (res.status !== 201) throw new Error(`presence of ${person.idNumber} failed: ${res.status} ${res.text}`);
    }
    // The form as the portal (online) or the intake screen (window) submits it: the data hub's
    // pre-fill for the person, asked once per item and session, plus the mobile number.
    const prefilled = {};
    for (const item of ITEMS) {
      const query = atWindow ? `item=${item}&applicant=${person.idNumber}` : `item=${item}`;
      const res = await session.request('GET', `/api/v1/datahub/prefill?${query}`);
      if (res.status !== 200) throw new Error(`pre-fill of ${item} failed: ${res.status} ${res.text}`);
      prefilled[item] = JSON.parse(res.text).values;
    }
    session.next = (n) => {
      const item = ITEMS[n % ITEMS.length];
      const body = { itemCode: item, form: { ...prefilled[item], 'applicant.mobile': person.mobile }, materials: [] };
      return atWindow
        ? { path: '/api/v1/cases/window-intake', body: { ...body, applicantIdNumber: person.idNumber } }
        : { path: '/api/v1/cases', body };
    };
    sessions.push(session);
  }
  return sessions;
}

/** One phase: workers file while the chaos runs; then they drain (retry to acknowledgement). */
async function runPhase(phase, { server, cluster, sessions, results, prefix }) {
  const stats = {
    issued: 0,
    retries: 0,
    networkErrors: 0,
    csrfRefreshes: 0,
    lostAnswersRecovered: 0,
    statusCounts: {},
    serverKills: 0,
    killsDuringStart: 0,
    databaseStops: 0,
    restartSeconds: [],
  };
  const acksBefore = results.acks.length;
  let running = true;
  let drainDeadline = Number.POSITIVE_INFINITY;
  const started = performance.now();
  const workers = sessions.map((session, id) =>
    runWorker({
      id,
      session,
      next: session.next,
      running: () => running,
      results,
      stats,
      shouldGiveUp: () => performance.now() > drainDeadline,
      prefix,
    }),
  );
  const until = started + opt.duration * 1000;
  while (performance.now() < until) {
    await sleep(between(opt.minUp, opt.maxUp) * 1000);
    if (performance.now() >= until) break;
    if (phase.chaos === 'kill') {
      await server.kill();
      stats.serverKills++;
      const t0 = performance.now();
      if (Math.random() < opt.killDuringStart) {
        // Dies again while opening the database, migrating or starting the job queue.
        const starting = server.start().catch(() => 'killed');
        await sleep(between(200, 3000));
        await server.kill();
        if ((await starting) === 'killed') stats.killsDuringStart++;
      }
      await server.ensureRunning();
      stats.restartSeconds.push((performance.now() - t0) / 1000);
    } else {
      await cluster.stopImmediate();
      stats.databaseStops++;
      const t0 = performance.now();
      await sleep(between(500, 3000));
      await cluster.start();
      stats.restartSeconds.push((performance.now() - t0) / 1000);
      // A server that died with its database is a finding (counted), and restarted.
      await sleep(200);
      await server.ensureRunning();
    }
    log(
      `  ${phase.chaos === 'kill' ? 'server killed' : 'PostgreSQL stopped'} and back; ${results.acks.length - acksBefore} acknowledged so far`,
    );
  }
  const chaosSeconds = (performance.now() - started) / 1000;
  running = false;
  drainDeadline = performance.now() + opt.drainTimeout * 1000;
  await server.ensureRunning();
  await Promise.all(workers);
  const acknowledged = results.acks.length - acksBefore;
  return { ...stats, chaosSeconds, acknowledged, acknowledgedPerSecond: acknowledged / chaosSeconds };
}

async function openDirect(mode, ctx) {
  return mode === 'pglite' ? openPgliteDb(ctx.dataDir) : openPostgresDb(ctx.databaseUrl, 2);
}

async function runMode(mode) {
  const dataDir = mkdtempSync(join(tmpdir(), `tongban-chaos-${mode}-`));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let cluster;
  let databaseUrl;
  if (mode === 'postgres') {
    cluster = await createPrivatePostgres({ settings: values['pg-setting'] });
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('create database tongban');
    await admin.end();
    databaseUrl = cluster.url.replace(/\/postgres$/, '/tongban');
    log(
      `private PostgreSQL on port ${cluster.port} (${cluster.dir})${values['pg-setting'].length ? ` with ${values['pg-setting'].join(', ')}` : ''}`,
    );
  }
  const env = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    KEYS_DIR: join(dataDir, 'keys'),
    UPLOAD_DIR: '',
    // Undefined: removed from the child's environment (PGlite mode), whatever the shell has set.
    DATABASE_URL: databaseUrl,
    SEED_DEMO: 'true',
    JOBS_ENABLED: 'true',
    WEB_DIST_DIR: '',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_AUTH_PER_MINUTE: '100000',
  };
  const logFile = join(dataDir, 'server.log');
  const server = createServerControl({ env, logFile });
  const phases =
    mode === 'pglite'
      ? [{ name: 'server kill -9', chaos: 'kill' }]
      : [
          { name: 'server kill -9', chaos: 'kill' },
          { name: 'PostgreSQL stop -m immediate', chaos: 'database' },
        ];
  const report = { mode, phases: [], violations: [] };
  const results = { acks: [], violations: [], unacknowledged: [] };
  try {
    const t0 = performance.now();
    await server.start();
    log(`${mode}: server up with the demo city seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s (${base}, log ${logFile})`);
    const sessions = await loginAll(base);
    const actorIds = [...new Set(sessions.map((s) => s.actorId))];
    for (const [i, phase] of phases.entries()) {
      log(`${mode}: phase "${phase.name}" for ${opt.duration} s with ${sessions.length} workers (load ${loadavg()[0].toFixed(2)})`);
      const stats = await runPhase(phase, { server, cluster, sessions, results, prefix: `chaos-${mode}-${Date.now().toString(36)}-${i}` });
      const replays = await checkReplays(results.acks, sessions, opt.replaySample);
      await server.stop();
      const db = await openDirect(mode, { dataDir, databaseUrl });
      let dbCheck;
      try {
        dbCheck = await checkDatabase(db, results.acks, actorIds);
      } finally {
        await db.close();
      }
      const audit = verifyAudit(env);
      const violations = [...results.violations.splice(0), ...replays.violations, ...dbCheck.violations, ...audit.violations];
      const unacknowledged = results.unacknowledged.splice(0);
      for (const u of unacknowledged) violations.push({ kind: 'never_acknowledged', ...u });
      const summary = {
        phase: phase.name,
        ...stats,
        restartSecondsMean: stats.restartSeconds.length ? stats.restartSeconds.reduce((a, b) => a + b, 0) / stats.restartSeconds.length : 0,
        unexpectedServerExits: server.stats.unexpectedExits,
        totalAcknowledged: results.acks.length,
        casesFound: dbCheck.casesFound,
        replaysChecked: replays.checked,
        audit: audit.reports.map((r) => `${r.stream}: ${r.ok ? 'ok' : 'FAILED'}, ${r.entries} entries, ${r.unsealed} unsealed`),
        violations: violations.length,
        loadAverage1m: loadavg()[0],
      };
      delete summary.restartSeconds;
      report.phases.push(summary);
      report.violations.push(...violations);
      printPhase(mode, summary, violations);
      if (i < phases.length - 1) await server.start();
    }
  } finally {
    await server.kill();
    // A failed run keeps its evidence: the server logs, the data folder and the database.
    const keep = values.keep || report.violations.length > 0;
    if (keep) log(`kept ${dataDir} (server.log)${cluster ? ` and the cluster in ${cluster.dir} (stopped)` : ''}`);
    if (cluster) {
      if (keep) await cluster.stopImmediate().catch(() => {});
      else cluster.destroy();
    }
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
  }
  return report;
}

function printPhase(mode, s, violations) {
  const f = (n) => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(1));
  log(`${mode} / ${s.phase}:`);
  log(
    `  acknowledged ${f(s.acknowledged)} submissions in ${f(s.chaosSeconds)} s (${f(s.acknowledgedPerSecond)}/s), ${f(s.totalAcknowledged)} in this database`,
  );
  log(
    `  server kills ${s.serverKills} (${s.killsDuringStart} during start-up), database stops ${s.databaseStops}, ` +
      `mean time back ${f(s.restartSecondsMean)} s, unexpected server exits ${s.unexpectedServerExits}`,
  );
  log(
    `  retries ${f(s.retries)} (network errors ${f(s.networkErrors)}, answers ${JSON.stringify(s.statusCounts)}), ` +
      `first answer lost and replayed on retry: ${f(s.lostAnswersRecovered)}`,
  );
  log(`  replays checked ${s.replaysChecked}; cases in the database filed by the harness ${f(s.casesFound)}; audit ${s.audit.join('; ')}`);
  log(`  violations: ${violations.length}`);
  for (const v of violations.slice(0, 20)) log(`    ✗ ${JSON.stringify(v).slice(0, 400)}`);
  if (violations.length > 20) log(`    … and ${violations.length - 20} more`);
}

log(
  `crash harness: modes ${modes.join(', ')}; ${JSON.stringify(opt)}; load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const reports = [];
for (const mode of modes) reports.push(await runMode(mode));
const total = reports.reduce((n, r) => n + r.violations.length, 0);
if (values.json) writeFileSync(values.json, `${JSON.stringify(reports, null, 2)}\n`);
log(
  `done: ${reports.map((r) => `${r.mode} ${r.phases.map((p) => `${p.acknowledged} acknowledged`).join(' + ')}`).join('; ')}; violations ${total}`,
);
process.exit(total === 0 ? 0 : 1);
