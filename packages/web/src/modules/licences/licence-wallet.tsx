import './licences.css';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { Me } from '@tongban/domain';
import { Alert, Button, Empty, Flex, Select, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ButtonLink } from '../../ui/button-link.tsx';
import { Loading } from '../../ui/loading.tsx';
import { formatDate, LicenceStatusTag, licenceErrorMessage, loc, walletStatus } from './labels.tsx';
import { type LicenceStatus, type LicenceSummary, useMyLicences } from './licences.api.ts';

const MYSELF = '__myself__';

function LicenceCard({ licence }: { licence: LicenceSummary }) {
  const { t, i18n } = useTranslation();
  const name = loc(licence.name, i18n.language);
  const headingId = useId();
  return (
    <li className="tb-licence-card" aria-labelledby={headingId} data-testid="licence-card">
      <Flex justify="space-between" align="start" gap={8} wrap>
        <h2 id={headingId} className="tb-licence-card-title">
          <SafetyCertificateOutlined aria-hidden /> {name}
        </h2>
        <LicenceStatusTag status={walletStatus(licence)} />
      </Flex>
      <dl className="tb-licence-facts">
        <dt>{t('licences.field.holder')}</dt>
        <dd>
          {licence.holder.name}
          <span className="tb-muted">（{t(`licences.holderKind.${licence.holder.kind}`)}）</span>
        </dd>
        <dt>{t('licences.field.licenceNumber')}</dt>
        <dd className="tb-licence-number">{licence.licenceNumber}</dd>
        <dt>{t('licences.field.issuer')}</dt>
        <dd>{loc(licence.issuer.name, i18n.language)}</dd>
        <dt>{t('licences.field.validUntil')}</dt>
        <dd>{licence.validUntil ? formatDate(licence.validUntil, i18n.language) : t('licences.field.noEnd')}</dd>
      </dl>
      <ButtonLink to={`/my/licences/${licence.id}`} type="primary" ghost aria-label={t('licences.wallet.openLicence', { name })}>
        {t('licences.wallet.open')}
      </ButtonLink>
    </li>
  );
}

/** The wallet (证照夹): the person's own licences and those of the enterprises they act for. */
export function LicenceWallet({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [holder, setHolder] = useState<string>('');
  const [status, setStatus] = useState<LicenceStatus | ''>('');
  const [pageSize, setPageSize] = useState(20);
  const holderLabelId = useId();
  const statusLabelId = useId();
  // The API filters by an enterprise's credit code; "myself" is every licence held as a person.
  const licences = useMyLicences({
    holder: holder && holder !== MYSELF ? holder : undefined,
    status: status || undefined,
    pageSize,
  });
  const items = (licences.data?.items ?? []).filter((l) => holder !== MYSELF || l.holder.kind === 'person');

  const holderOptions = [
    { value: '', label: t('licences.wallet.allHolders') },
    { value: MYSELF, label: `${t('licences.wallet.myself')}（${me.name}）` },
    ...me.enterprises.map((e) => ({ value: e.creditCode, label: e.name })),
  ];
  const statusOptions = [
    { value: '', label: t('licences.wallet.anyStatus') },
    { value: 'active', label: t('licences.status.valid') },
    { value: 'suspended', label: t('licences.status.suspended') },
    { value: 'revoked', label: t('licences.status.revoked') },
  ];

  return (
    <Flex vertical gap={16}>
      <div>
        <h1 className="tb-page-title">{t('licences.wallet.title')}</h1>
        <Typography.Paragraph className="tb-muted" style={{ marginBottom: 4 }}>
          {t('licences.wallet.intro')}
        </Typography.Paragraph>
        <Link to="/licences/verify">{t('licences.wallet.verifyLink')}</Link>
      </div>
      <Flex gap={12} wrap className="tb-licence-filters">
        <div className="tb-licence-filter">
          <span id={holderLabelId}>{t('licences.wallet.holderFilter')}</span>
          <Select
            aria-labelledby={holderLabelId}
            value={holder}
            onChange={setHolder}
            options={holderOptions}
            popupMatchSelectWidth={false}
          />
        </div>
        <div className="tb-licence-filter">
          <span id={statusLabelId}>{t('licences.wallet.statusFilter')}</span>
          <Select aria-labelledby={statusLabelId} value={status} onChange={setStatus} options={statusOptions} />
        </div>
      </Flex>
      {licences.isPending ? (
        <Loading />
      ) : licences.isError ? (
        <Alert type="error" showIcon role="alert" title={licenceErrorMessage(t, licences.error)} />
      ) : items.length === 0 ? (
        <Empty description={t('licences.wallet.empty')} />
      ) : (
        <ul className="tb-licence-grid" aria-busy={licences.isFetching}>
          {items.map((l) => (
            <LicenceCard key={l.id} licence={l} />
          ))}
        </ul>
      )}
      {licences.data?.hasMore && pageSize < 100 && (
        <Button onClick={() => setPageSize((s) => Math.min(100, s + 20))} loading={licences.isFetching}>
          {t('licences.wallet.more')}
        </Button>
      )}
    </Flex>
  );
}
