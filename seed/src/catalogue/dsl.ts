import type {
  FormField,
  ItemType,
  LocalizedText,
  Material,
  MaterialSource,
  ProcessStep,
  ServiceItemInput,
  SituationQuestion,
} from '@tongban/domain';
import { contactsOf, type DeptCode, dept, whereOf } from './depts.ts';
import { type ResourceCode, type ResourceField, resourceFields } from './resources.ts';

/**
 * A small vocabulary for writing catalogue items compactly. Every builder returns the fully
 * defaulted shape (`ServiceItemInput`), so what the seed hands to the catalogue module is exactly
 * what `serviceItemInputSchema.parse` would produce — the tests check that.
 */

export type T2 = readonly [zh: string, en: string];
export const t = (zh: string, en: string): LocalizedText => ({ zh, en });
const lt = (x: T2): LocalizedText => ({ zh: x[0], en: x[1] });

export type LegalBasis = ServiceItemInput['legalBasis'][number];
export const law = (name: string, article?: string): LegalBasis => (article ? { law: name, article } : { law: name });

export type Fee = ServiceItemInput['fee'];
export const FREE: Fee = { kind: 'free' };
export const charged = (amountYuan: number, description: T2, basis: LegalBasis): Fee => ({
  kind: 'charged',
  amountYuan,
  description: lt(description),
  legalBasis: basis,
});

// ---- material sources -------------------------------------------------------------------------

export const APPLICANT: MaterialSource = { kind: 'applicant' };
export function hub<R extends ResourceCode>(resource: R, ...fields: ResourceField<R>[]): MaterialSource {
  for (const f of fields) {
    if (!(resourceFields[resource] as readonly string[]).includes(f)) throw new Error(`unknown field ${resource}.${f}`);
  }
  return { kind: 'datahub', resource, fields };
}
export const lic = (licenceType: string): MaterialSource => ({ kind: 'licence', licenceType });
export const fromStep = (stepId: string): MaterialSource => ({ kind: 'earlier_step', stepId });

// ---- situations -------------------------------------------------------------------------------

export type When = Record<string, string[]>;

export function sq(id: string, question: T2, options: readonly (readonly [id: string, zh: string, en: string])[]): SituationQuestion {
  return { id, question: lt(question), options: options.map(([oid, zh, en]) => ({ id: oid, label: t(zh, en) })) };
}

// ---- materials --------------------------------------------------------------------------------

export type MatOpts = { form?: Material['form']; count?: number; when?: When; optional?: boolean; notes?: string };

export function mat(id: string, name: T2, source: MaterialSource, o: MatOpts = {}): Material {
  const m: Material = {
    id,
    name: lt(name),
    form: o.form ?? (source.kind === 'applicant' ? 'original' : 'electronic'),
    count: o.count ?? 1,
    requirement: o.when ? 'conditional' : o.optional ? 'optional' : 'required',
    source,
  };
  if (o.when) m.when = o.when;
  if (o.notes) m.notes = o.notes;
  return m;
}

/** Something only the applicant can give (a signed form, a contract, a photo). */
export const own = (id: string, name: T2, o: MatOpts = {}) => mat(id, name, APPLICANT, o);

// ---- process ----------------------------------------------------------------------------------

type StepKind = ProcessStep['kind'];
type Role = ProcessStep['role'];

const defaultStepNames: Record<StepKind, T2> = {
  accept: ['受理', 'Acceptance'],
  review: ['审查', 'Review'],
  inspect: ['现场核查', 'On-site inspection'],
  approve: ['决定', 'Decision'],
  issue: ['制证送达', 'Issue of the result'],
};
const defaultRoles: Record<StepKind, Role> = {
  accept: 'window_clerk',
  review: 'reviewer',
  inspect: 'reviewer',
  approve: 'approver',
  issue: 'window_clerk',
};

export type StepOpts = { name?: T2; dept?: DeptCode | 'responsible' | (string & {}); role?: Role; group?: string; when?: When };

export function step(id: string, kind: StepKind, workingDays: number, o: StepOpts = {}): ProcessStep {
  const department =
    o.dept === undefined || o.dept === 'responsible' ? 'responsible' : o.dept.startsWith('SH') ? o.dept : dept(o.dept as DeptCode);
  const s: ProcessStep = {
    id,
    kind,
    name: lt(o.name ?? defaultStepNames[kind]),
    department,
    role: o.role ?? defaultRoles[kind],
    workingDays,
  };
  if (o.group) s.parallelGroup = o.group;
  if (o.when) s.when = o.when;
  return s;
}

/**
 * The usual accept → review → (inspect) → decide → (issue) chain of the responsible department,
 * spending exactly the promised working days: a day to accept and a day to decide once the
 * budget allows, the rest for review (and inspection when there is one).
 */
export function standardProcess(promisedDays: number, o: { issue?: boolean; inspectDays?: number; reviewName?: T2 } = {}): ProcessStep[] {
  const inspect = o.inspectDays ?? 0;
  const accept = promisedDays >= 3 ? 1 : 0;
  const approve = promisedDays >= 5 ? 1 : 0;
  const review = promisedDays - accept - approve - inspect;
  if (review < 0) throw new Error(`process budget ${promisedDays} is below the inspection days ${inspect}`);
  const steps = [step('accept', 'accept', accept)];
  if (promisedDays > 0) steps.push(step('review', 'review', review, o.reviewName ? { name: o.reviewName } : {}));
  if (inspect > 0) steps.push(step('inspect', 'inspect', inspect));
  steps.push(step('approve', 'approve', approve));
  if (o.issue) steps.push(step('issue', 'issue', 0));
  return steps;
}

// ---- items ------------------------------------------------------------------------------------

export type ItemSpec = {
  code: string;
  name: T2;
  type: ItemType;
  dept: DeptCode;
  /** A district branch that is itself responsible (locally handled items); contacts stay the bureau's. */
  responsible?: string;
  /** Departments (ids) that also carry it out, e.g. the district branches. */
  impl?: string[];
  laws: LegalBasis[];
  who: ServiceItemInput['applicantType'];
  conditions?: T2[];
  fee?: Fee;
  /** [statutory, promised] working days. */
  days: readonly [number, number];
  visits: number;
  channels?: ServiceItemInput['channels'];
  depth?: ServiceItemInput['onlineDepth'];
  result?: readonly [zh: string, en: string, licenceType?: string];
  themes: string[];
  events?: string[];
  situations?: SituationQuestion[];
  materials: Material[];
  form?: FormField[];
  process?: ProcessStep[];
  /** For the standard process: days of on-site inspection. */
  inspectDays?: number;
  members?: string[];
  /** Contacts other than the department's (e.g. a utility's own service line). */
  contacts?: ServiceItemInput['contacts'];
  summary: T2;
  where?: T2;
};

const typeCodes: Record<ItemType, string> = {
  administrative_licence: 'XK',
  administrative_confirmation: 'QR',
  administrative_benefit: 'JF',
  administrative_filing: 'BA',
  administrative_adjudication: 'CJ',
  administrative_reward: 'JL',
  other_administrative_power: 'QT',
  public_service: 'GG',
};

/** The code's type segment for an item type (`SH-SAMR-XK-001` is a licence of market regulation). */
export const typeCodeOf = (type: ItemType) => typeCodes[type];

export function item(s: ItemSpec): ServiceItemInput {
  const depth = s.depth ?? (s.visits === 0 ? 'fully_online' : 'online_preliminary');
  const channels = s.channels ?? (['online', 'window', ...(s.result ? (['mail_result'] as const) : [])] as ServiceItemInput['channels']);
  const out: ServiceItemInput = {
    code: s.code,
    name: lt(s.name),
    type: s.type,
    responsibleDepartment: s.responsible ?? dept(s.dept),
    implementingDepartments: s.impl ?? [],
    legalBasis: s.laws,
    applicantType: s.who,
    conditions: (s.conditions ?? []).map(lt),
    fee: s.fee ?? FREE,
    statutoryDays: s.days[0],
    promisedDays: s.days[1],
    visits: s.visits,
    channels,
    onlineDepth: depth,
    contacts: s.contacts ?? contactsOf(s.dept),
    themes: s.themes,
    events: s.events ?? [],
    situations: s.situations ?? [],
    materials: s.materials,
    form: s.form ?? [],
    process:
      s.process ?? standardProcess(s.days[1], { issue: s.result !== undefined, ...(s.inspectDays ? { inspectDays: s.inspectDays } : {}) }),
    summary: lt(s.summary),
    whereToApply: lt(s.where ?? whereOf(s.dept)),
  };
  if (s.result)
    out.result = s.result[2] ? { name: t(s.result[0], s.result[1]), licenceType: s.result[2] } : { name: t(s.result[0], s.result[1]) };
  if (s.members) out.bundleMembers = s.members;
  return out;
}
