import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOnline, type CasesWorld, createCasesWorld } from './testing/case-fixtures.ts';

/** The real pg-boss worker path (JOBS_ENABLED): timers reach their handler through the queue. */
let w: CasesWorld;
beforeAll(async () => {
  w = await createCasesWorld({ JOBS_ENABLED: 'true' });
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
  it('fires a due timer once from its stored job, starts one draft-purge chain and sends queued mail', async () => {
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
    const audits = await w.app.platform.db.query(`select 1 from audit_log where action = 'cases.sla.overdue' and target_id = $1`, [caseId]);
    expect(audits).toHaveLength(1);
    expect(await w.app.platform.db.query(`select 1 from case_schedule where name = 'drafts.purge'`)).toHaveLength(1);
    await waitFor(async () => {
      const rows = await w.app.platform.db.query<{ status: string }>(
        `select status from outbound_message where recipient = 'alice@example.cn' and status = 'captured'`,
      );
      return rows[0];
    }, 'the submission mail');
  }, 90_000);
});
