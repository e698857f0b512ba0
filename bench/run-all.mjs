// Runs every benchmark scenario, one after the other, each in its own Node process, so that one
// scenario's heap and JIT state never colour the next. A scenario is any `bench/<name>.mjs` (this
// file excepted); `node bench/run-all.mjs [names…]` runs only the named ones.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir, updateReadme } from './lib/results.mjs';

const scenarios = readdirSync(benchDir)
  .filter((f) => f.endsWith('.mjs') && f !== 'run-all.mjs' && !f.startsWith('.'))
  .map((f) => f.replace(/\.mjs$/, ''))
  .sort();

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !scenarios.includes(w));
if (unknown.length) {
  process.stderr.write(`Unknown scenario(s): ${unknown.join(', ')}. Known: ${scenarios.join(', ')}\n`);
  process.exit(2);
}
const failed = [];
for (const scenario of wanted.length ? wanted : scenarios) {
  process.stdout.write(`\n▶ ${scenario}\n`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(benchDir, `${scenario}.mjs`)], { stdio: 'inherit' });
  process.stdout.write(`  (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  if (run.status !== 0) failed.push(scenario);
}
updateReadme();
if (failed.length) {
  process.stderr.write(`\nFailed: ${failed.join(', ')}\n`);
  process.exit(1);
}
process.stdout.write('\nResults: bench/results/*.json and the table in bench/README.md\n');
