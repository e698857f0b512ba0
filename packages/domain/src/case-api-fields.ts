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

export const formValues = z.record(z.string().max(100), z.union([z.string().max(5000), z.number()]));
export const answers = z.record(z.string().max(64), z.string().max(64));
