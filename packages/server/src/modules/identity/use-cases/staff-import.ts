import { AppError, type StaffRole } from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { isStaffRole } from './staff.ts';

export type StaffImportRow = { id: string; username: string; name: string; departmentId: string; roles: readonly StaffRole[] };

/**
 * Bulk-loads staff accounts, all with the same password hash (from `hashPassword`), for the seed.
 * One audit entry for the batch.
 * @throws VALIDATION_FAILED an unknown role or a duplicate id/username in the rows
 */
export async function importStaff(
  sql: Sql,
  rows: readonly StaffImportRow[],
  passwordHash: string,
  options: { at?: Date } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const ids = new Set<string>();
  const usernames = new Set<string>();
  for (const row of rows) {
    const bad = row.roles.filter((r) => !isStaffRole(r));
    if (bad.length > 0) throw new AppError('VALIDATION_FAILED', `Unknown role(s) ${bad.join(', ')} for ${row.username}.`);
    const username = row.username.toLowerCase();
    if (ids.has(row.id) || usernames.has(username)) throw new AppError('VALIDATION_FAILED', `Duplicate staff ${row.id} / ${row.username}.`);
    ids.add(row.id);
    usernames.add(username);
  }
  const at = options.at ?? new Date((await sql.query<{ now: Date }>('select now() as now'))[0]?.now as Date);
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    await sql.query(
      `insert into staff (id, username, name, department_id, password_hash, active, created_at)
       select id, username, name, department_id, $5, true, $6 from unnest($1::text[], $2::text[], $3::text[], $4::text[])
         as t(id, username, name, department_id)`,
      [
        chunk.map((r) => r.id),
        chunk.map((r) => r.username.toLowerCase()),
        chunk.map((r) => r.name),
        chunk.map((r) => r.departmentId),
        passwordHash,
        at,
      ],
    );
    const pairs = chunk.flatMap((r) => [...new Set(r.roles)].map((role) => [r.id, role] as const));
    await sql.query('insert into staff_role (staff_id, role) select * from unnest($1::text[], $2::text[])', [
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    ]);
  }
  await recordAudit(sql, at, { actor: { type: 'system' }, action: 'identity.staff.imported', detail: { count: rows.length } });
  return rows.length;
}
