import { AppError, type DataResource, type FieldType, type ResourceProvider, type SubjectKind } from '@tongban/domain';
import type { AuditActor } from '../../../platform/audit/audit.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { findDepartment } from '../../identity/index.ts';

export type StaffActor = Extract<Actor, { kind: 'staff' }>;
export type UserActor = Extract<Actor, { kind: 'user' }>;

/**
 * The big-data centre (大数据中心) runs the hub: its data officers govern the field dictionary and
 * see the whole sharing graph and every department's quality report.
 */
export const HUB_CENTRE_DEPARTMENT = 'SH-BDC';

/** Routes already declare who may call them; services check again so they are safe to call from anywhere. */
export function requireStaff(actor: Actor): StaffActor {
  if (actor.kind !== 'staff') throw new AppError('AUTH_FORBIDDEN', '仅限工作人员。Staff only.');
  return actor;
}

export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw new AppError('AUTH_FORBIDDEN', '仅限个人或企业账户。Citizen and enterprise accounts only.');
  return actor;
}

export function isHubCentre(actor: StaffActor): boolean {
  return actor.departmentId === HUB_CENTRE_DEPARTMENT;
}

export function auditActorOf(actor: Actor): AuditActor {
  if (actor.kind === 'staff') return { type: 'staff', id: actor.staffId };
  if (actor.kind === 'user') return { type: 'user', id: actor.userId };
  return { type: 'anonymous' };
}

export const iso = (value: Date | string) => new Date(value).toISOString();
export const isoOrNull = (value: Date | string | null | undefined) => (value === null || value === undefined ? null : iso(value));

// Department names are display data that hardly ever change, and every exchange's answer names its
// provider: they are kept for a minute per database handle. (A transaction's handle is new each
// time, so inside a transaction they are always read.)
const NAME_TTL_MS = 60_000;
const knownNames = new WeakMap<Sql, Map<string, { name: string; until: number }>>();

/** Department display names, through identity's index (see above for how long a name is kept). */
export async function departmentNames(sql: Sql, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  let known = knownNames.get(sql);
  if (!known) {
    known = new Map();
    knownNames.set(sql, known);
  }
  const now = performance.now();
  const names = new Map<string, string>();
  for (const id of new Set(ids)) {
    if (!id || names.has(id)) continue;
    const cached = known.get(id);
    if (cached && cached.until > now) {
      names.set(id, cached.name);
      continue;
    }
    const department = await findDepartment(sql, id);
    if (!department) continue;
    names.set(id, department.nameZh);
    if (known.size >= 10_000) known.clear();
    known.set(id, { name: department.nameZh, until: now + NAME_TTL_MS });
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Resources as stored
// ---------------------------------------------------------------------------------------------

export type ResourceFieldRow = {
  name: string;
  element: string;
  label_zh: string;
  label_en: string;
  personal: boolean;
  sensitive: boolean;
  consent_required: boolean;
  optional: boolean;
  type: FieldType;
  format: string | null;
  allowed_values: string[] | null;
  max_length: number | null;
};

export type ResourceRow = {
  code: string;
  name_zh: string;
  name_en: string;
  description_zh: string | null;
  description_en: string | null;
  owner_department_id: string;
  subject_kind: SubjectKind;
  subject_field: string;
  update_frequency: DataResource['updateFrequency'];
  sharing_class: DataResource['sharingClass'];
  open_data: boolean;
  consent_required: boolean;
  legal_basis: string | null;
  provider_kind: ResourceProvider['kind'];
  provider_ref: string;
  status: 'active' | 'retired';
  version: number;
  created_at: Date;
  updated_at: Date;
};

export type LoadedResource = ResourceRow & { fields: ResourceFieldRow[] };

/** The select list of a `LoadedResource` (the fields as a JSON array); `r` is the datahub_resource alias. */
export const RESOURCE_COLUMNS_SQL = `r.*, coalesce((
       select json_agg(json_build_object('name', f.name, 'element', f.element, 'label_zh', f.label_zh, 'label_en', f.label_en,
                'personal', f.personal, 'sensitive', f.sensitive, 'consent_required', f.consent_required, 'optional', f.optional,
                'type', d.type, 'format', d.format, 'allowed_values', d.allowed_values, 'max_length', d.max_length) order by f.position)
       from datahub_resource_field f join datahub_field d on d.key = f.element
       where f.resource_code = r.code), '[]'::json) as fields`;

export async function findResource(sql: Sql, code: string): Promise<LoadedResource | undefined> {
  // One statement (the fields as a JSON array): this runs in every filing and every exchange.
  const [row] = await sql.query<LoadedResource>(`select ${RESOURCE_COLUMNS_SQL} from datahub_resource r where r.code = $1`, [code]);
  return row;
}

/** @throws DATAHUB_RESOURCE_NOT_FOUND */
export async function getResource(sql: Sql, code: string): Promise<LoadedResource> {
  const resource = await findResource(sql, code);
  if (!resource) throw resourceNotFound(code);
  return resource;
}

export const resourceNotFound = (code: string) =>
  new AppError('DATAHUB_RESOURCE_NOT_FOUND', `数据资源 ${String(code).slice(0, 64)} 不存在。No such data resource.`, {
    details: { resource: String(code).slice(0, 64) },
  });

export function providerOf(row: ResourceRow): ResourceProvider {
  return row.provider_kind === 'http' ? { kind: 'http', providerId: row.provider_ref } : { kind: 'registry', adapter: row.provider_ref };
}

export function toResource(row: LoadedResource, ownerName: string | null): DataResource {
  return {
    code: row.code,
    name: { zh: row.name_zh, en: row.name_en },
    description: row.description_zh && row.description_en ? { zh: row.description_zh, en: row.description_en } : null,
    ownerDepartmentId: row.owner_department_id,
    ownerDepartmentName: ownerName,
    subjectKind: row.subject_kind,
    subjectField: row.subject_field,
    updateFrequency: row.update_frequency,
    sharingClass: row.sharing_class,
    openData: row.open_data,
    consentRequired: row.consent_required,
    legalBasis: row.legal_basis,
    provider: providerOf(row),
    status: row.status,
    version: row.version,
    fields: row.fields.map((f) => ({
      name: f.name,
      element: f.element,
      label: { zh: f.label_zh, en: f.label_en },
      type: f.type,
      format: f.format,
      personal: f.personal,
      sensitive: f.sensitive,
      consentRequired: f.consent_required,
      optional: f.optional,
    })),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** Fields of `resource` among `names` that need the person's consent (never for enterprises). */
export function consentFieldsOf(resource: LoadedResource, names: readonly string[]): string[] {
  if (resource.subject_kind !== 'person') return [];
  if (resource.consent_required) return [...names];
  const needing = new Set(resource.fields.filter((f) => f.consent_required).map((f) => f.name));
  return names.filter((n) => needing.has(n));
}
