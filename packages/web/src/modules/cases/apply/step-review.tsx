import { EditOutlined } from '@ant-design/icons';
import { applicableFields, type Delivery } from '@tongban/domain';
import { Button, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationPreview } from '../cases.api.ts';
import { formatDate, loc, paren } from '../labels.ts';
import type { ApplicantChoice, ApplyDefinition, ApplyState, StepKey } from './apply-model.ts';
import { StepFrame, type StepNavigation } from './step-frame.tsx';

type MailForm = { recipient: string; mobile: string; address: string };

function Section({
  title,
  step,
  onEdit,
  children,
}: {
  title: string;
  step?: StepKey;
  onEdit: (s: StepKey) => void;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="tb-review-section" aria-label={title}>
      <div className="tb-review-head">
        <h3>{title}</h3>
        {step && (
          <Button
            type="link"
            icon={<EditOutlined aria-hidden />}
            onClick={() => onEdit(step)}
            aria-label={t('cases.portal.apply.review.editSection', { section: title })}
          >
            {t('cases.portal.apply.review.edit')}
          </Button>
        )}
      </div>
      {children}
    </section>
  );
}

/** Last step: everything at a glance, how to receive the result, and Submit. */
export function StepReview({
  definition,
  state,
  preview,
  applicant,
  offersMail,
  steps,
  nav,
  submitting,
  error,
  onEdit,
  onSubmit,
}: {
  definition: ApplyDefinition;
  state: ApplyState;
  preview: ApplicationPreview;
  applicant: ApplicantChoice | undefined;
  offersMail: boolean;
  steps: StepKey[];
  nav: StepNavigation;
  submitting: boolean;
  error: string | undefined;
  onEdit: (step: StepKey) => void;
  onSubmit: (delivery: Delivery) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [method, setMethod] = useState<Delivery['method']>(state.delivery.method === 'mail' ? 'mail' : 'download');
  const [mailForm] = Form.useForm<MailForm>();
  const fields = applicableFields(definition, state.answers);
  const has = (s: StepKey) => (steps.includes(s) ? s : undefined);

  const submit = async () => {
    if (method === 'download') return onSubmit({ method: 'download' });
    try {
      const mail = await mailForm.validateFields();
      onSubmit({ method: 'mail', ...mail });
    } catch {
      // the form shows what is missing
    }
  };

  return (
    <StepFrame
      title={t('cases.portal.apply.steps.review')}
      intro={t('cases.portal.apply.review.intro')}
      nav={nav}
      testId="step-review"
      error={error}
      nextLabel={t('cases.portal.apply.review.submit')}
      nextLoading={submitting}
      onNext={() => void submit()}
    >
      <div className="tb-review">
        <Section title={t('cases.portal.apply.review.applicant')} step={has('applicant')} onEdit={onEdit}>
          <p>
            {applicant?.creditCode
              ? `${applicant.name}${paren(applicant.creditCode, lang)}`
              : t('cases.portal.apply.applicant.self', { name: applicant?.name ?? '' })}
          </p>
        </Section>
        {definition.situations.length > 0 && (
          <Section title={t('cases.portal.apply.steps.situation')} step={has('situation')} onEdit={onEdit}>
            <dl className="tb-review-list">
              {definition.situations.map((q) => (
                <div key={q.id}>
                  <dt>{loc(q.question, lang)}</dt>
                  <dd>{loc(q.options.find((o) => o.id === state.answers[q.id])?.label, lang)}</dd>
                </div>
              ))}
            </dl>
          </Section>
        )}
        {fields.length > 0 && (
          <Section title={t('cases.portal.apply.steps.form')} step={has('form')} onEdit={onEdit}>
            <dl className="tb-review-list">
              {fields.map((f) => {
                const v = state.form[f.key];
                const shown = f.type === 'select' ? loc(f.options?.find((o) => o.value === v)?.label, lang) : v;
                return (
                  <div key={f.key}>
                    <dt>{loc(f.label, lang)}</dt>
                    <dd>{shown === undefined || shown === '' ? '—' : shown}</dd>
                  </div>
                );
              })}
            </dl>
          </Section>
        )}
        <Section title={t('cases.portal.apply.steps.materials')} step="materials" onEdit={onEdit}>
          <ul className="tb-plain-list">
            {preview.materials.map((m) => (
              <li key={m.materialId}>
                {loc(m.name, lang)} —{' '}
                {m.supply === 'platform'
                  ? t('cases.portal.apply.review.weHave')
                  : state.uploads[m.materialId]
                    ? t('cases.portal.apply.review.uploaded', { file: state.uploads[m.materialId]?.fileName || '' })
                    : t('cases.portal.apply.review.notUploaded')}
              </li>
            ))}
          </ul>
        </Section>
        <Section title={t('cases.portal.apply.review.when')} onEdit={onEdit}>
          <p data-testid="review-expected">
            {t('cases.portal.apply.review.expected', { date: formatDate(preview.expectedCompletionDate, lang) })}
          </p>
        </Section>
        <Section title={t('cases.portal.apply.review.delivery')} onEdit={onEdit}>
          <fieldset className="tb-apply-fieldset">
            <legend className="tb-visually-hidden">{t('cases.portal.apply.review.delivery')}</legend>
            <Radio.Group value={method} onChange={(e) => setMethod(e.target.value as Delivery['method'])}>
              <Radio value="download">{t('cases.portal.apply.review.download')}</Radio>
              {offersMail && <Radio value="mail">{t('cases.portal.apply.review.mail')}</Radio>}
            </Radio.Group>
          </fieldset>
          {method === 'mail' && (
            <Form
              form={mailForm}
              layout="vertical"
              className="tb-apply-form"
              initialValues={state.delivery.method === 'mail' ? state.delivery : undefined}
            >
              <Form.Item
                name="recipient"
                label={t('cases.portal.apply.review.recipient')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Input maxLength={50} autoComplete="name" />
              </Form.Item>
              <Form.Item
                name="mobile"
                label={t('cases.portal.apply.review.mobile')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Input maxLength={20} inputMode="tel" autoComplete="tel" />
              </Form.Item>
              <Form.Item
                name="address"
                label={t('cases.portal.apply.review.address')}
                rules={[{ required: true, min: 5, message: t('cases.portal.apply.review.addressRule') }]}
              >
                <Input maxLength={200} autoComplete="street-address" />
              </Form.Item>
            </Form>
          )}
        </Section>
      </div>
      <p className="tb-muted">{t('cases.portal.apply.review.declaration')}</p>
    </StepFrame>
  );
}
