import { CheckCircleFilled, FileTextOutlined } from '@ant-design/icons';
import type { GuideMaterial } from '@tongban/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FetchPreview } from '../../datahub/index.ts';
import { Badge } from '../badge.tsx';
import type { PreviewMaterial } from '../cases.api.ts';
import { ProvidedBy } from '../department-name.tsx';
import { FileField } from '../file-field.tsx';
import { loc, paren } from '../labels.ts';
import type { UploadedFile } from './apply-model.ts';
import { StepFrame, type StepNavigation } from './step-frame.tsx';

type HubMaterial = FetchPreview['materials'][number];

/** Where the platform gets a material: the data hub's department, the e-licence library, an earlier step. */
function PlatformSource({ source, hub }: { source: GuideMaterial['source'] | undefined; hub: HubMaterial | undefined }) {
  const { t, i18n } = useTranslation();
  if (hub) {
    return (
      <>
        <p className="tb-apply-item-note tb-apply-item-shared" data-testid="material-source">
          <ProvidedBy id={hub.providerDepartmentId} fallback={hub.providerDepartmentName} />
          {hub.resourceName && <span className="tb-muted">{paren(loc(hub.resourceName, i18n.language), i18n.language)}</span>}
        </p>
        {!hub.available && <p className="tb-apply-item-note tb-warning-text">{t('cases.portal.apply.materials.notAvailable')}</p>}
        {hub.consentRequired && <Badge tone="warn">{t('cases.portal.apply.materials.needsConsent')}</Badge>}
      </>
    );
  }
  const key = source?.kind === 'licence' ? 'licence' : source?.kind === 'earlier_step' ? 'earlierStep' : 'platform';
  return (
    <p className="tb-apply-item-note tb-apply-item-shared" data-testid="material-source">
      {t(`cases.portal.apply.materials.source.${key}`)}
    </p>
  );
}

/**
 * Step 4: the materials for these answers in two lists — what the platform already has (with the
 * department it comes from) and what to upload, each upload checked by the server as it is chosen.
 */
export function StepMaterials({
  materials,
  definition,
  hub,
  value,
  nav,
  onNext,
  onChange,
}: {
  materials: PreviewMaterial[];
  definition: GuideMaterial[];
  hub: FetchPreview | undefined;
  value: Record<string, UploadedFile>;
  nav: StepNavigation;
  onNext: (uploads: Record<string, UploadedFile>) => void;
  onChange: (uploads: Record<string, UploadedFile>) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [uploads, setUploads] = useState(value);
  const [tried, setTried] = useState(false);
  const platform = materials.filter((m) => m.supply === 'platform');
  const toUpload = materials.filter((m) => m.supply === 'upload');
  const missing = toUpload.filter((m) => m.requirement !== 'optional' && !uploads[m.materialId]);

  const set = (materialId: string, file: UploadedFile | undefined) => {
    const next = { ...uploads };
    if (file) next[materialId] = file;
    else delete next[materialId];
    setUploads(next);
    onChange(next);
  };

  return (
    <StepFrame
      title={t('cases.portal.apply.steps.materials')}
      intro={t('cases.portal.apply.materials.summary', { platform: platform.length, upload: toUpload.length })}
      nav={nav}
      testId="step-materials"
      error={tried && missing.length > 0 ? t('cases.portal.apply.materials.missing', { count: missing.length }) : undefined}
      onNext={() => {
        setTried(true);
        if (missing.length === 0) {
          // Only materials of this application: answers may have changed since a file was chosen.
          const kept = Object.fromEntries(Object.entries(uploads).filter(([id]) => toUpload.some((m) => m.materialId === id)));
          onNext(kept);
        }
      }}
    >
      <div className="tb-apply-materials-grid">
        <section aria-labelledby="materials-we-have" className="tb-apply-panel tb-apply-panel-shared">
          <h3 id="materials-we-have" className="tb-apply-list-heading">
            <CheckCircleFilled aria-hidden className="tb-apply-icon-ok" /> {t('cases.portal.apply.materials.weHave')}{' '}
            <span className="tb-apply-count">{platform.length}</span>
          </h3>
          <p className="tb-muted">{t('cases.portal.apply.materials.weHaveHelp')}</p>
          {platform.length === 0 ? (
            <p className="tb-muted">{t('cases.portal.apply.materials.noneShared')}</p>
          ) : (
            <ul className="tb-apply-list" data-testid="materials-we-have">
              {platform.map((m) => (
                <li key={m.materialId} className="tb-apply-item" data-testid="material-we-have">
                  <div className="tb-apply-item-name">
                    <span className="tb-apply-item-title">{loc(m.name, lang)}</span>
                  </div>
                  <PlatformSource
                    source={definition.find((d) => d.id === m.materialId)?.source}
                    hub={hub?.materials.find((h) => h.materialId === m.materialId)}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="materials-upload" className="tb-apply-panel">
          <h3 id="materials-upload" className="tb-apply-list-heading">
            <FileTextOutlined aria-hidden /> {t('cases.portal.apply.materials.pleaseUpload')}{' '}
            <span className="tb-apply-count">{toUpload.length}</span>
          </h3>
          <p className="tb-muted">{t('cases.portal.apply.materials.uploadHelp')}</p>
          {toUpload.length === 0 ? (
            <p>{t('cases.portal.apply.materials.nothingToUpload')}</p>
          ) : (
            <ul className="tb-apply-list" data-testid="materials-upload">
              {toUpload.map((m) => {
                const known = definition.find((d) => d.id === m.materialId);
                const name = loc(m.name, lang);
                return (
                  <li key={m.materialId} className="tb-apply-item" data-testid="material-upload">
                    <div className="tb-apply-item-name">
                      <span className="tb-apply-item-title">{name}</span>
                      {m.requirement === 'optional' && <Badge tone="neutral">{t('cases.portal.apply.materials.optional')}</Badge>}
                    </div>
                    {known && (
                      <p className="tb-apply-item-note">
                        {t(`catalogue.materialForm.${known.form}`)} · {t('catalogue.guide.copies', { count: known.count })}
                        {known.notes ? ` · ${known.notes}` : ''}
                      </p>
                    )}
                    <FileField
                      materialName={name}
                      value={uploads[m.materialId]}
                      onChange={(file) => set(m.materialId, file)}
                      missing={tried && m.requirement !== 'optional' && !uploads[m.materialId]}
                    />
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </div>
    </StepFrame>
  );
}
