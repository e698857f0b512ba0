import { AppError, type DictionaryField, type DictionaryFieldInput } from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { auditActorOf, isHubCentre, requireStaff } from './shared.ts';

/**
 * The field dictionary (数据元): every resource field is an instance of a dictionary element, so
 * the same meaning has one name, type and format everywhere (一数一源). The big-data centre
 * curates it.
 */

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
