import type {
  FormField,
  LocalizedText,
  Material,
  MaterialSource,
  ProcessStep,
  ServiceItemContent,
  SituationQuestion,
} from './catalogue.ts';
import { AppError } from './errors.ts';

/**
 * Pure catalogue rules shared by the server and the web app: whether situation answers select a
 * material/field/step, the consistency checks a version must pass before it is saved or published,
 * the merge of a bundle's member items into one form, one material list and parallel branches, and
 * a structured diff of two versions. No I/O: the caller supplies what it knows (e.g. which
 * departments exist).
 */

/** Answers to an item's situation questions: question id → chosen option id. */
export type SituationAnswers = Readonly<Record<string, string>>;
export type SituationCondition = Readonly<Record<string, readonly string[]>>;

/** `yes`: every question in `when` is answered with a listed option; `no`: one is answered otherwise; `unknown`: some are unanswered. */
export type ConditionResult = 'yes' | 'no' | 'unknown';

export function evaluateCondition(when: SituationCondition | undefined, answers: SituationAnswers): ConditionResult {
  if (!when) return 'yes';
  let unknown = false;
  for (const [question, options] of Object.entries(when)) {
    const answer = Object.hasOwn(answers, question) ? answers[question] : undefined;
    if (answer === undefined) unknown = true;
    else if (!options.includes(answer)) return 'no';
  }
  return unknown ? 'unknown' : 'yes';
}

/** Merged bundle entries apply when any member's condition applies. */
type Conditional = { when?: SituationCondition | undefined; whenAny?: readonly SituationCondition[] | undefined };

export function evaluateConditional(x: Conditional, answers: SituationAnswers): ConditionResult {
  const own = evaluateCondition(x.when, answers);
  if (own === 'no' || !x.whenAny || x.whenAny.length === 0) return own;
  const results = x.whenAny.map((w) => evaluateCondition(w, answers));
  const any: ConditionResult = results.includes('yes') ? 'yes' : results.includes('unknown') ? 'unknown' : 'no';
  if (any === 'no') return 'no';
  return own === 'unknown' || any === 'unknown' ? 'unknown' : 'yes';
}

/**
 * The materials an applicant with these answers must (or may) bring: unconditional ones and those
 * whose condition holds. Conditions over unanswered questions do not hold here; use
 * `pendingQuestions` to know what is still open.
 */
export function applicableMaterials<M extends Material & Conditional>(
  content: { materials: readonly M[] },
  answers: SituationAnswers,
): M[] {
  return content.materials.filter((m) => evaluateConditional(m, answers) === 'yes');
}

export function applicableFields<F extends FormField & Conditional>(content: { form: readonly F[] }, answers: SituationAnswers): F[] {
  return content.form.filter((f) => evaluateConditional(f, answers) === 'yes');
}

export function applicableSteps(content: { process: readonly ProcessStep[] }, answers: SituationAnswers): ProcessStep[] {
  return content.process.filter((s) => evaluateCondition(s.when, answers) === 'yes');
}

/** Situation questions not yet answered whose answer would change the materials, form or steps. */
export function pendingQuestions(
  content: {
    situations: readonly SituationQuestion[];
    materials: readonly (Material & Conditional)[];
    form: readonly (FormField & Conditional)[];
    process: readonly ProcessStep[];
  },
  answers: SituationAnswers,
): SituationQuestion[] {
  const open = new Set<string>();
  const visit = (x: Conditional) => {
    if (evaluateConditional(x, answers) !== 'unknown') return;
    for (const w of [x.when, ...(x.whenAny ?? [])]) for (const q of Object.keys(w ?? {})) if (!Object.hasOwn(answers, q)) open.add(q);
  };
  content.materials.forEach(visit);
  content.form.forEach(visit);
  content.process.forEach(visit);
  return content.situations.filter((s) => open.has(s.id));
}

/** Problems with situation answers (unknown question or option), as `[question, message]`. */
export function checkAnswers(situations: readonly SituationQuestion[], answers: SituationAnswers): { question: string; message: string }[] {
  const problems: { question: string; message: string }[] = [];
  for (const [question, option] of Object.entries(answers)) {
    const q = situations.find((s) => s.id === question);
    if (!q) problems.push({ question, message: `没有这个情形问题。Unknown situation question "${question}".` });
    else if (!q.options.some((o) => o.id === option))
      problems.push({ question, message: `"${option}" 不是该问题的选项。Not an option of "${question}".` });
  }
  return problems;
}

export type MaterialSupply = 'platform' | 'applicant';

/** Whether the platform fetches the material (data hub, e-licence, an earlier step) or the applicant brings it. */
export function supplyOf(source: MaterialSource): MaterialSupply {
  return source.kind === 'applicant' ? 'applicant' : 'platform';
}

/**
 * Working days the process takes at most: sequential steps add up, a parallel group counts its
 * longest member.
 */
export function processWorkingDays(steps: readonly ProcessStep[]): number {
  let total = 0;
  let i = 0;
  while (i < steps.length) {
    const step = steps[i] as ProcessStep;
    if (!step.parallelGroup) {
      total += step.workingDays;
      i++;
      continue;
    }
    let longest = 0;
    while (i < steps.length && (steps[i] as ProcessStep).parallelGroup === step.parallelGroup) {
      longest = Math.max(longest, (steps[i] as ProcessStep).workingDays);
      i++;
    }
    total += longest;
  }
  return total;
}

export type ContentIssue = { field: string; message: string };

export type ValidateContentOptions = {
  /** The item's own code (a bundle must not contain itself). */
  code?: string;
  /** Which department ids exist; unchecked when omitted. */
  departmentExists?: (id: string) => boolean;
};

function checkCondition(
  when: SituationCondition | undefined,
  situations: readonly SituationQuestion[],
  field: string,
  issues: ContentIssue[],
) {
  if (!when) return;
  for (const [question, options] of Object.entries(when)) {
    const q = situations.find((s) => s.id === question);
    if (!q) {
      issues.push({
        field: `${field}.${question}`,
        message: `条件引用了不存在的情形问题 "${question}"。The condition refers to an unknown situation question.`,
      });
      continue;
    }
    for (const option of options) {
      if (!q.options.some((o) => o.id === option)) {
        issues.push({
          field: `${field}.${question}`,
          message: `"${option}" 不是情形问题 "${question}" 的选项。The condition refers to an unknown option.`,
        });
      }
    }
  }
}

function duplicates<T>(items: readonly T[], key: (x: T) => string, field: (i: number) => string, what: string, issues: ContentIssue[]) {
  const seen = new Set<string>();
  items.forEach((x, i) => {
    const k = key(x);
    if (seen.has(k)) issues.push({ field: field(i), message: `${what} "${k}" 重复。Duplicate ${what}.` });
    seen.add(k);
  });
}

/**
 * The consistency rules a version must satisfy beyond its zod shape: every reference resolves
 * (steps, situation questions and options, departments), steps have an actor, an `accept` step
 * comes first, parallel groups are contiguous, no step is unreachable, time limits add up.
 * Returns every issue with the dotted field it concerns (relative to the content).
 */
export function findContentIssues(content: ServiceItemContent, options: ValidateContentOptions = {}): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const { situations, materials, form, process } = content;
  const exists = options.departmentExists;
  const checkDepartment = (id: string, field: string) => {
    if (id === 'responsible' || !exists) return;
    if (!exists(id)) issues.push({ field, message: `部门 "${id}" 不存在。Unknown department.` });
  };

  duplicates(
    situations,
    (s) => s.id,
    (i) => `situations.${i}.id`,
    'situation question id',
    issues,
  );
  for (const [i, s] of situations.entries()) {
    duplicates(
      s.options,
      (o) => o.id,
      (j) => `situations.${i}.options.${j}.id`,
      'option id',
      issues,
    );
  }
  duplicates(
    materials,
    (m) => m.id,
    (i) => `materials.${i}.id`,
    'material id',
    issues,
  );
  duplicates(
    form,
    (f) => f.key,
    (i) => `form.${i}.key`,
    'form field key',
    issues,
  );
  duplicates(
    process,
    (s) => s.id,
    (i) => `process.${i}.id`,
    'step id',
    issues,
  );

  if (content.responsibleDepartment === 'responsible') {
    issues.push({ field: 'responsibleDepartment', message: '责任部门须为具体部门。The responsible department must be a real department.' });
  } else checkDepartment(content.responsibleDepartment, 'responsibleDepartment');
  for (const [i, d] of content.implementingDepartments.entries()) checkDepartment(d, `implementingDepartments.${i}`);

  const stepIds = new Set(process.map((s) => s.id));
  materials.forEach((m, i) => {
    checkCondition(m.when, situations, `materials.${i}.when`, issues);
    if (m.requirement === 'conditional' && !m.when) {
      issues.push({
        field: `materials.${i}.when`,
        message: '按情形提交的材料须写明情形条件。A conditional material needs a `when` condition.',
      });
    }
    if (m.source.kind === 'earlier_step' && !stepIds.has(m.source.stepId)) {
      issues.push({ field: `materials.${i}.source.stepId`, message: `材料引用了不存在的环节 "${m.source.stepId}"。Unknown step.` });
    }
  });
  form.forEach((f, i) => {
    checkCondition(f.when, situations, `form.${i}.when`, issues);
    if (f.type === 'select' && (!f.options || f.options.length === 0)) {
      issues.push({ field: `form.${i}.options`, message: '下拉字段须有选项。A select field needs options.' });
    }
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) issues.push({ field: `form.${i}.min`, message: 'min > max' });
  });

  process.forEach((step, i) => {
    const field = `process.${i}`;
    if (!step.department.trim()) issues.push({ field: `${field}.department`, message: '环节缺少办理部门。The step has no department.' });
    else checkDepartment(step.department, `${field}.department`);
    if (!step.role) issues.push({ field: `${field}.role`, message: '环节缺少办理角色。The step has no role.' });
    if (step.kind === 'accept' && i !== 0) {
      issues.push({ field: `${field}.kind`, message: '受理环节必须是第一个环节。An accept step must come first.' });
    }
    checkCondition(step.when, situations, `${field}.when`, issues);
  });
  const closedGroups = new Set<string>();
  process.forEach((step, i) => {
    const previous = process[i - 1]?.parallelGroup;
    if (previous && previous !== step.parallelGroup) closedGroups.add(previous);
    if (step.parallelGroup && closedGroups.has(step.parallelGroup)) {
      issues.push({
        field: `process.${i}.parallelGroup`,
        message: `并联组 "${step.parallelGroup}" 的环节必须相邻。Steps of a parallel group must be contiguous.`,
      });
    }
  });
  if (process.length > 0 && process.every((s) => s.when !== undefined)) {
    issues.push({ field: 'process', message: '至少一个环节须无条件执行。At least one step must always run.' });
  }

  if (content.statutoryDays > 0 && content.promisedDays > content.statutoryDays) {
    issues.push({ field: 'promisedDays', message: '承诺时限不得超过法定时限。The promised time limit cannot exceed the statutory one.' });
  }
  const budget = processWorkingDays(process);
  if (budget > content.promisedDays) {
    issues.push({
      field: 'process',
      message: `各环节时限合计 ${budget} 个工作日，超过承诺时限 ${content.promisedDays}。The steps take longer than the promised time limit.`,
    });
  }
  if (content.channels.length !== new Set(content.channels).size) issues.push({ field: 'channels', message: 'Duplicate channel.' });

  if (content.bundleMembers) {
    if (content.bundleMembers.length < 2)
      issues.push({ field: 'bundleMembers', message: '"一件事"至少包含两个事项。A bundle needs at least two member items.' });
    duplicates(
      content.bundleMembers,
      (c) => c,
      (i) => `bundleMembers.${i}`,
      'member item',
      issues,
    );
    content.bundleMembers.forEach((c, i) => {
      if (c === options.code)
        issues.push({ field: `bundleMembers.${i}`, message: '"一件事"不能包含自身。A bundle cannot contain itself.' });
    });
  }
  return issues;
}

/** Throws the first content issue as `CATALOGUE_PROCESS_INVALID` (all issues in `details.issues`). */
export function assertValidContent(content: ServiceItemContent, options: ValidateContentOptions & { fieldPrefix?: string } = {}): void {
  const issues = findContentIssues(content, options);
  const first = issues[0];
  if (!first) return;
  const prefix = options.fieldPrefix ?? '';
  const withPrefix = issues.map((i) => ({ field: `${prefix}${i.field}`, message: i.message }));
  throw new AppError('CATALOGUE_PROCESS_INVALID', `${prefix}${first.field}: ${first.message}`, {
    field: `${prefix}${first.field}`,
    details: { issues: withPrefix.slice(0, 20) },
  });
}

// ---------------------------------------------------------------------------------------------
// Bundles (一件事)

export type BundleMember = { code: string; content: ServiceItemContent };
type Condition = Record<string, string[]>;
type MergedFrom = { items: string[]; whenAny?: Condition[] | undefined };
export type MergedMaterial = Material & MergedFrom;
export type MergedFormField = FormField & MergedFrom;
export type BundleBranch = { code: string; name: LocalizedText; department: string; steps: ProcessStep[]; workingDays: number };

export type MergedBundle = {
  members: { code: string; name: LocalizedText; department: string; promisedDays: number; visits: number }[];
  situations: SituationQuestion[];
  form: MergedFormField[];
  materials: MergedMaterial[];
  /** The bundle's own (one-window) steps, then every member's steps as a branch running in parallel. */
  process: { intake: ProcessStep[]; branches: BundleBranch[] };
  results: { code: string; name: LocalizedText; result: NonNullable<ServiceItemContent['result']> }[];
  /** The bundle's own promise to the applicant; without a bundle, intake days + the longest member's promise. */
  promisedDays: number;
  /** Intake days + the longest member's promise: what the members take when run in parallel. */
  parallelDays: number;
  /** The most visits any member needs (they happen together). */
  visits: number;
};

function sameCondition(a: SituationCondition | undefined, b: SituationCondition | undefined): boolean {
  return JSON.stringify(canonical(a ?? null)) === JSON.stringify(canonical(b ?? null));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Combines the conditions of entries merged into one: unconditional wins; equal ones stay; otherwise any-of. */
function mergeConditions(conditions: (SituationCondition | undefined)[]): { when?: Condition; whenAny?: Condition[] } {
  if (conditions.some((c) => c === undefined)) return {};
  const distinct: Condition[] = [];
  for (const c of conditions as SituationCondition[]) {
    if (!distinct.some((d) => sameCondition(d, c))) distinct.push(Object.fromEntries(Object.entries(c).map(([q, os]) => [q, [...os]])));
  }
  if (distinct.length === 1) return { when: distinct[0] as Condition };
  return { whenAny: distinct };
}

const requirementRank = { required: 3, conditional: 2, optional: 1 } as const;

/** One document is one material: fetched ones by what is fetched, brought ones by their Chinese name. */
function materialKey(code: string, m: Material): string {
  switch (m.source.kind) {
    case 'datahub':
      return `datahub:${m.source.resource}`;
    case 'licence':
      return `licence:${m.source.licenceType}`;
    case 'earlier_step':
      return `step:${code}:${m.source.stepId}:${m.id}`;
    default:
      return `applicant:${m.name.zh.replace(/\s+/g, '')}`;
  }
}

/**
 * Merges a bundle's member items (and the bundle's own content, when given) into what the
 * applicant sees once: one form (fields de-duplicated by `key`), one material list (the same
 * document asked once), the members' processes as parallel branches, and all their results.
 *
 * @throws CATALOGUE_BUNDLE_FIELD_CONFLICT when two members use the same field key with different types.
 */
export function mergeBundle(members: readonly BundleMember[], bundle?: BundleMember): MergedBundle {
  const sources = bundle ? [bundle, ...members] : [...members];

  const situations: SituationQuestion[] = [];
  for (const { content } of sources) {
    for (const q of content.situations) {
      const existing = situations.find((s) => s.id === q.id);
      if (!existing) situations.push({ ...q, options: [...q.options] });
      else for (const o of q.options) if (!existing.options.some((x) => x.id === o.id)) existing.options.push(o);
    }
  }

  const fieldGroups = new Map<string, { code: string; field: FormField }[]>();
  for (const { code, content } of sources) {
    for (const field of content.form) {
      const group = fieldGroups.get(field.key) ?? [];
      group.push({ code, field });
      fieldGroups.set(field.key, group);
    }
  }
  const form: MergedFormField[] = [];
  for (const [key, group] of fieldGroups) {
    const first = group[0] as { code: string; field: FormField };
    const conflicting = group.filter((g) => g.field.type !== first.field.type);
    if (conflicting.length > 0) {
      const items = group.map((g) => ({ code: g.code, type: g.field.type }));
      throw new AppError(
        'CATALOGUE_BUNDLE_FIELD_CONFLICT',
        `表单字段 "${key}" 在 ${items.map((i) => `${i.code}(${i.type})`).join('、')} 中类型不一致。The form field "${key}" has conflicting types in ${items.map((i) => `${i.code} (${i.type})`).join(', ')}.`,
        { field: `form.${key}`, details: { key, items } },
      );
    }
    const options = group.flatMap((g) => g.field.options ?? []);
    const mergedOptions = options.filter((o, i) => options.findIndex((x) => x.value === o.value) === i);
    const maxLengths = group.map((g) => g.field.maxLength).filter((x): x is number => x !== undefined);
    const mins = group.map((g) => g.field.min).filter((x): x is number => x !== undefined);
    const maxs = group.map((g) => g.field.max).filter((x): x is number => x !== undefined);
    const { when: _w, ...base } = first.field;
    form.push({
      ...base,
      required: group.some((g) => g.field.required),
      ...(mergedOptions.length > 0 ? { options: mergedOptions } : {}),
      ...(maxLengths.length > 0 ? { maxLength: Math.min(...maxLengths) } : {}),
      ...(mins.length > 0 ? { min: Math.max(...mins) } : {}),
      ...(maxs.length > 0 ? { max: Math.min(...maxs) } : {}),
      prefill: group.find((g) => g.field.prefill)?.field.prefill,
      ...mergeConditions(group.map((g) => g.field.when)),
      items: [...new Set(group.map((g) => g.code))],
    });
  }

  const materialGroups = new Map<string, { code: string; material: Material }[]>();
  for (const { code, content } of sources) {
    for (const material of content.materials) {
      const key = materialKey(code, material);
      const group = materialGroups.get(key) ?? [];
      group.push({ code, material });
      materialGroups.set(key, group);
    }
  }
  const usedIds = new Set<string>();
  const materials: MergedMaterial[] = [];
  for (const group of materialGroups.values()) {
    const first = group[0] as { code: string; material: Material };
    const strongest = group.reduce((a, b) => (requirementRank[b.material.requirement] > requirementRank[a.material.requirement] ? b : a));
    let id = first.material.id;
    if (usedIds.has(id)) id = `${first.code}.${id}`;
    usedIds.add(id);
    let source = first.material.source;
    if (source.kind === 'datahub') {
      const fields = [...new Set(group.flatMap((g) => (g.material.source.kind === 'datahub' ? g.material.source.fields : [])))];
      source = { ...source, fields };
    }
    const { when: _w, ...base } = first.material;
    const requirement = strongest.material.requirement;
    const conditions = mergeConditions(
      group.filter((g) => g.material.requirement !== 'optional' || requirement === 'optional').map((g) => g.material.when),
    );
    materials.push({
      ...base,
      id,
      source,
      requirement: requirement === 'required' && (conditions.when || conditions.whenAny) ? 'conditional' : requirement,
      count: Math.max(...group.map((g) => g.material.count)),
      ...conditions,
      items: [...new Set(group.map((g) => g.code))],
    });
  }

  const branches: BundleBranch[] = members.map(({ code, content }) => ({
    code,
    name: content.name,
    department: content.responsibleDepartment,
    steps: content.process,
    workingDays: processWorkingDays(content.process),
  }));
  const intake = bundle ? bundle.content.process : [];
  const longest = Math.max(0, ...members.map((m) => m.content.promisedDays));
  return {
    members: members.map(({ code, content }) => ({
      code,
      name: content.name,
      department: content.responsibleDepartment,
      promisedDays: content.promisedDays,
      visits: content.visits,
    })),
    situations,
    form,
    materials,
    process: { intake, branches },
    results: members.flatMap(({ code, content }) => (content.result ? [{ code, name: content.name, result: content.result }] : [])),
    promisedDays: bundle ? bundle.content.promisedDays : processWorkingDays(intake) + longest,
    parallelDays: processWorkingDays(intake) + longest,
    visits: Math.max(bundle?.content.visits ?? 0, ...members.map((m) => m.content.visits)),
  };
}

// ---------------------------------------------------------------------------------------------
// Comparing versions

export type ContentChange = {
  /** Dotted path; array entries with an `id` (or form `key`) are addressed by it: `materials[id=m1].name.zh`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
};

function identityOf(x: unknown): string | undefined {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return undefined;
  const r = x as Record<string, unknown>;
  if (typeof r.id === 'string') return `id=${r.id}`;
  if (typeof r.key === 'string') return `key=${r.key}`;
  return undefined;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function diffValue(before: unknown, after: unknown, path: string, out: ContentChange[]) {
  if (JSON.stringify(canonical(before)) === JSON.stringify(canonical(after))) return;
  if (before === undefined) {
    out.push({ path, kind: 'added', after });
    return;
  }
  if (after === undefined) {
    out.push({ path, kind: 'removed', before });
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const keyed = [...before, ...after].every((x) => identityOf(x) !== undefined);
    if (keyed) {
      const beforeBy = new Map(before.map((x) => [identityOf(x) as string, x]));
      const afterBy = new Map(after.map((x) => [identityOf(x) as string, x]));
      for (const [k, v] of beforeBy) diffValue(v, afterBy.get(k), `${path}[${k}]`, out);
      for (const [k, v] of afterBy) if (!beforeBy.has(k)) out.push({ path: `${path}[${k}]`, kind: 'added', after: v });
      const order = (xs: unknown[]) => xs.map((x) => identityOf(x)).filter((k) => beforeBy.has(k as string) && afterBy.has(k as string));
      if (JSON.stringify(order(before)) !== JSON.stringify(order(after))) {
        out.push({ path, kind: 'changed', before: before.map(identityOf), after: after.map(identityOf) });
      }
      return;
    }
    out.push({ path, kind: 'changed', before, after });
    return;
  }
  if (before && after && typeof before === 'object' && typeof after === 'object' && !Array.isArray(before) && !Array.isArray(after)) {
    const b = before as Record<string, unknown>;
    const a = after as Record<string, unknown>;
    for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) diffValue(b[key], a[key], join(path, key), out);
    return;
  }
  out.push({ path, kind: 'changed', before, after });
}

/** A structured diff of two versions' content, for reviewers comparing side by side. */
export function diffContent(before: ServiceItemContent, after: ServiceItemContent): ContentChange[] {
  const out: ContentChange[] = [];
  diffValue(before, after, '', out);
  return out;
}
