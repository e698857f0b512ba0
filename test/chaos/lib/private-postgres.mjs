// A throwaway PostgreSQL cluster of its own (initdb + pg_ctl in a temporary folder, on a free
// port), so the crash harness can stop it with `-m immediate` without touching the machine's
// shared server on 5432. PostgreSQL refuses to run as root: as root, the cluster's processes run
// as the `postgres` user and the folder is handed to it.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const DEFAULT_BIN = '/usr/lib/postgresql/15/bin';

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function postgresUser() {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('Running as root needs a `postgres` user to own the private cluster (PostgreSQL refuses root).');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * Creates and starts a cluster. `settings` are extra `-c name=value` server settings (e.g. to
 * show that the harness catches lost commits with `synchronous_commit=off`).
 * @returns {Promise<{ url: string, port: number, dir: string, stopImmediate(): Promise<void>, start(): Promise<void>, destroy(): void, log(): string }>}
 */
export async function createPrivatePostgres({ bin = process.env.CHAOS_PG_BIN || DEFAULT_BIN, settings = [] } = {}) {
  if (!existsSync(join(bin, 'initdb'))) throw new Error(`No PostgreSQL binaries in ${bin} (set CHAOS_PG_BIN).`);
  const dir = mkdtempSync(join(tmpdir(), 'tongban-chaos-pg-'));
  const data = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUser() : undefined;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const toolOptions = { ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C.UTF-8' } };
  const run = (tool, args) => execFileSync(join(bin, tool), args, { stdio: ['ignore', 'pipe', 'pipe'], ...toolOptions });
  // Asynchronous, so the harness's clients keep retrying while PostgreSQL stops and recovers.
  const runAsync = (tool, args) => promisify(execFile)(join(bin, tool), args, toolOptions);

  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const options = ['-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', ...settings.flatMap((s) => ['-c', s])].join(' ');
  const cluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    async start() {
      await runAsync('pg_ctl', ['-D', data, '-l', logFile, '-o', options, '-w', '-t', '120', 'start']);
    },
    /** Like pulling the plug on the database server: no checkpoint, crash recovery on the next start. */
    async stopImmediate() {
      await runAsync('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    },
    destroy() {
      if (existsSync(join(data, 'postmaster.pid'))) {
        spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'], { stdio: 'ignore', ...(owner ?? {}) });
      }
      rmSync(dir, { recursive: true, force: true });
    },
    log() {
      try {
        return readFileSync(logFile, 'utf8');
      } catch {
        return '';
      }
    },
  };
  try {
    run('pg_ctl', ['-D', data, '-l', logFile, '-o', options, '-w', '-t', '120', 'start']);
  } catch (error) {
    const log = cluster.log();
    cluster.destroy();
    throw new Error(`The private PostgreSQL did not start: ${error.message}\n${log.slice(-2000)}`);
  }
  return cluster;
}
