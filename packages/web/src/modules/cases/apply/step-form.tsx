import { SafetyCertificateOutlined } from '@ant-design/icons';
import { applicableFields, type FormValues, validateCaseForm } from '@tongban/domain';
import { Alert, Form, Input, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PrefillOrigin, type PrefillResponse, prefillOrigins } from '../../datahub/index.ts';
import { DepartmentName } from '../department-name.tsx';
import { loc, messageIn } from '../labels.ts';
import type { ApplyDefinition, ApplyField } from './apply-model.ts';
import { StepFrame, type StepNavigation } from './step-frame.tsx';

type InjectedByFormItem = { id?: string; value?: string | number; onChange?: (value: unknown) => void };

function FieldInput({ field, lang, ...rest }: { field: ApplyField; lang: string } & InjectedByFormItem) {
  const common = { 'aria-required': field.required || undefined, ...rest };
  switch (field.type) {
    case 'textarea':
      return <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={field.maxLength} {...common} />;
    case 'select':
      return (
        <Select
          {...common}
          allowClear={!field.required}
          options={field.options?.map((o) => ({ value: o.value, label: loc(o.label, lang) }))}
        />
      );
    case 'date':
      return <Input type="date" {...common} />;
    case 'number':
    case 'money':
      return <Input inputMode="decimal" {...common} />;
    case 'mobile':
      return <Input inputMode="tel" autoComplete="tel" maxLength={20} {...common} />;
    case 'id_number':
    case 'credit_code':
      return <Input autoComplete="off" spellCheck={false} maxLength={18} {...common} />;
    default:
      return <Input maxLength={field.maxLength} {...common} />;
  }
}

function PrefilledNote({ origin }: { origin: PrefillOrigin }) {
  const { t } = useTranslation();
  return (
    <span className="tb-prefilled" data-testid="prefilled-note">
      <SafetyCertificateOutlined aria-hidden /> {t('cases.portal.apply.form.prefilledFrom')}
      <DepartmentName id={origin.departmentId} fallback={origin.departmentName} />
    </span>
  );
}

/** Groups the pre-filled fields by department for the summary above the form. */
function originSummary(origins: Map<string, PrefillOrigin>) {
  const byDepartment = new Map<string, { origin: PrefillOrigin; count: number }>();
  for (const origin of origins.values()) {
    const entry = byDepartment.get(origin.departmentId) ?? { origin, count: 0 };
    entry.count++;
    byDepartment.set(origin.departmentId, entry);
  }
  return [...byDepartment.values()];
}

/**
 * Step 3: the item's form for the chosen situations, pre-filled from the registries through the
 * data hub; each pre-filled field says which department it came from. Checked with the same
 * rules as the server (`validateCaseForm`) before moving on.
 */
export function StepForm({
  definition,
  answers,
  values,
  prefill,
  prefillFailed,
  nav,
  onNext,
  onChange,
}: {
  definition: ApplyDefinition;
  answers: Record<string, string>;
  values: FormValues;
  /** Values from the data hub (each read logged); what it could not fetch, the applicant types. */
  prefill: PrefillResponse | undefined;
  prefillFailed: boolean;
  nav: StepNavigation;
  onNext: (values: FormValues) => void;
  onChange: (values: FormValues) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string>();
  const fields = useMemo(() => applicableFields(definition, answers), [definition, answers]);
  const origins = useMemo(() => prefillOrigins(fields, prefill), [fields, prefill]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: computed once per mount, so a late pre-fill answer never overwrites what the applicant typed
  const initialValues = useMemo(() => {
    const out: FormValues = {};
    for (const f of fields) {
      const hub = prefill?.values[f.key];
      const v = values[f.key] ?? (typeof hub === 'boolean' ? String(hub) : hub);
      if (v !== undefined) out[f.key] = v;
    }
    return out;
  }, []);
  const summary = originSummary(origins);
  const unfetched = prefill?.refused.flatMap((r) => r.formFields).filter((k) => fields.some((f) => f.key === k)) ?? [];

  const next = () => {
    const current = { ...initialValues, ...form.getFieldsValue(true) } as FormValues;
    const { values: checked, issues } = validateCaseForm({ situations: definition.situations, form: definition.form }, answers, current);
    const formIssues = issues.filter((i) => i.field.startsWith('form.'));
    if (formIssues.length > 0) {
      form.setFields(formIssues.map((i) => ({ name: [i.field.slice('form.'.length)], errors: [messageIn(i.message, lang)] })));
      const first = formIssues[0]?.field.slice('form.'.length);
      if (first) form.scrollToField([first], { block: 'center', focus: true });
      setError(t('cases.portal.apply.form.fix', { count: formIssues.length }));
      return;
    }
    setError(undefined);
    onNext(checked);
  };

  return (
    <StepFrame
      title={t('cases.portal.apply.steps.form')}
      intro={t('cases.portal.apply.form.intro')}
      nav={nav}
      testId="step-form"
      error={error}
      onNext={next}
    >
      {summary.length > 0 && (
        <Alert
          type="success"
          showIcon
          icon={<SafetyCertificateOutlined aria-hidden />}
          className="tb-apply-note"
          data-testid="prefill-summary"
          title={t('cases.portal.apply.form.prefilledSummary', { count: origins.size })}
          description={
            <ul className="tb-plain-list">
              {summary.map(({ origin, count }) => (
                <li key={origin.departmentId}>
                  <DepartmentName id={origin.departmentId} fallback={origin.departmentName} />
                  {t('cases.portal.apply.form.prefilledCount', { count })}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {(prefillFailed || unfetched.length > 0) && (
        <Alert type="info" showIcon className="tb-apply-note" title={t('cases.portal.apply.form.prefillPartial')} />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues}
        requiredMark
        className="tb-apply-form"
        onValuesChange={(_, all) => onChange({ ...values, ...all })}
        onFinish={next}
      >
        {fields.map((f) => {
          const origin = origins.get(f.key);
          return (
            <Form.Item
              key={f.key}
              name={[f.key]}
              label={loc(f.label, lang)}
              required={f.required}
              extra={origin ? <PrefilledNote origin={origin} /> : undefined}
              className={origin ? 'tb-field-prefilled' : undefined}
            >
              <FieldInput field={f} lang={lang} />
            </Form.Item>
          );
        })}
      </Form>
    </StepFrame>
  );
}
