import { z } from 'zod';
import { normaliseIdentifier, normaliseText } from './identity.ts';

/**
 * Field formats shared by the cases API shapes (`case-*-api.ts`). Internal to the domain package:
 * the package index does not re-export them.
 */

/** Free text, NFKC-normalised and without zero-width characters (see identity.ts), then bounded. */
export const textField = (max: number, min = 1) =>
  z.preprocess((v) => (typeof v === 'string' ? normaliseText(v) : v), z.string().min(min).max(max));
export const identifierField = (max = 32) =>
  z.preprocess((v) => (typeof v === 'string' ? normaliseIdentifier(v) : v), z.string().min(1).max(max));

export const isoDateTime = z.string().describe('ISO 8601 date-time');
export const isoDate = z.string().describe('YYYY-MM-DD (China time)');
export const itemCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,63}$/, 'codes use capital letters, digits and hyphens');
export const shortId = z.string().trim().min(1).max(64);
export const reason = textField(1000, 2);

/**
 * How large an application form may be, in drafts and submissions alike. Values are flat (a string
 * or a number per field key: depth 1). An item's form has at most 200 fields and a bundle merges
 * its members' forms, so 1,000 keys leave room; 256 KiB of keys and values (UTF-8) is far more than
 * any real form and far less than the body limit.
 */
export const FORM_LIMITS = { maxKeys: 1000, maxBytes: 256 * 1024, maxDepth: 1 } as const;

/** Bytes of a string in UTF-8, without encoding it. */
function utf8Length(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
  }
  return n;
}

/**
 * The form's size, checked before its fields are (a 50,000-key form is refused at once rather
 * than validated key by key). The refusal names the form itself (`body.form`).
 */
function checkFormSize(value: unknown, ctx: z.core.$RefinementCtx): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (keys.length > FORM_LIMITS.maxKeys) {
    ctx.addIssue({
      code: 'custom',
      message: `表单最多 ${FORM_LIMITS.maxKeys} 项（收到 ${keys.length} 项）。A form has at most ${FORM_LIMITS.maxKeys} fields (got ${keys.length}).`,
    });
    return z.NEVER;
  }
  let bytes = 0;
  for (const k of keys) {
    const v = (value as Record<string, unknown>)[k];
    bytes += utf8Length(k) + (typeof v === 'string' ? utf8Length(v) : 8);
  }
  if (bytes > FORM_LIMITS.maxBytes) {
    ctx.addIssue({
      code: 'custom',
      message: `表单内容不能超过 ${FORM_LIMITS.maxBytes / 1024} KB。A form holds at most ${FORM_LIMITS.maxBytes / 1024} KB of text.`,
    });
    return z.NEVER;
  }
  return value;
}

const formRecord = z.record(z.string().max(100), z.union([z.string().max(5000), z.number()]));
/** Field key → value, flat (FORM_LIMITS.maxDepth 1: no nested objects or arrays), bounded in size. */
export const formValues = z.preprocess(checkFormSize, formRecord);
/** The same in answers (a response schema cannot hold the request's size check: it is a transform). */
export const formValuesView = formRecord;
export const answers = z.record(z.string().max(64), z.string().max(64));
