import { type DistrictInfo, districts } from './geography.ts';
import { makeResidentId } from './ids.ts';
import { pickName, pickSurname } from './names.ts';
import type { Rng } from './random.ts';
import type { MaritalStatus, RegistryPersonSeed } from './types.ts';

/**
 * The population registry, generated household by household so that families look like families:
 * spouses point at each other and share an address, children carry (usually) the father's surname
 * and are younger than their mother by at least 20 years, widows are old, newborns have parents.
 */

export type Household = {
  kind: HouseholdKind;
  /** Indexes into the people array. */
  members: number[];
};

const householdKinds = [
  ['young_family', 30],
  ['middle_family', 18],
  ['elder_couple', 15],
  ['three_generations', 8],
  ['single_young', 13],
  ['divorced', 6],
  ['widowed_elder', 8],
  ['couple', 6],
] as const;
type HouseholdKind = (typeof householdKinds)[number][0];

const ethnicities: readonly (readonly [string, number])[] = [
  ['汉族', 985],
  ['回族', 4],
  ['满族', 3],
  ['蒙古族', 1.5],
  ['朝鲜族', 1.5],
  ['壮族', 1],
  ['土家族', 1],
  ['苗族', 1],
  ['白族', 0.5],
  ['彝族', 0.5],
  ['藏族', 0.5],
  ['维吾尔族', 0.5],
];

const mobilePrefixes = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '176',
  '177',
  '180',
  '181',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
];

/** Older central districts are mostly low-rise lanes (里弄, six-storey blocks); suburbs build high. */
const lowRise = new Set(['SH-HP', 'SH-JA', 'SH-CN', 'SH-HK', 'SH-XH']);

type Sex = 'male' | 'female';

type PersonDraft = {
  sex: Sex;
  age: number;
  name: string;
  ethnicity: string;
  maritalStatus: MaritalStatus;
  alive?: boolean;
};

export class PeopleBuilder {
  readonly people: RegistryPersonSeed[] = [];
  readonly households: Household[] = [];
  private readonly ids = new Set<string>();
  private readonly mobiles = new Set<string>();
  private readonly ref: { y: number; m: number; d: number };
  private readonly rng: Rng;
  private readonly districtList: readonly DistrictInfo[];

  constructor(rng: Rng, referenceDate: string, districtList: readonly DistrictInfo[] = districts) {
    this.rng = rng;
    const [y, m, d] = referenceDate.split('-').map(Number) as [number, number, number];
    this.ref = { y, m, d };
    this.districtList = districtList;
  }

  pickDistrict(): DistrictInfo {
    return this.rng.weighted(this.districtList.map((d) => [d, d.population] as const));
  }

  homeAddress(d: DistrictInfo): string {
    const rng = this.rng;
    const road = rng.pick(d.roads);
    const floor = lowRise.has(d.id) ? rng.int(1, 6) : rng.int(1, 18);
    const room = `${floor}0${rng.int(1, 4)}`;
    if (rng.chance(0.75)) return `上海市${d.zh}${road}${rng.int(1, 1999)}弄${rng.int(1, 60)}号${room}室`;
    return `上海市${d.zh}${road}${rng.int(1, 2999)}号${room}室`;
  }

  private birthDate(age: number): string {
    // Someone `age` years old on the reference date was born in the 365 days ending on the day
    // they turned `age`.
    const turned = Date.UTC(this.ref.y - age, this.ref.m - 1, this.ref.d);
    const date = new Date(turned - this.rng.int(0, 364) * 86_400_000);
    return date.toISOString().slice(0, 10);
  }

  private mobile(age: number): string | null {
    const p = age < 12 ? 0 : age < 18 ? 0.6 : age < 80 ? 0.97 : 0.7;
    if (!this.rng.chance(p)) return null;
    for (;;) {
      const m = this.rng.pick(mobilePrefixes) + this.rng.digits(8);
      if (!this.mobiles.has(m)) {
        this.mobiles.add(m);
        return m;
      }
    }
  }

  private add(draft: PersonDraft, d: DistrictInfo, householdAddress: string, residenceAddress: string): number {
    const rng = this.rng;
    const birthDate = this.birthDate(draft.age);
    // Most people's ID number carries the code of the district where they were first registered.
    const area = rng.chance(0.85) ? d.divisionCode : rng.pick(this.districtList).divisionCode;
    let idNumber: string;
    do idNumber = makeResidentId(area, birthDate, rng.int(0, 999), draft.sex);
    while (this.ids.has(idNumber));
    this.ids.add(idNumber);
    const alive = draft.alive ?? true;
    this.people.push({
      idNumber,
      name: draft.name,
      sex: draft.sex,
      birthDate,
      ethnicity: draft.ethnicity,
      householdAddress,
      householdDistrict: d.id,
      residenceAddress,
      mobile: alive ? this.mobile(draft.age) : null,
      maritalStatus: draft.maritalStatus,
      spouseIdNumber: null,
      alive,
    });
    return this.people.length - 1;
  }

  private marry(a: number, b: number) {
    const pa = this.people[a] as RegistryPersonSeed;
    const pb = this.people[b] as RegistryPersonSeed;
    pa.spouseIdNumber = pb.idNumber;
    pb.spouseIdNumber = pa.idNumber;
  }

  private ethnicity(): string {
    return this.rng.weighted(ethnicities);
  }

  private draft(sex: Sex, age: number, maritalStatus: MaritalStatus, surname?: string, ethnicity?: string): PersonDraft {
    return { sex, age, maritalStatus, name: pickName(this.rng, sex, this.ref.y - age, surname), ethnicity: ethnicity ?? this.ethnicity() };
  }

  /** Adds one household of the given kind; returns how many people it added. */
  addHousehold(kind: HouseholdKind): number {
    const rng = this.rng;
    const d = this.pickDistrict();
    const home = this.homeAddress(d);
    // Some households live elsewhere than where they are registered (人户分离).
    const residence = rng.chance(0.2) ? this.homeAddress(rng.chance(0.6) ? d : this.pickDistrict()) : home;
    const members: number[] = [];
    const put = (draft: PersonDraft, ownResidence = false) => {
      const i = this.add(draft, d, home, ownResidence ? this.homeAddress(this.pickDistrict()) : residence);
      members.push(i);
      return i;
    };
    const couple = (minAge: number, maxAge: number) => {
      const husbandAge = rng.int(minAge, maxAge);
      const wifeAge = Math.max(22, Math.min(95, husbandAge + rng.int(-5, 2)));
      const husband = this.draft('male', husbandAge, 'married');
      const wife = this.draft('female', wifeAge, 'married');
      const h = put(husband);
      const w = put(wife);
      this.marry(h, w);
      return { husband, wife };
    };
    const children = (father: PersonDraft, mother: PersonDraft, count: number, minAge: number, maxAge: number, newborn = false) => {
      const surname = rng.chance(0.9) ? father.name.slice(0, surnameLength(father.name)) : mother.name.slice(0, surnameLength(mother.name));
      if (maxAge < minAge && !newborn) return;
      const ages = Array.from({ length: count }, () => rng.int(minAge, Math.max(minAge, maxAge)));
      if (newborn && ages.length > 0) ages[ages.length - 1] = 0;
      for (const age of ages) {
        const sex: Sex = rng.chance(0.52) ? 'male' : 'female';
        put(this.draft(sex, age, 'unmarried', surname, rng.chance(0.5) ? father.ethnicity : mother.ethnicity));
      }
    };

    switch (kind) {
      case 'young_family':
      case 'three_generations': {
        const { husband, wife } = couple(25, 45);
        // Shanghai has few births (about 5 per 1,000 people a year), but enough newborns to
        // show the birth services: about 1 in 14 young families has a baby under one.
        const newborn = rng.chance(0.07);
        const count = Math.max(
          newborn ? 1 : 0,
          rng.weighted([
            [0, 12],
            [1, 62],
            [2, 26],
          ] as const),
        );
        children(husband, wife, count, 1, Math.min(18, wife.age - 22), newborn);
        if (kind === 'three_generations') {
          const sex: Sex = rng.chance(0.7) ? 'female' : 'male';
          const age = Math.min(95, husband.age + rng.int(24, 34));
          const surname = sex === 'male' ? husband.name.slice(0, surnameLength(husband.name)) : undefined;
          put(this.draft(sex, age, 'widowed', surname, husband.ethnicity));
        }
        break;
      }
      case 'middle_family': {
        const { husband, wife } = couple(45, 62);
        const count = rng.weighted([
          [1, 80],
          [2, 20],
        ] as const);
        children(husband, wife, count, 14, Math.min(32, wife.age - 22));
        break;
      }
      case 'elder_couple': {
        const [min, max] = rng.weighted([
          [[62, 74], 65],
          [[75, 84], 28],
          [[85, 90], 7],
        ] as const);
        couple(min, max);
        break;
      }
      case 'couple':
        couple(23, 40);
        break;
      case 'single_young':
        put(this.draft(rng.chance(0.5) ? 'male' : 'female', rng.int(20, 40), 'unmarried'), rng.chance(0.3));
        break;
      case 'divorced': {
        const sex: Sex = rng.chance(0.5) ? 'male' : 'female';
        const parent = this.draft(sex, rng.int(30, 65), 'divorced');
        put(parent);
        if (sex === 'female' && rng.chance(0.5)) {
          const surname = rng.chance(0.7) ? pickSurname(rng) : parent.name.slice(0, surnameLength(parent.name));
          const age = rng.int(3, Math.min(25, parent.age - 22));
          put(this.draft(rng.chance(0.5) ? 'male' : 'female', age, 'unmarried', surname, parent.ethnicity));
        }
        break;
      }
      case 'widowed_elder': {
        const sex: Sex = rng.chance(0.7) ? 'female' : 'male';
        const [min, max] = rng.weighted([
          [[65, 79], 60],
          [[80, 89], 32],
          [[90, 95], 8],
        ] as const);
        put({ ...this.draft(sex, rng.int(min, max), 'widowed'), alive: !rng.chance(0.04) });
        break;
      }
    }
    this.households.push({ kind, members });
    return members.length;
  }

  /** Fills the registry to exactly `count` people. */
  fill(count: number) {
    while (this.people.length < count) {
      // The biggest household has five people; near the end only one-person households fit.
      const kind: HouseholdKind = count - this.people.length >= 5 ? this.rng.weighted(householdKinds) : 'single_young';
      this.addHousehold(kind);
    }
  }
}

/** Compound surnames (欧阳, 司马, 诸葛) have two characters. */
export function surnameLength(name: string): number {
  return ['欧阳', '司马', '诸葛'].includes(name.slice(0, 2)) ? 2 : 1;
}
