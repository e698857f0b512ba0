import type { FormField, Material, MaterialSource, ProcessStep, SituationQuestion } from './catalogue.ts';

/**
 * Pure catalogue rules shared by the server and the web app: whether situation answers select a
 * material/field/step, which questions are still open, whether answers are valid, and who
 * supplies a material. No I/O.
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
