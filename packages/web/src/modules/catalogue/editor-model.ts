import type { FormField, Material, MaterialSource, ProcessStep, ServiceItemContent } from '@tongban/domain';
import { formFieldOf, isApiError } from '../../api/client.ts';

/**
 * The item editor keeps the whole content document in one antd form, in the content's own shape
 * (so a server error's field path such as `process.2.department` is also the form field's name).
 * These helpers turn a version's content into form values and back, and place server errors.
 */

export const editorTabs = ['basics', 'situations', 'materials', 'form', 'process', 'json'] as const;
export type EditorTab = (typeof editorTabs)[number];

type Localized = { zh: string; en: string };
type Condition = Record<string, string[]>;

/** The form's values: the content, with optional bilingual texts always present (empty when unused). */
export type EditorValues = Omit<ServiceItemContent, 'summary' | 'whereToApply' | 'result'> & {
  summary: Localized;
  whereToApply: Localized;
  result: { name: Localized; licenceType?: string | undefined };
};

const emptyText = (): Localized => ({ zh: '', en: '' });

export function toFormValues(content: ServiceItemContent): EditorValues {
  return {
    ...content,
    summary: content.summary ?? emptyText(),
    whereToApply: content.whereToApply ?? emptyText(),
    result: content.result ?? { name: emptyText() },
  };
}

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Drops optional keys left empty in the form (zod refuses an empty string where text is optional). */
function withoutBlank<T extends object>(value: T, keys: readonly string[]): T {
  const out = { ...value } as Record<string, unknown>;
  for (const key of keys) if (blank(out[key])) delete out[key];
  return out as T;
}

function optionalText(text: Partial<Localized> | undefined): Localized | undefined {
  if (!text || (blank(text.zh) && blank(text.en))) return undefined;
  return { zh: text.zh ?? '', en: text.en ?? '' };
}

/** A condition without the questions left at "any answer"; none left means "always". */
export function cleanCondition(when: Condition | undefined | null): Condition | undefined {
  if (!when) return undefined;
  const entries = Object.entries(when).filter(([, options]) => Array.isArray(options) && options.length > 0);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function setOptional<T extends object, K extends string>(value: T, key: K, next: unknown): T {
  const out = { ...value } as Record<string, unknown>;
  if (next === undefined) delete out[key];
  else out[key] = next;
  return out as T;
}

/** Keeps only the details of the chosen kind (a datahub resource left behind after switching to "applicant" would mislead). */
export function cleanSource(source: Partial<MaterialSource> & { kind: MaterialSource['kind'] } & Record<string, unknown>): MaterialSource {
  switch (source.kind) {
    case 'datahub':
      return { kind: 'datahub', resource: String(source.resource ?? ''), fields: (source.fields as string[] | undefined) ?? [] };
    case 'licence':
      return { kind: 'licence', licenceType: String(source.licenceType ?? '') };
    case 'earlier_step':
      return { kind: 'earlier_step', stepId: String(source.stepId ?? '') };
    default:
      return { kind: 'applicant' };
  }
}

function cleanMaterial(m: Material): Material {
  const out = withoutBlank({ ...m, source: cleanSource(m.source) }, ['notes']);
  return setOptional(out, 'when', cleanCondition(m.when));
}

function cleanField(f: FormField): FormField {
  let out = withoutBlank(f, ['prefill', 'maxLength', 'min', 'max']);
  if (f.type !== 'select') out = setOptional(out, 'options', undefined);
  return setOptional(out, 'when', cleanCondition(f.when));
}

function cleanStep(s: ProcessStep): ProcessStep {
  return setOptional(withoutBlank(s, ['parallelGroup']), 'when', cleanCondition(s.when));
}

function cleanFee(fee: ServiceItemContent['fee']): ServiceItemContent['fee'] {
  if (fee.kind === 'free') return { kind: 'free' };
  const charged: ServiceItemContent['fee'] = {
    kind: 'charged',
    amountYuan: fee.amountYuan ?? 0,
    legalBasis: withoutBlank(fee.legalBasis ?? { law: '' }, ['article']),
  };
  const description = optionalText(fee.description);
  return description ? { ...charged, description } : charged;
}

/**
 * The content to save: the form values over the loaded content (so elements the form has no
 * inputs for, such as bundle members, are kept), with empty optional parts removed.
 */
export function toContent(values: EditorValues, base: ServiceItemContent): ServiceItemContent {
  const { summary, whereToApply, result, ...rest } = values;
  let content: ServiceItemContent = {
    ...base,
    ...rest,
    legalBasis: (rest.legalBasis ?? []).map((l) => withoutBlank(l, ['article'])),
    fee: cleanFee(rest.fee),
    materials: (rest.materials ?? []).map(cleanMaterial),
    form: (rest.form ?? []).map(cleanField),
    process: (rest.process ?? []).map(cleanStep),
  };
  content = setOptional(content, 'summary', optionalText(summary));
  content = setOptional(content, 'whereToApply', optionalText(whereToApply));
  const resultName = optionalText(result?.name);
  content = setOptional(
    content,
    'result',
    resultName ? withoutBlank({ name: resultName, licenceType: result.licenceType }, ['licenceType']) : undefined,
  );
  return content;
}

/** Which tab holds a content path (`process.2.department` → process). */
export function tabOfField(field: string): EditorTab {
  const head = field.split('.')[0] ?? '';
  if (head === 'situations' || head === 'materials' || head === 'form' || head === 'process') return head;
  if (head === 'bundleMembers') return 'json';
  return 'basics';
}

/** The smallest `<prefix><n>` not yet taken, for new questions, options, materials and steps. */
export function newId(prefix: string, taken: readonly (string | undefined)[]): string {
  const used = new Set(taken);
  let n = taken.length + 1;
  for (let i = 1; i <= taken.length + 1; i++) {
    if (!used.has(`${prefix}${i}`)) {
      n = i;
      break;
    }
  }
  return `${prefix}${n}`;
}

export type FieldIssue = { field: string; message: string; code: string };

/**
 * Every field problem a save was refused for: the server lists them in `details.issues` (content
 * checks and zod), with paths like `body.process.2.department`; the form names drop `body.`.
 */
export function issuesOf(error: unknown): FieldIssue[] {
  if (!isApiError(error)) return [];
  const listed = Array.isArray(error.details?.issues) ? (error.details.issues as { field?: unknown; message?: unknown }[]) : [];
  const issues = listed
    .map((i) => ({
      field: formFieldOf(typeof i.field === 'string' ? i.field : undefined) ?? '',
      message: String(i.message ?? ''),
      code: error.code,
    }))
    .filter((i) => i.field);
  if (issues.length > 0) return issues;
  return error.field ? [{ field: error.field, message: error.message, code: error.code }] : [];
}

/** The part of a bilingual server message (`中文。English`) in the current language. */
export function messageIn(message: string, language: string): string {
  const cut = message.indexOf('。');
  if (cut < 0 || cut === message.length - 1) return message;
  return language.startsWith('en') ? message.slice(cut + 1).trim() : message.slice(0, cut + 1);
}

/**
 * The form field an issue belongs to: the field of that exact name, or else the nearest enclosing
 * one (`materials.0.when.premises` → the condition picker `materials.0.when`). Undefined when no
 * field of the form encloses it (e.g. `process`, the steps' total time).
 */
export function placeIssue(field: string, registered: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const name of registered) {
    if (name === field) return name;
    if (field.startsWith(`${name}.`) && (!best || name.length > best.length)) best = name;
  }
  return best;
}

/** A department and everything under it (a department administrator manages the items of that subtree). */
export function departmentSubtree(departments: readonly { id: string; parentId: string | null }[], rootId: string): Set<string> {
  const inside = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of departments) {
      if (d.parentId && inside.has(d.parentId) && !inside.has(d.id)) {
        inside.add(d.id);
        grew = true;
      }
    }
  }
  return inside;
}
