import { canonical } from './canonical-value.ts';
import type { FormField, LocalizedText, Material, ProcessStep, ServiceItemContent, SituationQuestion } from './catalogue.ts';
import { processWorkingDays } from './catalogue-content-checks.ts';
import type { SituationCondition } from './catalogue-situations.ts';
import { AppError } from './errors.ts';

/**
 * Bundles (一件事): the merge of a bundle's member items into one form, one material list and
 * parallel branches. Pure, shared by the server and the web app.
 */

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
