import type { FieldType } from './datahub-vocabularies.ts';
import { checkCreditCode, checkResidentId } from './ids.ts';

/** Values against the data hub's field dictionary (数据元): a pure check, used by quality reports. */

export type FieldValueRule = { type: FieldType; allowedValues?: readonly string[] | null; maxLength?: number | null };
export type FieldValueProblem = 'missing' | 'invalid';

/**
 * Checks one value against its data element: missing (null, undefined, empty text) or invalid
 * (wrong check digit, impossible date, a code outside the allowed values, too long …).
 */
export function checkFieldValue(rule: FieldValueRule, value: unknown): FieldValueProblem | undefined {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return 'missing';
  switch (rule.type) {
    case 'id_number':
      return typeof value === 'string' && checkResidentId(value) === undefined ? undefined : 'invalid';
    case 'credit_code':
      return typeof value === 'string' && checkCreditCode(value) === undefined ? undefined : 'invalid';
    case 'date':
      return typeof value === 'string' && isRealDate(value) ? undefined : 'invalid';
    case 'number':
    case 'money': {
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
      return Number.isFinite(n) && n >= 0 ? undefined : 'invalid';
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'invalid';
    case 'code':
      return typeof value === 'string' && (!rule.allowedValues || rule.allowedValues.includes(value)) ? undefined : 'invalid';
    default:
      return typeof value === 'string' && (!rule.maxLength || [...value].length <= rule.maxLength) ? undefined : 'invalid';
  }
}

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
