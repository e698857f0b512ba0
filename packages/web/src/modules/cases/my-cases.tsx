import './cases.css';
import './case-pages.css';
import { DeleteOutlined, EditOutlined, FileSearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Pagination, Popconfirm, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ButtonLink } from '../../ui/button-link.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { useItemGuide } from '../catalogue/index.ts';
import { CaseStatusTag } from './badge.tsx';
import { useDeleteDraft, useDrafts, useMyCases } from './cases.api.ts';
import { caseErrorMessage, formatDate, formatDateTime, formatDayOf, loc } from './labels.ts';

/** Drafts keep the item code only; the name comes from the (cached) public guide. */
function ItemName({ code }: { code: string }) {
  const { i18n } = useTranslation();
  const guide = useItemGuide(code);
  return <>{guide.data ? loc(guide.data.content.name, i18n.language) : code}</>;
}

/** Saved, unsubmitted applications: resume or delete (they are purged after the retention period). */
function MyDrafts() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const drafts = useDrafts();
  const remove = useDeleteDraft();
  if (drafts.isPending || !drafts.data || drafts.data.length === 0) return null;
  return (
    <section aria-labelledby="my-drafts" className="tb-panel-plain">
      <h2 id="my-drafts" className="tb-section-title">
        {t('cases.portal.drafts.title', { count: drafts.data.length })}
      </h2>
      <ul className="tb-apply-list" data-testid="my-drafts">
        {drafts.data.map((d) => (
          <li key={d.id} className="tb-apply-item tb-row-item">
            <div>
              <p className="tb-apply-item-title">
                <ItemName code={d.itemCode} />
              </p>
              <p className="tb-muted tb-apply-item-note">
                {t('cases.portal.drafts.savedAt', { at: formatDateTime(d.updatedAt, lang) })} ·{' '}
                {t('cases.portal.drafts.purgeAfter', { date: formatDateTime(d.purgeAfter, lang) })}
              </p>
            </div>
            <div className="tb-row-actions">
              <ButtonLink to={`/apply/${d.itemCode}?draft=${d.id}`} icon={<EditOutlined aria-hidden />}>
                {t('cases.portal.drafts.resume')}
                <span className="tb-visually-hidden">
                  ：<ItemName code={d.itemCode} />
                </span>
              </ButtonLink>
              <Popconfirm
                title={t('cases.portal.drafts.confirmDelete')}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => remove.mutate(d.id, { onError: (e) => void message.error(caseErrorMessage(t, e, lang)) })}
              >
                <Button icon={<DeleteOutlined aria-hidden />}>
                  {t('cases.portal.drafts.delete')}
                  <span className="tb-visually-hidden">
                    ：<ItemName code={d.itemCode} />
                  </span>
                </Button>
              </Popconfirm>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "My cases": every application of the person and their enterprises, newest first, with status and dates. */
export function MyCases() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [page, setPage] = useState(1);
  const cases = useMyCases(page);
  useDocumentTitle(t('cases.portal.mine.title'));

  return (
    <div className="tb-stack" data-testid="my-cases">
      <header className="tb-case-header">
        <h1 className="tb-page-title">{t('cases.portal.mine.title')}</h1>
        <ButtonLink to="/services" type="primary" icon={<FileSearchOutlined aria-hidden />}>
          {t('cases.portal.mine.newApplication')}
        </ButtonLink>
      </header>
      <MyDrafts />
      <section aria-labelledby="my-cases-list" className="tb-panel-plain">
        <h2 id="my-cases-list" className="tb-section-title">
          {t('cases.portal.mine.submitted')}
          {cases.data && <span className="tb-apply-count">{cases.data.total}</span>}
        </h2>
        {cases.isPending ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : cases.isError ? (
          <Alert type="error" showIcon role="alert" title={caseErrorMessage(t, cases.error, lang)} />
        ) : cases.data.items.length === 0 ? (
          <Empty description={t('cases.portal.mine.none')} />
        ) : (
          <>
            <ul className="tb-case-list" data-testid="case-list">
              {cases.data.items.map((c) => (
                <li key={c.id} className="tb-case-card" data-testid="case-row">
                  <div className="tb-case-card-head">
                    <Link to={`/my/cases/${c.id}`} className="tb-case-card-title">
                      {loc(c.itemName, lang)}
                    </Link>
                    <CaseStatusTag status={c.status} />
                  </div>
                  <dl className="tb-case-card-facts">
                    <div>
                      <dt>{t('cases.portal.trackingNumber')}</dt>
                      <dd className="tb-case-mono">{c.trackingNumber}</dd>
                    </div>
                    <div>
                      <dt>{t('cases.portal.submittedAt')}</dt>
                      <dd>{formatDayOf(c.submittedAt, lang)}</dd>
                    </div>
                    <div>
                      <dt>{t('cases.portal.expected')}</dt>
                      <dd>{c.expectedCompletionDate ? formatDate(c.expectedCompletionDate, lang) : '—'}</dd>
                    </div>
                    {c.enterpriseName && (
                      <div>
                        <dt>{t('cases.portal.applicant')}</dt>
                        <dd>{c.enterpriseName}</dd>
                      </div>
                    )}
                  </dl>
                </li>
              ))}
            </ul>
            {cases.data.total > cases.data.pageSize && (
              <Pagination
                current={page}
                pageSize={cases.data.pageSize}
                total={cases.data.total}
                onChange={setPage}
                showSizeChanger={false}
                className="tb-pagination"
              />
            )}
          </>
        )}
      </section>
    </div>
  );
}
