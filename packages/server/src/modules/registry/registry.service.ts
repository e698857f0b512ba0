import { AppError, maskIdentifier } from '@tongban/domain';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Sql } from '../../platform/db/db.ts';

/**
 * The departments' basic registries: the population registry (public security) and the
 * enterprise registry (market regulation). They are the authority platform accounts are verified
 * against, not accounts themselves. Lookups are by primary key; imports are bulk loads in chunks
 * through `unnest`, one statement per chunk, so a city's registry loads in seconds.
 */

export type Sex = 'male' | 'female';
export type MaritalStatus = 'unmarried' | 'married' | 'divorced' | 'widowed';
export type EnterpriseStatus = 'active' | 'revoked' | 'cancelled';

/** One row of `registry_person`. Dates are `YYYY-MM-DD`. */
export type RegistryPersonRecord = {
  idNumber: string;
  name: string;
  sex: Sex;
  birthDate: string;
  ethnicity: string;
  householdAddress: string;
  /** Department id of the district of the household registration. */
  householdDistrict: string;
  residenceAddress: string;
  mobile: string | null;
  maritalStatus: MaritalStatus;
  spouseIdNumber: string | null;
  alive: boolean;
  updatedAt: Date;
};

/** One row of `registry_enterprise`. */
export type RegistryEnterpriseRecord = {
  creditCode: string;
  name: string;
  enterpriseType: string;
  legalRepresentativeIdNumber: string;
  legalRepresentativeName: string;
  /** 万元 (10,000 CNY). */
  registeredCapitalWan: number;
  establishedOn: string;
  address: string;
  /** Department id of the district. */
  district: string;
  businessScope: string;
  status: EnterpriseStatus;
  updatedAt: Date;
};

/** What an import takes: a record whose optional columns may be left out. */
export type RegistryPersonInput = Omit<RegistryPersonRecord, 'mobile' | 'spouseIdNumber' | 'alive' | 'updatedAt'> &
  Partial<Pick<RegistryPersonRecord, 'mobile' | 'spouseIdNumber' | 'alive' | 'updatedAt'>>;
export type RegistryEnterpriseInput = Omit<RegistryEnterpriseRecord, 'status' | 'updatedAt'> &
  Partial<Pick<RegistryEnterpriseRecord, 'status' | 'updatedAt'>>;

export type ImportOptions = {
  /** When the rows were current (the seed passes its clock); default: the database's now(). */
  at?: Date;
  /** Rows per INSERT statement. */
  chunkSize?: number;
};

const personColumns = `id_number, name, sex, birth_date::text as birth_date, ethnicity, household_address, household_district,
  residence_address, mobile, marital_status, spouse_id_number, alive, updated_at`;

type PersonRow = {
  id_number: string;
  name: string;
  sex: Sex;
  birth_date: string;
  ethnicity: string;
  household_address: string;
  household_district: string;
  residence_address: string;
  mobile: string | null;
  marital_status: MaritalStatus;
  spouse_id_number: string | null;
  alive: boolean;
  updated_at: Date;
};

function toPerson(r: PersonRow): RegistryPersonRecord {
  return {
    idNumber: r.id_number,
    name: r.name,
    sex: r.sex,
    birthDate: r.birth_date,
    ethnicity: r.ethnicity,
    householdAddress: r.household_address,
    householdDistrict: r.household_district,
    residenceAddress: r.residence_address,
    mobile: r.mobile,
    maritalStatus: r.marital_status,
    spouseIdNumber: r.spouse_id_number,
    alive: r.alive,
    updatedAt: new Date(r.updated_at),
  };
}

/** The population registry entry for a resident ID number (exact, already normalised), if any. */
export async function findRegistryPerson(sql: Sql, idNumber: string): Promise<RegistryPersonRecord | undefined> {
  const rows = await sql.query<PersonRow>(`select ${personColumns} from registry_person where id_number = $1`, [idNumber]);
  return rows[0] ? toPerson(rows[0]) : undefined;
}

const enterpriseColumns = `credit_code, name, enterprise_type, legal_representative_id_number, legal_representative_name,
  registered_capital_wan::float8 as registered_capital_wan, established_on::text as established_on, address, district,
  business_scope, status, updated_at`;

type EnterpriseRow = {
  credit_code: string;
  name: string;
  enterprise_type: string;
  legal_representative_id_number: string;
  legal_representative_name: string;
  registered_capital_wan: number;
  established_on: string;
  address: string;
  district: string;
  business_scope: string;
  status: EnterpriseStatus;
  updated_at: Date;
};

function toEnterprise(r: EnterpriseRow): RegistryEnterpriseRecord {
  return {
    creditCode: r.credit_code,
    name: r.name,
    enterpriseType: r.enterprise_type,
    legalRepresentativeIdNumber: r.legal_representative_id_number,
    legalRepresentativeName: r.legal_representative_name,
    registeredCapitalWan: Number(r.registered_capital_wan),
    establishedOn: r.established_on,
    address: r.address,
    district: r.district,
    businessScope: r.business_scope,
    status: r.status,
    updatedAt: new Date(r.updated_at),
  };
}

/** The enterprise registry entry for a unified social credit code (exact, already normalised), if any. */
export async function findRegistryEnterprise(sql: Sql, creditCode: string): Promise<RegistryEnterpriseRecord | undefined> {
  const rows = await sql.query<EnterpriseRow>(`select ${enterpriseColumns} from registry_enterprise where credit_code = $1`, [creditCode]);
  return rows[0] ? toEnterprise(rows[0]) : undefined;
}

/** Enterprises whose legal representative is the given person, in the registry. */
export async function listRegistryEnterprisesOfRepresentative(sql: Sql, idNumber: string): Promise<RegistryEnterpriseRecord[]> {
  const rows = await sql.query<EnterpriseRow>(
    `select ${enterpriseColumns} from registry_enterprise where legal_representative_id_number = $1 order by credit_code`,
    [idNumber],
  );
  return rows.map(toEnterprise);
}

/**
 * The population registry in ID-number order, a page after `after` (bulk reads for the data hub's
 * quality checks; the registry stays the only reader of its tables).
 */
export async function scanRegistryPeople(sql: Sql, after: string | null, limit: number): Promise<RegistryPersonRecord[]> {
  const rows = await sql.query<PersonRow>(
    `select ${personColumns} from registry_person where $1::text is null or id_number > $1 order by id_number limit $2`,
    [after, limit],
  );
  return rows.map(toPerson);
}

/** The enterprise registry in credit-code order, a page after `after`. */
export async function scanRegistryEnterprises(sql: Sql, after: string | null, limit: number): Promise<RegistryEnterpriseRecord[]> {
  const rows = await sql.query<EnterpriseRow>(
    `select ${enterpriseColumns} from registry_enterprise where $1::text is null or credit_code > $1 order by credit_code limit $2`,
    [after, limit],
  );
  return rows.map(toEnterprise);
}

export async function countRegistry(sql: Sql, registry: 'people' | 'enterprises'): Promise<number> {
  const table = registry === 'people' ? 'registry_person' : 'registry_enterprise';
  const [row] = await sql.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  return row?.n ?? 0;
}

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

async function importTime(sql: Sql, at: Date | undefined): Promise<Date> {
  if (at) return at;
  const rows = await sql.query<{ now: Date }>('select now() as now');
  return new Date((rows[0] as { now: Date }).now);
}

/**
 * Loads population registry rows (insert, or replace the row with the same ID number: a registry
 * sync). Writes one audit entry for the batch. Pass a transaction's `Sql` to make it atomic.
 * @throws VALIDATION_FAILED when the same ID number appears twice in `rows`.
 */
export async function importRegistryPeople(sql: Sql, rows: readonly RegistryPersonInput[], options: ImportOptions = {}): Promise<number> {
  if (rows.length === 0) return 0;
  assertUnique(
    rows.map((r) => r.idNumber),
    'idNumber',
  );
  const at = await importTime(sql, options.at);
  for (const chunk of chunks(rows, options.chunkSize ?? 5000)) {
    await sql.query(
      `insert into registry_person (id_number, name, sex, birth_date, ethnicity, household_address, household_district,
         residence_address, mobile, marital_status, spouse_id_number, alive, updated_at)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[],
         $8::text[], $9::text[], $10::text[], $11::text[], $12::boolean[], $13::timestamptz[])
       on conflict (id_number) do update set name = excluded.name, sex = excluded.sex, birth_date = excluded.birth_date,
         ethnicity = excluded.ethnicity, household_address = excluded.household_address,
         household_district = excluded.household_district, residence_address = excluded.residence_address,
         mobile = excluded.mobile, marital_status = excluded.marital_status, spouse_id_number = excluded.spouse_id_number,
         alive = excluded.alive, updated_at = excluded.updated_at`,
      [
        chunk.map((r) => r.idNumber),
        chunk.map((r) => r.name),
        chunk.map((r) => r.sex),
        chunk.map((r) => r.birthDate),
        chunk.map((r) => r.ethnicity),
        chunk.map((r) => r.householdAddress),
        chunk.map((r) => r.householdDistrict),
        chunk.map((r) => r.residenceAddress),
        chunk.map((r) => r.mobile ?? null),
        chunk.map((r) => r.maritalStatus),
        chunk.map((r) => r.spouseIdNumber ?? null),
        chunk.map((r) => r.alive ?? true),
        chunk.map((r) => r.updatedAt ?? at),
      ],
    );
  }
  await recordAudit(sql, at, { actor: { type: 'system' }, action: 'registry.people.imported', detail: { count: rows.length } });
  return rows.length;
}

/**
 * Loads enterprise registry rows (insert, or replace the row with the same credit code). Writes
 * one audit entry for the batch.
 * @throws VALIDATION_FAILED when the same credit code appears twice in `rows`.
 */
export async function importRegistryEnterprises(
  sql: Sql,
  rows: readonly RegistryEnterpriseInput[],
  options: ImportOptions = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  assertUnique(
    rows.map((r) => r.creditCode),
    'creditCode',
  );
  const at = await importTime(sql, options.at);
  for (const chunk of chunks(rows, options.chunkSize ?? 5000)) {
    await sql.query(
      `insert into registry_enterprise (credit_code, name, enterprise_type, legal_representative_id_number,
         legal_representative_name, registered_capital_wan, established_on, address, district, business_scope, status, updated_at)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::date[],
         $8::text[], $9::text[], $10::text[], $11::text[], $12::timestamptz[])
       on conflict (credit_code) do update set name = excluded.name, enterprise_type = excluded.enterprise_type,
         legal_representative_id_number = excluded.legal_representative_id_number,
         legal_representative_name = excluded.legal_representative_name,
         registered_capital_wan = excluded.registered_capital_wan, established_on = excluded.established_on,
         address = excluded.address, district = excluded.district, business_scope = excluded.business_scope,
         status = excluded.status, updated_at = excluded.updated_at`,
      [
        chunk.map((r) => r.creditCode),
        chunk.map((r) => r.name),
        chunk.map((r) => r.enterpriseType),
        chunk.map((r) => r.legalRepresentativeIdNumber),
        chunk.map((r) => r.legalRepresentativeName),
        chunk.map((r) => r.registeredCapitalWan),
        chunk.map((r) => r.establishedOn),
        chunk.map((r) => r.address),
        chunk.map((r) => r.district),
        chunk.map((r) => r.businessScope),
        chunk.map((r) => r.status ?? 'active'),
        chunk.map((r) => r.updatedAt ?? at),
      ],
    );
  }
  await recordAudit(sql, at, { actor: { type: 'system' }, action: 'registry.enterprises.imported', detail: { count: rows.length } });
  return rows.length;
}

function assertUnique(keys: readonly string[], field: string) {
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key)) throw new AppError('VALIDATION_FAILED', `Duplicate ${field} in the import: ${maskIdentifier(key)}`, { field });
    seen.add(key);
  }
}
