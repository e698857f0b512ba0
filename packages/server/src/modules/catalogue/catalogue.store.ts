import {
  type ServiceItemContent,
  serviceItemContentSchema,
  type VersionDetail,
  type VersionStatus,
  type VersionSummary,
} from '@tongban/domain';
import type { Sql } from '../../platform/db/db.ts';
import { searchTexts } from './use-cases/search-text.ts';

/** Row access for the catalogue's two tables (`catalogue_item`, `catalogue_version`). */

export type ItemRow = {
  code: string;
  responsible_department: string;
  published_version_id: string | null;
  published_version_no: number | null;
  popularity: number;
  is_bundle: boolean;
};

export type VersionRow = {
  id: string;
  item_code: string;
  version_no: number;
  status: VersionStatus;
  content: ServiceItemContent;
  author_id: string;
  editors: string[];
  created_at: Date;
  updated_at: Date;
  submitted_by: string | null;
  submitted_at: Date | null;
  rejected_reason: string | null;
  published_by: string | null;
  published_at: Date | null;
  superseded_at: Date | null;
  withdrawn_by: string | null;
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
};

const versionColumns = `id, item_code, version_no, status, content, author_id, editors, created_at, updated_at, submitted_by, submitted_at,
  rejected_reason, published_by, published_at, superseded_at, withdrawn_by, withdrawn_at, withdrawn_reason`;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** jsonb comes back parsed from both drivers; parse once more so defaults of newer schema fields apply to old documents. */
function parseContent(value: unknown): ServiceItemContent {
  const raw = typeof value === 'string' ? JSON.parse(value) : value;
  const parsed = serviceItemContentSchema.safeParse(raw);
  return parsed.success ? parsed.data : (raw as ServiceItemContent);
}

function normalise(row: VersionRow): VersionRow {
  return { ...row, content: parseContent(row.content) };
}

export function toSummary(row: VersionRow): VersionSummary {
  return {
    id: row.id,
    code: row.item_code,
    version: row.version_no,
    status: row.status,
    name: row.content.name,
    responsibleDepartment: row.content.responsibleDepartment,
    authorId: row.author_id,
    editors: row.editors,
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
    submittedBy: row.submitted_by,
    submittedAt: iso(row.submitted_at),
    publishedBy: row.published_by,
    publishedAt: iso(row.published_at),
    withdrawnBy: row.withdrawn_by,
    withdrawnAt: iso(row.withdrawn_at),
    withdrawnReason: row.withdrawn_reason,
    rejectedReason: row.rejected_reason,
  };
}

export function toDetail(row: VersionRow): VersionDetail {
  return { ...toSummary(row), content: row.content };
}

export async function findItem(sql: Sql, code: string, options: { lock?: boolean } = {}): Promise<ItemRow | undefined> {
  const rows = await sql.query<ItemRow>(
    `select code, responsible_department, published_version_id, published_version_no, popularity, is_bundle
     from catalogue_item where code = $1 ${options.lock ? 'for update' : ''}`,
    [code],
  );
  return rows[0];
}

export async function findVersionById(sql: Sql, id: string): Promise<VersionRow | undefined> {
  const rows = await sql.query<VersionRow>(`select ${versionColumns} from catalogue_version where id = $1`, [id]);
  return rows[0] ? normalise(rows[0]) : undefined;
}

export async function findVersionByNo(sql: Sql, code: string, versionNo: number): Promise<VersionRow | undefined> {
  const rows = await sql.query<VersionRow>(`select ${versionColumns} from catalogue_version where item_code = $1 and version_no = $2`, [
    code,
    versionNo,
  ]);
  return rows[0] ? normalise(rows[0]) : undefined;
}

/** The version in the works (draft or submitted), if any. */
export async function findOpenVersion(sql: Sql, code: string): Promise<VersionRow | undefined> {
  const rows = await sql.query<VersionRow>(
    `select ${versionColumns} from catalogue_version where item_code = $1 and status in ('draft', 'submitted')`,
    [code],
  );
  return rows[0] ? normalise(rows[0]) : undefined;
}

export async function listVersionRows(sql: Sql, code: string): Promise<VersionRow[]> {
  const rows = await sql.query<VersionRow>(`select ${versionColumns} from catalogue_version where item_code = $1 order by version_no`, [
    code,
  ]);
  return rows.map(normalise);
}

export async function latestVersionNo(sql: Sql, code: string): Promise<number> {
  const rows = await sql.query<{ n: number | null }>('select max(version_no) as n from catalogue_version where item_code = $1', [code]);
  return rows[0]?.n ?? 0;
}

/** The currently published version of each code (missing codes are left out). */
export async function listPublishedVersions(sql: Sql, codes: readonly string[]): Promise<VersionRow[]> {
  if (codes.length === 0) return [];
  const rows = await sql.query<VersionRow>(
    `select ${versionColumns.replace(/(\w+)/g, 'v.$1')} from catalogue_item i join catalogue_version v on v.id = i.published_version_id
     where i.code = any($1::text[])`,
    [codes],
  );
  return rows.map(normalise);
}

/** Every item's published version, in code order (reports that cover the whole catalogue). */
export async function listAllPublishedVersions(sql: Sql): Promise<VersionRow[]> {
  const rows = await sql.query<VersionRow>(
    `select ${versionColumns.replace(/(\w+)/g, 'v.$1')} from catalogue_item i join catalogue_version v on v.id = i.published_version_id
     order by i.code`,
  );
  return rows.map(normalise);
}

export async function insertVersion(
  sql: Sql,
  v: { id: string; code: string; versionNo: number; status: VersionStatus; content: ServiceItemContent; authorId: string; at: Date },
): Promise<void> {
  await sql.query(
    `insert into catalogue_version (id, item_code, version_no, status, content, author_id, editors, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
    [v.id, v.code, v.versionNo, v.status, JSON.stringify(v.content), v.authorId, [v.authorId], v.at],
  );
}

/** The listing and search columns of `catalogue_item`, from a published version's content. */
function publishedColumns(code: string, c: ServiceItemContent, departmentNames: readonly string[]) {
  const texts = searchTexts(code, c, { departmentNames });
  return {
    code,
    responsible_department: c.responsibleDepartment,
    name_zh: c.name.zh,
    name_en: c.name.en,
    item_type: c.type,
    applicant_type: c.applicantType,
    visits: c.visits,
    promised_days: c.promisedDays,
    online_depth: c.onlineDepth,
    channels: c.channels,
    themes: c.themes,
    events: c.events,
    is_bundle: (c.bundleMembers?.length ?? 0) > 0,
    bundle_members: c.bundleMembers ?? [],
    text_a: texts.a,
    text_b: texts.b,
    text_c: texts.c,
    search_name: texts.name,
  };
}

const recordColumns = `code text, responsible_department text, name_zh text, name_en text, item_type text, applicant_type text, visits int,
  promised_days int, online_depth text, channels text[], themes text[], events text[], is_bundle boolean, bundle_members text[],
  text_a text, text_b text, text_c text, search_name text`;
const searchVector = `setweight(to_tsvector('simple', r.text_a), 'A') || setweight(to_tsvector('simple', r.text_b), 'B') || setweight(to_tsvector('simple', r.text_c), 'C')`;

/**
 * Points the item at its newly published version and refreshes the listing and search columns
 * from that version's content.
 */
export async function setPublished(
  sql: Sql,
  code: string,
  version: { id: string; versionNo: number; content: ServiceItemContent },
  departmentNames: readonly string[],
) {
  await sql.query(
    `update catalogue_item i set
       responsible_department = r.responsible_department, published_version_id = $2, published_version_no = $3,
       name_zh = r.name_zh, name_en = r.name_en, item_type = r.item_type, applicant_type = r.applicant_type, visits = r.visits,
       promised_days = r.promised_days, online_depth = r.online_depth, channels = r.channels, themes = r.themes, events = r.events,
       is_bundle = r.is_bundle, bundle_members = r.bundle_members, search_vector = ${searchVector}, search_name = r.search_name
     from jsonb_to_record($1::jsonb) as r(${recordColumns})
     where i.code = r.code`,
    [JSON.stringify(publishedColumns(code, version.content, departmentNames)), version.id, version.versionNo],
  );
}

export type PublishedImport = {
  code: string;
  versionId: string;
  content: ServiceItemContent;
  popularity: number;
  departmentNames: readonly string[];
};

/**
 * Inserts items straight as published version 1 (bulk import), a few statements per batch
 * instead of several per item: start-up seeding and benchmarks load thousands.
 */
export async function insertPublishedItems(sql: Sql, items: readonly PublishedImport[], by: string, at: Date): Promise<void> {
  for (let start = 0; start < items.length; start += 250) {
    const chunk = items.slice(start, start + 250);
    const rows = chunk.map((item) => ({
      ...publishedColumns(item.code, item.content, item.departmentNames),
      popularity: item.popularity,
      version_id: item.versionId,
      content: item.content,
    }));
    const json = JSON.stringify(rows);
    await sql.query(
      `insert into catalogue_item (code, responsible_department, created_at, created_by, popularity, name_zh, name_en, item_type, applicant_type,
         visits, promised_days, online_depth, channels, themes, events, is_bundle, bundle_members, published_version_no, search_vector, search_name)
       select r.code, r.responsible_department, $2, $3, r.popularity, r.name_zh, r.name_en, r.item_type, r.applicant_type,
         r.visits, r.promised_days, r.online_depth, r.channels, r.themes, r.events, r.is_bundle, r.bundle_members, 1, ${searchVector}, r.search_name
       from jsonb_to_recordset($1::jsonb) as r(${recordColumns}, popularity int)`,
      [json, at, by],
    );
    await sql.query(
      `insert into catalogue_version (id, item_code, version_no, status, content, author_id, editors, created_at, updated_at, published_by, published_at)
       select r.version_id, r.code, 1, 'published', r.content, $2, array[$2::text], $3, $3, $2, $3
       from jsonb_to_recordset($1::jsonb) as r(code text, version_id text, content jsonb)`,
      [json, by, at],
    );
    await sql.query(
      `update catalogue_item i set published_version_id = r.version_id
       from jsonb_to_recordset($1::jsonb) as r(code text, version_id text) where i.code = r.code`,
      [json],
    );
  }
}

export async function clearPublished(sql: Sql, code: string): Promise<void> {
  await sql.query(
    `update catalogue_item set published_version_id = null, published_version_no = null, search_vector = null, search_name = null
     where code = $1`,
    [code],
  );
}

/** Published bundles that contain `code` as a member. */
export async function listBundlesContaining(sql: Sql, code: string): Promise<{ code: string; name_zh: string; name_en: string }[]> {
  return sql.query(
    `select code, name_zh, name_en from catalogue_item where published_version_id is not null and bundle_members @> array[$1]::text[] order by code`,
    [code],
  );
}
