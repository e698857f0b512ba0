import { type CaseStatus, caseStatusLabels } from '@tongban/domain';
import type { TFunction } from 'i18next';
import { isApiError } from '../../api/client.ts';
import { errorMessage } from '../../ui/api-errors.ts';

/** Localized text in the current language (English falls back to Chinese). */
export function loc(text: { zh: string; en: string } | null | undefined, language: string): string {
  if (!text) return '';
  return language.startsWith('en') ? text.en || text.zh : text.zh;
}

/** An aside in brackets, as each language writes it: `（…）` after Chinese, ` (…)` after English. */
export function paren(text: string, language: string): string {
  return language.startsWith('en') ? ` (${text})` : `（${text}）`;
}

export function statusLabel(status: CaseStatus, language: string): string {
  return loc(caseStatusLabels[status], language);
}

/** Tag colours by how the applicant should read the status: waiting on them, running, done well, done otherwise. */
export function statusColour(status: CaseStatus): string {
  switch (status) {
    case 'supplement_requested':
      return 'orange';
    case 'approved':
      return 'green';
    case 'partially_approved':
      return 'lime';
    case 'refused':
    case 'not_accepted':
      return 'red';
    case 'withdrawn':
      return 'default';
    default:
      return 'blue';
  }
}

/**
 * The same reading as a tone for `tb-badge-<tone>` (cases.css): antd's preset tag colours (green,
 * gold, orange) fall below 4.5:1 contrast at tag size; these do not.
 */
export type Tone = 'info' | 'ok' | 'warn' | 'bad' | 'neutral';
export function statusTone(status: CaseStatus): Tone {
  switch (status) {
    case 'supplement_requested':
      return 'warn';
    case 'approved':
    case 'partially_approved':
      return 'ok';
    case 'refused':
    case 'not_accepted':
      return 'bad';
    case 'withdrawn':
      return 'neutral';
    default:
      return 'info';
  }
}

const zone = 'Asia/Shanghai';

/** `YYYY-MM-DD` (a China date) in the reader's language. */
export function formatDate(date: string | null | undefined, language: string): string {
  if (!date) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: zone }).format(new Date(`${date}T12:00:00+08:00`));
}

/** The China date of an instant, in the reader's language. */
export function formatDayOf(instant: string | null | undefined, language: string): string {
  if (!instant) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: zone }).format(new Date(instant));
}

export function formatDateTime(instant: string | null | undefined, language: string): string {
  if (!instant) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(new Date(instant));
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * The server's messages are bilingual, `中文。English`; this keeps the half in the reader's
 * language (the split is the first full stop followed by Latin text).
 */
export function messageIn(message: string, language: string): string {
  const match = /。\s*(?=[A-Za-z])/.exec(message);
  if (!match) return message;
  return language.startsWith('en') ? message.slice(match.index + match[0].length).trim() : message.slice(0, match.index + 1);
}

/**
 * For case and upload errors the server's own words are the most precise ("仅接受：PDF, JPEG …",
 * "请上传：出生登记申报表"), so those are shown in the reader's language; other codes use the app's
 * translations.
 */
export function caseErrorMessage(t: TFunction, error: unknown, language: string): string {
  if (isApiError(error) && error.code !== 'NETWORK' && error.status < 500) {
    const translated = t(`errors.${error.code}` as 'errors.INTERNAL', { defaultValue: '' });
    const specific = /^(CASES_|DATAHUB_|UPLOAD_|UNSUPPORTED_MEDIA_TYPE|PAYLOAD_TOO_LARGE|IDEMPOTENCY_)/.test(error.code);
    if (specific || !translated) return messageIn(error.message, language);
  }
  return errorMessage(t, error);
}
