#!/usr/bin/env node
// Builds the web app when packages/web/dist is missing or older than any web or domain source,
// so `npm start` is quick the second time.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const built = join(root, 'packages/web/dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = ['packages/web', 'packages/domain/src'].map((d) => newestMtime(join(root, d)));
if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources)) process.exit(0);
process.stderr.write('[start] building the web app (packages/web/dist)\n');
const result = spawnSync('npm', ['run', '--silent', 'build', '-w', '@tongban/web'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
