// Audit chain at scale, on real PostgreSQL: insert N entries (generate_series, one statement),
// seal them (chain + one signed checkpoint), then verify end to end. Reports:
//   audit-seal    sealing throughput (entries/s)
//   audit-verify  verification throughput (entries/s, wall clock, everything included: reading the
//                 chain pages, canonical form + SHA-256 per entry, checkpoint signature, the
//                 unsealed-entries check); baseline: reading the same pages (the verifier's own
//                 COPY per page) without verifying.
// Details add the CPU time of verify in Node and in the PostgreSQL backends (on a shared machine
// CPU time is far steadier than wall time; on an idle 2-core machine the two run side by side, so
// the larger one bounds the wall time), and the pure per-entry CPU rate (canonical + hash over rows
// already in memory). The database is created fresh and dropped at the end.
//
//   node bench/audit-verify.mjs [--entries 1000000] [--keep-db] [--reuse-db NAME]
// (--keep-db leaves the database in place; --reuse-db verifies such a kept database again, skipping
// the insert and the seal — for profiling and comparing changes; it is not dropped either.)
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { readChainLine } from '../packages/server/src/platform/audit/chain-line.ts';
import { readChainPage } from '../packages/server/src/platform/audit/chain-page.ts';
import { sealNow } from '../packages/server/src/platform/audit/sealer.ts';
import { verifyAuditChain } from '../packages/server/src/platform/audit/verify.ts';
import { migrate } from '../packages/server/src/platform/db/migrate.ts';
import { openPostgresDb } from '../packages/server/src/platform/db/postgres-db.ts';
import { createKeyStoreSigner } from '../packages/server/src/platform/signing/signing.ts';
import { systemClock } from '../packages/server/src/platform/system-clock.ts';
import { admin, adminUrl } from './lib/pg-admin.mjs';
import { backendCpu, backendCpuSince } from './lib/pg-cpu.mjs';
import { writeResult } from './lib/results.mjs';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '1000000' },
    'keep-db': { type: 'boolean', default: false },
    'reuse-db': { type: 'string' },
  },
});
const N = Number(values.entries);
const PAGE = 50_000; // the verifier's default
const GOAL = 200_000;

const seconds = (ms) => ms / 1000;
const log = (line) => process.stdout.write(`  ${line}\n`);

const reuse = values['reuse-db'];
const keep = values['keep-db'] || Boolean(reuse);
const name = reuse ?? `tongban_bench_${randomBytes(5).toString('hex')}`;
// A kept database is verified later by another process: its checkpoint key must outlive this one.
const keysDir = keep ? join(tmpdir(), `${name}-keys`) : undefined;
process.stdout.write(`audit-verify: ${N.toLocaleString('en-US')} entries on PostgreSQL (database ${name})\n`);
if (!reuse) await admin(`create database ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const db = await openPostgresDb(url.toString(), 4);
try {
  await migrate(db);
  const [{ version }] = await db.query('select version()');
  const signer = createKeyStoreSigner(keysDir);
  let t0;
  let insertMs = Number.NaN;
  let sealMs = Number.NaN;
  let checkpoints = Number.NaN;
  if (!reuse) {
    t0 = performance.now();
    await db.query(
      `insert into audit_log (stream, occurred_at, actor_type, actor_id, action, target_type, target_id, subject, detail, request_id)
       select 'audit', now() - ($1::int - g) * interval '1 millisecond', 'staff', 'staff-' || (g % 97),
              (array['cases.case.accepted', 'cases.case.approved', 'identity.user.registered', 'datahub.record.fetched'])[1 + g % 4],
              'case', 'SH2026-' || lpad(g::text, 8, '0'), '110101199003074514',
              jsonb_build_object('step', g % 7, 'note', '审查通过 approved', 'amount', g * 3, 'materials', jsonb_build_array('id-card', 'licence')),
              'req-' || md5(g::text)
       from generate_series(1, $1::int) g`,
      [N],
    );
    await db.query('analyze audit_log');
    insertMs = performance.now() - t0;
    log(`inserted in ${seconds(insertMs).toFixed(1)} s`);

    t0 = performance.now();
    const sealed = await sealNow(db, signer, systemClock);
    sealMs = performance.now() - t0;
    if (sealed.sealed !== N) throw new Error(`sealed ${sealed.sealed} of ${N}`);
    checkpoints = sealed.streams.length;
    await db.query('analyze audit_chain');
    log(`sealed in ${seconds(sealMs).toFixed(1)} s`);
  }

  // Baseline: the verifier's own reads (checkpoints and one COPY per page), rows dropped.
  let pgCpu0 = await backendCpu(db);
  t0 = performance.now();
  let read = 0;
  for (let from = 0; from < N; from += PAGE) {
    read += await readChainPage(db, 'audit', from, Math.min(from + PAGE, N), { onCheckpoints() {}, onLine() {} });
  }
  const readMs = performance.now() - t0;
  const readPgCpuMs = backendCpuSince(pgCpu0, await backendCpu(db));
  if (read !== N) throw new Error(`read ${read} of ${N}`);
  log(`read without verifying in ${seconds(readMs).toFixed(2)} s (PostgreSQL CPU ${seconds(readPgCpuMs).toFixed(2)} s)`);

  pgCpu0 = await backendCpu(db);
  const cpu0 = process.cpuUsage();
  t0 = performance.now();
  const report = await verifyAuditChain(db, signer, systemClock, { stream: 'audit', pageSize: PAGE });
  const verifyMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const verifyPgCpuMs = backendCpuSince(pgCpu0, await backendCpu(db));
  if (!report.ok || report.checkedEntries !== N) throw new Error(`verify failed: ${JSON.stringify(report).slice(0, 500)}`);
  const nodeCpuMs = (cpu.user + cpu.system) / 1000;
  log(
    `verified in ${seconds(verifyMs).toFixed(2)} s (Node CPU ${seconds(nodeCpuMs).toFixed(2)} s, PostgreSQL CPU ${seconds(verifyPgCpuMs).toFixed(2)} s)`,
  );

  // The per-entry work alone (as in verify): canonical form + SHA-256 of 100,000 COPY lines in memory.
  const sample = [];
  await readChainPage(db, 'audit', 0, Math.min(N, 100_000), { onCheckpoints() {}, onLine: (line) => sample.push(Buffer.from(line)) });
  const hashCpu0 = process.cpuUsage();
  t0 = performance.now();
  for (const line of sample) {
    const row = readChainLine(line);
    if (row.expectedHash !== row.hash) throw new Error('hash mismatch in the CPU sample');
  }
  const hashMs = performance.now() - t0;
  const hashCpu = process.cpuUsage(hashCpu0);
  const hashRate = sample.length / seconds(hashMs);
  const hashCpuRate = sample.length / ((hashCpu.user + hashCpu.system) / 1e6);
  log(
    `canonical + SHA-256 alone: ${Math.round(hashRate).toLocaleString('en-US')} entries/s (${Math.round(hashCpuRate).toLocaleString('en-US')} per CPU second)`,
  );

  const common = { entries: N, database: version.split(' on ')[0], pageSize: PAGE };
  if (!reuse)
    writeResult({
      name: 'audit-seal',
      unit: 'entries/s',
      value: N / seconds(sealMs),
      details: { ...common, sealSeconds: seconds(sealMs), insertSeconds: seconds(insertMs), checkpoints },
    });
  writeResult({
    name: 'audit-verify',
    unit: 'entries/s',
    value: N / seconds(verifyMs),
    baseline_name: 'reading the same chain pages',
    baseline_value: N / seconds(readMs),
    goal: `≥ ${GOAL.toLocaleString('en-US')} entries/s (1 M in < 5 s)`,
    details: {
      ...common,
      verifySeconds: seconds(verifyMs),
      readSeconds: seconds(readMs),
      verifyNodeCpuSeconds: seconds(nodeCpuMs),
      verifyPostgresCpuSeconds: seconds(verifyPgCpuMs),
      readPostgresCpuSeconds: seconds(readPgCpuMs),
      entriesPerNodeCpuSecond: Math.round(N / seconds(nodeCpuMs)),
      entriesPerPostgresCpuSecond: Math.round(N / seconds(verifyPgCpuMs)),
      // Node and the backend work side by side: on an idle 2-core machine the busier one sets the pace.
      cpuBoundEntriesPerSecond: Math.round(N / seconds(Math.max(nodeCpuMs, verifyPgCpuMs))),
      canonicalAndHashOnlyPerSecond: Math.round(hashRate),
      canonicalAndHashOnlyPerCpuSecond: Math.round(hashCpuRate),
      meetsGoal: N / seconds(verifyMs) >= GOAL,
    },
  });
} finally {
  await db.close();
  if (keep) log(`kept database ${name} (keys in ${keysDir}): --reuse-db ${name}`);
  else await admin(`drop database if exists ${name} with (force)`);
}
