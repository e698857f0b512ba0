import { LockOutlined } from '@ant-design/icons';
import { Alert, Checkbox } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FetchPreview, useGiveConsent } from '../../datahub/index.ts';
import { DepartmentName } from '../department-name.tsx';
import { caseErrorMessage, loc, paren } from '../labels.ts';
import { StepFrame, type StepNavigation } from './step-frame.tsx';

type HubMaterial = FetchPreview['materials'][number];

/**
 * Step 5 (only when the law asks for it): what will be fetched that needs the applicant's own
 * consent — which data, from which department, which fields — and their authorisation.
 */
export function StepConsent({
  itemCode,
  enterpriseCreditCode,
  materials,
  nav,
  onNext,
}: {
  itemCode: string;
  enterpriseCreditCode: string | undefined;
  materials: HubMaterial[];
  nav: StepNavigation;
  onNext: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const consent = useGiveConsent();
  const given = materials.every((m) => m.consentGiven);
  const [agreed, setAgreed] = useState(false);
  const [error, setError] = useState<string>();

  const next = async () => {
    if (given) {
      onNext();
      return;
    }
    if (!agreed) {
      setError(t('cases.portal.apply.consent.tickFirst'));
      return;
    }
    setError(undefined);
    try {
      await consent.mutateAsync({ item: itemCode, enterpriseCreditCode });
      onNext();
    } catch (e) {
      setError(caseErrorMessage(t, e, lang));
    }
  };

  return (
    <StepFrame
      title={t('cases.portal.apply.steps.consent')}
      intro={t('cases.portal.apply.consent.intro')}
      nav={nav}
      testId="step-consent"
      error={error}
      onNext={() => void next()}
      nextLoading={consent.isPending}
      nextLabel={given ? undefined : t('cases.portal.apply.consent.agreeAndContinue')}
    >
      <ul className="tb-apply-list">
        {materials.map((m) => (
          <li key={m.materialId} className="tb-apply-item" data-testid="consent-material">
            <div className="tb-apply-item-name">
              <LockOutlined aria-hidden /> <span className="tb-apply-item-title">{loc(m.materialName, lang)}</span>
            </div>
            <p className="tb-apply-item-note">
              {t('cases.portal.apply.consent.from')}
              <strong>
                <DepartmentName id={m.providerDepartmentId} fallback={m.providerDepartmentName} />
              </strong>
              {m.resourceName && paren(loc(m.resourceName, lang), lang)}
            </p>
            <p className="tb-apply-item-note">
              {t('cases.portal.apply.consent.fields')}
              {m.fields.map((f) => loc(f.label, lang)).join(t('cases.portal.listSeparator'))}
            </p>
          </li>
        ))}
      </ul>
      {given ? (
        <Alert type="success" showIcon title={t('cases.portal.apply.consent.alreadyGiven')} />
      ) : (
        <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)} className="tb-consent-check">
          {t('cases.portal.apply.consent.agree')}
        </Checkbox>
      )}
    </StepFrame>
  );
}
