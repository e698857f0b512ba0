import type { FormField, ServiceItemContent } from './catalogue.ts';
import { applicableFields, checkAnswers, type SituationAnswers } from './catalogue-situations.ts';
import { normaliseIdentifier, normaliseText } from './identity.ts';
import { isValidCreditCode, isValidMobile, isValidResidentId } from './ids.ts';

/**
 * Checks an application form against the item's form definition for the chosen situations, and
 * returns the normalised values (full-width digits, zero-width characters and stray spaces
 * removed) with every problem and the field it concerns (`form.<key>` or `answers.<question>`).
 */
export type FormValue = string | number;
export type FormValues = Record<string, FormValue>;
export type FormIssue = { field: string; message: string };

const defaultMaxLength = { text: 200, textarea: 5000, address: 500 } as const;

function checkField(field: FormField, raw: FormValue): { value?: FormValue; message?: string } {
  const asText = typeof raw === 'number' ? String(raw) : normaliseText(raw);
  switch (field.type) {
    case 'number':
    case 'money': {
      const n = typeof raw === 'number' ? raw : Number(asText.replace(/,/g, ''));
      if (!Number.isFinite(n)) return { message: '须为数字。Must be a number.' };
      if (field.type === 'money' && Math.round(n * 100) !== n * 100) return { message: '金额最多两位小数。At most two decimals.' };
      if (field.min !== undefined && n < field.min) return { message: `不得小于 ${field.min}。Must be at least ${field.min}.` };
      if (field.max !== undefined && n > field.max) return { message: `不得大于 ${field.max}。Must be at most ${field.max}.` };
      return { value: n };
    }
    case 'date': {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(asText) || Number.isNaN(Date.parse(`${asText}T00:00:00Z`))) {
        return { message: '日期格式应为 YYYY-MM-DD。Use YYYY-MM-DD.' };
      }
      if (new Date(`${asText}T00:00:00Z`).toISOString().slice(0, 10) !== asText) return { message: '日期不存在。No such date.' };
      return { value: asText };
    }
    case 'select':
      if (!field.options?.some((o) => o.value === asText)) return { message: '不是可选项。Not one of the options.' };
      return { value: asText };
    case 'id_number': {
      const v = normaliseIdentifier(asText);
      return isValidResidentId(v) ? { value: v } : { message: '身份证号码无效。Invalid resident ID number.' };
    }
    case 'credit_code': {
      const v = normaliseIdentifier(asText);
      return isValidCreditCode(v) ? { value: v } : { message: '统一社会信用代码无效。Invalid unified social credit code.' };
    }
    case 'mobile': {
      const v = normaliseIdentifier(asText).replace(/^\+?86/, '');
      return isValidMobile(v) ? { value: v } : { message: '手机号码无效。Invalid mobile number.' };
    }
    default: {
      const max = field.maxLength ?? defaultMaxLength[field.type];
      if ([...asText].length > max) return { message: `最多 ${max} 个字符。At most ${max} characters.` };
      return { value: asText };
    }
  }
}

export function validateCaseForm(
  content: Pick<ServiceItemContent, 'situations' | 'form'> & { form: readonly FormField[] },
  answers: SituationAnswers,
  values: Readonly<FormValues>,
): { values: FormValues; issues: FormIssue[] } {
  const issues: FormIssue[] = checkAnswers(content.situations, answers).map((p) => ({
    field: `answers.${p.question}`,
    message: p.message,
  }));
  for (const q of content.situations) {
    if (!Object.hasOwn(answers, q.id)) issues.push({ field: `answers.${q.id}`, message: '请回答该情形问题。Please answer this question.' });
  }
  const known = new Set(content.form.map((f) => f.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) issues.push({ field: `form.${key}`, message: '表单中没有此字段。Unknown form field.' });
  }
  const out: FormValues = {};
  for (const field of applicableFields(content, answers)) {
    const raw = Object.hasOwn(values, field.key) ? values[field.key] : undefined;
    const empty = raw === undefined || (typeof raw === 'string' && normaliseText(raw) === '');
    if (empty) {
      if (field.required) issues.push({ field: `form.${field.key}`, message: `请填写${field.label.zh}。${field.label.en} is required.` });
      continue;
    }
    const checked = checkField(field, raw);
    if (checked.message) issues.push({ field: `form.${field.key}`, message: `${field.label.zh}：${checked.message}` });
    else if (checked.value !== undefined) out[field.key] = checked.value;
  }
  return { values: out, issues };
}
