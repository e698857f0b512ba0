import { createRequire } from 'node:module';
import { fromPglite, getConstructionPlans, getMigrationPlans, PgBoss } from 'pg-boss';
import type { Db, Sql } from '../db/db.ts';

const SCHEMA = 'pgboss';
/** The schema version this pg-boss expects (its package.json says). */
const JOB_SCHEMA_VERSION: number = createRequire(import.meta.url)('pg-boss/package.json').pgboss.schema;

/**
 * Installs or upgrades pg-boss's schema, run by the schema owner at migration time (see
 * `prepareDatabase` in runtime.ts): the server itself runs pg-boss with `migrate: false`, as a
 * role that may use pg-boss's tables but not create or alter them. pg-boss's own plans (its
 * construction and migration scripts) under its own advisory lock; a second server racing to
 * install gets pg-boss's "already exists" / migration-race errors, which mean someone else did it.
 */
export async function installJobSchema(db: Db): Promise<void> {
  const [installed] = await db.query<{ version: number | null }>(
    `select case when to_regclass('${SCHEMA}.version') is null then null else 0 end as version`,
  );
  try {
    if (installed?.version === null) {
      await db.exec(getConstructionPlans(SCHEMA));
      return;
    }
    const [row] = await db.query<{ version: number }>(`select version from ${SCHEMA}.version`);
    const version = Number(row?.version);
    if (version < JOB_SCHEMA_VERSION) await db.exec(getMigrationPlans(SCHEMA, version));
  } catch (error) {
    const message = (error as Error).message;
    // pg-boss's own signals that another process installed or migrated it meanwhile.
    if (!message.includes('already exists') && !message.includes('division by zero')) throw error;
  }
}

/**
 * Background work on pg-boss, in the same database as everything else (PGlite or PostgreSQL).
 * `send` with `tx` enqueues inside the caller's transaction, so a job exists exactly when the
 * business change that asked for it was committed (the outbox pattern without an outbox table).
 */
export type JobOptions = { tx?: Sql; startAfter?: Date; singletonKey?: string; retryLimit?: number };
export type JobHandler<T> = (data: T) => Promise<void>;

export type Jobs = {
  send<T extends object>(queue: string, data: T, options?: JobOptions): Promise<string | null>;
  work<T extends object>(queue: string, handler: JobHandler<T>): Promise<void>;
  /**
   * Recurring work (the SLA sweep, the draft purge): `handler` runs about every `intervalSeconds`,
   * one run at a time per database however many servers start. The queue's `stately` policy
   * admits one waiting run and one active run, so every server sends a first run at start-up (the
   * extra ones are dropped) and a chain that a crash broke heals at the next start. Each run queues
   * the next before it works, so a failing run never ends the chain; errors go to `onError`.
   * Only where workers run (JOBS_ENABLED).
   */
  every(queue: string, intervalSeconds: number, handler: () => Promise<void>, onError: (error: unknown) => void): Promise<void>;
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
  // migrate: false — the schema owner installed pg-boss's schema (installJobSchema); pg-boss only
  // checks that its version matches.
  const boss =
    'pglite' in db.driver
      ? new PgBoss({ db: fromPglite(db.driver.pglite), backend: 'pglite', supervise: options.runWorkers, schedule: false, migrate: false })
      : new PgBoss({
          db: { executeSql: (text, values) => (db.driver as { pool: import('pg').Pool }).pool.query(text, values as unknown[]) },
          supervise: options.runWorkers,
          schedule: false,
          migrate: false,
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
    ensureQueue,
    async work(queue, handler) {
      if (!options.runWorkers) return;
      await ensureQueue(queue);
      await boss.work(queue, async (jobs) => {
        for (const job of jobs) await handler(job.data as never);
      });
    },
    async every(queue, intervalSeconds, handler, onError) {
      if (!options.runWorkers) return;
      if (!queues.has(queue)) {
        // A run cut short by a crash stays `active`, and holds back the next, until it expires and is
        // retried: minutes, not pg-boss's default quarter of an hour.
        await boss.createQueue(queue, { policy: 'stately', expireInSeconds: 120, retryDelay: 5, retryBackoff: true, retryLimit: 10 });
        queues.add(queue);
      }
      // A delay in seconds: pg-boss adds it to the database's clock, never to a test's manual one.
      const sendNext = (delaySeconds: number) => boss.send(queue, {}, { startAfter: delaySeconds });
      await boss.work(queue, async () => {
        await sendNext(intervalSeconds);
        try {
          await handler();
        } catch (error) {
          onError(error);
        }
      });
      await sendNext(0);
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
