import type { CatalogueListItem, CatalogueSearchQuery, CatalogueSearchResult, ItemType, LocalizedText } from '@tongban/domain';
import type { Platform } from '../../../platform/context.ts';
import { type CachedBody, cached, departmentNames } from '../catalogue.cache.ts';
import { type DepartmentNames, departmentRef } from '../catalogue.departments.ts';
import { buildSearchQuery } from './search-text.ts';

/**
 * Public search and listing over the published catalogue. Ranking: items whose name matches every
 * word first, then by cover-density rank (name words weigh most), then closeness of the name to
 * the query, then popularity. When no item matches every word, the closest ones are returned
 * (`match: 'fuzzy'`): any word matches, or the name is similar by trigrams (typos).
 */

export type ListRow = {
  code: string;
  name_zh: string;
  name_en: string;
  responsible_department: string;
  item_type: ItemType;
  applicant_type: CatalogueListItem['applicantType'];
  visits: number;
  promised_days: number;
  online_depth: CatalogueListItem['onlineDepth'];
  channels: CatalogueListItem['channels'];
  themes: string[];
  events: string[];
  is_bundle: boolean;
  published_version_no: number;
  summary: LocalizedText | null;
  total?: number;
};

export const listColumns = `i.code, i.name_zh, i.name_en, i.responsible_department, i.item_type, i.applicant_type, i.visits, i.promised_days,
  i.online_depth, i.channels, i.themes, i.events, i.is_bundle, i.published_version_no, v.content->'summary' as summary`;

export function toListItem(row: ListRow, names: DepartmentNames): CatalogueListItem {
  return {
    code: row.code,
    name: { zh: row.name_zh, en: row.name_en },
    department: departmentRef(names, row.responsible_department),
    type: row.item_type,
    applicantType: row.applicant_type,
    visits: row.visits,
    promisedDays: row.promised_days,
    onlineDepth: row.online_depth,
    channels: row.channels,
    themes: row.themes,
    events: row.events,
    isBundle: row.is_bundle,
    version: row.published_version_no,
    ...(row.summary ? { summary: typeof row.summary === 'string' ? JSON.parse(row.summary) : row.summary } : {}),
  };
}

const RANK_WEIGHTS = '{0.05, 0.2, 0.4, 1.0}'; // D, C, B, A

/**
 * The listing columns of `catalogue_item i` plus the item's summary, which lives in the version's
 * content (a large jsonb): it is read by a subquery in the select list, which PostgreSQL evaluates
 * only for the rows left after ORDER BY … LIMIT, not for every match.
 */
const pageColumns = `i.code, i.name_zh, i.name_en, i.responsible_department, i.item_type, i.applicant_type, i.visits, i.promised_days,
  i.online_depth, i.channels, i.themes, i.events, i.is_bundle, i.published_version_no,
  (select v.content->'summary' from catalogue_version v where v.id = i.published_version_id) as summary`;

/** The cache key: the normalised query (as `buildSearchQuery` sees it) and every filter. */
function cacheKey(query: CatalogueSearchQuery): string {
  const q = query.q.normalize('NFKC').toLowerCase().trim();
  return `search:${JSON.stringify([q, query.department, query.type, query.applicantType, query.theme, query.event, query.channel, query.zeroVisits, query.bundle, query.page, query.pageSize])}`;
}

/**
 * Search and list, from the in-memory cache when fresh (popular queries repeat; see
 * `catalogue.cache.ts` for how long an answer is kept and how a publication clears it).
 */
export async function searchCatalogue(platform: Platform, query: CatalogueSearchQuery): Promise<CachedBody<CatalogueSearchResult>> {
  return (await cached(platform, cacheKey(query), () => runSearch(platform, query), 'searches')) as CachedBody<CatalogueSearchResult>;
}

async function runSearch(platform: Platform, query: CatalogueSearchQuery): Promise<CatalogueSearchResult> {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const filters = ['i.published_version_id is not null'];
  if (query.department) filters.push(`i.responsible_department = ${p(query.department)}`);
  if (query.type) filters.push(`i.item_type = ${p(query.type)}`);
  if (query.applicantType) filters.push(`i.applicant_type in (${p(query.applicantType)}, 'both')`);
  if (query.theme) filters.push(`i.themes @> array[${p(query.theme)}]::text[]`);
  if (query.event) filters.push(`i.events @> array[${p(query.event)}]::text[]`);
  if (query.channel) filters.push(`i.channels @> array[${p(query.channel)}]::text[]`);
  if (query.zeroVisits !== undefined) filters.push(query.zeroVisits ? 'i.visits = 0' : 'i.visits > 0');
  if (query.bundle !== undefined) filters.push(query.bundle ? 'i.is_bundle' : 'not i.is_bundle');
  const limit = query.pageSize;
  const offset = (query.page - 1) * query.pageSize;
  const names = await departmentNames(platform);
  const finish = (rows: ListRow[], match: CatalogueSearchResult['match']): CatalogueSearchResult => ({
    items: rows.map((r) => toListItem(r, names)),
    total: Number(rows[0]?.total ?? 0),
    page: query.page,
    pageSize: query.pageSize,
    match,
  });

  const search = buildSearchQuery(query.q);
  if (!search) {
    const rows = await platform.db.query<ListRow>(
      `select ${pageColumns}, count(*) over () as total from catalogue_item i where ${filters.join(' and ')}
       order by i.popularity desc, i.code limit ${p(limit)} offset ${p(offset)}`,
      params,
    );
    return finish(rows, 'all');
  }

  const base = [...params];
  const strict = p(search.strict);
  const strictName = p(search.strictName);
  const text = p(search.text);
  // Two steps: every match is ranked by the cheap keys (name match, cover density); only the
  // leading rows — with all rows tied with the last of them — are ordered by trigram similarity,
  // the costly key, which only breaks those ties. Same order as sorting every match by all keys.
  const exact = await platform.db.query<ListRow>(
    `with hit as (
       select i.code, (i.search_vector @@ qa) as in_name, ts_rank_cd('${RANK_WEIGHTS}', i.search_vector, q) as rank, count(*) over () as total
       from catalogue_item i, to_tsquery('simple', ${strict}) q, to_tsquery('simple', ${strictName}) qa
       where ${filters.join(' and ')} and i.search_vector @@ q
       order by in_name desc, rank desc
       fetch first ${p(offset + limit)} rows with ties
     )
     select ${pageColumns}, hit.total
     from hit join catalogue_item i on i.code = hit.code
     order by hit.in_name desc, hit.rank desc, similarity(i.search_name, ${text}) desc, i.popularity desc, i.code
     limit ${p(limit)} offset ${p(offset)}`,
    params,
    // Planned for these words each time: a common word and a rare one want different plans.
    { prepare: false },
  );
  if (exact.length > 0) return finish(exact, 'exact');
  params.length = 0;
  params.push(...base);
  if (offset > 0) {
    // Past the last page of exact matches, or paging through fuzzy ones?
    const any = await platform.db.query(
      `select 1 from catalogue_item i, to_tsquery('simple', ${p(search.strict)}) q where ${filters.join(' and ')} and i.search_vector @@ q limit 1`,
      params,
      { prepare: false },
    );
    if (any.length > 0) return finish([], 'exact');
    params.length = 0;
    params.push(...base);
  }
  const loose = p(search.loose);
  const fuzzyText = p(search.text);
  // word_similarity is the costly part: computed once per row (lateral), not once to filter and again to sort.
  const fuzzy = await platform.db.query<ListRow>(
    `select ${pageColumns}, count(*) over () as total
     from catalogue_item i cross join lateral (select word_similarity(${fuzzyText}, i.search_name) as closeness) s,
          to_tsquery('simple', ${loose}) q
     where ${filters.join(' and ')} and (i.search_vector @@ q or s.closeness >= 0.3)
     order by s.closeness desc, ts_rank_cd('${RANK_WEIGHTS}', i.search_vector, q) desc, i.popularity desc, i.code
     limit ${p(limit)} offset ${p(offset)}`,
    params,
    { prepare: false },
  );
  return finish(fuzzy, 'fuzzy');
}
