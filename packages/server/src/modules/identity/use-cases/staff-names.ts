import type { Sql } from '../../../platform/db/db.ts';

/**
 * Display names of staff members by id, for logs that name who did something (the data hub's
 * exchange log for data officers). Unknown ids are left out. One statement for the whole page.
 */
export async function staffNames(sql: Sql, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => typeof id === 'string' && id !== ''))];
  if (wanted.length === 0) return new Map();
  const rows = await sql.query<{ id: string; name: string }>('select id, name from staff where id = any($1::text[])', [wanted]);
  return new Map(rows.map((r) => [r.id, r.name]));
}
