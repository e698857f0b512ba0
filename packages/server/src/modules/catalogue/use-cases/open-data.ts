import { readFileSync } from 'node:fs';
import { itemTypeLabels, type ServiceItemContent, supplyOf } from '@tongban/domain';
import type { Platform } from '../../../platform/context.ts';
import { type CachedBody, cached, departmentNames } from '../catalogue.cache.ts';
import type { DepartmentNames } from '../catalogue.departments.ts';

/**
 * Open data of the published catalogue: CPSV-AP 3 (the EU Core Public Service Vocabulary
 * Application Profile) as JSON-LD, and a flat CSV. The JSON-LD context is shipped with the
 * module and served by us, so consumers and our tests never need the network.
 */

export const CPSV_CONTEXT_PATH = '/api/v1/catalogue/cpsv/context.jsonld';
export const cpsvContext: Record<string, unknown> = JSON.parse(readFileSync(new URL('./cpsv-ap-context.jsonld', import.meta.url), 'utf8'));
export const cpsvContextBody = JSON.stringify(cpsvContext);

type PublishedRow = { code: string; version_no: number; published_at: Date; content: ServiceItemContent };

async function listAllPublished(platform: Platform): Promise<PublishedRow[]> {
  const rows = await platform.db.query<PublishedRow>(
    `select i.code, v.version_no, v.published_at, v.content from catalogue_item i join catalogue_version v on v.id = i.published_version_id order by i.code`,
  );
  return rows.map((r) => ({ ...r, content: typeof r.content === 'string' ? JSON.parse(r.content) : r.content }));
}

const lang = (t: { zh: string; en: string }) => ({ zh: t.zh, en: t.en });

function publicService(row: PublishedRow, names: DepartmentNames): Record<string, unknown> {
  const c = row.content;
  const id = `items/${row.code}`;
  const department = names.get(c.responsibleDepartment) ?? { zh: c.responsibleDepartment, en: c.responsibleDepartment };
  const fee =
    c.fee.kind === 'free'
      ? { 'cv:value': '0', 'dct:description': { zh: '不收费', en: 'Free of charge' } }
      : {
          'cv:value': String(c.fee.amountYuan),
          'dct:description': c.fee.description ? lang(c.fee.description) : { zh: `${c.fee.amountYuan} 元`, en: `CNY ${c.fee.amountYuan}` },
        };
  return {
    '@id': id,
    '@type': 'cpsv:PublicService',
    'dct:identifier': row.code,
    'dct:title': lang(c.name),
    ...(c.summary ? { 'dct:description': lang(c.summary) } : {}),
    'dct:type': `types/${c.type}`,
    'dct:issued': new Date(row.published_at).toISOString(),
    'cv:hasCompetentAuthority': {
      '@id': `departments/${c.responsibleDepartment}`,
      '@type': 'cv:PublicOrganisation',
      'dct:identifier': c.responsibleDepartment,
      'skos:prefLabel': lang(department),
    },
    'cpsv:hasInput': c.materials.map((m) => ({
      '@id': `${id}#material-${encodeURIComponent(m.id)}`,
      '@type': 'cv:Evidence',
      'dct:identifier': m.id,
      'dct:title': lang(m.name),
      ...(m.notes ? { 'dct:description': { zh: m.notes } } : {}),
      // Whether the platform fetches it (once-only) or the applicant brings it.
      'dct:type': `evidence-supply/${supplyOf(m.source)}`,
    })),
    'cv:hasCost': [
      {
        '@id': `${id}#cost`,
        '@type': 'cv:Cost',
        'cv:currency': 'http://publications.europa.eu/resource/authority/currency/CNY',
        ...fee,
      },
    ],
    // Promised working days (承诺办结时限); ISO 8601 has no "working day", so this is P<n>D of working days.
    'cv:processingTime': `P${c.promisedDays}D`,
    'cv:hasLegalResource': c.legalBasis.map((l, i) => ({
      '@id': `${id}#legal-${i + 1}`,
      '@type': 'eli:LegalResource',
      'dct:title': { zh: l.article ? `${l.law} ${l.article}` : l.law },
    })),
    'cv:hasChannel': c.channels.map((ch) => ({ '@id': `${id}#channel-${ch}`, '@type': 'cv:Channel', 'dct:type': `channels/${ch}` })),
    'cv:hasContactPoint': [
      {
        '@id': `${id}#consultation`,
        '@type': 'cv:ContactPoint',
        'dct:description': { zh: `咨询：${c.contacts.consultation}`, en: `Enquiries: ${c.contacts.consultation}` },
      },
      {
        '@id': `${id}#complaint`,
        '@type': 'cv:ContactPoint',
        'dct:description': { zh: `投诉：${c.contacts.complaint}`, en: `Complaints: ${c.contacts.complaint}` },
      },
    ],
    ...(c.result ? { 'cpsv:produces': [{ '@id': `${id}#output`, '@type': 'cv:Output', 'dct:title': lang(c.result.name) }] } : {}),
    ...(c.events.length > 0 ? { 'cv:isGroupedBy': c.events.map((e) => `events/${e}`) } : {}),
    ...(c.themes.length > 0 ? { 'cv:thematicArea': c.themes.map((t) => `themes/${t}`) } : {}),
    ...(c.bundleMembers && c.bundleMembers.length > 0 ? { 'dct:hasPart': c.bundleMembers.map((m) => `items/${m}`) } : {}),
  };
}

/**
 * The published catalogue as one CPSV-AP JSON-LD document. IRIs are relative to
 * `<origin>/api/v1/catalogue/` (the `@base`), so the document names the server it came from.
 */
export async function getCpsvDocument(platform: Platform, origin: string) {
  return (await cached(platform, `cpsv:${origin}`, async () => {
    const names = await departmentNames(platform);
    const rows = await listAllPublished(platform);
    return {
      '@context': [`${origin}${CPSV_CONTEXT_PATH}`, { '@base': `${origin}/api/v1/catalogue/` }],
      '@graph': rows.map((r) => publicService(r, names)),
    };
  })) as CachedBody<{ '@context': unknown[]; '@graph': Record<string, unknown>[] }>;
}

const CSV_COLUMNS = [
  'code',
  'name_zh',
  'name_en',
  'type',
  'type_zh',
  'department_id',
  'department_zh',
  'applicant_type',
  'statutory_days',
  'promised_days',
  'visits',
  'fee_yuan',
  'online_depth',
  'channels',
  'legal_basis',
  'materials',
  'materials_supplied_by_platform',
  'themes',
  'events',
  'bundle_members',
  'version',
  'published_at',
] as const;

/** RFC 4180: quote every field that needs it; a leading = + - @ is prefixed so spreadsheets do not run it. */
function csvField(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The published catalogue as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese). */
export async function getCatalogueCsv(platform: Platform): Promise<string> {
  const result = await cached(platform, 'csv', async () => {
    const names = await departmentNames(platform);
    const rows = await listAllPublished(platform);
    const lines = [CSV_COLUMNS.join(',')];
    for (const r of rows) {
      const c = r.content;
      const record: Record<(typeof CSV_COLUMNS)[number], string | number> = {
        code: r.code,
        name_zh: c.name.zh,
        name_en: c.name.en,
        type: c.type,
        type_zh: itemTypeLabels[c.type].zh,
        department_id: c.responsibleDepartment,
        department_zh: names.get(c.responsibleDepartment)?.zh ?? '',
        applicant_type: c.applicantType,
        statutory_days: c.statutoryDays,
        promised_days: c.promisedDays,
        visits: c.visits,
        fee_yuan: c.fee.kind === 'free' ? 0 : c.fee.amountYuan,
        online_depth: c.onlineDepth,
        channels: c.channels.join(';'),
        legal_basis: c.legalBasis.map((l) => (l.article ? `${l.law}${l.article}` : l.law)).join('；'),
        materials: c.materials.map((m) => m.name.zh).join('；'),
        materials_supplied_by_platform: c.materials.filter((m) => supplyOf(m.source) === 'platform').length,
        themes: c.themes.join(';'),
        events: c.events.join(';'),
        bundle_members: (c.bundleMembers ?? []).join(';'),
        version: r.version_no,
        published_at: new Date(r.published_at).toISOString(),
      };
      lines.push(CSV_COLUMNS.map((k) => csvField(record[k])).join(','));
    }
    return `\uFEFF${lines.join('\r\n')}\r\n`;
  });
  return (result as { value: string }).value;
}
