// The server for the browser journeys: the real server on a fresh temporary data folder, which is
// removed once the server has stopped (Playwright sends SIGTERM to the process group at the end).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dataDir = mkdtempSync(join(tmpdir(), 'tongban-e2e-'));
const server = spawn(process.execPath, ['packages/server/src/main.ts'], { stdio: 'inherit', env: { ...process.env, DATA_DIR: dataDir } });

for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => {
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  process.exit(code ?? (signal ? 1 : 0));
});
