import { DownloadOutlined } from '@ant-design/icons';
import type { CaseDetail } from '@tongban/domain';
import { useTranslation } from 'react-i18next';
import { type Supply, supplyOfMaterial } from '../../datahub/index.ts';
import { Badge } from '../badge.tsx';
import { materialFileUrl } from '../cases.api.ts';
import { ProvidedBy } from '../department-name.tsx';
import { formatBytes, formatDateTime, loc, paren } from '../labels.ts';

type Material = CaseDetail['materials'][number];

/** Where a material came from: "obtained from <department>" for shared data, the file for uploads. */
function Provenance({ caseId, material, supply }: { caseId: string; material: Material; supply: Supply | undefined }) {
  const { t, i18n } = useTranslation();
  if (material.provenance === 'datahub') {
    return (
      <span data-testid="material-provenance">
        {supply ? (
          <ProvidedBy id={supply.providerDepartmentId} fallback={supply.providerDepartmentName} />
        ) : (
          t('cases.portal.provenance.datahub')
        )}
        {supply?.resourceName && <span className="tb-muted">{paren(loc(supply.resourceName, i18n.language), i18n.language)}</span>}
      </span>
    );
  }
  if (material.provenance === 'applicant' || material.provenance === 'window') {
    return (
      <span data-testid="material-provenance">
        {t(`cases.portal.provenance.${material.provenance}`)}
        {material.fileName && (
          <>
            {' · '}
            <a href={materialFileUrl(caseId, material.id)} target="_blank" rel="noopener" download={material.fileName}>
              <DownloadOutlined aria-hidden /> {material.fileName}
            </a>
            {material.sizeBytes !== null && <span className="tb-muted"> · {formatBytes(material.sizeBytes)}</span>}
          </>
        )}
      </span>
    );
  }
  return <span data-testid="material-provenance">{t(`cases.portal.provenance.${material.provenance}`)}</span>;
}

/** The case's materials: shared ones with their source department, uploads with their files, older versions marked. */
export function CaseMaterials({ detail, supplies }: { detail: CaseDetail; supplies: Supply[] | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (detail.materials.length === 0) return <p className="tb-muted">{t('cases.portal.detail.noMaterials')}</p>;
  return (
    <ul className="tb-apply-list" data-testid="case-materials">
      {detail.materials.map((m) => (
        <li key={m.id} className={`tb-apply-item${m.state === 'replaced' ? ' tb-apply-item-old' : ''}`} data-testid="case-material">
          <div className="tb-apply-item-name">
            <span className="tb-apply-item-title">{loc(m.name, lang) || m.materialId}</span>
            {m.state === 'pending' && <Badge tone="warn">{t('cases.portal.materialPending')}</Badge>}
            {m.state === 'replaced' && <Badge tone="neutral">{t('cases.portal.materialReplaced')}</Badge>}
          </div>
          <p className="tb-apply-item-note">
            <Provenance caseId={detail.id} material={m} supply={supplyOfMaterial(supplies, m.sourceRef)} />
          </p>
          <p className="tb-apply-item-note tb-muted">{formatDateTime(m.suppliedAt, lang)}</p>
        </li>
      ))}
    </ul>
  );
}
