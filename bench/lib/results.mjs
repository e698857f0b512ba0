// Shared by every benchmark: writes bench/results/<name>.json and refreshes the table of latest
// figures in bench/README.md (one line per benchmark, between the results markers).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(benchDir, 'results');
const readmePath = join(benchDir, 'README.md');
const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

/**
 * @param {{ name: string, unit: string, value: number, baseline_name?: string | null, baseline_value?: number | null,
 *   goal?: string, details?: Record<string, unknown> }} result
 */
export function writeResult(result) {
  const baselineValue = result.baseline_value ?? null;
  const record = {
    name: result.name,
    unit: result.unit,
    value: round(result.value),
    baseline_name: result.baseline_name ?? null,
    baseline_value: baselineValue === null ? null : round(baselineValue),
    ratio: baselineValue ? round(result.value / baselineValue, 3) : null,
    date: new Date().toISOString(),
    node: process.version,
    cpus: availableParallelism(),
    cpu_model: cpus()[0]?.model ?? 'unknown',
    // Other work on the machine skews absolute figures (ratios less so): recorded to judge a run.
    load_average_1m: round(loadavg()[0] ?? 0, 2),
    ...(result.goal ? { goal: result.goal } : {}),
    ...(result.details ? { details: result.details } : {}),
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${result.name}.json`), `${JSON.stringify(record, null, 2)}\n`);
  updateReadme();
  const ratio = record.ratio === null ? '' : ` (${(record.ratio * 100).toFixed(1)}% of ${record.baseline_name})`;
  process.stdout.write(`  → ${record.name}: ${fmt(record.value)} ${record.unit}${ratio}\n`);
  return record;
}

export function updateReadme() {
  const rows = existsSync(resultsDir)
    ? readdirSync(resultsDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => JSON.parse(readFileSync(join(resultsDir, f), 'utf8')))
    : [];
  const lines = [
    '| benchmark | value | baseline (same run) | ratio | goal | date | node | cpus | load |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.baseline_name ? `${r.baseline_name}: ${fmt(r.baseline_value)}` : '—'} | ` +
        `${r.ratio === null ? '—' : `${(r.ratio * 100).toFixed(1)}%`} | ${r.goal ?? '—'} | ${r.date.slice(0, 10)} | ${r.node} | ${r.cpus} | ${r.load_average_1m ?? '—'} |`,
    ),
  ];
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`bench/README.md lacks the ${START} … ${END} markers`);
  writeFileSync(readmePath, `${readme.slice(0, start + START.length)}\n${lines.join('\n')}\n${readme.slice(end)}`);
}

function round(value, digits = 1) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function fmt(value) {
  return typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 1 }) : String(value);
}
