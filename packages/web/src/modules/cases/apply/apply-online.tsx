import '../cases.css';
import type { Me } from '@tongban/domain';
import { Alert, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../../api/client.ts';
import { ButtonLink } from '../../../ui/button-link.tsx';
import { StatusResult } from '../../../ui/status-result.tsx';
import { useDocumentTitle } from '../../../ui/use-document-title.ts';
import { useItemGuide } from '../../catalogue/index.ts';
import { Badge } from '../badge.tsx';
import { useDraft, useDrafts } from '../cases.api.ts';
import { caseErrorMessage, formatDateTime, loc } from '../labels.ts';
import { ApplyWizard } from './apply-wizard.tsx';

/** Other saved drafts of this item, offered before starting afresh. */
function DraftsOfItem({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const drafts = useDrafts();
  const mine = (drafts.data ?? []).filter((d) => d.itemCode === code);
  if (mine.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      className="tb-apply-note"
      title={t('cases.portal.apply.hasDrafts', { count: mine.length })}
      description={
        <ul className="tb-plain-list">
          {mine.map((d) => (
            <li key={d.id}>
              <Link to={`/apply/${code}?draft=${d.id}`}>
                {t('cases.portal.drafts.resumeSaved', { at: formatDateTime(d.updatedAt, i18n.language) })}
              </Link>
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** The "apply online" page body: the item's header, then the wizard (fresh, or resuming a draft). */
export function ApplyOnline({ code, me, draftId }: { code: string; me: Me; draftId: string | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const guide = useItemGuide(code);
  const draft = useDraft(draftId);
  const name = guide.data ? loc(guide.data.content.name, lang) : '';
  useDocumentTitle(name ? t('cases.portal.apply.documentTitle', { name }) : t('cases.portal.apply.title'));

  if (guide.isPending || (draftId && draft.isPending)) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (guide.isError) {
    if (isApiError(guide.error) && guide.error.status === 404) return <StatusResult kind="notFound" />;
    return <Alert type="error" showIcon role="alert" title={caseErrorMessage(t, guide.error, lang)} />;
  }
  const item = guide.data;
  const online = item.content.channels.includes('online');

  return (
    <div className="tb-stack tb-apply-page">
      <nav aria-label={t('catalogue.guide.breadcrumb')} className="tb-breadcrumb">
        <Link to="/">{t('nav.home')}</Link> / <Link to="/services">{t('nav.services')}</Link> / <Link to={`/services/${code}`}>{name}</Link>{' '}
        / <span aria-current="page">{t('cases.portal.apply.title')}</span>
      </nav>
      <header className="tb-apply-header">
        <p className="tb-muted tb-apply-kicker">
          {item.bundle && <Badge tone="info">{t('catalogue.bundle')}</Badge>}
          {t('cases.portal.apply.title')} · {loc(item.department.name, lang)}
        </p>
        <h1 className="tb-page-title">{name}</h1>
      </header>
      {!online ? (
        <Alert
          type="warning"
          showIcon
          title={t('cases.portal.apply.notOnline')}
          description={<ButtonLink to={`/services/${code}`}>{t('cases.portal.apply.seeGuide')}</ButtonLink>}
        />
      ) : draftId && draft.isError ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('cases.portal.apply.draftGone')}
          description={<Link to={`/apply/${code}`}>{t('cases.portal.apply.startFresh')}</Link>}
        />
      ) : (
        <>
          {!draftId && <DraftsOfItem code={code} />}
          <ApplyWizard key={draftId ?? 'new'} guide={item} me={me} draft={draft.data} />
        </>
      )}
    </div>
  );
}
