import type { DataRecord } from '@tongban/domain';
import type { Sql } from '../../../platform/db/db.ts';
import {
  countRegistry,
  findRegistryEnterprise,
  findRegistryPerson,
  type RegistryEnterpriseRecord,
  type RegistryPersonRecord,
  scanRegistryEnterprises,
  scanRegistryPeople,
} from '../../registry/index.ts';

/**
 * In-platform providers: the tables of the owning departments, read by named adapters. The
 * population and enterprise registries belong to the registry module and are read through its
 * index.ts; the other registries are the hub's own `datahub_registry_*` tables. An adapter returns
 * whole records; the exchange keeps only the fields asked for.
 */
export type ScannedRecord = { key: string; record: DataRecord; updatedAt: Date };

export type RegistryAdapter = {
  /** Every record about the subject (a person's titles, a parent's births …). */
  fetch(sql: Sql, subject: string): Promise<{ records: DataRecord[]; updatedAt: Date | null }>;
  /**
   * Pages through all records in key order (quality checks, open data). Absent when the owner
   * offers no way to read its registry in bulk.
   */
  scan?(sql: Sql, after: string | null, limit: number): Promise<ScannedRecord[]>;
  count?(sql: Sql): Promise<number>;
};

type TableSpec = {
  table: string;
  key: string;
  /** Columns matched against the subject (any of them). */
  subjectColumns: readonly string[];
  /** Field name → SQL expression over the table. */
  columns: Readonly<Record<string, string>>;
};

const dateCol = (c: string) => `to_char(${c}, 'YYYY-MM-DD')`;
const numCol = (c: string) => `${c}::float8`;

function tableAdapter(spec: TableSpec): RegistryAdapter {
  const select = Object.entries(spec.columns)
    .map(([name, expr]) => `${expr} as "${name}"`)
    .join(', ');
  const where = spec.subjectColumns.map((c) => `${c} = $1`).join(' or ');
  const fetchSql = `select ${select}, updated_at as "__updated_at" from ${spec.table} where ${where} order by ${spec.key}`;
  const scanSql = `select ${spec.key} as "__key", ${select}, updated_at as "__updated_at" from ${spec.table}
    where $1::text is null or ${spec.key} > $1 order by ${spec.key} limit $2`;
  const strip = (row: Record<string, unknown>): DataRecord => {
    const { __updated_at: _u, __key: _k, ...rest } = row;
    return rest as DataRecord;
  };
  return {
    async fetch(sql, subject) {
      const rows = await sql.query<Record<string, unknown>>(fetchSql, [subject]);
      const latest = rows.reduce<Date | null>((acc, r) => {
        const at = new Date(r.__updated_at as Date);
        return acc === null || at > acc ? at : acc;
      }, null);
      return { records: rows.map(strip), updatedAt: latest };
    },
    async scan(sql, after, limit) {
      const rows = await sql.query<Record<string, unknown>>(scanSql, [after, limit]);
      return rows.map((r) => ({ key: String(r.__key), record: strip(r), updatedAt: new Date(r.__updated_at as Date) }));
    },
    async count(sql) {
      const [row] = await sql.query<{ n: number }>(`select count(*)::int as n from ${spec.table}`);
      return row?.n ?? 0;
    },
  };
}

function personRecord(p: RegistryPersonRecord): DataRecord {
  return {
    name: p.name,
    id_number: p.idNumber,
    sex: p.sex,
    ethnicity: p.ethnicity,
    birth_date: p.birthDate,
    household_address: p.householdAddress,
    household_district: p.householdDistrict,
    residence_address: p.residenceAddress,
    marital_status: p.maritalStatus,
    spouse_id_number: p.spouseIdNumber,
    alive: p.alive,
  };
}

const population: RegistryAdapter = {
  async fetch(sql, subject) {
    const p = await findRegistryPerson(sql, subject);
    return p ? { records: [personRecord(p)], updatedAt: p.updatedAt } : { records: [], updatedAt: null };
  },
  async scan(sql, after, limit) {
    const people = await scanRegistryPeople(sql, after, limit);
    return people.map((p) => ({ key: p.idNumber, record: personRecord(p), updatedAt: p.updatedAt }));
  },
  count: (sql) => countRegistry(sql, 'people'),
};

function enterpriseRecord(e: RegistryEnterpriseRecord): DataRecord {
  return {
    credit_code: e.creditCode,
    name: e.name,
    enterprise_type: e.enterpriseType,
    legal_representative_name: e.legalRepresentativeName,
    legal_representative_id_number: e.legalRepresentativeIdNumber,
    registered_capital: e.registeredCapitalWan,
    established_on: e.establishedOn,
    address: e.address,
    district: e.district,
    business_scope: e.businessScope,
    status: e.status,
  };
}

const enterprise: RegistryAdapter = {
  async fetch(sql, subject) {
    const e = await findRegistryEnterprise(sql, subject);
    return e ? { records: [enterpriseRecord(e)], updatedAt: e.updatedAt } : { records: [], updatedAt: null };
  },
  async scan(sql, after, limit) {
    const enterprises = await scanRegistryEnterprises(sql, after, limit);
    return enterprises.map((e) => ({ key: e.creditCode, record: enterpriseRecord(e), updatedAt: e.updatedAt }));
  },
  count: (sql) => countRegistry(sql, 'enterprises'),
};

/** The adapters a resource may name as its `registry` provider. */
export const registryAdapters: Readonly<Record<string, RegistryAdapter>> = {
  population,
  enterprise,
  marriage: tableAdapter({
    table: 'datahub_registry_marriage',
    key: 'id_number',
    subjectColumns: ['id_number'],
    columns: {
      id_number: 'id_number',
      name: 'name',
      spouse_name: 'spouse_name',
      spouse_id_number: 'spouse_id_number',
      marital_status: 'marital_status',
      registered_on: dateCol('registered_on'),
      certificate_number: 'certificate_number',
    },
  }),
  birth: tableAdapter({
    table: 'datahub_registry_birth',
    key: 'certificate_number',
    // Either parent may ask about their child.
    subjectColumns: ['mother_id_number', 'father_id_number'],
    columns: {
      certificate_number: 'certificate_number',
      child_name: 'child_name',
      child_sex: 'child_sex',
      child_birth_date: dateCol('child_birth_date'),
      birth_place: 'birth_place',
      institution: 'institution',
      mother_name: 'mother_name',
      mother_id_number: 'mother_id_number',
      father_name: 'father_name',
      father_id_number: 'father_id_number',
    },
  }),
  social_insurance: tableAdapter({
    table: 'datahub_registry_social_insurance',
    key: 'id_number',
    subjectColumns: ['id_number'],
    columns: {
      id_number: 'id_number',
      name: 'name',
      insured_status: 'insured_status',
      employer_credit_code: 'employer_credit_code',
      employer_name: 'employer_name',
      insured_since: dateCol('insured_since'),
      contribution_months: 'contribution_months',
      card_number: 'card_number',
    },
  }),
  housing_fund: tableAdapter({
    table: 'datahub_registry_housing_fund',
    key: 'account_number',
    subjectColumns: ['id_number'],
    columns: {
      id_number: 'id_number',
      name: 'name',
      account_number: 'account_number',
      account_status: 'account_status',
      balance: numCol('balance'),
      employer_credit_code: 'employer_credit_code',
      deposit_base: numCol('deposit_base'),
      monthly_deposit: numCol('monthly_deposit'),
    },
  }),
  degree: tableAdapter({
    table: 'datahub_registry_degree',
    key: 'certificate_number',
    subjectColumns: ['id_number'],
    columns: {
      id_number: 'id_number',
      name: 'name',
      institution: 'institution',
      education_level: 'education_level',
      degree: 'degree',
      major: 'major',
      graduation_date: dateCol('graduation_date'),
      certificate_number: 'certificate_number',
    },
  }),
  real_estate: tableAdapter({
    table: 'datahub_registry_real_estate',
    key: 'certificate_number',
    subjectColumns: ['owner_id_number'],
    columns: {
      certificate_number: 'certificate_number',
      unit_number: 'unit_number',
      owner_name: 'owner_name',
      owner_id_number: 'owner_id_number',
      address: 'address',
      area: numCol('area'),
      usage: 'usage',
      right_type: 'right_type',
      mortgage_status: 'mortgage_status',
      registered_on: dateCol('registered_on'),
    },
  }),
  tax: tableAdapter({
    table: 'datahub_registry_tax',
    key: 'credit_code',
    subjectColumns: ['credit_code'],
    columns: {
      credit_code: 'credit_code',
      taxpayer_name: 'taxpayer_name',
      taxpayer_type: 'taxpayer_type',
      tax_authority: 'tax_authority',
      registered_on: dateCol('registered_on'),
      status: 'status',
    },
  }),
  vehicle: tableAdapter({
    table: 'datahub_registry_vehicle',
    key: 'plate_number',
    subjectColumns: ['owner_id_number'],
    columns: {
      plate_number: 'plate_number',
      vin: 'vin',
      owner_id_number: 'owner_id_number',
      owner_name: 'owner_name',
      brand_model: 'brand_model',
      vehicle_type: 'vehicle_type',
      registered_on: dateCol('registered_on'),
      certificate_number: 'certificate_number',
      inspection_valid_until: dateCol('inspection_valid_until'),
      status: 'status',
    },
  }),
  driving_licence: tableAdapter({
    table: 'datahub_registry_driving_licence',
    key: 'id_number',
    subjectColumns: ['id_number'],
    columns: {
      id_number: 'id_number',
      name: 'name',
      licence_number: 'licence_number',
      permitted_class: 'permitted_class',
      first_issued_on: dateCol('first_issued_on'),
      valid_until: dateCol('valid_until'),
      status: 'status',
    },
  }),
};

export const registryAdapterNames = Object.keys(registryAdapters);
