import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, FileSearchOutlined } from '@ant-design/icons';
import type { CaseDetail } from '@tongban/domain';
import { useTranslation } from 'react-i18next';
import { resultUrl } from '../cases.api.ts';
import { formatDateTime } from '../labels.ts';

type Result = NonNullable<CaseDetail['result']>;

/** The decision once the case is concluded, with the printable result to view or save. */
export function ResultPanel({ detail, result }: { detail: CaseDetail; result: Result }) {
  const { t, i18n } = useTranslation();
  const good = result.outcome === 'approved' || result.outcome === 'partially_approved';
  const Icon = good ? CheckCircleFilled : CloseCircleFilled;
  const url = resultUrl(detail.id);
  return (
    <section
      className={`tb-case-result ${good ? 'tb-case-result-good' : 'tb-case-result-bad'}`}
      aria-labelledby="result-title"
      data-testid="result-panel"
    >
      <h2 id="result-title" className="tb-section-title">
        <Icon aria-hidden /> {t('cases.portal.result.heading', { outcome: t(`cases.portal.outcome.${result.outcome}`) })}
      </h2>
      <dl className="tb-receipt-facts">
        <div>
          <dt>{t('cases.portal.result.decidedAt')}</dt>
          <dd>{formatDateTime(result.decidedAt, i18n.language)}</dd>
        </div>
        {result.certificateNumber && (
          <div>
            <dt>{t('cases.portal.result.certificateNumber')}</dt>
            <dd>{result.certificateNumber}</dd>
          </div>
        )}
        <div>
          <dt>{t('cases.portal.result.reasons')}</dt>
          <dd>{result.reasons}</dd>
        </div>
        {result.legalBasis.length > 0 && (
          <div>
            <dt>{t('cases.portal.result.legalBasis')}</dt>
            <dd>{result.legalBasis.map((l) => `${l.law}${l.article ? ` ${l.article}` : ''}`).join(t('cases.portal.listSeparator'))}</dd>
          </div>
        )}
      </dl>
      <p className="tb-case-result-links">
        {/* Real links: the server renders the printable certificate (HTML), opened in a new tab or saved. */}
        <a className="tb-link-button tb-link-button-primary" href={url} target="_blank" rel="noopener">
          <FileSearchOutlined aria-hidden /> {t('cases.portal.result.view')}
        </a>
        <a className="tb-link-button" href={url} download={`${detail.trackingNumber}.html`}>
          <DownloadOutlined aria-hidden /> {t('cases.portal.result.download')}
        </a>
      </p>
    </section>
  );
}
