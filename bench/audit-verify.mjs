// Audit chain at scale, on real PostgreSQL: insert N entries (generate_series, one statement),
// seal them (chain + one signed checkpoint), then verify end to end. Reports:
//   audit-seal    sealing throughput (entries/s)
//   audit-verify  verification throughput (entries/s, wall clock, everything included: reading the
//                 chain pages, canonical form + SHA-256 per entry, checkpoint signature, the
//                 unsealed-entries check); baseline: reading the same pages without verifying.
// Details add the Node CPU time of verify and the pure per-entry CPU rate (canonical + hash over
// rows already in memory). The database is created fresh and dropped at the end.
//
//   node bench/audit-verify.mjs [--entries 1000000]
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { systemClock } from '@tongban/domain';
import pg from 'pg';
import { canonicalFromParts, chainHash } from '../packages/server/src/platform/audit/canonical.ts';
import { sealNow } from '../packages/server/src/platform/audit/sealer.ts';
import { CHAIN_PAGE_SQL, decodeChainRow, verifyAuditChain } from '../packages/server/src/platform/audit/verify.ts';
import { migrate } from '../packages/server/src/platform/db/migrate.ts';
import { openPostgresDb } from '../packages/server/src/platform/db/postgres-db.ts';
import { createKeyStoreSigner } from '../packages/server/src/platform/signing/signing.ts';
import { writeResult } from './lib/results.mjs';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '1000000' } } });
const N = Number(values.entries);
const adminUrl = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PAGE = 10_000;
const GOAL = 200_000;

const seconds = (ms) => ms / 1000;
const log = (line) => process.stdout.write(`  ${line}\n`);

async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const name = `tongban_bench_${randomBytes(5).toString('hex')}`;
process.stdout.write(`audit-verify: ${N.toLocaleString('en-US')} entries on PostgreSQL (database ${name})\n`);
await admin(`create database ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const db = await openPostgresDb(url.toString(), 4);
try {
  await migrate(db);
  const [{ version }] = await db.query('select version()');

  let t0 = performance.now();
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
  const insertMs = performance.now() - t0;
  log(`inserted in ${seconds(insertMs).toFixed(1)} s`);

  const signer = createKeyStoreSigner(undefined);
  t0 = performance.now();
  const sealed = await sealNow(db, signer, systemClock);
  const sealMs = performance.now() - t0;
  if (sealed.sealed !== N) throw new Error(`sealed ${sealed.sealed} of ${N}`);
  await db.query('analyze audit_chain');
  log(`sealed in ${seconds(sealMs).toFixed(1)} s`);

  // Baseline: the verifier's own page query, rows fetched and dropped.
  t0 = performance.now();
  let read = 0;
  for (let after = 0; ; ) {
    const rows = await db.query(CHAIN_PAGE_SQL, ['audit', after, N, PAGE]);
    if (rows.length === 0) break;
    read += rows.length;
    after = decodeChainRow(rows.at(-1)).position;
  }
  const readMs = performance.now() - t0;
  if (read !== N) throw new Error(`read ${read} of ${N}`);
  log(`read without verifying in ${seconds(readMs).toFixed(2)} s`);

  const cpu0 = process.cpuUsage();
  t0 = performance.now();
  const report = await verifyAuditChain(db, signer, systemClock, { stream: 'audit' });
  const verifyMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (!report.ok || report.checkedEntries !== N) throw new Error(`verify failed: ${JSON.stringify(report).slice(0, 500)}`);
  const nodeCpuMs = (cpu.user + cpu.system) / 1000;
  log(`verified in ${seconds(verifyMs).toFixed(2)} s (Node CPU ${seconds(nodeCpuMs).toFixed(2)} s)`);

  // The per-entry work alone (as in verify): canonical form + SHA-256 over 100,000 rows in memory.
  const sample = (await db.query(CHAIN_PAGE_SQL, ['audit', 0, N, Math.min(N, 100_000)])).map(decodeChainRow);
  const hashCpu0 = process.cpuUsage();
  t0 = performance.now();
  let prev = sample[0].prevHash;
  for (const row of sample) {
    const h = chainHash(prev, canonicalFromParts(row, row.id));
    if (h !== row.hash) throw new Error('hash mismatch in the CPU sample');
    prev = h;
  }
  const hashMs = performance.now() - t0;
  const hashCpu = process.cpuUsage(hashCpu0);
  const hashRate = sample.length / seconds(hashMs);
  const hashCpuRate = sample.length / ((hashCpu.user + hashCpu.system) / 1e6);
  log(
    `canonical + SHA-256 alone: ${Math.round(hashRate).toLocaleString('en-US')} entries/s (${Math.round(hashCpuRate).toLocaleString('en-US')} per CPU second)`,
  );

  const common = { entries: N, database: version.split(' on ')[0], pageSize: PAGE };
  writeResult({
    name: 'audit-seal',
    unit: 'entries/s',
    value: N / seconds(sealMs),
    details: { ...common, sealSeconds: seconds(sealMs), insertSeconds: seconds(insertMs), checkpoints: sealed.streams.length },
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
      entriesPerNodeCpuSecond: Math.round(N / seconds(nodeCpuMs)),
      canonicalAndHashOnlyPerSecond: Math.round(hashRate),
      canonicalAndHashOnlyPerCpuSecond: Math.round(hashCpuRate),
      meetsGoal: N / seconds(verifyMs) >= GOAL,
    },
  });
} finally {
  await db.close();
  await admin(`drop database if exists ${name} with (force)`);
}
