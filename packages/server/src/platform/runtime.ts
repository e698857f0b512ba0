import type { Clock } from '@tongban/domain';
import { type App, buildApp, registerJobs } from '../app.ts';
import type { Config } from '../config.ts';
import { startSealer } from './audit/sealer.ts';
import type { Db } from './db/db.ts';
import { migrate } from './db/migrate.ts';
import { openDb } from './db/open-db.ts';
import { createJobs } from './jobs/jobs.ts';
import { openSigner } from './signing/open-signer.ts';
import type { Signer } from './signing/signing.ts';

export type Runtime = { app: App; db: Db; close(): Promise<void> };

/**
 * Opens the database, applies migrations, starts the job queue and builds the app. Shared by
 * `main.ts`, the CLI and the tests, so all three run the very same wiring.
 */
export async function startRuntime(config: Config, options: { clock?: Clock; db?: Db } = {}): Promise<Runtime> {
  const db = options.db ?? (await openDb(config));
  let signer: Signer | undefined;
  try {
    await migrate(db);
    signer = await openSigner(config);
    const jobs = createJobs(db, { runWorkers: config.JOBS_ENABLED });
    await jobs.start();
    const app = await buildApp({ config, db, jobs, signer, ...(options.clock ? { clock: options.clock } : {}) });
    await registerJobs(app.platform);
    // Chains audit entries and signs checkpoints in the background; runs wherever jobs run.
    const sealer = config.JOBS_ENABLED
      ? startSealer({ db, signer, clock: app.platform.clock, intervalSeconds: config.AUDIT_SEAL_INTERVAL_SECONDS, log: app.log })
      : undefined;
    return {
      app,
      db,
      async close() {
        await app.close();
        await sealer?.stop();
        await signer?.close();
        await jobs.stop();
        await db.close();
      },
    };
  } catch (error) {
    await signer?.close().catch(() => {});
    await db.close().catch(() => {});
    throw error;
  }
}
