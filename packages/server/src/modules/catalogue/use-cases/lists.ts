import { type CatalogueListItem, eventLabel, type LocalizedText, themeLabel } from '@tongban/domain';
import type { Platform } from '../../../platform/context.ts';
import { type CachedBody, cached, departmentNames } from '../catalogue.cache.ts';
import { departmentRef } from '../catalogue.departments.ts';
import { type ListRow, listColumns, toListItem } from './search.ts';

/** Small public lists over the published catalogue, cached like the guides. */

type Labelled = { id: string; label: LocalizedText; count: number };

async function countsOf(platform: Platform, column: 'themes' | 'events'): Promise<{ id: string; count: number }[]> {
  return platform.db.query<{ id: string; count: number }>(
    `select t.id, count(*)::int as count from catalogue_item i, unnest(i.${column}) as t(id)
     where i.published_version_id is not null group by t.id order by count(*) desc, t.id`,
  );
}

export async function listThemes(platform: Platform): Promise<CachedBody<{ items: Labelled[] }>> {
  return (await cached(platform, 'themes', async () => ({
    items: (await countsOf(platform, 'themes')).map((r) => ({ id: r.id, label: themeLabel(r.id), count: r.count })),
  }))) as CachedBody<{ items: Labelled[] }>;
}

export async function listEvents(platform: Platform): Promise<CachedBody<{ items: Labelled[] }>> {
  return (await cached(platform, 'events', async () => ({
    items: (await countsOf(platform, 'events')).map((r) => ({ id: r.id, label: eventLabel(r.id), count: r.count })),
  }))) as CachedBody<{ items: Labelled[] }>;
}

/**
 * Most-used items. Until the cases module counts real applications, "used" is the seeded
 * `popularity` column of `catalogue_item`.
 */
export async function listPopular(platform: Platform, limit: number): Promise<CachedBody<{ items: CatalogueListItem[] }>> {
  return (await cached(platform, `popular:${limit}`, async () => {
    const names = await departmentNames(platform);
    const rows = await platform.db.query<ListRow>(
      `select ${listColumns} from catalogue_item i join catalogue_version v on v.id = i.published_version_id
       order by i.popularity desc, i.code limit $1`,
      [limit],
    );
    return { items: rows.map((r) => toListItem(r, names)) };
  })) as CachedBody<{ items: CatalogueListItem[] }>;
}

/** Departments responsible for at least one published item, with how many. */
export async function listCatalogueDepartments(platform: Platform) {
  return (await cached(platform, 'departments', async () => {
    const names = await departmentNames(platform);
    const rows = await platform.db.query<{ id: string; count: number }>(
      `select responsible_department as id, count(*)::int as count from catalogue_item
       where published_version_id is not null group by responsible_department order by count(*) desc, responsible_department`,
    );
    return { items: rows.map((r) => ({ ...departmentRef(names, r.id), count: r.count })) };
  })) as CachedBody<{ items: { id: string; name: LocalizedText; count: number }[] }>;
}

/** Published bundles (一件事) with their members. */
export async function listBundles(platform: Platform) {
  return (await cached(platform, 'bundles', async () => {
    const names = await departmentNames(platform);
    const bundles = await platform.db.query<{
      code: string;
      name_zh: string;
      name_en: string;
      responsible_department: string;
      promised_days: number;
      bundle_members: string[];
    }>(
      `select code, name_zh, name_en, responsible_department, promised_days, bundle_members from catalogue_item
       where published_version_id is not null and is_bundle order by popularity desc, code`,
    );
    const memberCodes = [...new Set(bundles.flatMap((b) => b.bundle_members))];
    const members = await platform.db.query<{ code: string; name_zh: string; name_en: string; responsible_department: string }>(
      `select code, name_zh, name_en, responsible_department from catalogue_item where code = any($1::text[]) and published_version_id is not null`,
      [memberCodes],
    );
    return {
      items: bundles.map((b) => {
        const ms = b.bundle_members.flatMap((c) => members.filter((m) => m.code === c));
        return {
          code: b.code,
          name: { zh: b.name_zh, en: b.name_en },
          department: departmentRef(names, b.responsible_department),
          promisedDays: b.promised_days,
          members: ms.map((m) => ({
            code: m.code,
            name: { zh: m.name_zh, en: m.name_en },
            department: departmentRef(names, m.responsible_department),
          })),
        };
      }),
    };
  })) as CachedBody<{
    items: {
      code: string;
      name: LocalizedText;
      department: ReturnType<typeof departmentRef>;
      promisedDays: number;
      members: unknown[];
    }[];
  }>;
}
