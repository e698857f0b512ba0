/** The rows of the departments' demo registries (see `registries.ts`). */
export type SeedPerson = {
  idNumber: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  householdAddress: string;
  householdDistrict: string;
  maritalStatus: 'unmarried' | 'married' | 'divorced' | 'widowed';
  spouseIdNumber?: string | null | undefined;
  alive?: boolean | undefined;
};
export type SeedEnterprise = {
  creditCode: string;
  name: string;
  registeredCapitalWan: number;
  establishedOn: string;
  district: string;
  status?: 'active' | 'revoked' | 'cancelled' | undefined;
};

export type MarriageRow = {
  id_number: string;
  name: string;
  spouse_name: string | null;
  spouse_id_number: string | null;
  marital_status: string;
  registered_on: string | null;
  certificate_number: string | null;
};
export type BirthRow = {
  certificate_number: string;
  child_name: string;
  child_sex: string;
  child_birth_date: string;
  birth_place: string;
  institution: string;
  mother_name: string | null;
  mother_id_number: string | null;
  father_name: string | null;
  father_id_number: string | null;
};
export type SocialInsuranceRow = {
  id_number: string;
  name: string;
  insured_status: string;
  employer_credit_code: string | null;
  employer_name: string | null;
  insured_since: string;
  contribution_months: number;
  card_number: string;
};
export type HousingFundRow = {
  account_number: string;
  id_number: string;
  name: string;
  account_status: string;
  balance: number;
  employer_credit_code: string | null;
  deposit_base: number;
  monthly_deposit: number;
};
export type DegreeRow = {
  certificate_number: string;
  id_number: string;
  name: string;
  institution: string;
  education_level: string;
  degree: string;
  major: string;
  graduation_date: string;
};
export type RealEstateRow = {
  certificate_number: string;
  unit_number: string;
  owner_name: string;
  owner_id_number: string;
  address: string;
  area: number;
  usage: string;
  right_type: string;
  mortgage_status: string;
  registered_on: string;
};
export type TaxRow = {
  credit_code: string;
  taxpayer_name: string;
  taxpayer_type: string;
  tax_authority: string;
  registered_on: string;
  status: string;
};
export type VehicleRow = {
  plate_number: string;
  vin: string;
  owner_id_number: string;
  owner_name: string;
  brand_model: string;
  vehicle_type: string;
  registered_on: string;
  certificate_number: string;
  inspection_valid_until: string;
  status: string;
};
export type DrivingLicenceRow = {
  id_number: string;
  name: string;
  licence_number: string;
  permitted_class: string;
  first_issued_on: string;
  valid_until: string;
  status: string;
};

export type DemoRegistries = {
  marriages: MarriageRow[];
  births: BirthRow[];
  socialInsurance: SocialInsuranceRow[];
  housingFund: HousingFundRow[];
  degrees: DegreeRow[];
  realEstate: RealEstateRow[];
  tax: TaxRow[];
  vehicles: VehicleRow[];
  drivingLicences: DrivingLicenceRow[];
};
