// Shared by the operator commands (cli.ts and the cli-*.ts files it dispatches to): output, the
// error that ends a command with exit code 2, and the database and signer for a command's run.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from './config.ts';
import type { Db } from './platform/db/db.ts';
import { migrationsDir } from './platform/db/migrate.ts';
import { openDb } from './platform/db/open-db.ts';
import { openSigner } from './platform/signing/open-signer.ts';
import type { Signer } from './platform/signing/signing.ts';

export class CliError extends Error {}

export const out = (line = '') => process.stdout.write(`${line}\n`);
export const err = (line: string) => process.stderr.write(`${line}\n`);

/** The configured signer (key files or a PKCS#11 token) for the length of `fn`. */
export async function withSigner<T>(config: Config, fn: (signer: Signer) => Promise<T>): Promise<T> {
  const signer = await openSigner(config);
  try {
    return await fn(signer);
  } finally {
    await signer.close();
  }
}

export function describeDb(config: Config): string {
  return config.DATABASE_URL ? `PostgreSQL ${redactUrl(config.DATABASE_URL)}` : `embedded PGlite in ${resolve(config.DATA_DIR)}`;
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(DATABASE_URL)';
  }
}

export async function open(config: Config): Promise<Db> {
  try {
    return await openDb(config);
  } catch (error) {
    const message = (error as Error).message;
    const pid = /in use by another Tongban process \(pid (\d+)\)/.exec(message)?.[1];
    if (pid) {
      throw new CliError(
        `The embedded database in ${resolve(config.DATA_DIR)} is open in a running Tongban server (pid ${pid}).\n` +
          '嵌入式数据库正被运行中的服务器使用。PGlite allows one process at a time: stop the server first (Ctrl+C),\n' +
          'or, while it runs, check the chain through the API: GET /api/v1/audit/verify (permission audit.read).',
      );
    }
    throw new CliError(`Cannot open the database (${describeDb(config)}): ${message}`);
  }
}

export async function withDb<T>(config: Config, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await open(config);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** The audit commands read the tables migrations create: refuse with a hint rather than fail oddly. */
export async function requireMigrated(db: Db): Promise<void> {
  const files = readdirSync(migrationsDir).filter((f) => f.endsWith('.sql'));
  const [table] = await db.query<{ name: string | null }>("select to_regclass('schema_migration')::text as name");
  const applied = table?.name
    ? new Set((await db.query<{ name: string }>('select name from schema_migration')).map((r) => r.name))
    : new Set<string>();
  const pending = files.filter((f) => !applied.has(f));
  if (pending.length > 0) {
    throw new CliError(
      `${pending.length} migration(s) not applied yet (${pending[0]} …): run \`node packages/server/src/cli.ts migrate\` first.`,
    );
  }
}
