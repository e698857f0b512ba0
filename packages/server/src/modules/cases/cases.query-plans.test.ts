import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { CASE_TIMERS_SQL } from './use-cases/case-timers.ts';
import { CASE_HISTORY_SQL } from './use-cases/commit-action.ts';

/**
 * Statements that run on every action must reach their rows through an index: a plan that reads
 * the whole table looks fine on a test database and grows with every case filed. With sequential
 * scans switched off, a plan still showing one has no index it can use.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function planOf(text: string, params: unknown[]): Promise<string> {
  return t.app.platform.db.transaction(async (tx) => {
    await tx.query('set local enable_seqscan = off', [], { prepare: false });
    return JSON.stringify(await tx.query(`explain (format json) ${text}`, params, { prepare: false }));
  });
}

describe('query plans on the action path', () => {
  it('reads a case’s timers through the partial indexes, not the whole table', async () => {
    const plan = await planOf(CASE_TIMERS_SQL, ['00000000-0000-4000-8000-000000000000']);
    expect(plan).toContain('case_timer_one_planned');
    expect(plan).toContain('case_timer_fires_once');
    expect(plan).not.toContain('Seq Scan');
  });

  it('reads a case’s actions, open tasks and timers (one statement) through their indexes', async () => {
    const plan = await planOf(CASE_HISTORY_SQL, ['00000000-0000-4000-8000-000000000000']);
    expect(plan).toContain('case_action_case_id_seq_key');
    expect(plan).toContain('case_task_case');
    expect(plan).toContain('case_timer_one_planned');
    expect(plan).toContain('case_timer_fires_once');
    expect(plan).not.toContain('Seq Scan');
  });
});
