import { AppError, type resourceInputSchema } from '@tongban/domain';
import type { Sql } from '../../../platform/db/db.ts';
import { registryAdapters } from '../adapters/registry-adapters.ts';

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
