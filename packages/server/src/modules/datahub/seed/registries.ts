import {
  addYears,
  ageAt,
  between,
  carModels,
  digits,
  districtName,
  divisionCode,
  hospitals,
  majors,
  minDate,
  monthsBetween,
  pick,
  plateChars,
  plateLetters,
  rand,
  universities,
  vinChars,
} from './deterministic.ts';
import type { DemoRegistries, SeedEnterprise, SeedPerson } from './registry-rows.ts';

export type {
  BirthRow,
  DegreeRow,
  DemoRegistries,
  DrivingLicenceRow,
  HousingFundRow,
  MarriageRow,
  RealEstateRow,
  SeedEnterprise,
  SeedPerson,
  SocialInsuranceRow,
  TaxRow,
  VehicleRow,
} from './registry-rows.ts';

/**
 * The departments' registries behind the hub's own resources, generated from the population and
 * enterprise registries so that they agree with them: a marriage record for every married person
 * naming the spouse the population registry names (one certificate per couple), a birth
 * certificate for every child under one naming the married couple of the same household as
 * parents, titles and cars for households, social insurance and housing fund with employers from
 * the enterprise registry, degrees, driving licences, and a tax registration for every enterprise.
 * Deterministic: every choice is a hash of the record's key, so the same city gives the same rows.
 */
export function buildDemoRegistries(input: {
  people: readonly SeedPerson[];
  enterprises: readonly SeedEnterprise[];
  referenceDate: string;
}): DemoRegistries {
  const ref = input.referenceDate;
  const people = input.people;
  const byId = new Map(people.map((p) => [p.idNumber, p]));
  const active = input.enterprises
    .filter((e) => (e.status ?? 'active') === 'active')
    .sort((a, b) => a.creditCode.localeCompare(b.creditCode));
  const out: DemoRegistries = {
    marriages: [],
    births: [],
    socialInsurance: [],
    housingFund: [],
    degrees: [],
    realEstate: [],
    tax: [],
    vehicles: [],
    drivingLicences: [],
  };

  // Marriages: one certificate per couple, both spouses' rows name each other.
  for (const p of people) {
    const key = p.idNumber;
    if (p.maritalStatus === 'married' && p.spouseIdNumber) {
      const spouse = byId.get(p.spouseIdNumber);
      const couple = [p.idNumber, p.spouseIdNumber].sort().join('|');
      const younger = spouse && spouse.birthDate > p.birthDate ? spouse : p;
      const registeredOn = minDate(
        addYears(younger.birthDate, between(couple, 'marry-age', 22, 29), between(couple, 'marry-day', 0, 300)),
        addYears(ref, 0, -30),
      );
      const husband = p.sex === 'male' ? p : (spouse ?? p);
      out.marriages.push({
        id_number: p.idNumber,
        name: p.name,
        spouse_name: spouse?.name ?? null,
        spouse_id_number: p.spouseIdNumber,
        marital_status: 'married',
        registered_on: registeredOn,
        certificate_number: `J${divisionCode(husband.householdDistrict)}-${registeredOn.slice(0, 4)}-${digits(couple, 'marry-no', 6)}`,
      });
    } else if (p.maritalStatus === 'divorced') {
      const on = minDate(
        addYears(p.birthDate, between(key, 'divorce-age', 28, 45), between(key, 'divorce-day', 0, 300)),
        addYears(ref, 0, -30),
      );
      out.marriages.push({
        id_number: p.idNumber,
        name: p.name,
        spouse_name: null,
        spouse_id_number: null,
        marital_status: 'divorced',
        registered_on: on,
        certificate_number: `L${divisionCode(p.householdDistrict)}-${on.slice(0, 4)}-${digits(key, 'divorce-no', 6)}`,
      });
    } else if (p.maritalStatus === 'widowed') {
      out.marriages.push({
        id_number: p.idNumber,
        name: p.name,
        spouse_name: null,
        spouse_id_number: null,
        marital_status: 'widowed',
        registered_on: null,
        certificate_number: null,
      });
    }
  }

  // Births: children under one, with the married couple of their household as parents.
  const couplesAt = new Map<string, SeedPerson[]>();
  for (const p of people) {
    if (p.maritalStatus !== 'married' || !p.spouseIdNumber) continue;
    const at = `${p.householdDistrict}|${p.householdAddress}`;
    couplesAt.set(at, [...(couplesAt.get(at) ?? []), p]);
  }
  let birthSeq = 0;
  for (const child of people) {
    if (ageAt(child.birthDate, ref) !== 0) continue;
    const candidates = (couplesAt.get(`${child.householdDistrict}|${child.householdAddress}`) ?? []).filter(
      (m) => m.sex === 'female' && ageAt(m.birthDate, child.birthDate) >= 18,
    );
    // The youngest married woman of the household is the mother (not a grandmother).
    const mother = candidates.sort((a, b) => b.birthDate.localeCompare(a.birthDate))[0];
    const father = mother?.spouseIdNumber ? byId.get(mother.spouseIdNumber) : undefined;
    birthSeq++;
    out.births.push({
      certificate_number: `O31${String(birthSeq).padStart(3, '0')}${digits(child.idNumber, 'birth-no', 4)}`,
      child_name: child.name,
      child_sex: child.sex,
      child_birth_date: child.birthDate,
      birth_place: `上海市${districtName(child.householdDistrict)}`,
      institution: pick(child.idNumber, 'hospital', hospitals),
      mother_name: mother?.name ?? null,
      mother_id_number: mother?.idNumber ?? null,
      father_name: father?.name ?? null,
      father_id_number: father?.idNumber ?? null,
    });
  }

  // Social insurance and housing fund for people of working age (and pensioners).
  let fundSeq = 0;
  for (const p of people) {
    const key = p.idNumber;
    if (p.alive === false) continue;
    const age = ageAt(p.birthDate, ref);
    if (age < 18) continue;
    const retireAge = p.sex === 'male' ? 60 : 55;
    const card = `${pick(key, 'card-letter', ['A', 'B', 'C', 'D', 'E'])}${digits(key, 'card', 8)}`;
    if (age >= retireAge) {
      const since = addYears(p.birthDate, between(key, 'si-start', 20, 25));
      out.socialInsurance.push({
        id_number: key,
        name: p.name,
        insured_status: 'retired',
        employer_credit_code: null,
        employer_name: null,
        insured_since: since,
        contribution_months: Math.max(180, monthsBetween(since, addYears(p.birthDate, retireAge)) - between(key, 'si-gap', 0, 36)),
        card_number: card,
      });
      continue;
    }
    const r = rand(key, 'si-status');
    if (r >= 0.87 || active.length === 0) continue;
    const since = minDate(addYears(p.birthDate, between(key, 'si-start', 18, 24), between(key, 'si-day', 0, 300)), addYears(ref, 0, -31));
    const employer = r < 0.82 ? (active[Math.floor(rand(key, 'employer') * active.length)] as SeedEnterprise) : undefined;
    const months = Math.max(1, monthsBetween(since, ref) - between(key, 'si-gap', 0, 12));
    out.socialInsurance.push({
      id_number: key,
      name: p.name,
      insured_status: employer ? 'contributing' : 'suspended',
      employer_credit_code: employer?.creditCode ?? null,
      employer_name: employer?.name ?? null,
      insured_since: since,
      contribution_months: months,
      card_number: card,
    });
    if (employer && rand(key, 'fund') < 0.85) {
      fundSeq++;
      const base = between(key, 'fund-base', 60, 400) * 100;
      const monthly = Math.round(base * 0.07 * 2 * 100) / 100;
      const balance = Math.round(monthly * Math.min(months, 120) * (0.3 + 0.7 * rand(key, 'fund-balance')) * 100) / 100;
      out.housingFund.push({
        account_number: `3101${String(fundSeq).padStart(8, '0')}`,
        id_number: key,
        name: p.name,
        account_status: 'normal',
        balance,
        employer_credit_code: employer.creditCode,
        deposit_base: base,
        monthly_deposit: monthly,
      });
    }
  }

  // Degrees.
  let degreeSeq = 0;
  for (const p of people) {
    const key = p.idNumber;
    const age = ageAt(p.birthDate, ref);
    if (age < 22) continue;
    const r = rand(key, 'degree');
    if (r >= 0.55) continue;
    const [uni, uniCode] = pick(key, 'uni', universities);
    const major = pick(key, 'major', majors);
    const add = (level: string, degree: string, levelDigit: string, years: number) => {
      const graduation = `${Number(p.birthDate.slice(0, 4)) + years}-07-01`;
      if (graduation > ref) return;
      degreeSeq++;
      out.degrees.push({
        certificate_number: `${uniCode}${levelDigit}${graduation.slice(0, 4)}${String(degreeSeq).padStart(8, '0')}`,
        id_number: key,
        name: p.name,
        institution: uni,
        education_level: level,
        degree,
        major,
        graduation_date: graduation,
      });
    };
    if (r < 0.13) {
      add('junior_college', 'none', '5', 21);
      continue;
    }
    add('bachelor', 'bachelor', '4', 22);
    if (rand(key, 'master') < 0.3) {
      add('master', 'master', '2', 25);
      if (rand(key, 'doctor') < 0.25) add('doctor', 'doctor', '1', 29);
    }
  }

  // Households: a title for most, a car for some, owned by the head of the household.
  const households = new Map<string, SeedPerson[]>();
  for (const p of people) {
    if (p.alive === false || ageAt(p.birthDate, ref) < 18) continue;
    const at = `${p.householdDistrict}|${p.householdAddress}`;
    households.set(at, [...(households.get(at) ?? []), p]);
  }
  let titleSeq = 0;
  let carSeq = 0;
  const plates = new Set<string>();
  const vins = new Set<string>();
  for (const [at, members] of households) {
    const sorted = [...members].sort((a, b) => a.birthDate.localeCompare(b.birthDate) || a.idNumber.localeCompare(b.idNumber));
    const husband = sorted.find((m) => m.sex === 'male' && m.maritalStatus === 'married' && ageAt(m.birthDate, ref) < 80);
    const head = husband ?? sorted[0];
    if (!head) continue;
    const owner = husband?.spouseIdNumber && rand(at, 'title-owner') < 0.3 ? (byId.get(husband.spouseIdNumber) ?? head) : head;
    if (rand(at, 'title') < 0.68) {
      titleSeq++;
      const registeredOn = minDate(
        addYears(ref, -between(at, 'title-year', 1, 25), -between(at, 'title-day', 0, 300)),
        addYears(ref, 0, -30),
      );
      const division = divisionCode(head.householdDistrict);
      out.realEstate.push({
        certificate_number: `沪(${registeredOn.slice(0, 4)})${districtName(head.householdDistrict)}不动产权第${String(titleSeq).padStart(7, '0')}号`,
        unit_number: `${division}${digits(at, 'cadastre', 6)}GB${String(titleSeq % 100_000).padStart(5, '0')}F${String(titleSeq).padStart(8, '0')}`,
        owner_name: owner.name,
        owner_id_number: owner.idNumber,
        address: head.householdAddress,
        area: between(at, 'area', 380, 1600) / 10,
        usage: 'residential',
        right_type: 'state_land_house',
        mortgage_status: registeredOn > addYears(ref, -20) && rand(at, 'mortgage') < 0.35 ? 'mortgaged' : 'none',
        registered_on: registeredOn,
      });
    }
    if (ageAt(head.birthDate, ref) <= 75 && rand(at, 'car') < 0.32) {
      carSeq++;
      let plate = '';
      for (let i = 0; plate === '' || plates.has(plate); i++) {
        const h = digits(at, `plate-${i}`, 10);
        plate = `沪${plateLetters[Number(h.slice(0, 2)) % plateLetters.length]}${[0, 2, 4, 6, 8].map((j) => plateChars[Number(h.slice(j, j + 2)) % plateChars.length]).join('')}`;
      }
      plates.add(plate);
      let vin = '';
      for (let i = 0; vin === '' || vins.has(vin); i++) {
        const h = digits(at, `vin-${i}`, 28);
        vin = `LSV${Array.from({ length: 14 }, (_, j) => vinChars[Number(h.slice(j * 2, j * 2 + 2)) % vinChars.length]).join('')}`;
      }
      vins.add(vin);
      const registeredOn = minDate(addYears(ref, -between(at, 'car-year', 0, 12), -between(at, 'car-day', 0, 300)), addYears(ref, 0, -7));
      let inspection = addYears(registeredOn, 6);
      while (inspection < ref) inspection = addYears(inspection, 1);
      out.vehicles.push({
        plate_number: plate,
        vin,
        owner_id_number: head.idNumber,
        owner_name: head.name,
        brand_model: pick(at, 'model', carModels),
        vehicle_type: 'small_car',
        registered_on: registeredOn,
        certificate_number: `310${String(carSeq).padStart(9, '0')}`,
        inspection_valid_until: inspection,
        status: rand(at, 'car-status') < 0.1 ? 'mortgaged' : 'normal',
      });
    }
  }

  // Driving licences: the licence number is the ID number.
  for (const p of people) {
    const key = p.idNumber;
    const age = ageAt(p.birthDate, ref);
    if (p.alive === false || age < 18 || age > 75 || rand(key, 'licence') >= 0.55) continue;
    const first = minDate(
      addYears(p.birthDate, between(key, 'licence-age', 18, Math.min(35, age)), between(key, 'licence-day', 0, 300)),
      addYears(ref, 0, -10),
    );
    let validUntil = addYears(first, 6);
    if (validUntil < ref) validUntil = addYears(first, 16);
    if (validUntil < ref) validUntil = '9999-12-31';
    const r = rand(key, 'licence-class');
    out.drivingLicences.push({
      id_number: key,
      name: p.name,
      licence_number: key,
      permitted_class: r < 0.8 ? 'C1' : r < 0.92 ? 'C2' : r < 0.97 ? 'B2' : 'A1',
      first_issued_on: first,
      valid_until: validUntil,
      status: rand(key, 'licence-status') < 0.02 ? 'suspended' : 'valid',
    });
  }

  // Tax registrations.
  for (const e of input.enterprises) {
    const status = e.status ?? 'active';
    out.tax.push({
      credit_code: e.creditCode,
      taxpayer_name: e.name,
      taxpayer_type: e.registeredCapitalWan >= 500 ? 'general' : 'small_scale',
      tax_authority: `国家税务总局上海市${districtName(e.district)}税务局`,
      registered_on: minDate(addYears(e.establishedOn, 0, between(e.creditCode, 'tax-day', 1, 20)), ref),
      status: status === 'active' ? 'normal' : status === 'revoked' ? 'abnormal' : 'deregistered',
    });
  }
  return out;
}
