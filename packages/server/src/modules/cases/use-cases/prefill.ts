import type { FormField, FormValues } from '@tongban/domain';
import type { Sql } from '../../../platform/db/db.ts';
import { findRegistryEnterprise, findRegistryPerson } from '../../registry/index.ts';

/**
 * Form values the platform already knows (`prefill: population.name`, `enterprise.address` …),
 * read from the applicant's registry records: the applicant only checks them.
 */
const personFields: Record<string, (p: NonNullable<Awaited<ReturnType<typeof findRegistryPerson>>>) => string | null> = {
  id_number: (p) => p.idNumber,
  name: (p) => p.name,
  sex: (p) => p.sex,
  birth_date: (p) => p.birthDate,
  ethnicity: (p) => p.ethnicity,
  household_address: (p) => p.householdAddress,
  residence_address: (p) => p.residenceAddress,
  address: (p) => p.residenceAddress,
  mobile: (p) => p.mobile,
  marital_status: (p) => p.maritalStatus,
};
const enterpriseFields: Record<string, (e: NonNullable<Awaited<ReturnType<typeof findRegistryEnterprise>>>) => string | number | null> = {
  credit_code: (e) => e.creditCode,
  name: (e) => e.name,
  enterprise_type: (e) => e.enterpriseType,
  type: (e) => e.enterpriseType,
  legal_representative_name: (e) => e.legalRepresentativeName,
  legal_representative_id_number: (e) => e.legalRepresentativeIdNumber,
  registered_capital: (e) => e.registeredCapitalWan,
  registered_capital_wan: (e) => e.registeredCapitalWan,
  established_on: (e) => e.establishedOn,
  address: (e) => e.address,
  business_scope: (e) => e.businessScope,
};

const snake = (s: string) => s.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();

export async function prefillValues(
  sql: Sql,
  fields: readonly FormField[],
  applicant: { idNumber: string; enterpriseCreditCode?: string | null | undefined },
): Promise<FormValues> {
  const wanted = fields.filter((f) => f.prefill);
  if (wanted.length === 0) return {};
  const person = await findRegistryPerson(sql, applicant.idNumber);
  const enterprise = applicant.enterpriseCreditCode ? await findRegistryEnterprise(sql, applicant.enterpriseCreditCode) : undefined;
  const out: FormValues = {};
  for (const field of wanted) {
    const [source, ...rest] = (field.prefill as string).split('.');
    const key = snake(rest.join('_'));
    let value: string | number | null | undefined;
    if ((source === 'population' || source === 'person' || source === 'applicant') && person) value = personFields[key]?.(person);
    if (source === 'enterprise' && enterprise) value = enterpriseFields[key]?.(enterprise);
    if (value !== null && value !== undefined) out[field.key] = value;
  }
  return out;
}
