import type { PrefillResponse } from '@tongban/domain';

/**
 * The registry behind a form field's `prefill` (`birth.child_name` → BIRTH), as the hub resolves
 * it (server: datahub `prefillSourceResources`), so the form can say which department each
 * pre-filled value came from.
 */
const resourceOfSource: Readonly<Record<string, string>> = {
  population: 'POPULATION',
  person: 'POPULATION',
  applicant: 'POPULATION',
  enterprise: 'ENTERPRISE-REGISTRATION',
  real_estate: 'REAL-ESTATE-TITLE',
  marriage: 'MARRIAGE',
  social_insurance: 'SOCIAL-INSURANCE',
  housing_fund: 'HOUSING-FUND',
  degree: 'DEGREE',
  birth: 'BIRTH',
  tax: 'TAX-REGISTRATION',
  vehicle: 'VEHICLE',
  driving_licence: 'DRIVING-LICENCE',
};

export type PrefillOrigin = { resource: string; departmentId: string; departmentName: string | null };

/** Where the pre-filled value of each form field came from, by form field key. */
export function prefillOrigins(fields: readonly { key: string; prefill?: string | undefined }[], prefill: PrefillResponse | undefined) {
  const out = new Map<string, PrefillOrigin>();
  if (!prefill) return out;
  for (const field of fields) {
    if (!field.prefill || !Object.hasOwn(prefill.values, field.key)) continue;
    const resource = resourceOfSource[field.prefill.split('.')[0] ?? ''];
    const source = prefill.sources.find((s) => s.resource === resource);
    if (source) out.set(field.key, { resource: source.resource, departmentId: source.departmentId, departmentName: source.departmentName });
  }
  return out;
}
