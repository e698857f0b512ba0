// The real server (`packages/server/src/main.ts`) as a child process the harness can kill -9 and
// start again on the same port and database. Each incarnation's output is kept for a post-mortem.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '../../..');
const mainTs = join(repoRoot, 'packages/server/src/main.ts');

/** The harness's environment with `env` over it; keys set to undefined are removed. */
export function childEnv(env) {
  const merged = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete merged[k];
  return merged;
}

/**
 * @param {{ env: Record<string, string>, logFile: string, readyTimeoutMs?: number }} options
 */
export function createServerControl({ env, logFile, readyTimeoutMs = 600_000 }) {
  let child;
  let incarnation = 0;
  const stats = { starts: 0, kills: 0, unexpectedExits: 0, startSeconds: [] };

  async function start() {
    incarnation++;
    const started = performance.now();
    const proc = spawn(process.execPath, [mainTs], {
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    const label = `--- server #${incarnation} (pid ${proc.pid}) ---\n`;
    appendFileSync(logFile, label);
    let seen = '';
    const ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server #${incarnation} not ready after ${readyTimeoutMs} ms`)), readyTimeoutMs);
      const onData = (chunk) => {
        appendFileSync(logFile, chunk);
        seen = (seen + chunk).slice(-4000);
        if (/is running at http/.test(seen)) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout.on('data', onData);
      proc.stderr.on('data', (chunk) => appendFileSync(logFile, chunk));
      proc.on('exit', (code, signal) => {
        clearTimeout(timer);
        appendFileSync(logFile, `--- server #${incarnation} exited (code ${code}, signal ${signal}) ---\n`);
        if (proc === child && !proc.expectedExit) stats.unexpectedExits++;
        reject(new Error(`server #${incarnation} exited (code ${code}, signal ${signal}) before it was ready; see ${logFile}`));
      });
    });
    await ready;
    stats.starts++;
    stats.startSeconds.push((performance.now() - started) / 1000);
    return proc.pid;
  }

  return {
    stats,
    start,
    get running() {
      return Boolean(child && child.exitCode === null && child.signalCode === null);
    },
    /** kill -9: no shutdown hook runs, in-flight transactions die with the process. */
    async kill() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const proc = child;
      proc.expectedExit = true;
      proc.kill('SIGKILL');
      await once(proc, 'exit').catch(() => {});
      stats.kills++;
    },
    /** A normal stop (SIGTERM): drains HTTP and jobs and seals the audit tail. */
    async stop() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const proc = child;
      proc.expectedExit = true;
      const exited = once(proc, 'exit');
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
    },
    /** Restarts the server when it died on its own (say, its database went away). */
    async ensureRunning() {
      if (!this.running) await start();
    },
  };
}
