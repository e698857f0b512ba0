import {
  AppError,
  applicableFields,
  applicableMaterials,
  applicableSteps,
  checkAnswers,
  evaluateConditional,
  type GuideMaterial,
  type MaterialsCheckResult,
  pendingQuestions,
  type SituationAnswers,
  supplyOf,
} from '@tongban/domain';
import type { Platform } from '../../../platform/context.ts';
import { getGuide } from './guide.ts';

type AnswersQuery = Record<string, string | string[] | undefined>;

const bad = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, { field });

/**
 * Situation answers from a query string: `answers` as a JSON object, and/or repeated
 * `a.<question>=<option>`; the latter win. Other parameters are ignored.
 * @throws VALIDATION_FAILED
 */
export function parseAnswers(query: AnswersQuery): SituationAnswers {
  const entries: [string, string][] = [];
  const json = query.answers;
  if (json !== undefined) {
    if (typeof json !== 'string') throw bad('query.answers', 'answers 只能出现一次。Give `answers` once.');
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      throw bad('query.answers', 'answers 须为 JSON 对象。`answers` must be a JSON object.');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw bad('query.answers', '`answers` must be a JSON object of question → option.');
    for (const [k, v] of Object.entries(parsed)) {
      if (typeof v !== 'string')
        throw bad(`query.answers.${k.slice(0, 64)}`, '每个回答须为选项编号（字符串）。Each answer must be an option id.');
      entries.push([k, v]);
    }
  }
  for (const [key, value] of Object.entries(query)) {
    if (!key.startsWith('a.')) continue;
    if (typeof value !== 'string') throw bad(`query.${key.slice(0, 66)}`, '每个问题只能回答一次。Answer each question once.');
    entries.push([key.slice(2), value]);
  }
  if (entries.length > 50) throw bad('query.answers', 'Too many answers.');
  return Object.fromEntries(entries);
}

/**
 * Narrows an item's (or bundle's merged) materials, form and steps to the applicant's situation.
 * @throws CATALOGUE_ITEM_NOT_FOUND, VALIDATION_FAILED (unknown question or option, field `query.a.<question>`)
 */
export async function checkMaterials(platform: Platform, code: string, query: AnswersQuery): Promise<MaterialsCheckResult> {
  const answers = parseAnswers(query);
  const { value: guide } = await getGuide(platform, code);
  const bundle = guide.bundle;
  const situations = bundle ? bundle.situations : guide.content.situations;
  const problem = checkAnswers(situations, answers)[0];
  if (problem) throw bad(`query.a.${problem.question.slice(0, 64)}`, problem.message);

  // In the order the guide lists them.
  const materials: GuideMaterial[] = bundle
    ? [...bundle.materials.platform, ...bundle.materials.applicant]
    : guide.content.materials.map((m) => ({ ...m, supply: supplyOf(m.source) }));
  const form = bundle ? bundle.form : guide.content.form;
  const steps = bundle ? [...bundle.process.intake, ...bundle.process.branches.flatMap((b) => b.steps)] : guide.content.process;
  const needed = applicableMaterials({ materials }, answers);
  return {
    code,
    version: guide.version,
    answers: { ...answers },
    materials: { platform: needed.filter((m) => m.supply === 'platform'), applicant: needed.filter((m) => m.supply === 'applicant') },
    undecided: materials.filter((m) => evaluateConditional(m, answers) === 'unknown'),
    pending: pendingQuestions({ situations, materials, form, process: steps }, answers),
    steps: applicableSteps({ process: steps }, answers),
    form: applicableFields({ form }, answers),
  };
}
