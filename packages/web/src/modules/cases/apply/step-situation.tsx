import type { SituationQuestion } from '@tongban/domain';
import { Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loc } from '../labels.ts';
import { StepFrame, type StepNavigation } from './step-frame.tsx';

/** Step 2: the item's situation questions (情形); every one must be answered, the server checks the same. */
export function StepSituation({
  questions,
  value,
  nav,
  onNext,
  onChange,
}: {
  questions: SituationQuestion[];
  value: Record<string, string>;
  nav: StepNavigation;
  onNext: (answers: Record<string, string>) => void;
  /** Kept in the wizard as the applicant answers, so "Save draft" saves them. */
  onChange: (answers: Record<string, string>) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [answers, setAnswers] = useState<Record<string, string>>(value);
  const [missing, setMissing] = useState<string[]>([]);

  return (
    <StepFrame
      title={t('cases.portal.apply.steps.situation')}
      intro={t('cases.portal.apply.situation.intro')}
      nav={nav}
      testId="step-situation"
      error={missing.length > 0 ? t('cases.portal.apply.situation.answerAll') : undefined}
      onNext={() => {
        const open = questions.filter((q) => !answers[q.id]).map((q) => q.id);
        setMissing(open);
        if (open.length === 0) onNext(answers);
      }}
    >
      {questions.map((q) => {
        const invalid = missing.includes(q.id) && !answers[q.id];
        return (
          <fieldset key={q.id} className="tb-apply-fieldset tb-apply-question">
            <legend>{loc(q.question, lang)}</legend>
            <Radio.Group
              value={answers[q.id]}
              onChange={(e) => {
                const next = { ...answers, [q.id]: e.target.value as string };
                setAnswers(next);
                onChange(next);
              }}
              options={q.options.map((o) => ({ value: o.id, label: loc(o.label, lang) }))}
            />
            {invalid && (
              <p className="tb-field-error" role="alert">
                {t('cases.portal.apply.situation.required')}
              </p>
            )}
          </fieldset>
        );
      })}
    </StepFrame>
  );
}
