import './datahub.css';
import { AuditOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Skeleton, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/api-errors.ts';
import { useDepartmentName } from '../identity/index.ts';
import { type UsageEntry, useMyDataUsage } from './datahub.api.ts';
import { fieldLabel } from './field-labels.ts';
import { ObjectionDialog } from './objection-dialog.tsx';

function loc(text: { zh: string; en: string } | null | undefined, language: string): string {
  if (!text) return '';
  return language.startsWith('en') ? text.en || text.zh : text.zh;
}

type Enterprise = { creditCode: string; name: string };

/** Purposes are written `中文 / English` by the hub; show the reader's half. */
function purposeIn(purpose: string | null, language: string): string {
  if (!purpose) return '—';
  const at = purpose.indexOf(' / ');
  if (at < 0) return purpose;
  return language.startsWith('en') ? purpose.slice(at + 3) : purpose.slice(0, at);
}

function Entry({
  entry,
  enterprises,
  renderCase,
  onObject,
}: {
  entry: UsageEntry;
  enterprises: Enterprise[];
  renderCase: ((caseId: string) => ReactNode) | undefined;
  onObject: (entry: UsageEntry, describe: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const at = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(
    new Date(entry.at),
  );
  const consumer =
    useDepartmentName(entry.consumerDepartmentId, entry.consumerDepartmentName, lang) ?? t('datahub.citizen.unknownDepartment');
  const provider = useDepartmentName(entry.providerDepartmentId, null, lang) ?? entry.providerDepartmentId ?? '';
  const enterprise = enterprises.find((e) => e.creditCode === entry.subject);
  const ok = entry.result === 'ok';
  const resource = loc(entry.resourceName, lang) || entry.resource;
  const fields = entry.fields.map((f) => fieldLabel(entry.resource, f, lang)).join(t('datahub.citizen.listSeparator'));
  return (
    <li className="tb-datause-entry" data-testid="usage-entry" data-case={entry.caseId ?? ''} data-result={entry.result}>
      <div className="tb-datause-head">
        <h3 className="tb-datause-who">{consumer}</h3>
        <Tag className={`tb-badge ${ok ? 'tb-badge-ok' : 'tb-badge-bad'}`}>
          {ok
            ? t('datahub.citizen.result.ok')
            : t(`datahub.citizen.result.${entry.result}`, { defaultValue: t('datahub.citizen.result.other') })}
        </Tag>
        <Tag className="tb-badge tb-badge-neutral" data-testid="usage-channel">
          {t(`datahub.citizen.channel.${entry.channel}`, { defaultValue: entry.channel })}
        </Tag>
        <time className="tb-muted tb-datause-time" dateTime={entry.at}>
          {at}
        </time>
      </div>
      <dl className="tb-datause-facts">
        <div>
          <dt>{t('datahub.citizen.data')}</dt>
          <dd>
            {resource}
            {entry.providerDepartmentId && <span className="tb-muted">{t('datahub.citizen.heldBy', { department: provider })}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('datahub.citizen.fields')}</dt>
          <dd data-testid="usage-fields">{fields}</dd>
        </div>
        <div>
          <dt>{t('datahub.citizen.purpose')}</dt>
          <dd>{purposeIn(entry.purpose, lang)}</dd>
        </div>
        {entry.actorName && (
          <div>
            <dt>{t('datahub.citizen.staffMember')}</dt>
            <dd data-testid="usage-staff">{entry.actorName}</dd>
          </div>
        )}
        {entry.caseId && (
          <div>
            <dt>{t('datahub.citizen.case')}</dt>
            <dd data-testid="usage-case">{renderCase ? renderCase(entry.caseId) : entry.caseId}</dd>
          </div>
        )}
        {/* Only an enterprise's data needs saying so; everything else is about the reader. */}
        {enterprise && (
          <div>
            <dt>{t('datahub.citizen.about')}</dt>
            <dd>{enterprise.name}</dd>
          </div>
        )}
      </dl>
      <div className="tb-datause-objection">
        {entry.objection ? (
          <Tag className="tb-badge tb-badge-warn" data-testid="objection-status">
            {t('datahub.citizen.objection.status', {
              status: t(`datahub.citizen.objection.statuses.${entry.objection.status}`, { defaultValue: entry.objection.status }),
            })}
          </Tag>
        ) : (
          <Button
            size="small"
            onClick={() => onObject(entry, t('datahub.citizen.objection.about', { who: consumer, data: resource, at }))}
            aria-label={t('datahub.citizen.objection.buttonNamed', { who: consumer, at })}
          >
            {t('datahub.citizen.objection.button')}
          </Button>
        )}
      </div>
    </li>
  );
}

/**
 * 数据使用记录: every exchange about the person or the enterprises they act for — who, what for,
 * which case, which fields (names only, never values), when, with what result — each open to an
 * objection.
 */
export function DataUsageList({
  enterprises,
  renderCase,
}: {
  enterprises: Enterprise[];
  /** How to show a case (the page links it to the applicant's case page). */
  renderCase?: (caseId: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const usage = useMyDataUsage(page);
  const [objecting, setObjecting] = useState<{ entry: UsageEntry; describe: string }>();

  return (
    <div className="tb-datause" data-testid="data-usage">
      <header className="tb-datause-header">
        <AuditOutlined aria-hidden className="tb-datause-icon" />
        <div>
          <h1 className="tb-datause-title">{t('datahub.citizen.title')}</h1>
          <p className="tb-muted">{t('datahub.citizen.intro')}</p>
        </div>
      </header>
      {usage.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : usage.isError ? (
        <Alert type="error" showIcon role="alert" title={errorMessage(t, usage.error)} />
      ) : usage.data.items.length === 0 ? (
        <Empty description={t('datahub.citizen.none')} />
      ) : (
        <>
          <ul className="tb-datause-list" data-testid="usage-list">
            {usage.data.items.map((e) => (
              <Entry
                key={e.id}
                entry={e}
                enterprises={enterprises}
                renderCase={renderCase}
                onObject={(entry, describe) => setObjecting({ entry, describe })}
              />
            ))}
          </ul>
          {(page > 1 || usage.data.hasMore) && (
            <nav className="tb-datause-pages" aria-label={t('datahub.citizen.pages')}>
              <Button icon={<LeftOutlined aria-hidden />} disabled={page === 1} onClick={() => setPage((p) => p - 1)}>
                {t('datahub.citizen.newer')}
              </Button>
              <span>{t('datahub.citizen.page', { page })}</span>
              <Button disabled={!usage.data.hasMore} onClick={() => setPage((p) => p + 1)}>
                {t('datahub.citizen.older')} <RightOutlined aria-hidden />
              </Button>
            </nav>
          )}
        </>
      )}
      {objecting && <ObjectionDialog entry={objecting.entry} describe={objecting.describe} onClose={() => setObjecting(undefined)} />}
    </div>
  );
}
