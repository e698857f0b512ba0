import { AppError, checkFieldValue, freshnessDays, maskIdentifier, type QualityReport } from '@tongban/domain';
import type { Ctx, Platform } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { registryAdapters } from '../adapters/registry-adapters.ts';
import { departmentNames, getResource, isHubCentre, type LoadedResource, requireStaff } from './shared.ts';

/**
 * Governance (数据治理): data-quality checks per resource — completeness (every field that must
 * have a value has one), validity (check digits of ID numbers and credit codes, real dates, codes
 * from the element's list) and freshness (updated within the window of the resource's update
 * frequency) — with a report per department; and open data: resources marked open are published
 * with their non-personal fields.
 */
const PAGE = 5000;

type FieldTally = { missing: number; invalid: number; present: number; samples: string[] };

/** @throws DATAHUB_RESOURCE_NOT_FOUND */
export async function checkResourceQuality(sql: Sql, at: Date, resource: LoadedResource): Promise<QualityReport['resources'][number]> {
  const base = {
    resource: resource.code,
    name: { zh: resource.name_zh, en: resource.name_en },
    ownerDepartmentId: resource.owner_department_id,
  };
  const adapter = resource.provider_kind === 'registry' ? registryAdapters[resource.provider_ref] : undefined;
  if (!adapter?.scan) {
    const note =
      resource.provider_kind === 'http'
        ? '外部系统不支持批量读取，由提供方自查。An external system: the provider checks its own data.'
        : '该登记库未开放批量读取接口。The registry offers no bulk read to the hub.';
    return {
      ...base,
      status: 'unavailable',
      note,
      records: 0,
      freshness: null,
      staleRecords: 0,
      completeness: null,
      validity: null,
      score: null,
      fields: [],
    };
  }
  const staleBefore = at.getTime() - freshnessDays[resource.update_frequency] * 86_400_000;
  const tallies = new Map<string, FieldTally>(resource.fields.map((f) => [f.name, { missing: 0, invalid: 0, present: 0, samples: [] }]));
  let records = 0;
  let stale = 0;
  let after: string | null = null;
  for (;;) {
    const page = await adapter.scan(sql, after, PAGE);
    if (page.length === 0) break;
    for (const { key, record, updatedAt } of page) {
      records++;
      if (updatedAt.getTime() < staleBefore) stale++;
      for (const f of resource.fields) {
        const t = tallies.get(f.name) as FieldTally;
        const problem = checkFieldValue({ type: f.type, allowedValues: f.allowed_values, maxLength: f.max_length }, record[f.name]);
        if (problem === 'missing') {
          if (!f.optional) t.missing++;
        } else {
          t.present++;
          if (problem === 'invalid') {
            t.invalid++;
            if (t.samples.length < 5) t.samples.push(maskIdentifier(key));
          }
        }
      }
    }
    after = (page.at(-1) as { key: string }).key;
    if (page.length < PAGE) break;
  }
  const ratio = (part: number, whole: number) => (whole === 0 ? 1 : Math.round((part / whole) * 10_000) / 10_000);
  const fields = resource.fields.map((f) => {
    const t = tallies.get(f.name) as FieldTally;
    return {
      name: f.name,
      type: f.type,
      completeness: ratio(records - t.missing, records),
      validity: ratio(t.present - t.invalid, t.present),
      missing: t.missing,
      invalid: t.invalid,
      invalidSamples: t.samples,
    };
  });
  const mean = (xs: number[]) => (xs.length === 0 ? 1 : xs.reduce((a, b) => a + b, 0) / xs.length);
  const completeness = Math.round(mean(fields.map((f) => f.completeness)) * 10_000) / 10_000;
  const validity = Math.round(mean(fields.map((f) => f.validity)) * 10_000) / 10_000;
  const freshness = ratio(records - stale, records);
  return {
    ...base,
    status: 'checked',
    note: null,
    records,
    freshness,
    staleRecords: stale,
    completeness,
    validity,
    score: Math.round(((completeness + validity + freshness) / 3) * 1000) / 10,
    fields,
  };
}

/**
 * The quality report of a department's resources (default: the caller's); the big-data centre may
 * ask for any department, or all.
 * @throws AUTH_FORBIDDEN (another department's report)
 */
export async function qualityReport(ctx: Ctx, query: { department?: string | undefined }): Promise<QualityReport> {
  const actor = requireStaff(ctx.actor);
  const hub = isHubCentre(actor);
  const department = query.department ?? (hub ? null : actor.departmentId);
  if (!hub && department !== actor.departmentId) {
    throw new AppError('AUTH_FORBIDDEN', '只能查看本部门的数据质量报告。Only your own department’s report.');
  }
  const at = ctx.clock.now();
  const codes = await ctx.db.query<{ code: string }>(
    `select code from datahub_resource where status = 'active' and ($1::text is null or owner_department_id = $1) order by code`,
    [department],
  );
  const resources = [];
  for (const { code } of codes) resources.push(await checkResourceQuality(ctx.db, at, await getResource(ctx.db, code)));
  return { departmentId: department, checkedAt: at.toISOString(), resources };
}

// ---------------------------------------------------------------------------------------------
// Open data
// ---------------------------------------------------------------------------------------------

async function openDataSet(sql: Sql, resource: LoadedResource, names: Map<string, string>) {
  const adapter = resource.provider_kind === 'registry' ? registryAdapters[resource.provider_ref] : undefined;
  const available = Boolean(adapter?.scan);
  return {
    code: resource.code,
    name: { zh: resource.name_zh, en: resource.name_en },
    description: resource.description_zh && resource.description_en ? { zh: resource.description_zh, en: resource.description_en } : null,
    publisher: resource.owner_department_id,
    publisherName: names.get(resource.owner_department_id) ?? null,
    updateFrequency: resource.update_frequency,
    fields: resource.fields
      .filter((f) => !f.personal)
      .map((f) => ({ name: f.name, label: { zh: f.label_zh, en: f.label_en }, type: f.type })),
    available,
    records: available && adapter?.count ? await adapter.count(sql) : null,
  };
}

async function openResources(sql: Sql): Promise<LoadedResource[]> {
  const codes = await sql.query<{ code: string }>(`select code from datahub_resource where open_data and status = 'active' order by code`);
  const out: LoadedResource[] = [];
  for (const { code } of codes) out.push(await getResource(sql, code));
  return out;
}

/** The open data sets (数据开放), public. */
export async function listOpenDataSets(platform: Platform) {
  const resources = await openResources(platform.db);
  const names = await departmentNames(
    platform.db,
    resources.map((r) => r.owner_department_id),
  );
  const items = [];
  for (const r of resources) items.push(await openDataSet(platform.db, r, names));
  return { items };
}

/**
 * One page of an open data set: its non-personal fields only.
 * @throws NOT_FOUND (no such open data set)
 */
export async function getOpenDataPage(platform: Platform, code: string, q: { page: number; pageSize: number }) {
  const resource = (await openResources(platform.db)).find((r) => r.code === code);
  const adapter = resource?.provider_kind === 'registry' ? registryAdapters[resource.provider_ref] : undefined;
  if (!resource || !adapter?.scan) throw new AppError('NOT_FOUND', '没有该开放数据集。No such open data set.');
  const names = await departmentNames(platform.db, [resource.owner_department_id]);
  const dataset = await openDataSet(platform.db, resource, names);
  const publish = dataset.fields.map((f) => f.name);
  // Keyset pages from the start: open data sets are small; a page number is what people link to.
  let after: string | null = null;
  let skipped = 0;
  const skip = (q.page - 1) * q.pageSize;
  while (skipped < skip) {
    const page = await adapter.scan(platform.db, after, Math.min(PAGE, skip - skipped));
    if (page.length === 0) break;
    skipped += page.length;
    after = (page.at(-1) as { key: string }).key;
  }
  const rows = skipped < skip ? [] : await adapter.scan(platform.db, after, q.pageSize + 1);
  return {
    dataset,
    rows: rows.slice(0, q.pageSize).map((r) => Object.fromEntries(publish.map((f) => [f, r.record[f] ?? null]))),
    page: q.page,
    pageSize: q.pageSize,
    hasMore: rows.length > q.pageSize,
  };
}
