import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enUS } from './en-US.ts';
import { zhCN } from './zh-CN.ts';

function leaves(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('translations', () => {
  const zh = leaves(zhCN);
  const en = leaves(enUS);

  it('has the same keys, non-empty, and the same {{placeholders}} in both languages', () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
    for (const [key, text] of zh) {
      const other = en.get(key) ?? '';
      expect(text.trim(), key).not.toBe('');
      expect(other.trim(), key).not.toBe('');
      expect(other.match(/\{\{\w+\}\}/g)?.sort() ?? [], key).toEqual(text.match(/\{\{\w+\}\}/g)?.sort() ?? []);
    }
  });

  it('defines every literal key the source code asks for', () => {
    const src = join(import.meta.dirname, '..', '..');
    const missing: string[] = [];
    for (const file of sourceFiles(src)) {
      for (const [, key] of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z]+(?:\.[\w.]+)+)'/g)) {
        if (key && !zh.has(key)) missing.push(`${key} (${file.slice(src.length + 1)})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
