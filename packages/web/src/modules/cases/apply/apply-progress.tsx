import { Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import { phoneQuery, useMediaQuery } from '../../../ui/use-media-query.ts';
import type { StepKey } from './apply-model.ts';

/** Where the applicant is: the steps in a row on wide screens, "step 2 of 5" on phones. */
export function ApplyProgress({ steps, current }: { steps: StepKey[]; current: number }) {
  const { t } = useTranslation();
  const phone = useMediaQuery(phoneQuery);
  const title = (s: StepKey) => t(`cases.portal.apply.steps.${s}`);
  if (phone) {
    return (
      <p className="tb-apply-progress-phone" data-testid="apply-progress">
        {t('cases.portal.apply.stepOf', { n: current + 1, total: steps.length })}
        <progress value={current + 1} max={steps.length} aria-hidden />
      </p>
    );
  }
  return (
    <nav aria-label={t('cases.portal.apply.progress')} className="tb-apply-progress" data-testid="apply-progress">
      <Steps
        size="small"
        current={current}
        items={steps.map((s, i) => ({
          // antd marks the current step only visually; the words say it to screen readers.
          title:
            i === current ? (
              <>
                {title(s)}
                <span className="tb-visually-hidden">{t('cases.portal.apply.currentStep')}</span>
              </>
            ) : (
              title(s)
            ),
        }))}
      />
    </nav>
  );
}
