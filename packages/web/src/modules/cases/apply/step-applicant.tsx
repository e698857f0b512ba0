import { BankOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ApplicantChoice, SELF } from './apply-model.ts';
import { StepFrame, type StepNavigation } from './step-frame.tsx';

/** Step 1: apply as oneself, or for an enterprise the person represents (when the item allows it). */
export function StepApplicant({
  choices,
  enterpriseOnly,
  value,
  nav,
  onNext,
}: {
  choices: ApplicantChoice[];
  enterpriseOnly: boolean;
  value: string | undefined;
  nav: StepNavigation;
  onNext: (creditCode: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string>(value ?? (enterpriseOnly ? (choices[0]?.value ?? '') : SELF));
  const [error, setError] = useState<string>();

  if (choices.length === 0) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('cases.portal.apply.applicant.noEnterprise')}
        description={<Link to="/account">{t('cases.portal.apply.applicant.registerEnterprise')}</Link>}
      />
    );
  }

  return (
    <StepFrame
      title={t('cases.portal.apply.steps.applicant')}
      intro={enterpriseOnly ? t('cases.portal.apply.applicant.enterpriseOnly') : t('cases.portal.apply.applicant.intro')}
      nav={nav}
      error={error}
      testId="step-applicant"
      onNext={() => {
        const choice = choices.find((c) => c.value === chosen);
        if (!choice) {
          setError(t('cases.portal.apply.applicant.choose'));
          return;
        }
        onNext(choice.creditCode);
      }}
    >
      <fieldset className="tb-apply-fieldset">
        <legend className="tb-visually-hidden">{t('cases.portal.apply.applicant.legend')}</legend>
        <Radio.Group value={chosen} onChange={(e) => setChosen(e.target.value as string)} className="tb-choice-list">
          {choices.map((c) => (
            <Radio key={c.value} value={c.value} className="tb-choice">
              <span className="tb-choice-label">
                {c.creditCode ? <BankOutlined aria-hidden /> : <UserOutlined aria-hidden />}
                <strong>{c.creditCode ? c.name : t('cases.portal.apply.applicant.self', { name: c.name })}</strong>
              </span>
              {c.creditCode && (
                <span className="tb-muted tb-choice-detail">
                  {c.creditCode} · {t(`account.capacity.${c.capacity ?? 'agent'}` as 'account.capacity.agent')}
                </span>
              )}
            </Radio>
          ))}
        </Radio.Group>
      </fieldset>
    </StepFrame>
  );
}
