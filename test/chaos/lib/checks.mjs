// What must hold after the chaos: every acknowledged submission exists exactly once with its first
// action, first task, audit entry and SLA timers; the SLA sweep that fires them is still queued,
// once; nothing was filed twice; a retry with the same key gets the first answer; the audit chains
// verify.
import { spawnSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { childEnv, repoRoot } from './server.mjs';

/**
 * Re-sends acknowledged submissions with their key and body: the answer must be the first one,
 * marked as replayed. Every submission whose first answer was lost (acknowledged only on a retry)
 * is checked, plus a random sample of the others.
 */
export async function checkReplays(acks, sessions, sample) {
  const violations = [];
  const interesting = acks.filter((a) => a.attempts > 1 || a.replayedOnFirstAck);
  const rest = acks.filter((a) => !(a.attempts > 1 || a.replayedOnFirstAck));
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [rest[i], rest[j]] = [rest[j], rest[i]];
  }
  const chosen = [...interesting.slice(0, sample), ...rest.slice(0, Math.max(0, sample - interesting.length))];
  const queue = [...chosen];
  await Promise.all(
    sessions.map(async (session, index) => {
      for (;;) {
        const next = queue.findIndex((a) => a.sessionIndex === index);
        if (next < 0) return;
        const ack = queue.splice(next, 1)[0];
        const res = await session.request('POST', ack.path, { body: ack.body, headers: { 'idempotency-key': ack.key } });
        const answer = res.status === 201 ? JSON.parse(res.text) : undefined;
        if (res.status !== 201 || res.headers.get('idempotent-replayed') !== 'true' || !isDeepStrictEqual(answer, ack.answer)) {
          violations.push({
            kind: 'replay_differs',
            key: ack.key,
            status: res.status,
            expected: { caseId: ack.answer.caseId, trackingNumber: ack.answer.trackingNumber },
            got: answer ? { caseId: answer.caseId, trackingNumber: answer.trackingNumber } : res.text.slice(0, 300),
          });
        }
      }
    }),
  );
  return { checked: chosen.length, violations };
}

const countBy = (rows, key) => new Map(rows.map((r) => [r[key], Number(r.n)]));

/**
 * Looks at the database itself. `actorIds` are the ids of every account the harness filed with:
 * any case they filed that no acknowledgement names was filed twice (or never acknowledged).
 */
export async function checkDatabase(db, acks, actorIds) {
  const violations = [];
  const cases = await db.query(
    `select id, tracking_no, filed_by_id, plan->'steps'->0->>'id' as first_step from case_file
     where filed_by_id = any($1::text[]) and parent_id is null`,
    [actorIds],
  );
  const byId = new Map(cases.map((c) => [c.id, c]));
  const ids = cases.map((c) => c.id);
  const actions = countBy(
    await db.query(
      `select case_id, count(*) as n from case_action where case_id = any($1::text[]) and kind = 'submitted' group by case_id`,
      [ids],
    ),
    'case_id',
  );
  const tasks = await db.query(`select case_id, step_id, status from case_task where case_id = any($1::text[])`, [ids]);
  const tasksOf = new Map();
  for (const t of tasks) tasksOf.set(t.case_id, [...(tasksOf.get(t.case_id) ?? []), t]);
  const audits = countBy(
    await db.query(
      `select target_id, count(*) as n from audit_log
       where stream = 'audit' and action = 'cases.case.submitted' and target_type = 'case' and target_id = any($1::text[]) group by target_id`,
      [ids],
    ),
    'target_id',
  );
  const timers = await db.query(`select id, case_id from case_timer where case_id = any($1::text[]) and state = 'planned'`, [ids]);
  const timersOf = new Map();
  for (const t of timers) timersOf.set(t.case_id, [...(timersOf.get(t.case_id) ?? []), t]);
  const keys = new Map(
    (
      await db.query(`select key, response->>'caseId' as case_id, status_code from idempotency_key where key = any($1::text[])`, [
        acks.map((a) => a.key),
      ])
    ).map((r) => [r.key, r]),
  );

  const acknowledged = new Set();
  for (const ack of acks) {
    const { caseId, trackingNumber } = ack.answer;
    const v = (kind, detail = {}) => violations.push({ kind, key: ack.key, caseId, ...detail });
    if (acknowledged.has(caseId)) v('two_keys_one_case');
    acknowledged.add(caseId);
    const row = byId.get(caseId);
    if (!row) {
      v('acknowledged_case_missing');
      continue;
    }
    if (row.tracking_no !== trackingNumber) v('tracking_number_differs', { stored: row.tracking_no, acknowledged: trackingNumber });
    const key = keys.get(ack.key);
    if (!key || key.case_id !== caseId || key.status_code !== 201) v('idempotency_record_wrong', { stored: key ?? null });
    if (actions.get(caseId) !== 1) v('submitted_action_count', { count: actions.get(caseId) ?? 0 });
    const own = tasksOf.get(caseId) ?? [];
    if (own.length !== 1 || own[0].step_id !== row.first_step || own[0].status !== 'open')
      v('first_task_wrong', { tasks: own, firstStep: row.first_step });
    if (audits.get(caseId) !== 1) v('audit_entry_count', { count: audits.get(caseId) ?? 0 });
    const planned = timersOf.get(caseId) ?? [];
    if (planned.length === 0) v('no_sla_timer');
  }
  for (const c of cases)
    if (!acknowledged.has(c.id)) violations.push({ kind: 'case_not_acknowledged_duplicate', caseId: c.id, trackingNumber: c.tracking_no });
  // The timers fire only while the recurring SLA sweep is queued: the kills must neither end its
  // chain nor start a second one (at most one run per state).
  const sweep = await db.query(
    `select state, count(*)::int as n from pgboss.job where name = 'cases.sla-sweep' and state in ('created', 'retry', 'active') group by state`,
  );
  if (sweep.length === 0 || sweep.some((r) => r.n !== 1)) violations.push({ kind: 'sla_sweep_chain', runs: sweep });
  return { casesFound: cases.length, violations };
}

/** `cli.ts audit verify --stream all --json` against the harness's database: exit 0 or findings. */
export function verifyAudit(env) {
  const run = spawnSync(process.execPath, [`${repoRoot}/packages/server/src/cli.ts`, 'audit', 'verify', '--stream', 'all', '--json'], {
    env: childEnv(env),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  let reports = [];
  try {
    reports = [JSON.parse(run.stdout)].flat();
  } catch {
    // Printed below as the violation's detail.
  }
  const summary = reports.map((r) => ({
    stream: r.stream,
    ok: r.ok,
    entries: r.checkedEntries,
    unsealed: r.unsealedEntries,
    findings: r.findings,
  }));
  const violations =
    run.status === 0 ? [] : [{ kind: 'audit_verify_failed', exitCode: run.status, reports: summary, stderr: run.stderr.slice(-1000) }];
  return { reports: summary, violations };
}
