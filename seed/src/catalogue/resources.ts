/**
 * The data-hub resources the catalogue's materials point to, with the fields it asks for. The data
 * hub registers these codes; the field names follow the registries' columns in snake_case
 * (population and enterprise) or the department's own record (the others). A form field's
 * `prefill` is written `<source>.<field>` with the short source names of `prefillSources`, e.g.
 * `population.name`, `enterprise.address`.
 */
export const resourceFields = {
  /** 人口基础信息（含户籍）— public security. */
  POPULATION: [
    'name',
    'id_number',
    'sex',
    'ethnicity',
    'birth_date',
    'household_address',
    'household_district',
    'residence_address',
    'marital_status',
    'spouse_id_number',
    'alive',
  ],
  /** 市场主体登记信息 — market regulation. */
  'ENTERPRISE-REGISTRATION': [
    'credit_code',
    'name',
    'enterprise_type',
    'legal_representative_name',
    'legal_representative_id_number',
    'registered_capital',
    'established_on',
    'address',
    'district',
    'business_scope',
    'status',
  ],
  /** 不动产登记信息 — planning & natural resources (registration centre). */
  'REAL-ESTATE-TITLE': [
    'certificate_number',
    'unit_number',
    'owner_name',
    'owner_id_number',
    'address',
    'area',
    'usage',
    'right_type',
    'mortgage_status',
    'registered_on',
  ],
  /** 婚姻登记信息 — civil affairs. */
  MARRIAGE: ['id_number', 'name', 'spouse_name', 'spouse_id_number', 'marital_status', 'registered_on', 'certificate_number'],
  /** 社会保险参保信息 — HR & social security. */
  'SOCIAL-INSURANCE': [
    'id_number',
    'name',
    'insured_status',
    'employer_credit_code',
    'employer_name',
    'insured_since',
    'contribution_months',
    'card_number',
  ],
  /** 住房公积金缴存信息 — housing provident fund centre. */
  'HOUSING-FUND': [
    'id_number',
    'name',
    'account_number',
    'account_status',
    'balance',
    'employer_credit_code',
    'deposit_base',
    'monthly_deposit',
  ],
  /** 高等教育学历学位信息 — education. */
  DEGREE: ['id_number', 'name', 'institution', 'education_level', 'degree', 'major', 'graduation_date', 'certificate_number'],
  /** 出生医学证明信息 — health. */
  BIRTH: [
    'certificate_number',
    'child_name',
    'child_sex',
    'child_birth_date',
    'birth_place',
    'institution',
    'mother_name',
    'mother_id_number',
    'father_name',
    'father_id_number',
  ],
  /** 纳税人登记信息 — taxation. */
  'TAX-REGISTRATION': ['credit_code', 'taxpayer_name', 'taxpayer_type', 'tax_authority', 'registered_on', 'status'],
  /** 机动车登记信息 — public security traffic police. */
  VEHICLE: [
    'plate_number',
    'vin',
    'owner_id_number',
    'owner_name',
    'brand_model',
    'vehicle_type',
    'registered_on',
    'certificate_number',
    'inspection_valid_until',
    'status',
  ],
  /** 机动车驾驶证信息 — public security traffic police. */
  'DRIVING-LICENCE': ['id_number', 'name', 'licence_number', 'permitted_class', 'first_issued_on', 'valid_until', 'status'],
} as const;

export type ResourceCode = keyof typeof resourceFields;
export type ResourceField<R extends ResourceCode> = (typeof resourceFields)[R][number];
export const resourceCodes = Object.keys(resourceFields) as ResourceCode[];

/** Short names used in form fields' `prefill` (`enterprise.address`), by resource. */
export const prefillSources = {
  population: 'POPULATION',
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
} as const satisfies Record<string, ResourceCode>;
