import { z } from 'zod';
import { normaliseIdentifier, normaliseText } from './identity.ts';

/**
 * Field formats shared by the data hub's API shapes (`datahub-*-api.ts`). Internal to the domain
 * package: of these, the package index re-exports only `resourceCodeSchema`.
 */

export const textField = (max: number, min = 1) =>
  z.preprocess((v) => (typeof v === 'string' ? normaliseText(v) : v), z.string().min(min).max(max));
export const identifierField = (max = 32) =>
  z.preprocess((v) => (typeof v === 'string' ? normaliseIdentifier(v) : v), z.string().min(1).max(max));
export const isoDateTime = z.string().describe('ISO 8601 date-time');

/** Resource and item codes: capital letters, digits, hyphens (the catalogue's rule). */
export const resourceCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,63}$/, 'codes use capital letters, digits and hyphens');
export const itemCodeSchema = resourceCodeSchema;
/** Field names inside a resource and dictionary keys: snake_case. */
export const snakeName = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'snake_case names');
