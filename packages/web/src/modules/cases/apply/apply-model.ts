import {
  applicableFields,
  type Delivery,
  type FormField,
  type FormValues,
  type GuideMaterial,
  type ItemGuide,
  type Me,
  type SituationAnswers,
  type SituationCondition,
  type SituationQuestion,
} from '@tongban/domain';
import type { Draft, DraftBody } from '../cases.api.ts';
import { rememberedUpload } from '../upload.ts';

/** The applicant's answers so far; a draft stores the same (file names live in this browser only). */
export type UploadedFile = { uploadId: string; fileName: string; sizeBytes: number | null };
export type ApplyState = {
  enterpriseCreditCode: string | undefined;
  answers: Record<string, string>;
  form: FormValues;
  uploads: Record<string, UploadedFile>;
  delivery: Delivery;
  draftId: string | undefined;
};

export type ApplyField = FormField & { items?: string[]; whenAny?: SituationCondition[] };
/** The item's (or, for a one-go service, the merged) situations, form and materials. */
export type ApplyDefinition = {
  isBundle: boolean;
  situations: SituationQuestion[];
  form: ApplyField[];
  materials: GuideMaterial[];
};

export function definitionOf(guide: ItemGuide): ApplyDefinition {
  if (guide.bundle) {
    return {
      isBundle: true,
      situations: guide.bundle.situations,
      form: guide.bundle.form,
      materials: [...guide.bundle.materials.applicant, ...guide.bundle.materials.platform],
    };
  }
  return {
    isBundle: false,
    situations: guide.content.situations,
    form: guide.content.form,
    materials: [...guide.materials.applicant, ...guide.materials.platform],
  };
}

export type ApplicantChoice = { value: string; creditCode: string | undefined; name: string; capacity?: string };
export const SELF = 'self';

/** Who may apply: the person, or an enterprise they represent, as the item allows. */
export function applicantChoices(guide: ItemGuide, me: Me): ApplicantChoice[] {
  const type = guide.content.applicantType;
  const out: ApplicantChoice[] = [];
  if (type !== 'enterprise') out.push({ value: SELF, creditCode: undefined, name: me.name });
  if (type !== 'person') {
    for (const e of me.enterprises) out.push({ value: e.creditCode, creditCode: e.creditCode, name: e.name, capacity: e.capacity });
  }
  return out;
}

export type StepKey = 'applicant' | 'situation' | 'form' | 'materials' | 'consent' | 'review';

export function stepsFor(guide: ItemGuide, definition: ApplyDefinition, answers: SituationAnswers, needsConsent: boolean): StepKey[] {
  const steps: StepKey[] = [];
  if (guide.content.applicantType !== 'person') steps.push('applicant');
  if (definition.situations.length > 0) steps.push('situation');
  if (applicableFields(definition, answers).length > 0) steps.push('form');
  steps.push('materials');
  if (needsConsent) steps.push('consent');
  steps.push('review');
  return steps;
}

/** Where a resumed draft opens: the first step that still needs the applicant (the form is always re-checked). */
export function resumeStep(steps: StepKey[], definition: ApplyDefinition, state: ApplyState): StepKey {
  const answered = definition.situations.every((q) => Boolean(state.answers[q.id]));
  if (steps.includes('situation') && !answered) return 'situation';
  return steps.includes('form') ? 'form' : 'materials';
}

export function initialState(guide: ItemGuide, me: Me, draft: Draft | undefined): ApplyState {
  if (draft) {
    const uploads: Record<string, UploadedFile> = {};
    for (const ref of draft.materials) {
      const known = rememberedUpload(ref.uploadId);
      uploads[ref.materialId] = { uploadId: ref.uploadId, fileName: known?.fileName ?? '', sizeBytes: known?.sizeBytes ?? null };
    }
    return {
      enterpriseCreditCode: draft.enterpriseCreditCode,
      answers: draft.answers,
      form: draft.form,
      uploads,
      delivery: draft.delivery,
      draftId: draft.id,
    };
  }
  const choices = applicantChoices(guide, me);
  return {
    // An enterprise-only item starts with the person's only enterprise chosen; otherwise with themselves.
    enterpriseCreditCode: choices[0]?.creditCode,
    answers: {},
    form: {},
    uploads: {},
    delivery: { method: 'download' },
    draftId: undefined,
  };
}

/** Form values only for the fields that apply to these answers (the server refuses unknown keys). */
export function applicableValues(definition: ApplyDefinition, answers: SituationAnswers, values: FormValues): FormValues {
  const out: FormValues = {};
  for (const f of applicableFields(definition, answers)) {
    const v = values[f.key];
    if (v !== undefined && v !== '') out[f.key] = v;
  }
  return out;
}

export function materialRefs(state: ApplyState) {
  return Object.entries(state.uploads).map(([materialId, u]) => ({ materialId, uploadId: u.uploadId }));
}

export function draftBodyOf(code: string, state: ApplyState): DraftBody {
  return {
    itemCode: code,
    answers: state.answers,
    form: state.form,
    materials: materialRefs(state),
    enterpriseCreditCode: state.enterpriseCreditCode,
    contact: {},
    delivery: state.delivery,
  };
}

/** An Idempotency-Key: letters, digits and hyphens, 8–128 characters. */
export function newIdempotencyKey(): string {
  // getRandomValues, not randomUUID: the latter exists only on HTTPS pages and localhost.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `apply-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
