import { fromPglite, PgBoss } from 'pg-boss';
import type { Db, Sql } from '../db/db.ts';

/**
 * Background work on pg-boss, in the same database as everything else (PGlite or PostgreSQL).
 * `send` with `tx` enqueues inside the caller's transaction, so a job exists exactly when the
 * business change that asked for it was committed (the outbox pattern without an outbox table).
 */
export type JobOptions = { tx?: Sql; startAfter?: Date; singletonKey?: string; retryLimit?: number };
/** One job of a `sendMany` batch: its own data, start and singleton key. */
export type BatchedJob<T> = { data: T; startAfter?: Date; singletonKey?: string };
export type JobHandler<T> = (data: T) => Promise<void>;

export type Jobs = {
  send<T extends object>(queue: string, data: T, options?: JobOptions): Promise<string | null>;
  /**
   * Several jobs of one queue in one statement (a case's SLA timers): on a hot path each statement
   * is a round trip, and pg-boss's insert is a heavy one to plan. Singleton keys behave as in `send`
   * (a job whose key is taken is skipped).
   */
  sendMany<T extends object>(queue: string, jobs: readonly BatchedJob<T>[], options?: Pick<JobOptions, 'tx' | 'retryLimit'>): Promise<void>;
  work<T extends object>(queue: string, handler: JobHandler<T>): Promise<void>;
  /**
   * Creates a queue ahead of time. Call it at start-up for every queue sent to inside a
   * transaction: creating a queue on first `send` runs outside that transaction, which on PGlite
   * (one connection) waits for the transaction to end — forever.
   */
  ensureQueue(queue: string): Promise<void>;
  /** Starts pg-boss (creates its schema); workers only run when `runWorkers`. */
  start(): Promise<void>;
  /** Stops taking new jobs and waits for running ones to finish. */
  stop(): Promise<void>;
};

export function createJobs(db: Db, options: { runWorkers: boolean }): Jobs {
  const boss =
    'pglite' in db.driver
      ? new PgBoss({ db: fromPglite(db.driver.pglite), backend: 'pglite', supervise: options.runWorkers, schedule: false })
      : new PgBoss({
          db: { executeSql: (text, values) => (db.driver as { pool: import('pg').Pool }).pool.query(text, values as unknown[]) },
          supervise: options.runWorkers,
          schedule: false,
        });
  boss.on('error', () => {});
  const queues = new Set<string>();
  let started = false;

  const viaTx = (tx: Sql) => ({
    executeSql: async (text: string, values?: unknown[]) => ({ rows: await tx.query(text, values ?? []) }),
  });

  async function ensureQueue(name: string) {
    if (queues.has(name)) return;
    await boss.createQueue(name);
    queues.add(name);
  }

  return {
    async send(queue, data, opts = {}) {
      await ensureQueue(queue);
      const sendOptions: Record<string, unknown> = {};
      if (opts.startAfter) sendOptions.startAfter = opts.startAfter;
      if (opts.singletonKey) sendOptions.singletonKey = opts.singletonKey;
      if (opts.retryLimit !== undefined) sendOptions.retryLimit = opts.retryLimit;
      const tx = opts.tx;
      if (tx) sendOptions.db = viaTx(tx);
      return boss.send(queue, data, sendOptions);
    },
    async sendMany(queue, jobs, opts = {}) {
      if (jobs.length === 0) return;
      await ensureQueue(queue);
      const rows = jobs.map((j) => ({
        data: j.data,
        ...(j.startAfter ? { startAfter: j.startAfter.toISOString() } : {}),
        ...(j.singletonKey ? { singletonKey: j.singletonKey } : {}),
        ...(opts.retryLimit !== undefined ? { retryLimit: opts.retryLimit } : {}),
      }));
      await boss.insert(queue, rows, opts.tx ? { db: viaTx(opts.tx) } : {});
    },
    ensureQueue,
    async work(queue, handler) {
      if (!options.runWorkers) return;
      await ensureQueue(queue);
      await boss.work(queue, async (jobs) => {
        for (const job of jobs) await handler(job.data as never);
      });
    },
    async start() {
      if (started) return;
      await boss.start();
      started = true;
    },
    async stop() {
      if (!started) return;
      await boss.stop({ graceful: true, timeout: 20_000 });
      started = false;
    },
  };
}
