import type { StaffRole } from '@tongban/domain';

/**
 * Plain rows the generators return. Field names are the table columns in camelCase; the server's
 * import functions (identity, registry) take them as they are.
 */

export const departmentKinds = ['city', 'district', 'street', 'service_centre', 'bureau', 'office'] as const;
export type DepartmentKind = (typeof departmentKinds)[number];

/** A row of `department`. */
export type DepartmentSeed = {
  id: string;
  parentId: string | null;
  kind: DepartmentKind;
  nameZh: string;
  nameEn: string;
  divisionCode: string | null;
  address: string | null;
  phone: string | null;
};

/** Which department is a main bureau's branch in a district (not a column: the tree parent is the district). */
export type DistrictBranchSeed = { districtId: string; bureauId: string; branchId: string };

/** A row of `staff` with its `staff_role` rows; every demo account shares `DEMO_PASSWORD`. */
export type StaffSeed = {
  id: string;
  username: string;
  name: string;
  departmentId: string;
  roles: StaffRole[];
};

/** A citizen account (`user_account`), real-name verified: the person is in the population registry. */
export type UserSeed = {
  id: string;
  idNumber: string;
  name: string;
  mobile: string;
};

/**
 * An enterprise account (`enterprise_account`): registered by its legal representative, who
 * becomes its first member; the agents (经办人) they authorised become members too.
 */
export type EnterpriseAccountSeed = {
  creditCode: string;
  name: string;
  /** The user id of the legal representative who registered the account. */
  registeredBy: string;
  agents: { userId: string }[];
};

export const maritalStatuses = ['unmarried', 'married', 'divorced', 'widowed'] as const;
export type MaritalStatus = (typeof maritalStatuses)[number];

/** A row of `registry_person`. Dates are `YYYY-MM-DD`. */
export type RegistryPersonSeed = {
  idNumber: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  ethnicity: string;
  householdAddress: string;
  /** Department id of the household district, e.g. `SH-PD`. */
  householdDistrict: string;
  residenceAddress: string;
  mobile: string | null;
  maritalStatus: MaritalStatus;
  spouseIdNumber: string | null;
  alive: boolean;
};

export const enterpriseStatuses = ['active', 'revoked', 'cancelled'] as const;
export type EnterpriseStatus = (typeof enterpriseStatuses)[number];

/** A row of `registry_enterprise`. */
export type RegistryEnterpriseSeed = {
  creditCode: string;
  name: string;
  enterpriseType: string;
  legalRepresentativeIdNumber: string;
  legalRepresentativeName: string;
  /** 万元 (10,000 yuan), two decimals. */
  registeredCapitalWan: number;
  establishedOn: string;
  address: string;
  /** Department id of the district, e.g. `SH-PD`. */
  district: string;
  businessScope: string;
  status: EnterpriseStatus;
};

/** The people behind the demo accounts, so notes, docs and tests can name them. */
export type DemoCast = {
  /** An ordinary citizen: a young parent with a newborn child in the registry. */
  citizen: UserSeed;
  /** Legal representative of the demo enterprise. */
  legalRepresentative: UserSeed;
  /** An agent (经办人) the legal representative authorised for the demo enterprise. */
  agent: UserSeed;
  /** A retired citizen, for elderly-care and pension services. */
  elder: UserSeed;
  /** The demo enterprise (its registry row). */
  enterprise: RegistryEnterpriseSeed;
};

export type City = {
  /** The day the data is "as of": ages and dates are relative to it. */
  referenceDate: string;
  departments: DepartmentSeed[];
  districtBranches: DistrictBranchSeed[];
  staff: StaffSeed[];
  people: RegistryPersonSeed[];
  enterprises: RegistryEnterpriseSeed[];
  users: UserSeed[];
  enterpriseAccounts: EnterpriseAccountSeed[];
  demo: DemoCast;
};
