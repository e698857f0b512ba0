import type { DepartmentRef } from '@tongban/domain';
import type { Sql } from '../../platform/db/db.ts';
import { findDepartment, listDepartmentSubtreeIds, listDepartments } from '../identity/index.ts';

/**
 * What the catalogue needs from identity's department tree, in one place: which department ids
 * exist, their names, and whether one lies within another (department scoping of editors).
 */

/** The subset of `ids` that are departments. */
export async function existingDepartments(sql: Sql, ids: Iterable<string>): Promise<Set<string>> {
  const wanted = [...new Set(ids)].filter((id) => id !== 'responsible');
  const found = await Promise.all(wanted.map(async (id) => ((await findDepartment(sql, id)) ? id : undefined)));
  return new Set(found.filter((id): id is string => id !== undefined));
}

export type DepartmentNames = ReadonlyMap<string, { zh: string; en: string }>;

export async function loadDepartmentNames(sql: Sql): Promise<DepartmentNames> {
  const all = await listDepartments(sql, { includeInactive: true });
  return new Map(all.map((d) => [d.id, { zh: d.nameZh, en: d.nameEn }]));
}

export function departmentRef(names: DepartmentNames, id: string): DepartmentRef {
  return { id, name: names.get(id) ?? { zh: id, en: id } };
}

/** Whether `id` is `rootId` or below it in the department tree. */
export async function isWithinDepartment(sql: Sql, rootId: string, id: string): Promise<boolean> {
  if (rootId === id) return true;
  return (await listDepartmentSubtreeIds(sql, rootId)).includes(id);
}

export async function departmentSubtree(sql: Sql, rootId: string): Promise<string[]> {
  return listDepartmentSubtreeIds(sql, rootId);
}
