import {
  AppError,
  isLicenceField,
  type LicenceType,
  licenceDescribes,
  licenceValidityMonths,
  type ServiceItemContent,
} from '@tongban/domain';
import type { Sql } from '../../../platform/db/db.ts';

/**
 * Licence types (证照类型) come from the catalogue: an item whose result names a `licenceType`
 * defines that type — its name (the result's), the fields it carries (the item's form fields that
 * describe the licence, not the application), the department that issues it and whether people,
 * enterprises or both hold it. Several items may issue one type (设立, 变更, 补领 …): their fields
 * are merged. Validity comes from `licenceValidityMonths` (domain).
 */
type TypeRow = {
  code: string;
  name_zh: string;
  name_en: string;
  issuing_department_id: string;
  holder_kind: 'person' | 'enterprise' | 'either';
  fields: { key: string; label: { zh: string; en: string } }[];
  validity_months: number;
  source_items: string[];
};

export function toLicenceType(row: TypeRow): LicenceType {
  return {
    code: row.code,
    name: { zh: row.name_zh, en: row.name_en },
    issuingDepartmentId: row.issuing_department_id,
    holderKind: row.holder_kind,
    fields: row.fields,
    validityMonths: row.validity_months,
    sourceItems: row.source_items,
  };
}

export async function findLicenceType(sql: Sql, code: string): Promise<LicenceType | undefined> {
  const [row] = await sql.query<TypeRow>('select * from licence_type where code = $1', [code]);
  return row ? toLicenceType(row) : undefined;
}

/** @throws LICENCES_TYPE_UNKNOWN */
export async function getLicenceType(sql: Sql, code: string): Promise<LicenceType> {
  const type = typeof code === 'string' && code.length <= 64 ? await findLicenceType(sql, code) : undefined;
  if (!type) throw new AppError('LICENCES_TYPE_UNKNOWN', `没有证照类型 ${String(code).slice(0, 64)}。Unknown licence type.`);
  return type;
}

export async function listLicenceTypes(sql: Sql): Promise<LicenceType[]> {
  return (await sql.query<TypeRow>('select * from licence_type order by code')).map(toLicenceType);
}

/** The type a catalogue item's result defines, or undefined when the item issues no licence. */
export function typeFromItem(code: string, content: ServiceItemContent): LicenceType | undefined {
  const typeCode = content.result?.licenceType;
  if (!typeCode || !content.result) return undefined;
  return {
    code: typeCode,
    name: content.result.name,
    issuingDepartmentId: content.responsibleDepartment,
    holderKind: content.applicantType === 'both' ? 'either' : content.applicantType,
    fields: (content.form ?? [])
      .filter((f) => isLicenceField(f.key, licenceDescribes(content)))
      .map((f) => ({ key: f.key, label: f.label })),
    validityMonths: licenceValidityMonths[typeCode] ?? 0,
    sourceItems: [code],
  };
}

/**
 * Adds or merges a type definition: a new item adds its fields and widens who may hold it; the
 * name and issuing department of the first definition stay.
 */
export async function upsertLicenceType(sql: Sql, at: Date, type: LicenceType): Promise<LicenceType> {
  const existing = await findLicenceType(sql, type.code);
  if (!existing) {
    await sql.query(
      `insert into licence_type (code, name_zh, name_en, issuing_department_id, holder_kind, fields, validity_months, source_items, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (code) do nothing`,
      [
        type.code,
        type.name.zh,
        type.name.en,
        type.issuingDepartmentId,
        type.holderKind,
        JSON.stringify(type.fields),
        type.validityMonths,
        type.sourceItems,
        at,
      ],
    );
    return (await findLicenceType(sql, type.code)) as LicenceType;
  }
  const keys = new Set(existing.fields.map((f) => f.key));
  const fields = [...existing.fields, ...type.fields.filter((f) => !keys.has(f.key))];
  const items = [...new Set([...existing.sourceItems, ...type.sourceItems])].sort();
  const holderKind = existing.holderKind === type.holderKind ? existing.holderKind : 'either';
  if (fields.length === existing.fields.length && items.length === existing.sourceItems.length && holderKind === existing.holderKind)
    return existing;
  await sql.query('update licence_type set fields = $2, source_items = $3, holder_kind = $4, updated_at = $5 where code = $1', [
    type.code,
    JSON.stringify(fields),
    items,
    holderKind,
    at,
  ]);
  return { ...existing, fields, sourceItems: items, holderKind };
}

/**
 * Registers the licence types the given catalogue items define (the demo seed calls it with the
 * published catalogue; issuance also registers the type of each approved case's item).
 */
export async function registerLicenceTypes(
  sql: Sql,
  at: Date,
  items: readonly { code: string; content: ServiceItemContent }[],
): Promise<{ types: number }> {
  const codes = new Set<string>();
  for (const item of items) {
    const type = typeFromItem(item.code, item.content);
    if (!type) continue;
    await upsertLicenceType(sql, at, type);
    codes.add(type.code);
  }
  return { types: codes.size };
}
