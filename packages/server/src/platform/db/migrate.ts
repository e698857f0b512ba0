import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

/**
 * Applies the SQL files in `packages/server/migrations` in name order, each once, recording name
 * and checksum: all pending ones in ONE transaction under an advisory lock, so a failing migration
 * leaves the database as it was before that start, and two servers starting together on one
 * PostgreSQL do not migrate twice. An applied migration that was edited afterwards stops the start:
 * migrations are append-only history, never rewritten.
 */
export const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/** Also taken by `prepareDatabase` around the grants (two servers granting at once would collide). */
export const MIGRATION_LOCK = 727_001;

export async function migrate(db: Db, dir = migrationsDir): Promise<string[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    // Under the lock: two servers starting on a fresh database would otherwise both create the
    // table and one fail on its type name (pg_type_typname_nsp_index).
    await tx.query(`create table if not exists schema_migration (
      name text primary key, checksum text not null, applied_at timestamptz not null default now())`);
    const done = new Map(
      (await tx.query<{ name: string; checksum: string }>('select name, checksum from schema_migration')).map((r) => [r.name, r.checksum]),
    );
    for (const file of files) {
      const script = readFileSync(join(dir, file), 'utf8');
      const checksum = createHash('sha256').update(script).digest('hex');
      const previous = done.get(file);
      if (previous !== undefined) {
        if (previous !== checksum) throw new Error(`Migration ${file} was changed after it was applied; add a new migration instead.`);
        continue;
      }
      for (const statement of splitStatements(script)) await tx.query(statement);
      await tx.query('insert into schema_migration (name, checksum) values ($1, $2)', [file, checksum]);
      applied.push(file);
    }
  });
  return applied;
}

/**
 * Splits a migration script into statements so that each runs through the parameterised path
 * inside the one transaction (PGlite's `exec` cannot join an open transaction object). Handles
 * `--` comments, quoted strings and `$$` / `$tag$` bodies of functions.
 */
export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let current = '';
  let i = 0;
  while (i < script.length) {
    const ch = script[i] as string;
    const rest = script.slice(i);
    if (rest.startsWith('--')) {
      const end = script.indexOf('\n', i);
      i = end < 0 ? script.length : end + 1;
      current += '\n';
      continue;
    }
    if (ch === "'") {
      const end = script.indexOf("'", i + 1);
      current += script.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    const dollar = /^\$[A-Za-z_]*\$/.exec(rest);
    if (dollar) {
      const tag = dollar[0];
      const end = script.indexOf(tag, i + tag.length);
      current += script.slice(i, end + tag.length);
      i = end + tag.length;
      continue;
    }
    if (ch === ';') {
      if (current.trim()) out.push(current.trim());
      current = '';
      i++;
      continue;
    }
    current += ch;
    i++;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
