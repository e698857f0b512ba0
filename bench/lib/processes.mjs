// Child processes for benchmarks: servers run apart from the load generator, each on its own core.
import { spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * Starts `node <args>` and resolves when a stdout line matches `ready` (its first capture group is
 * returned, e.g. the URL). Output is drained so a chatty child never blocks on a full pipe.
 */
export async function startNode(args, { env = {}, unset = [], ready, timeoutMs = 180_000, label = args.join(' ') } = {}) {
  const childEnv = { ...process.env, ...env };
  for (const key of unset) delete childEnv[key];
  const child = spawn(process.execPath, args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stderr.on('data', keep);
  const match = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not become ready within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    child.stdout.on('data', (chunk) => {
      keep(chunk);
      const m = ready.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with code ${code} before it was ready:\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    match,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await once(child, 'exit');
      clearTimeout(timer);
    },
  };
}
