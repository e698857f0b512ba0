import { createPublicKey } from 'node:crypto';
import {
  AppError,
  type DataResource,
  type DictionaryField,
  type DictionaryFieldInput,
  type ExternalProviderInput,
  externalProviderInputSchema,
  type ResourceInput,
  type ResourceUpdate,
  resourceInputSchema,
  type SharingClass,
} from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { registryAdapters } from '../adapters/registry-adapters.ts';
import {
  auditActorOf,
  departmentNames,
  findResource,
  getResource,
  isHubCentre,
  iso,
  type LoadedResource,
  requireStaff,
  type StaffActor,
  toResource,
} from './shared.ts';

/**
 * The data resources catalogue (数据资源目录) and the field dictionary (数据元). A department's
 * data officers register and maintain their own resources; every field is an instance of a
 * dictionary element, so the same meaning has one name, type and format everywhere (一数一源).
 * The big-data centre curates the dictionary.
 */

// ---------------------------------------------------------------------------------------------
// Dictionary
// ---------------------------------------------------------------------------------------------

type DictRow = {
  key: string;
  name_zh: string;
  name_en: string;
  type: DictionaryField['type'];
  format: string | null;
  allowed_values: string[] | null;
  max_length: number | null;
  description: string | null;
  used_by: string[];
};

export async function listDictionary(sql: Sql): Promise<{ items: DictionaryField[] }> {
  const rows = await sql.query<DictRow>(
    `select d.*, coalesce(array(select f.resource_code || '.' || f.name from datahub_resource_field f
        where f.element = d.key order by f.resource_code, f.name), '{}') as used_by
     from datahub_field d order by d.key`,
  );
  return {
    items: rows.map((r) => ({
      key: r.key,
      name: { zh: r.name_zh, en: r.name_en },
      type: r.type,
      format: r.format,
      allowedValues: r.allowed_values,
      maxLength: r.max_length,
      description: r.description,
      usedBy: r.used_by,
    })),
  };
}

/** Inserts or replaces dictionary elements (seed, migrations of the dictionary). */
export async function upsertDictionary(sql: Sql, at: Date, fields: readonly DictionaryFieldInput[]): Promise<void> {
  for (const f of fields) {
    await sql.query(
      `insert into datahub_field (key, name_zh, name_en, type, format, allowed_values, max_length, description, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
       on conflict (key) do update set name_zh = excluded.name_zh, name_en = excluded.name_en, type = excluded.type, format = excluded.format,
         allowed_values = excluded.allowed_values, max_length = excluded.max_length, description = excluded.description, updated_at = excluded.updated_at`,
      [f.key, f.name.zh, f.name.en, f.type, f.format ?? null, f.allowedValues ?? null, f.maxLength ?? null, f.description ?? null, at],
    );
  }
}

/**
 * The big-data centre's data officers define or change a dictionary element; every resource field
 * built on it follows.
 * @throws AUTH_FORBIDDEN outside the big-data centre
 */
export async function saveDictionaryField(ctx: Ctx, input: DictionaryFieldInput): Promise<DictionaryField> {
  const actor = requireStaff(ctx.actor);
  if (!isHubCentre(actor))
    throw new AppError('AUTH_FORBIDDEN', '数据元由大数据中心统一维护。The big-data centre maintains the dictionary.');
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await upsertDictionary(tx, at, [input]);
    await recordAudit(tx, at, {
      actor: auditActorOf(actor),
      action: 'datahub.dictionary.saved',
      target: { type: 'datahub_field', id: input.key },
      detail: { type: input.type },
      requestId: ctx.requestId,
    });
  });
  const saved = (await listDictionary(ctx.db)).items.find((f) => f.key === input.key);
  return saved as DictionaryField;
}

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

export async function listResources(
  ctx: Ctx,
  query: { department?: string | undefined; sharingClass?: SharingClass | undefined; q?: string | undefined },
): Promise<{ items: DataResource[] }> {
  const codes = await ctx.db.query<{ code: string }>(
    `select code from datahub_resource
     where ($1::text is null or owner_department_id = $1) and ($2::text is null or sharing_class = $2)
       and ($3::text is null or strpos(name_zh, $3) > 0 or strpos(lower(name_en), lower($3)) > 0 or strpos(code, upper($3)) > 0)
     order by code`,
    [query.department ?? null, query.sharingClass ?? null, query.q ?? null],
  );
  const loaded = [];
  for (const { code } of codes) loaded.push(await getResource(ctx.db, code));
  const names = await departmentNames(
    ctx.db,
    loaded.map((r) => r.owner_department_id),
  );
  return { items: loaded.map((r) => toResource(r, names.get(r.owner_department_id) ?? null)) };
}

export async function viewResource(sql: Sql, code: string): Promise<DataResource> {
  const resource = await getResource(sql, code);
  const names = await departmentNames(sql, [resource.owner_department_id]);
  return toResource(resource, names.get(resource.owner_department_id) ?? null);
}

/**
 * Registers a resource owned by the caller's department.
 * @throws CONFLICT (code taken), VALIDATION_FAILED (unknown element or adapter, subject field wrong)
 */
export async function createResource(ctx: Ctx, input: ResourceInput): Promise<DataResource> {
  const actor = requireStaff(ctx.actor);
  const at = ctx.clock.now();
  const parsed = resourceInputSchema.parse(input);
  await ctx.db.transaction(async (tx) => {
    if (await findResource(tx, parsed.code))
      throw new AppError('CONFLICT', `数据资源代码 ${parsed.code} 已存在。The code is taken.`, { field: 'body.code' });
    await saveResource(tx, at, actor.departmentId, parsed, actor.staffId, 'insert');
    await recordAudit(tx, at, {
      actor: auditActorOf(actor),
      action: 'datahub.resource.created',
      target: { type: 'datahub_resource', id: parsed.code },
      detail: { sharingClass: parsed.sharingClass, fields: parsed.fields.map((f) => f.name) },
      requestId: ctx.requestId,
    });
  });
  return viewResource(ctx.db, parsed.code);
}

/**
 * Changes a resource of the caller's department (its fields are replaced as given).
 * @throws DATAHUB_RESOURCE_NOT_FOUND, DATAHUB_NOT_OWNER, VALIDATION_FAILED
 */
export async function updateResource(ctx: Ctx, code: string, input: ResourceUpdate): Promise<DataResource> {
  const actor = requireStaff(ctx.actor);
  const at = ctx.clock.now();
  const parsed = resourceInputSchema.parse({ ...input, code });
  await ctx.db.transaction(async (tx) => {
    const current = await getResource(tx, code);
    assertOwns(actor, current);
    await saveResource(tx, at, current.owner_department_id, parsed, actor.staffId, 'update');
    await recordAudit(tx, at, {
      actor: auditActorOf(actor),
      action: 'datahub.resource.updated',
      target: { type: 'datahub_resource', id: code },
      detail: { version: current.version + 1, sharingClass: parsed.sharingClass, fields: parsed.fields.map((f) => f.name) },
      requestId: ctx.requestId,
    });
  });
  return viewResource(ctx.db, code);
}

/**
 * Retires a resource: it stays in the catalogue (grants and the exchange log refer to it) but is
 * no longer shared.
 * @throws DATAHUB_RESOURCE_NOT_FOUND, DATAHUB_NOT_OWNER
 */
export async function retireResource(ctx: Ctx, code: string): Promise<DataResource> {
  const actor = requireStaff(ctx.actor);
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const current = await getResource(tx, code);
    assertOwns(actor, current);
    await tx.query(
      `update datahub_resource set status = 'retired', version = version + 1, updated_at = $2, updated_by = $3 where code = $1`,
      [code, at, actor.staffId],
    );
    await recordAudit(tx, at, {
      actor: auditActorOf(actor),
      action: 'datahub.resource.retired',
      target: { type: 'datahub_resource', id: code },
      requestId: ctx.requestId,
    });
  });
  return viewResource(ctx.db, code);
}

function assertOwns(actor: StaffActor, resource: LoadedResource) {
  if (resource.owner_department_id !== actor.departmentId) {
    throw new AppError('DATAHUB_NOT_OWNER', '只有数据资源所属部门可以维护它。Only the owning department maintains a resource.', {
      details: { owner: resource.owner_department_id },
    });
  }
}

type ParsedResource = ReturnType<typeof resourceInputSchema.parse>;

/**
 * Writes a resource and its fields after checking them against the dictionary and the providers.
 * Used by the API and by the demo seed.
 * @throws VALIDATION_FAILED
 */
export async function saveResource(
  tx: Sql,
  at: Date,
  ownerDepartmentId: string,
  r: ParsedResource,
  by: string | null,
  mode: 'insert' | 'update' | 'upsert',
): Promise<void> {
  const elements = new Map(
    (
      await tx.query<{ key: string; type: string; name_zh: string; name_en: string }>(
        'select key, type, name_zh, name_en from datahub_field',
      )
    ).map((e) => [e.key, e]),
  );
  const names = new Set<string>();
  r.fields.forEach((f, i) => {
    if (names.has(f.name))
      throw new AppError('VALIDATION_FAILED', `字段 ${f.name} 重复。Duplicate field.`, { field: `body.fields.${i}.name` });
    names.add(f.name);
    if (!elements.has(f.element)) {
      throw new AppError('VALIDATION_FAILED', `数据元 ${f.element} 不在字段字典中。Unknown dictionary element.`, {
        field: `body.fields.${i}.element`,
      });
    }
  });
  const subject = r.fields.find((f) => f.name === r.subjectField);
  const wanted = r.subjectKind === 'person' ? 'id_number' : 'credit_code';
  if (!subject || elements.get(subject.element)?.type !== wanted) {
    throw new AppError('VALIDATION_FAILED', `主体字段须为类型 ${wanted} 的字段。The subject field must be a ${wanted} field.`, {
      field: 'body.subjectField',
    });
  }
  if (r.provider.kind === 'registry' && !registryAdapters[r.provider.adapter]) {
    throw new AppError('VALIDATION_FAILED', `没有名为 ${r.provider.adapter} 的登记库。Unknown registry adapter.`, {
      field: 'body.provider.adapter',
    });
  }
  if (r.provider.kind === 'http') {
    const [p] = await tx.query<{ department_id: string }>('select department_id from datahub_external_provider where id = $1', [
      r.provider.providerId,
    ]);
    if (!p || p.department_id !== ownerDepartmentId) {
      throw new AppError('VALIDATION_FAILED', '须先登记本部门的外部系统。Register your department system first.', {
        field: 'body.provider.providerId',
      });
    }
  }
  const providerRef = r.provider.kind === 'registry' ? r.provider.adapter : r.provider.providerId;
  const values = [
    r.code,
    r.name.zh,
    r.name.en,
    r.description?.zh ?? null,
    r.description?.en ?? null,
    ownerDepartmentId,
    r.subjectKind,
    r.subjectField,
    r.updateFrequency,
    r.sharingClass,
    r.openData,
    r.consentRequired,
    r.legalBasis ?? null,
    r.provider.kind,
    providerRef,
    at,
    by,
  ];
  if (mode === 'insert') {
    await tx.query(
      `insert into datahub_resource (code, name_zh, name_en, description_zh, description_en, owner_department_id, subject_kind, subject_field,
         update_frequency, sharing_class, open_data, consent_required, legal_basis, provider_kind, provider_ref, created_at, updated_at, created_by, updated_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17, $17)`,
      values,
    );
  } else {
    await tx.query(
      `insert into datahub_resource (code, name_zh, name_en, description_zh, description_en, owner_department_id, subject_kind, subject_field,
         update_frequency, sharing_class, open_data, consent_required, legal_basis, provider_kind, provider_ref, created_at, updated_at, created_by, updated_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17, $17)
       on conflict (code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en, description_zh = excluded.description_zh,
         description_en = excluded.description_en, subject_kind = excluded.subject_kind, subject_field = excluded.subject_field,
         update_frequency = excluded.update_frequency, sharing_class = excluded.sharing_class, open_data = excluded.open_data,
         consent_required = excluded.consent_required, legal_basis = excluded.legal_basis, provider_kind = excluded.provider_kind,
         provider_ref = excluded.provider_ref, status = 'active', version = datahub_resource.version + 1,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      values,
    );
    await tx.query('delete from datahub_resource_field where resource_code = $1', [r.code]);
  }
  await tx.query(
    `insert into datahub_resource_field (resource_code, name, element, label_zh, label_en, personal, sensitive, consent_required, optional, position)
     select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::boolean[], $8::boolean[], $9::boolean[], $10::int[])`,
    [
      r.code,
      r.fields.map((f) => f.name),
      r.fields.map((f) => f.element),
      r.fields.map((f) => f.label?.zh ?? elements.get(f.element)?.name_zh ?? f.name),
      r.fields.map((f) => f.label?.en ?? elements.get(f.element)?.name_en ?? f.name),
      r.fields.map((f) => f.personal),
      r.fields.map((f) => f.sensitive),
      r.fields.map((f) => f.consentRequired),
      r.fields.map((f) => f.optional),
      r.fields.map((_, i) => i),
    ],
  );
}

// ---------------------------------------------------------------------------------------------
// External department systems
// ---------------------------------------------------------------------------------------------

type ProviderRow = {
  id: string;
  department_id: string;
  name_zh: string;
  name_en: string;
  base_url: string;
  key_id: string;
  public_key_pem: string;
  timeout_ms: number;
  created_at: Date;
};

const toProvider = (r: ProviderRow) => ({
  id: r.id,
  departmentId: r.department_id,
  name: { zh: r.name_zh, en: r.name_en },
  baseUrl: r.base_url,
  keyId: r.key_id,
  publicKeyPem: r.public_key_pem,
  timeoutMs: r.timeout_ms,
  createdAt: iso(r.created_at),
});

/**
 * Registers (or re-keys) a system of the caller's department that serves its resources over HTTP.
 * @throws VALIDATION_FAILED (not an Ed25519 public key), DATAHUB_NOT_OWNER (another department's id)
 */
export async function registerExternalProvider(ctx: Ctx, input: ExternalProviderInput) {
  const actor = requireStaff(ctx.actor);
  const p = externalProviderInputSchema.parse(input);
  if (!isEd25519PublicKey(p.publicKeyPem)) {
    throw new AppError('VALIDATION_FAILED', '公钥须为 PEM 格式的 Ed25519 公钥。An Ed25519 public key in PEM.', {
      field: 'body.publicKeyPem',
    });
  }
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [existing] = await tx.query<{ department_id: string }>(
      'select department_id from datahub_external_provider where id = $1 for update',
      [p.id],
    );
    if (existing && existing.department_id !== actor.departmentId) {
      throw new AppError('DATAHUB_NOT_OWNER', '该系统属于其他部门。The system belongs to another department.', { field: 'body.id' });
    }
    await tx.query(
      `insert into datahub_external_provider (id, department_id, name_zh, name_en, base_url, key_id, public_key_pem, timeout_ms, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
       on conflict (id) do update set name_zh = excluded.name_zh, name_en = excluded.name_en, base_url = excluded.base_url, key_id = excluded.key_id,
         public_key_pem = excluded.public_key_pem, timeout_ms = excluded.timeout_ms, updated_at = excluded.updated_at`,
      [p.id, actor.departmentId, p.name.zh, p.name.en, p.baseUrl, p.keyId, p.publicKeyPem, p.timeoutMs, at],
    );
    await recordAudit(tx, at, {
      actor: auditActorOf(actor),
      action: 'datahub.provider.registered',
      target: { type: 'datahub_provider', id: p.id },
      detail: { baseUrl: p.baseUrl, keyId: p.keyId, timeoutMs: p.timeoutMs },
      requestId: ctx.requestId,
    });
  });
  const [row] = await ctx.db.query<ProviderRow>('select * from datahub_external_provider where id = $1', [p.id]);
  return toProvider(row as ProviderRow);
}

export async function listExternalProviders(ctx: Ctx) {
  const actor = requireStaff(ctx.actor);
  const rows = await ctx.db.query<ProviderRow>('select * from datahub_external_provider where department_id = $1 or $2 order by id', [
    actor.departmentId,
    isHubCentre(actor),
  ]);
  return { items: rows.map(toProvider) };
}

function isEd25519PublicKey(pem: string): boolean {
  try {
    return createPublicKey(pem).asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}
