// The load of bench/cases.mjs: online submissions through autocannon (each request its own
// Idempotency-Key, connections spread over several citizens' sessions), workflow transitions by
// pairs of reviewers racing on the same step, and pgbench as the baseline.

import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { DEMO_PASSWORD } from '@tongban/seed';
import autocannon from 'autocannon';
import { hashPassword, importStaff } from '../../packages/server/src/modules/identity/index.ts';
import { Session } from './http-session.mjs';
import { backendCpu, backendCpuSince } from './pg-cpu.mjs';

export const SUBMIT_ITEM = 'SH-TAX-GG-002';
export const SUBMIT_DEPARTMENT = 'SH-TAX';

const TICKS_PER_SECOND = 100;
/** utime + stime of a process (Linux /proc), in milliseconds. */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

export async function loginMany(base, accounts, kind, password) {
  const sessions = [];
  for (const username of accounts) {
    const session = new Session(base, username);
    session.actor = await session.login(kind, username, password);
    sessions.push(session);
  }
  return sessions;
}

/**
 * The body a citizen sends: the form as the portal submits it (the data hub's pre-fill, asked once
 * per session as the portal does when the form opens, plus the mobile number), and nothing to
 * upload — the data hub supplies the materials (once-only).
 */
export async function submissionBody(session, mobile) {
  const prefill = await session.request('GET', `/api/v1/datahub/prefill?item=${SUBMIT_ITEM}`);
  if (prefill.status !== 200) throw new Error(`pre-fill failed: ${prefill.status} ${prefill.text}`);
  return { itemCode: SUBMIT_ITEM, form: { ...JSON.parse(prefill.text).values, 'applicant.mobile': mobile }, materials: [] };
}

/** Adds `count` reviewers (window clerk and approver) to the department the bench files with. */
export async function addReviewers(sql, count) {
  const hash = await hashPassword(DEMO_PASSWORD);
  const staff = Array.from({ length: count }, (_, i) => ({
    id: `staff-bench-reviewer-${i}`,
    username: `bench.reviewer.${i}`,
    name: `压测审查员${i}`,
    departmentId: SUBMIT_DEPARTMENT,
    roles: ['window_clerk', 'approver'],
  }));
  await sql.transaction((tx) => importStaff(tx, staff, hash, { at: new Date() }));
  return staff.map((s) => s.username);
}

/**
 * autocannon POSTing applications for `seconds`; every connection sticks to one citizen's session.
 * Returns autocannon's figures plus the server's CPU per request.
 */
export async function runSubmissions(base, citizens, { connections, seconds, serverPid, pgSql }) {
  let next = 0;
  const requests = [
    {
      method: 'POST',
      path: '/api/v1/cases',
      setupRequest: (req, context) => {
        if (!context.citizen) context.citizen = citizens[next++ % citizens.length];
        const { session, body } = context.citizen;
        return {
          ...req,
          headers: {
            'content-type': 'application/json',
            cookie: session.cookieHeader(),
            'x-csrf-token': session.csrf,
            'idempotency-key': `bench-${randomUUID()}`,
          },
          body,
        };
      },
    },
  ];
  const cpu = await cpuMeter(serverPid, pgSql);
  const r = await autocannon({ url: base, connections, duration: seconds, requests, timeout: 30 });
  const used = await cpu.perOperation(r['2xx']);
  return {
    perSecond: r['2xx'] / seconds,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    p50ms: r.latency.p50,
    p90ms: r.latency.p90,
    p99ms: r.latency.p99,
    maxMs: r.latency.max,
    serverCpuUsPerRequest: used.server,
    postgresCpuUsPerRequest: used.postgres,
    loadGeneratorCpuUsPerRequest: used.loadGenerator,
    connections,
    seconds,
  };
}

/**
 * CPU µs per operation of the server process, of the PostgreSQL backends serving its database
 * (when `pgSql` is connected to it) and of this process, the load generator: on a 2-core machine
 * the three share the cores, so the split shows whose work bounds the rate.
 */
async function cpuMeter(serverPid, pgSql) {
  const server = cpuMs(serverPid);
  const own = process.cpuUsage();
  const pg = pgSql ? await backendCpu(pgSql) : undefined;
  return {
    async perOperation(operations) {
      const per = (ms) => Math.round((ms * 1000) / Math.max(1, operations));
      const generator = process.cpuUsage(own);
      return {
        server: per(cpuMs(serverPid) - server),
        postgres: pg ? per(backendCpuSince(pg, await backendCpu(pgSql))) : undefined,
        loadGenerator: per((generator.user + generator.system) / 1000),
      };
    },
  };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const keepAlive = new http.Agent({ keepAlive: true });

/**
 * POST `{}` with the session's cookies and CSRF token over node:http with keep-alive. `fetch`
 * cost the load generator 1.2–1.4 ms of CPU per transition (two requests), taken on a 2-core
 * machine from the server being measured; this costs a fraction of it.
 */
function postEmpty(session, path) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL(path, session.base),
      {
        method: 'POST',
        agent: keepAlive,
        headers: { cookie: session.cookieHeader(), 'x-csrf-token': session.csrf, 'content-type': 'application/json', 'content-length': 2 },
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString() }));
        response.on('error', reject);
      },
    );
    request.setTimeout(30_000, () => request.destroy(new Error(`POST ${path}: no answer in 30 s`)));
    request.on('error', reject);
    request.end('{}');
  });
}

/**
 * Workflow transitions: each case is accepted, then its review step approved; each transition is
 * sent by two reviewers at the same instant (a double click, two colleagues on one task), so
 * exactly one must win (200) and the other get 409. `pairs` cases are in flight at once.
 */
export async function runTransitions(caseIds, reviewers, { pairs, seconds, serverPid, pgSql }) {
  const queue = [...caseIds];
  const latencies = [];
  const tally = { won: 0, lostRace: 0, bothWon: 0, neitherWon: 0, unexpected: [] };
  const done = new Map();
  const deadline = performance.now() + seconds * 1000;
  const act = async (session, caseId, action) => {
    const t0 = performance.now();
    const res = await postEmpty(session, `/api/v1/cases/${caseId}/actions/${action}`);
    latencies.push(performance.now() - t0);
    return res;
  };
  const race = async (a, b, caseId, action) => {
    const [ra, rb] = await Promise.all([act(a, caseId, action), act(b, caseId, action)]);
    const won = [ra, rb].filter((r) => r.status === 200).length;
    for (const r of [ra, rb])
      if (r.status !== 200 && !(r.status === 409 && r.text.includes('CASES_ACTION_NOT_ALLOWED')))
        tally.unexpected.push({ caseId, action, status: r.status, body: r.text.slice(0, 200) });
    if (won === 1) tally.won++;
    else if (won === 2) tally.bothWon++;
    else tally.neitherWon++;
    tally.lostRace += [ra, rb].filter((r) => r.status === 409).length;
    return won;
  };
  const cpu = await cpuMeter(serverPid, pgSql);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: pairs }, async (_, i) => {
      const a = reviewers[(2 * i) % reviewers.length];
      const b = reviewers[(2 * i + 1) % reviewers.length];
      while (queue.length > 0 && performance.now() < deadline) {
        const caseId = queue.shift();
        const accepted = await race(a, b, caseId, 'accept');
        const approved = accepted ? await race(b, a, caseId, 'approve') : 0;
        done.set(caseId, { accepted, approved });
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const used = await cpu.perOperation(tally.won);
  latencies.sort((x, y) => x - y);
  return {
    perSecond: tally.won / elapsed,
    transitions: tally.won,
    cases: done.size,
    seconds: elapsed,
    requests: latencies.length,
    p50ms: Math.round(percentile(latencies, 50)),
    p99ms: Math.round(percentile(latencies, 99)),
    serverCpuUsPerTransition: used.server,
    postgresCpuUsPerTransition: used.postgres,
    loadGeneratorCpuUsPerTransition: used.loadGenerator,
    tally,
    done,
  };
}

/** pgbench's built-in tpcb-like script, `-c 4 -j 2`, on a scratch database (initialised here). */
export function runPgbench(url, seconds) {
  const out = execFileSync('/usr/bin/pgbench', ['-c', '4', '-j', '2', '-T', String(seconds), '-n', url], { encoding: 'utf8' });
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out);
  if (!tps) throw new Error(`pgbench said:\n${out}`);
  const latency = /latency average = ([\d.]+) ms/.exec(out);
  return { tps: Number(tps[1]), latencyAverageMs: latency ? Number(latency[1]) : null, seconds };
}

export function initPgbench(url) {
  execFileSync('/usr/bin/pgbench', ['-i', '-s', '1', '-q', url], { stdio: 'ignore' });
}
