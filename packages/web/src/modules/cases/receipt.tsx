import './cases.css';
import './case-pages.css';
import { CheckCircleFilled, CopyOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { ButtonLink } from '../../ui/button-link.tsx';
import { StatusResult } from '../../ui/status-result.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { supplyOfMaterial } from '../datahub/index.ts';
import { useSuppliesOf } from './case-supplies.ts';
import { useCase } from './cases.api.ts';
import { DepartmentName, ProvidedBy } from './department-name.tsx';
import { caseErrorMessage, formatDate, formatDateTime, loc, paren } from './labels.ts';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The receipt (受理回执) after filing: the tracking number — large, copyable, printable (case-pages.css
 * has the print rules) — the promised date, and what happens next.
 */
export function CaseReceipt({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const query = useCase(caseId);
  const supplies = useSuppliesOf(query.data);
  useDocumentTitle(t('cases.portal.receipt.title'));

  if (query.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <StatusResult kind="notFound" />;
    return <Alert type="error" showIcon role="alert" title={caseErrorMessage(t, query.error, lang)} />;
  }
  const c = query.data;
  const accept = c.steps.find((s) => s.kind === 'accept');
  const platform = c.materials.filter((m) => m.provenance !== 'applicant' && m.state !== 'replaced');
  const immediate = c.promisedDays === 0;

  return (
    <article className="tb-receipt tb-stack" data-testid="case-receipt">
      <header className="tb-receipt-head">
        <CheckCircleFilled aria-hidden className="tb-receipt-icon" />
        <div>
          <h1 className="tb-page-title">{t('cases.portal.receipt.title')}</h1>
          <p className="tb-muted">{t('cases.portal.receipt.lead', { item: loc(c.itemName, lang) })}</p>
        </div>
      </header>

      <section className="tb-receipt-number" aria-labelledby="receipt-number-label">
        <h2 id="receipt-number-label" className="tb-receipt-label">
          {t('cases.portal.trackingNumber')}
        </h2>
        <p className="tb-tracking-number" data-testid="tracking-number">
          {c.trackingNumber}
        </p>
        <div className="tb-receipt-actions tb-no-print">
          <Button
            icon={<CopyOutlined aria-hidden />}
            onClick={async () => {
              const ok = await copyText(c.trackingNumber);
              void (ok ? message.success(t('cases.portal.receipt.copied')) : message.error(t('cases.portal.receipt.copyFailed')));
            }}
          >
            {t('cases.portal.receipt.copy')}
          </Button>
          <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
            {t('cases.portal.receipt.print')}
          </Button>
        </div>
        <p className="tb-muted">{t('cases.portal.receipt.keepIt')}</p>
      </section>

      <dl className="tb-receipt-facts">
        <div>
          <dt>{t('cases.portal.item')}</dt>
          <dd>{loc(c.itemName, lang)}</dd>
        </div>
        <div>
          <dt>{t('cases.portal.applicant')}</dt>
          <dd>{c.applicant.enterpriseName ? `${c.applicant.enterpriseName}${paren(c.applicant.name, lang)}` : c.applicant.name}</dd>
        </div>
        <div>
          <dt>{t('cases.portal.submittedAt')}</dt>
          <dd>{formatDateTime(c.submittedAt, lang)}</dd>
        </div>
        <div>
          <dt>{t('cases.portal.responsible')}</dt>
          <dd>
            <DepartmentName id={c.responsibleDepartmentId} />
          </dd>
        </div>
        <div>
          <dt>{t('cases.portal.expected')}</dt>
          <dd data-testid="receipt-expected">
            <strong>{formatDate(c.expectedCompletionDate, lang)}</strong>
            <span className="tb-muted">
              {immediate ? t('cases.portal.receipt.immediate') : t('cases.portal.receipt.promisedDays', { count: c.promisedDays })}
            </span>
          </dd>
        </div>
      </dl>

      <section aria-labelledby="receipt-next" className="tb-panel-plain">
        <h2 id="receipt-next" className="tb-section-title">
          {t('cases.portal.receipt.next')}
        </h2>
        <ol className="tb-receipt-steps">
          <li>
            {t('cases.portal.receipt.nextAccept')}
            {accept?.dueDate && t('cases.portal.receipt.by', { date: formatDate(accept.dueDate, lang) })}
          </li>
          <li>{t('cases.portal.receipt.nextSupplement')}</li>
          <li>{t(c.delivery.method === 'mail' ? 'cases.portal.receipt.nextMail' : 'cases.portal.receipt.nextDownload')}</li>
        </ol>
      </section>

      {platform.length > 0 && (
        <section aria-labelledby="receipt-shared" className="tb-panel-plain">
          <h2 id="receipt-shared" className="tb-section-title">
            {t('cases.portal.receipt.shared', { count: platform.length })}
          </h2>
          <ul className="tb-plain-list" data-testid="receipt-shared">
            {platform.map((m) => {
              const supply = supplyOfMaterial(supplies.data, m.sourceRef);
              return (
                <li key={m.id}>
                  {loc(m.name, lang) || m.materialId} —{' '}
                  {supply ? (
                    <ProvidedBy id={supply.providerDepartmentId} fallback={supply.providerDepartmentName} />
                  ) : (
                    t(`cases.portal.provenance.${m.provenance}`)
                  )}
                  {m.state === 'pending' && <span className="tb-muted">{paren(t('cases.portal.materialPending'), lang)}</span>}
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <div className="tb-receipt-actions tb-no-print">
        <ButtonLink type="primary" to={`/my/cases/${c.id}`}>
          {t('cases.portal.receipt.follow')}
        </ButtonLink>
        <ButtonLink to="/my/cases">{t('cases.portal.nav.myCases')}</ButtonLink>
      </div>
    </article>
  );
}
