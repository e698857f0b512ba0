import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAFT_PURGE_QUEUE, registerCasesJobs, SLA_SWEEP_QUEUE, UPLOAD_PURGE_QUEUE } from './cases.jobs.ts';
import { applyOnline, type CasesWorld, createCasesWorld } from './testing/case-fixtures.ts';

/** The real pg-boss worker path (JOBS_ENABLED): the SLA sweep and the mail outbox run as jobs. */
let w: CasesWorld;
beforeAll(async () => {
  w = await createCasesWorld({ JOBS_ENABLED: 'true', CASE_SLA_SWEEP_SECONDS: '1' });
});
afterAll(() => w?.close());

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('SLA timers through the job queue', () => {
  it('fires a due timer once from the recurring SLA sweep and sends queued mail', async () => {
    const { caseId } = await applyOnline(w, 'TEST-PERMIT', 'alice', { contact: { email: 'alice@example.cn' } });
    w.clock.set('2026-03-04T00:00:01+08:00');
    const fired = await waitFor(async () => {
      const rows = await w.app.platform.db.query<{ fired_at: Date }>(
        `select fired_at from case_timer where case_id = $1 and scope = 'accept' and state = 'fired'`,
        [caseId],
      );
      return rows[0];
    }, 'the accept step overdue timer');
    expect(fired.fired_at).toBeTruthy();
    // Later sweeps find nothing more to fire for it.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const audits = await w.app.platform.db.query(`select 1 from audit_log where action = 'cases.sla.overdue' and target_id = $1`, [caseId]);
    expect(audits).toHaveLength(1);
    await waitFor(async () => {
      const rows = await w.app.platform.db.query<{ status: string }>(
        `select status from outbound_message where recipient = 'alice@example.cn' and status = 'captured'`,
      );
      return rows[0];
    }, 'the submission mail');
  }, 90_000);

  it('keeps one sweep, one draft purge and one upload clean-up per database, however many servers start', async () => {
    // A second server starting against the same database sends its first runs too.
    await registerCasesJobs(w.app.platform);
    const runs = await w.app.platform.db.query<{ name: string; state: string; n: number }>(
      `select name, state, count(*)::int as n from pgboss.job
        where name = any($1::text[]) and state in ('created', 'retry', 'active') group by name, state`,
      [[SLA_SWEEP_QUEUE, DRAFT_PURGE_QUEUE, UPLOAD_PURGE_QUEUE]],
    );
    expect(runs.filter((r) => r.name === SLA_SWEEP_QUEUE).length).toBeGreaterThan(0);
    expect(runs.filter((r) => r.name === DRAFT_PURGE_QUEUE).length).toBeGreaterThan(0);
    expect(runs.filter((r) => r.name === UPLOAD_PURGE_QUEUE).length).toBeGreaterThan(0);
    for (const r of runs) expect(r.n, `${r.name} ${r.state}`).toBe(1);
  }, 30_000);
});
