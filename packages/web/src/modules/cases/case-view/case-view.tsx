import '../cases.css';
import '../case-pages.css';
import type { CaseDetail } from '@tongban/domain';
import { Alert, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../../api/client.ts';
import { StatusResult } from '../../../ui/status-result.tsx';
import { useDocumentTitle } from '../../../ui/use-document-title.ts';
import { CaseStatusTag } from '../badge.tsx';
import { useSuppliesOf } from '../case-supplies.ts';
import { useCase } from '../cases.api.ts';
import { DepartmentName } from '../department-name.tsx';
import { caseErrorMessage, formatDate, formatDateTime, loc, paren } from '../labels.ts';
import { CaseMaterials } from './case-materials.tsx';
import { CaseTimeline } from './case-timeline.tsx';
import { ResultPanel } from './result-panel.tsx';
import { SupplementPanel } from './supplement-panel.tsx';
import { WithdrawAction } from './withdraw-action.tsx';

/** The steps running now, each with its department and due date. */
function CurrentSteps({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const running = detail.steps.filter((s) => s.state === 'open' || s.state === 'suspended');
  if (running.length === 0) return null;
  return (
    <ul className="tb-plain-list" data-testid="current-steps">
      {running.map((s) => (
        <li key={s.id}>
          <strong>{loc(s.name, lang)}</strong> · <DepartmentName id={s.departmentId} />
          {s.state === 'suspended' &&
            ` · ${detail.status === 'supplement_requested' ? t('cases.portal.detail.waitingForYou') : t('cases.portal.detail.stepSuspended')}`}
          {s.dueDate && ` · ${t('cases.portal.detail.dueBy', { date: formatDate(s.dueDate, lang) })}`}
        </li>
      ))}
    </ul>
  );
}

/** One-go service: each member case in its own department, running at the same time. */
function Members({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <ul className="tb-apply-list" data-testid="case-members">
      {detail.members.map((m) => (
        <li key={m.caseId} className="tb-apply-item">
          <div className="tb-apply-item-name">
            <Link to={`/my/cases/${m.caseId}`} className="tb-apply-item-title">
              {loc(m.itemName, lang)}
            </Link>
            <CaseStatusTag status={m.status} />
          </div>
          <p className="tb-apply-item-note tb-muted">
            {m.trackingNumber} · <DepartmentName id={m.departmentId} />
            {m.expectedCompletionDate && ` · ${t('cases.portal.detail.dueBy', { date: formatDate(m.expectedCompletionDate, lang) })}`}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** "My case": status, what is running and due, what the applicant can do now, materials and the full timeline. */
export function CaseView({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const query = useCase(caseId);
  const detail = query.data;
  const supplies = useSuppliesOf(detail);
  useDocumentTitle(detail ? loc(detail.itemName, lang) : t('cases.portal.detail.title'));

  if (query.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <StatusResult kind="notFound" />;
    return <Alert type="error" showIcon role="alert" title={caseErrorMessage(t, query.error, lang)} />;
  }
  const c = query.data;
  const can = (action: string) => c.allowedActions.some((a) => a.action === action);

  return (
    <article className="tb-stack tb-case" data-testid="case-view" data-status={c.status}>
      <nav aria-label={t('catalogue.guide.breadcrumb')} className="tb-breadcrumb">
        <Link to="/">{t('nav.home')}</Link> / <Link to="/my/cases">{t('cases.portal.nav.myCases')}</Link> /{' '}
        <span aria-current="page">{c.trackingNumber}</span>
      </nav>
      <header className="tb-case-header">
        <div>
          <h1 className="tb-page-title">{loc(c.itemName, lang)}</h1>
          <p className="tb-muted">
            {t('cases.portal.trackingNumber')}{' '}
            <span className="tb-case-mono" data-testid="case-tracking-number">
              {c.trackingNumber}
            </span>
          </p>
        </div>
        <CaseStatusTag status={c.status} testId="case-status" />
      </header>

      <dl className="tb-receipt-facts tb-case-facts">
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
          <dt>{c.concludedAt ? t('cases.portal.detail.concludedAt') : t('cases.portal.expected')}</dt>
          <dd data-testid="case-due">
            {c.concludedAt
              ? formatDateTime(c.concludedAt, lang)
              : c.clockStopped
                ? t('cases.portal.detail.clockStopped')
                : formatDate(c.expectedCompletionDate, lang)}
          </dd>
        </div>
        <div>
          <dt>{t('cases.portal.detail.visits')}</dt>
          <dd data-testid="case-visits">{t('cases.portal.detail.visitCount', { count: c.visits.length })}</dd>
        </div>
        {c.applicant.enterpriseName && (
          <div>
            <dt>{t('cases.portal.applicant')}</dt>
            <dd>{`${c.applicant.enterpriseName}${paren(c.applicant.name, lang)}`}</dd>
          </div>
        )}
      </dl>

      {c.supplementRequest && c.status === 'supplement_requested' && (
        <SupplementPanel detail={c} request={c.supplementRequest} canSupply={can('supply_supplement')} />
      )}
      {c.result && <ResultPanel detail={c} result={c.result} />}

      {!c.concludedAt && !c.isBundle && (
        <section aria-labelledby="case-now" className="tb-panel-plain">
          <h2 id="case-now" className="tb-section-title">
            {t('cases.portal.detail.now')}
          </h2>
          <CurrentSteps detail={c} />
          {c.steps.every((s) => s.state !== 'open' && s.state !== 'suspended') && (
            <p className="tb-muted">{t('cases.portal.detail.waiting')}</p>
          )}
        </section>
      )}
      {c.members.length > 0 && (
        <section aria-labelledby="case-members" className="tb-panel-plain">
          <h2 id="case-members" className="tb-section-title">
            {t('cases.portal.detail.members', { count: c.members.length })}
          </h2>
          <Members detail={c} />
        </section>
      )}

      <section aria-labelledby="case-materials" className="tb-panel-plain">
        <h2 id="case-materials" className="tb-section-title">
          {t('cases.portal.detail.materials')}
        </h2>
        <CaseMaterials detail={c} supplies={supplies.data} />
      </section>

      <section aria-labelledby="case-timeline" className="tb-panel-plain">
        <h2 id="case-timeline" className="tb-section-title">
          {t('cases.portal.detail.timeline')}
        </h2>
        <CaseTimeline detail={c} />
      </section>

      {can('withdraw') && (
        <section aria-labelledby="case-withdraw" className="tb-panel-plain">
          <h2 id="case-withdraw" className="tb-section-title">
            {t('cases.portal.withdraw.heading')}
          </h2>
          <p className="tb-muted">{t('cases.portal.withdraw.help')}</p>
          <WithdrawAction detail={c} />
        </section>
      )}
    </article>
  );
}
