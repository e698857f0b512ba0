import { isValidCreditCode, isValidResidentId, type LicenceType, startOfChinaDate } from '@tongban/domain';
import { findPublishedItem } from '../../catalogue/index.ts';
import { getDepartment } from '../../identity/index.ts';
import { type Deps, isUniqueViolation } from '../licences.shared.ts';
import { issueLicence } from './issue.ts';
import { findLicenceType, typeFromItem, upsertLicenceType } from './types.ts';

/**
 * Bulk issuance of licences a department already holds in its own registry (存量证照): rows of a
 * CSV or JSON file become signed licences in their holders' wallets, each row in its own
 * transaction. Every row is validated (holder ID or credit code with a valid check character,
 * holder kind allowed for the type, name, number, dates, fields known to the type); rejected rows
 * are reported with their reasons and the others are imported. Rows already imported (same
 * department, type and licence number) are skipped, so a corrected file can simply be run again.
 *
 * Columns: holderId, holderName, licenceNumber, validFrom (YYYY-MM-DD, default today),
 * validUntil (YYYY-MM-DD; empty: the type's rule), and one column per field key of the type
 * (e.g. enterprise.name). JSON: an array of objects with the same keys (fields flat or under `fields`).
 */
export class ImportFileError extends Error {}

export type ImportRowResult = { row: number; licenceNumber: string; reasons: string[] };
export type ImportReport = {
  type: string;
  department: string;
  total: number;
  imported: number;
  alreadyImported: number;
  rejected: ImportRowResult[];
};

const RESERVED = ['holderId', 'holderName', 'licenceNumber', 'validFrom', 'validUntil', 'fields'];

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new ImportFileError('CSV: a quoted field is not closed.');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

type RawRow = { row: number; values: Record<string, unknown> };

export function parseImportFile(text: string, format: 'csv' | 'json'): { columns: string[]; rows: RawRow[] } {
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new ImportFileError(`JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(data)) throw new ImportFileError('JSON: expected an array of objects.');
    const rows = data.map((values, i) => {
      if (!values || typeof values !== 'object' || Array.isArray(values))
        throw new ImportFileError(`JSON: element ${i + 1} is not an object.`);
      const flat: Record<string, unknown> = { ...(values as Record<string, unknown>) };
      const nested = flat.fields;
      delete flat.fields;
      if (nested && typeof nested === 'object') Object.assign(flat, nested);
      return { row: i + 1, values: flat };
    });
    return { columns: [...new Set(rows.flatMap((r) => Object.keys(r.values)))], rows };
  }
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new ImportFileError('CSV: the file is empty.');
  const names = header.map((h) => h.trim());
  if (new Set(names).size !== names.length) throw new ImportFileError('CSV: duplicate column names.');
  // Data rows are numbered as a spreadsheet shows them: the header is row 1.
  return { columns: names, rows: rows.map((r, i) => ({ row: i + 2, values: Object.fromEntries(names.map((n, j) => [n, r[j] ?? ''])) })) };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function dateOf(value: unknown): Date | null | 'invalid' {
  const text = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
  if (text === '') return null;
  if (!DATE.test(text)) return 'invalid';
  const d = startOfChinaDate(text);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) > '2999-12-31' ? 'invalid' : d;
}

type ValidRow = {
  holder: { kind: 'person' | 'enterprise'; id: string; name: string };
  licenceNumber: string;
  validFrom: Date;
  validUntil: Date | null | undefined;
  fields: Record<string, string | number>;
};

function validateRow(type: LicenceType, values: Record<string, unknown>, today: Date): { ok: ValidRow } | { reasons: string[] } {
  const reasons: string[] = [];
  const text = (k: string) => (values[k] === undefined || values[k] === null ? '' : String(values[k]).trim());
  const holderId = text('holderId').toUpperCase();
  const holderName = text('holderName');
  const licenceNumber = text('licenceNumber');
  let kind: 'person' | 'enterprise' | undefined;
  if (isValidResidentId(holderId)) kind = 'person';
  else if (isValidCreditCode(holderId)) kind = 'enterprise';
  else reasons.push('holderId：不是有效的身份证号码或统一社会信用代码 not a valid resident ID number or credit code');
  if (kind && type.holderKind !== 'either' && type.holderKind !== kind) {
    reasons.push(
      `holderId：该证照类型只能由${type.holderKind === 'person' ? '个人' : '企业'}持有 this type is held by ${type.holderKind}s only`,
    );
  }
  if (holderName.length < 1 || holderName.length > 100) reasons.push('holderName：必填，最多100字 required, at most 100 characters');
  if (!/^[\p{L}\p{N}()（）\-/]{1,64}$/u.test(licenceNumber))
    reasons.push('licenceNumber：必填，最多64位字母数字 required, letters and digits, at most 64');
  const from = dateOf(values.validFrom);
  const until = dateOf(values.validUntil);
  if (from === 'invalid') reasons.push('validFrom：日期格式应为 YYYY-MM-DD expected YYYY-MM-DD');
  if (until === 'invalid') reasons.push('validUntil：日期格式应为 YYYY-MM-DD expected YYYY-MM-DD');
  const validFrom = from instanceof Date ? from : today;
  if (until instanceof Date && until.getTime() <= validFrom.getTime()) reasons.push('validUntil：须晚于 validFrom must be after validFrom');
  const fields: Record<string, string | number> = {};
  for (const f of type.fields) {
    const v = values[f.key];
    if (v === undefined || v === null || String(v).trim() === '') continue;
    if (typeof v === 'number') fields[f.key] = v;
    else if (String(v).length > 2000) reasons.push(`${f.key}：最多2000字 at most 2000 characters`);
    else fields[f.key] = String(v).trim();
  }
  if (reasons.length > 0 || !kind) return { reasons };
  return {
    ok: {
      holder: { kind, id: holderId, name: holderName },
      licenceNumber,
      validFrom,
      validUntil: until instanceof Date ? until : undefined,
      fields,
    },
  };
}

/**
 * @throws ImportFileError unreadable file, unknown type (give `itemCode` to define it from the catalogue), unknown columns
 * @throws IDENTITY_DEPARTMENT_NOT_FOUND
 */
export async function importLicences(
  deps: Deps,
  input: { text: string; format: 'csv' | 'json'; typeCode: string; departmentId: string; itemCode?: string | undefined },
): Promise<ImportReport> {
  const at = deps.clock.now();
  let type = await findLicenceType(deps.db, input.typeCode);
  if (!type && input.itemCode) {
    const item = await findPublishedItem(deps.db, input.itemCode);
    const fromItem = item ? typeFromItem(item.code, item.content) : undefined;
    if (!fromItem || fromItem.code !== input.typeCode) {
      throw new ImportFileError(`Catalogue item ${input.itemCode} is not published or does not issue ${input.typeCode}.`);
    }
    type = await deps.db.transaction((tx) => upsertLicenceType(tx, at, fromItem));
  }
  if (!type) {
    throw new ImportFileError(
      `Unknown licence type ${input.typeCode}: no case has issued it yet. Name the catalogue item that issues it with --item <code>.`,
    );
  }
  await getDepartment(deps.db, input.departmentId);
  const { columns, rows } = parseImportFile(input.text, input.format);
  const known = new Set([...RESERVED, ...type.fields.map((f) => f.key)]);
  const unknown = columns.filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw new ImportFileError(
      `Columns not known to ${type.code}: ${unknown.join(', ')}. Known: ${[...RESERVED.filter((r) => r !== 'fields'), ...type.fields.map((f) => f.key)].join(', ')}`,
    );
  }

  const report: ImportReport = {
    type: type.code,
    department: input.departmentId,
    total: rows.length,
    imported: 0,
    alreadyImported: 0,
    rejected: [],
  };
  const seen = new Map<string, number>();
  for (const raw of rows) {
    const checked = validateRow(type, raw.values, at);
    const number = String(raw.values.licenceNumber ?? '').trim();
    if ('reasons' in checked) {
      report.rejected.push({ row: raw.row, licenceNumber: number, reasons: checked.reasons });
      continue;
    }
    const v = checked.ok;
    const earlier = seen.get(v.licenceNumber);
    if (earlier !== undefined) {
      report.rejected.push({
        row: raw.row,
        licenceNumber: number,
        reasons: [`licenceNumber：与第 ${earlier} 行重复 repeats row ${earlier}`],
      });
      continue;
    }
    seen.set(v.licenceNumber, raw.row);
    const importKey = `${input.departmentId}/${type.code}/${v.licenceNumber}`;
    const [done] = await deps.db.query('select 1 from licence where import_key = $1', [importKey]);
    if (done) {
      report.alreadyImported++;
      continue;
    }
    try {
      await deps.db.transaction((tx) =>
        issueLicence(
          deps,
          tx,
          {
            type: type as LicenceType,
            issuerDepartmentId: input.departmentId,
            holder: v.holder,
            fields: v.fields,
            validFrom: v.validFrom,
            validUntil: v.validUntil,
            licenceNumber: v.licenceNumber,
            source: 'import',
            importKey,
          },
          { type: 'system', id: 'licences.import' },
        ),
      );
      report.imported++;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      report.rejected.push({
        row: raw.row,
        licenceNumber: number,
        reasons: ['licenceNumber：该编号已被其他证照使用 already used by another licence'],
      });
    }
  }
  return report;
}
