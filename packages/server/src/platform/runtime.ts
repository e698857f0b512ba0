import type { Clock } from '@tongban/domain';
import { type App, buildApp, registerJobs } from '../app.ts';
import type { Config } from '../config.ts';
import { startSealer } from './audit/sealer.ts';
import type { Db } from './db/db.ts';
import { MIGRATION_LOCK, migrate } from './db/migrate.ts';
import { openDb, openOwnerDb } from './db/open-db.ts';
import { APP_ROLE, createRoles, grantAppPrivileges, grantEmbeddedCopy, privilegeProblems } from './db/roles.ts';
import { createJobs, installJobSchema } from './jobs/jobs.ts';
import { openSigner } from './signing/open-signer.ts';
import type { Signer } from './signing/signing.ts';

export type Runtime = { app: App; db: Db; close(): Promise<void> };

/**
 * Everything the schema owner does before the server runs: the migrations, pg-boss's schema, and
 * the grants of the server's role (`platform/db/roles.ts`). On PGlite, the one embedded user is
 * the owner and creates the server's role itself. Returns whether the server's role exists.
 */
export async function prepareDatabase(owner: Db): Promise<{ appRole: boolean; applied: string[] }> {
  try {
    if (owner.kind === 'pglite') await createRoles(owner, { login: false });
    const applied = await migrate(owner);
    await installJobSchema(owner);
    // Servers starting together on one PostgreSQL would update the same ACLs at once ("tuple
    // concurrently updated"): one at a time, under the migrations' lock.
    const appRole = await owner.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const exists = await grantAppPrivileges(tx);
      if (owner.kind === 'pglite' && exists) await grantEmbeddedCopy(tx);
      return exists;
    });
    return { appRole, applied };
  } catch (error) {
    if ((error as { code?: string }).code !== '42501') throw error;
    throw new Error(
      `This database role may not run the migrations (${(error as Error).message}). Migrations run as the schema owner: ` +
        'set MIGRATION_DATABASE_URL to tongban_owner, DATABASE_URL to tongban_app (README, "Running it for real").',
      { cause: error },
    );
  }
}

/**
 * Opens the database, prepares it as its owner (see `prepareDatabase`), switches to the server's
 * role, starts the job queue and builds the app. Shared by `main.ts`, the CLI and the tests, so
 * all three run the very same wiring. On PostgreSQL the server connects with DATABASE_URL and the
 * owner's work runs over MIGRATION_DATABASE_URL (the same URL when unset); `options.ownerDb` is an
 * owner connection the caller opened (and closes). On PGlite the connection is the owner's until
 * it is switched to `tongban_app` (SET ROLE) after the preparation.
 */
export async function startRuntime(config: Config, options: { clock?: Clock; db?: Db; ownerDb?: Db } = {}): Promise<Runtime> {
  const db = options.db ?? (await openDb(config));
  let signer: Signer | undefined;
  try {
    const owner = options.ownerDb ?? (await openOwnerDb(config, db));
    let prepared: { appRole: boolean };
    try {
      prepared = await prepareDatabase(owner);
    } finally {
      if (owner !== db && owner !== options.ownerDb) await owner.close();
    }
    if (db.kind === 'pglite' && prepared.appRole) await db.exec(`set role ${APP_ROLE}`);
    const problems = await privilegeProblems(db);
    signer = await openSigner(config);
    const jobs = createJobs(db, { runWorkers: config.JOBS_ENABLED });
    await jobs.start();
    const app = await buildApp({ config, db, jobs, signer, ...(options.clock ? { clock: options.clock } : {}) });
    if (problems.length > 0) {
      app.log.warn(
        { problems, role: APP_ROLE },
        `least privilege is NOT in force in the database: ${problems.join('; ')}. Such a role can switch off the append-only ` +
          'triggers of the audit log. Create the roles (node packages/server/src/cli.ts db create-roles), then set DATABASE_URL ' +
          'to tongban_app and MIGRATION_DATABASE_URL to tongban_owner (README, "Running it for real").',
      );
    }
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
