import { ArrowLeftOutlined, ArrowRightOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export type StepNavigation = {
  onBack?: (() => void) | undefined;
  /** False for the step shown on arrival: the page, not the step, has the focus then. */
  focusHeading?: boolean;
  onSaveDraft?: (() => void) | undefined;
  savingDraft?: boolean;
};

/**
 * One step of the wizard: its heading (focused when the step opens, so screen readers announce
 * where the applicant is), the content, and Back / Save draft / Next.
 */
export function StepFrame({
  title,
  intro,
  children,
  nav,
  onNext,
  nextLabel,
  nextLoading,
  nextDisabled,
  error,
  testId,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  nav: StepNavigation;
  onNext: () => void;
  nextLabel?: string;
  nextLoading?: boolean;
  nextDisabled?: boolean;
  error?: string | undefined;
  testId?: string;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const focusHeading = nav.focusHeading ?? true;
  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [focusHeading]);
  return (
    <section className="tb-apply-step" aria-labelledby="apply-step-title" data-testid={testId}>
      <h2 id="apply-step-title" ref={heading} tabIndex={-1} className="tb-apply-step-title">
        {title}
      </h2>
      {intro && <div className="tb-muted tb-apply-intro">{intro}</div>}
      {children}
      {error && <Alert type="error" showIcon role="alert" title={error} className="tb-apply-error" />}
      <div className="tb-apply-footer">
        {nav.onBack && (
          <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={nav.onBack}>
            {t('cases.portal.apply.back')}
          </Button>
        )}
        <span className="tb-apply-footer-spacer" />
        {nav.onSaveDraft && (
          <Button icon={<SaveOutlined aria-hidden />} onClick={nav.onSaveDraft} loading={nav.savingDraft}>
            {t('cases.portal.apply.saveDraft')}
          </Button>
        )}
        <Button type="primary" onClick={onNext} loading={nextLoading} disabled={nextDisabled}>
          {nextLabel ?? t('cases.portal.apply.next')}
          {!nextLabel && <ArrowRightOutlined aria-hidden />}
        </Button>
      </div>
    </section>
  );
}
