import { type FormField, type Material, mergeBundle, type ServiceItemContent } from '@tongban/domain';
import type { Sql } from '../../../platform/db/db.ts';
import { getPublishedItem, listPublishedItems, type PublishedItem } from '../../catalogue/index.ts';

/**
 * An item's materials the way filing sees them: a plain item's own list; a bundle's merged list,
 * each material with the member items whose cases fetch it (their departments are the consumers).
 */
export type ItemMaterial = { material: Material; codes: string[] };
export type ItemMaterials = { materials: ItemMaterial[]; departments: Map<string, string>; isBundle: boolean };

async function mergedOf(sql: Sql, item: PublishedItem) {
  const departments = new Map<string, string>([[item.code, item.content.responsibleDepartment]]);
  const members = item.content.bundleMembers ?? [];
  if (members.length === 0) return { departments, merged: undefined };
  const loaded: { code: string; content: ServiceItemContent }[] = [];
  for (const code of members) {
    const m = await getPublishedItem(sql, code);
    loaded.push({ code, content: m.content });
    departments.set(code, m.content.responsibleDepartment);
  }
  return { departments, merged: mergeBundle(loaded, { code: item.code, content: item.content }) };
}

/** The application form as filing validates it (a bundle's merged form), each field with the items using it. */
export async function formOf(
  sql: Sql,
  item: PublishedItem,
): Promise<{ fields: (FormField & { items: string[] })[]; departments: Map<string, string> }> {
  const { departments, merged } = await mergedOf(sql, item);
  if (!merged) return { fields: item.content.form.map((f) => ({ ...f, items: [item.code] })), departments };
  return { fields: merged.form.map((f) => ({ ...f, items: f.items ?? [item.code] })), departments };
}

export async function materialsOf(sql: Sql, item: PublishedItem): Promise<ItemMaterials> {
  const { departments, merged } = await mergedOf(sql, item);
  if (!merged) {
    return { materials: item.content.materials.map((material) => ({ material, codes: [item.code] })), departments, isBundle: false };
  }
  return {
    materials: merged.materials.map((m) => ({ material: m, codes: (m.items ?? []).filter((c) => c !== item.code) })),
    departments,
    isBundle: true,
  };
}

/** Every published item: the metrics and the advisor cover the whole catalogue. */
export async function knownPublishedItems(sql: Sql): Promise<PublishedItem[]> {
  return listPublishedItems(sql);
}
