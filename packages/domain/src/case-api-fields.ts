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

export const formValues = z.record(z.string().max(100), z.union([z.string().max(5000), z.number()]));
export const answers = z.record(z.string().max(64), z.string().max(64));
