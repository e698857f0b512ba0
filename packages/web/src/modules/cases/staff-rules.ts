import type { CaseDetail, CaseStatus, FormField, SlaColour } from '@tongban/domain';

type LegalBasis = { law: string; article?: string };

import { isApiError } from '../../api/client.ts';

/** Pure helpers of the staff pages (kept apart from the components so they can be unit-tested). */

/** Below this width the staff tables would scroll sideways; they become lists of cards. */
export const narrowQuery = '(max-width: 1099.98px)';

/** Someone else acted on the case or task first: the page is stale and must be reloaded. */
export function isLostRace(error: unknown): boolean {
  return (
    isApiError(error) &&
    error.status === 409 &&
    (error.code === 'CASES_ACTION_NOT_ALLOWED' || error.code === 'CASES_CONCURRENT_UPDATE' || error.code === 'CASES_TASK_CLAIMED')
  );
}

/** Tag colour of each SLA state; the tag always carries words too (never colour alone). */
export const slaTagColour: Record<SlaColour, 'success' | 'warning' | 'error' | 'default'> = {
  green: 'success',
  amber: 'warning',
  red: 'error',
  paused: 'default',
};

/**
 * Tag colour of a case status on the staff pages. Only tag colours whose text reaches 4.5:1 on their
 * tint under the app theme (the status colours and blue; antd's green, cyan and orange presets do not).
 */
export function staffStatusColour(status: CaseStatus): 'blue' | 'success' | 'warning' | 'error' | 'default' {
  switch (status) {
    case 'supplement_requested':
    case 'suspended':
      return 'warning';
    case 'approved':
    case 'partially_approved':
      return 'success';
    case 'refused':
    case 'not_accepted':
      return 'error';
    case 'withdrawn':
      return 'default';
    default:
      return 'blue';
  }
}

/** The steps a `return` may go back to: steps of an earlier stage that already ran (as the server checks). */
export function returnTargetsOf(detail: Pick<CaseDetail, 'steps'>, stepId: string): CaseDetail['steps'] {
  const from = detail.steps.find((s) => s.id === stepId);
  if (!from) return [];
  return detail.steps.filter((s) => s.stage < from.stage && s.attempt > 0);
}

/** Form values in the order and with the labels of the item's form; keys the form no longer has come last. */
export function labelledFormValues(
  form: readonly Pick<FormField, 'key' | 'label' | 'options'>[],
  values: Record<string, string | number>,
): { key: string; label: { zh: string; en: string } | undefined; value: string | number; option?: { zh: string; en: string } }[] {
  const known = form
    .filter((f) => Object.hasOwn(values, f.key))
    .map((f) => {
      const value = values[f.key] as string | number;
      const option = f.options?.find((o) => o.value === String(value))?.label;
      return option ? { key: f.key, label: f.label, value, option } : { key: f.key, label: f.label, value };
    });
  const rest = Object.keys(values)
    .filter((k) => !form.some((f) => f.key === k))
    .map((k) => ({ key: k, label: undefined, value: values[k] as string | number }));
  return [...known, ...rest];
}

/** Legal basis rows of a form, without empty ones (an article without a law is dropped with its row). */
export function cleanLegalBasis(rows: readonly { law?: string | undefined; article?: string | undefined }[] | undefined): LegalBasis[] {
  return (rows ?? [])
    .map((r) => ({ law: (r.law ?? '').trim(), article: (r.article ?? '').trim() }))
    .filter((r) => r.law !== '')
    .map((r) => (r.article ? { law: r.law, article: r.article } : { law: r.law }));
}

/**
 * Live feedback on a resident ID number being typed: too short so far, complete and valid, or
 * complete with a wrong check character (GB 11643) or an impossible birth date.
 */
export type IdNumberState = 'empty' | 'typing' | 'valid' | 'invalid';
export function idNumberState(value: string, isValid: (id: string) => boolean): IdNumberState {
  const v = value.trim().toUpperCase();
  if (v === '') return 'empty';
  if (!/^\d{0,17}[\dX]?$/.test(v)) return 'invalid';
  if (v.length < 18) return 'typing';
  return isValid(v) ? 'valid' : 'invalid';
}
