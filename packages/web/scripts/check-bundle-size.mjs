#!/usr/bin/env node
// The portal's first-load budget (quality.md: ≤ 250 KB of gzipped JS), checked after every build:
// sums what dist/index.html loads up front (entry script, its modulepreloads, stylesheets).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const budgetKb = 250;
const dist = join(import.meta.dirname, '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]);
let js = 0;
let css = 0;
for (const asset of assets) {
  const size = gzipSync(readFileSync(join(dist, asset)), { level: 9 }).length;
  if (asset.endsWith('.js')) js += size;
  else if (asset.endsWith('.css')) css += size;
}
const kb = (n) => (n / 1024).toFixed(1);
process.stdout.write(`portal first load: ${kb(js)} KB JS + ${kb(css)} KB CSS gzipped (budget ${budgetKb} KB JS)\n`);
if (js / 1024 > budgetKb) {
  process.stderr.write(`The portal's first-load JS exceeds ${budgetKb} KB gzipped: lazy-load what the home page does not need.\n`);
  process.exit(1);
}
