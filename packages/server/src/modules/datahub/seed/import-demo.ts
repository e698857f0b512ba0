import { createHash } from 'node:crypto';
import { mergeBundle, resourceInputSchema, type ServiceItemInput, serviceItemInputSchema } from '@tongban/domain';
import { buildDemoCatalogue } from '@tongban/seed';
import type { z } from 'zod';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { prefillSourceResources } from '../use-cases/applicant.ts';
import { upsertDictionary } from '../use-cases/dictionary.ts';
import { saveResource } from '../use-cases/save-resource.ts';
import { buildDemoRegistries, type DemoRegistries, type SeedEnterprise, type SeedPerson } from './registries.ts';
import { type DemoResource, demoDictionary, demoResources } from './resources.ts';

/**
 * Loads the demo city's data hub: the field dictionary, the eleven resources, the departments'
 * registries generated from the population and enterprise registries, and the grants that the
 * seeded catalogue needs — so that no item asks an applicant for anything a seeded registry holds
 * (once-only). Safe to call twice (nothing is duplicated).
 */
export type DemoDatahubInput = {
  people: readonly SeedPerson[];
  enterprises: readonly SeedEnterprise[];
  referenceDate: string;
};

export type DemoDatahubCounts = { resources: number; grants: number } & Record<keyof DemoRegistries, number>;

export async function importDemoDatahub(
  sql: Sql,
  city: DemoDatahubInput,
  options: { at: Date; catalogue?: readonly z.input<typeof serviceItemInputSchema>[] | undefined },
): Promise<DemoDatahubCounts> {
  const at = options.at;
  await upsertDictionary(sql, at, demoDictionary);
  for (const r of demoResources) {
    const { owner, ...input } = r;
    await saveResource(sql, at, owner, resourceInputSchema.parse(input), 'seed', 'upsert');
  }
  const registries = buildDemoRegistries(city);
  await insertRegistries(sql, at, registries);
  const catalogue = options.catalogue ? options.catalogue.map((i) => serviceItemInputSchema.parse(i)) : buildDemoCatalogue();
  const needs = demoGrantNeeds(catalogue, demoResources);
  for (const need of needs) {
    const names = need.itemNames.slice(0, 3).join('、');
    await sql.query(
      `insert into datahub_grant (id, consumer_department_id, resource_code, fields, purpose, items, status, requested_by, requested_at,
         decided_by, decided_at, decision_note, expires_at)
       values ($1, $2, $3, $4, $5, $6, 'approved', 'seed', $7, 'seed', $7, $8, $9)
       on conflict (id) do nothing`,
      [
        stableUuid(`grant:${need.consumer}:${need.resource}`),
        need.consumer,
        need.resource,
        [...need.fields].sort(),
        `依法履职：办理${names}${need.items.size > 3 ? `等${need.items.size}项` : ''}政务服务事项所需（一数一源，免于申请人重复提交）`,
        [...need.items].sort(),
        at,
        '演示城市初始授权 Demo city grant',
        new Date(at.getTime() + 3 * 365 * 86_400_000),
      ],
    );
  }
  const counts: DemoDatahubCounts = {
    resources: demoResources.length,
    grants: needs.length,
    ...(Object.fromEntries(Object.entries(registries).map(([k, v]) => [k, (v as unknown[]).length])) as Record<
      keyof DemoRegistries,
      number
    >),
  };
  await recordAudit(sql, at, { actor: { type: 'system' }, action: 'datahub.demo.loaded', detail: counts });
  return counts;
}

/** A UUID (version 4 layout) fixed by `key`, so re-seeding finds the same rows. */
export function stableUuid(key: string): string {
  const h = createHash('sha256').update(key).digest('hex').split('');
  h[12] = '4';
  h[16] = '89ab'[Number.parseInt(h[16] as string, 16) % 4] as string;
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

export type GrantNeed = { consumer: string; resource: string; fields: Set<string>; items: Set<string>; itemNames: string[] };

/**
 * What each department needs from each conditionally shared resource to serve the catalogue: the
 * fields its items' materials name (a bundle's merged materials, for each member that fetches them)
 * and the fields its forms pre-fill. A department needs no grant for its own resources, nor for
 * resources shared unconditionally.
 */
export function demoGrantNeeds(catalogue: readonly ServiceItemInput[], resources: readonly DemoResource[]): GrantNeed[] {
  const byCode = new Map(catalogue.map((i) => [i.code, i]));
  const resourceByCode = new Map(resources.map((r) => [r.code, r]));
  const needs = new Map<string, GrantNeed>();
  const add = (consumer: string, resource: string, fields: readonly string[], item: ServiceItemInput) => {
    const r = resourceByCode.get(resource);
    if (r?.sharingClass !== 'conditional' || r.owner === consumer) return;
    const known = new Set(r.fields.map((f) => f.name));
    const usable = fields.filter((f) => known.has(f));
    if (usable.length === 0) return;
    const key = `${consumer}|${resource}`;
    const need = needs.get(key) ?? { consumer, resource, fields: new Set(), items: new Set(), itemNames: [] };
    for (const f of usable) need.fields.add(f);
    if (!need.items.has(item.code)) {
      need.items.add(item.code);
      need.itemNames.push(`「${item.name.zh}」`);
    }
    needs.set(key, need);
  };
  for (const item of catalogue) {
    const members = (item.bundleMembers ?? []).map((c) => byCode.get(c)).filter((m): m is ServiceItemInput => m !== undefined);
    if (members.length > 0) {
      const merged = mergeBundle(
        members.map((m) => ({ code: m.code, content: m })),
        { code: item.code, content: item },
      );
      for (const m of merged.materials) {
        if (m.source.kind !== 'datahub') continue;
        for (const code of m.items ?? []) {
          const member = byCode.get(code);
          if (member && code !== item.code) add(member.responsibleDepartment, m.source.resource, m.source.fields, member);
        }
      }
    } else {
      for (const m of item.materials)
        if (m.source.kind === 'datahub') add(item.responsibleDepartment, m.source.resource, m.source.fields, item);
    }
    for (const field of item.form) {
      if (!field.prefill) continue;
      const [source = '', ...rest] = field.prefill.split('.');
      const resource = prefillSourceResources[source];
      if (resource && rest.length > 0) add(item.responsibleDepartment, resource, [rest.join('_')], item);
    }
  }
  return [...needs.values()].sort((a, b) => `${a.consumer}|${a.resource}`.localeCompare(`${b.consumer}|${b.resource}`));
}

const CHUNK = 5000;

async function insertRows<T extends Record<string, unknown>>(
  sql: Sql,
  table: string,
  rows: readonly T[],
  columns: readonly (readonly [keyof T & string, string])[],
  at: Date,
) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const names = columns.map(([c]) => c).join(', ');
    const unnest = columns.map(([, type], j) => `$${j + 1}::${type}[]`).join(', ');
    await sql.query(
      `insert into ${table} (${names}, updated_at) select *, $${columns.length + 1}::timestamptz from unnest(${unnest}) on conflict do nothing`,
      [...columns.map(([c]) => chunk.map((r) => r[c] ?? null)), at],
    );
  }
}

async function insertRegistries(sql: Sql, at: Date, r: DemoRegistries): Promise<void> {
  await insertRows(
    sql,
    'datahub_registry_marriage',
    r.marriages,
    [
      ['id_number', 'text'],
      ['name', 'text'],
      ['spouse_name', 'text'],
      ['spouse_id_number', 'text'],
      ['marital_status', 'text'],
      ['registered_on', 'date'],
      ['certificate_number', 'text'],
    ],
    at,
  );
  await insertRows(
    sql,
    'datahub_registry_birth',
    r.births,
    [
      ['certificate_number', 'text'],
      ['child_name', 'text'],
      ['child_sex', 'text'],
      ['child_birth_date', 'date'],
      ['birth_place', 'text'],
      ['institution', 'text'],
      ['mother_name', 'text'],
      ['mother_id_number', 'text'],
      ['father_name', 'text'],
      ['father_id_number', 'text'],
    ],
    at,
  );
  await insertRows(
    sql,
    'datahub_registry_social_insurance',
    r.socialInsurance,
    [
      ['id_number', 'text'],
      ['name', 'text'],
      ['insured_status', 'text'],
      ['employer_credit_code', 'text'],
      ['employer_name', 'text'],
      ['insured_since', 'date'],
      ['contribution_months', 'int'],
      ['card_number', 'text'],
    ],
    at,
  );
  await insertRows(
    sql,
    'datahub_registry_housing_fund',
    r.housingFund,
    [
      ['account_number', 'text'],
      ['id_number', 'text'],
      ['name', 'text'],
      ['account_status', 'text'],
      ['balance', 'numeric'],
      ['employer_credit_code', 'text'],
      ['deposit_base', 'numeric'],
      ['monthly_deposit', 'numeric'],
    ],
    at,
  );
  await insertRows(
    sql,
    'datahub_registry_degree',
    r.degrees,
    [
      ['certificate_number', 'text'],
      ['id_number', 'text'],
      ['name', 'text'],
      ['institution', 'text'],
      ['education_level', 'text'],
      ['degree', 'text'],
      ['major', 'text'],
      ['graduation_date', 'date'],
    ],
    at,
  );
  await insertRows(
    sql,
    'datahub_registry_real_estate',
    r.realEstate,
    [
      ['certificate_number', 'text'],
      ['unit_number', 'text'],
      ['owner_name', 'text'],
      ['owner_id_number', 'text'],
      ['address', 'text'],
      ['area', 'numeric'],
      ['usage', 'text'],
      ['right_type', 'text'],
      ['mortgage_status', 'text'],
      ['registered_on', 'date'],
    ],
    at,
  );
  await insertRows(
    sql,
    'datahub_registry_tax',
    r.tax,
    [
      ['credit_code', 'text'],
      ['taxpayer_name', 'text'],
      ['taxpayer_type', 'text'],
      ['tax_authority', 'text'],
      ['registered_on', 'date'],
      ['status', 'text'],
    ],
    at,
  );
  await insertRows(
    sql,
    'datahub_registry_vehicle',
    r.vehicles,
    [
      ['plate_number', 'text'],
      ['vin', 'text'],
      ['owner_id_number', 'text'],
      ['owner_name', 'text'],
      ['brand_model', 'text'],
      ['vehicle_type', 'text'],
      ['registered_on', 'date'],
      ['certificate_number', 'text'],
      ['inspection_valid_until', 'date'],
      ['status', 'text'],
    ],
    at,
  );
  await insertRows(
    sql,
    'datahub_registry_driving_licence',
    r.drivingLicences,
    [
      ['id_number', 'text'],
      ['name', 'text'],
      ['licence_number', 'text'],
      ['permitted_class', 'text'],
      ['first_issued_on', 'date'],
      ['valid_until', 'date'],
      ['status', 'text'],
    ],
    at,
  );
}
