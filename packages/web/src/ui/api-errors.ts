import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { isApiError } from '../api/client.ts';

/** A message for any thrown value, in the current language when the code is known. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    // A code can mean different things per field (an ID number or a mobile already registered).
    const forField = error.field ? t(`fieldErrors.${error.code}.${error.field}` as 'errors.INTERNAL', { defaultValue: '' }) : '';
    if (forField) return forField;
    // Known codes have translations; unknown ones fall back to the server's (bilingual) message.
    return t(`errors.${error.code}` as 'errors.INTERNAL', { defaultValue: error.message });
  }
  return t('errors.INTERNAL');
}

/**
 * Shows a server error next to the form field it names. Returns the message when no field of the
 * form matches, so the caller can show it above the form instead.
 */
export function showErrorOnForm(
  form: FormInstance,
  t: TFunction,
  error: unknown,
  fieldMap: Record<string, string> = {},
): string | undefined {
  const message = errorMessage(t, error);
  if (isApiError(error) && error.field) {
    const name = fieldMap[error.field] ?? error.field;
    const known = form.getFieldsError().some((f) => f.name.join('.') === name);
    if (known) {
      form.setFields([{ name, errors: [message] }]);
      form.scrollToField(name);
      form.focusField(name);
      return undefined;
    }
  }
  return message;
}
