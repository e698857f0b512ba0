import './licences.css';
import { ArrowLeftOutlined, CopyOutlined, DownloadOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ButtonLink } from '../../ui/button-link.tsx';
import { Loading } from '../../ui/loading.tsx';
import { copyText, formatDate, formatDateTime, LicenceStatusTag, licenceErrorMessage, loc, verifyPath, walletStatus } from './labels.tsx';
import { LicenceSharing } from './licence-sharing.tsx';
import { LicenceUsage } from './licence-usage.tsx';
import { credentialUrl, type LicenceDetail, useLicence, useLicenceQr } from './licences.api.ts';

function LicenceQr({ licence }: { licence: LicenceDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const revoked = licence.status === 'revoked';
  const qr = useLicenceQr(licence.id, !revoked);
  if (revoked) return <Alert type="info" showIcon title={t('licences.detail.qrUnavailable')} />;
  if (qr.isPending) return <Skeleton.Node active style={{ width: 200, height: 200 }} />;
  if (qr.isError) return <Alert type="error" showIcon role="alert" title={licenceErrorMessage(t, qr.error)} />;
  const name = loc(licence.name, i18n.language);
  return (
    <Flex vertical gap={12} align="center" className="tb-licence-qr">
      <img
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.data.svg)}`}
        alt={t('licences.detail.qrAlt', { name, number: licence.licenceNumber })}
        width={260}
        height={260}
        data-testid="licence-qr"
        data-payload={qr.data.payload}
      />
      <Typography.Paragraph className="tb-muted" style={{ margin: 0, maxWidth: 320 }}>
        {t('licences.detail.qrHelp')}
      </Typography.Paragraph>
      <Flex gap={8} wrap justify="center">
        <ButtonLink to={verifyPath(qr.data.token)} icon={<QrcodeOutlined aria-hidden />}>
          {t('licences.detail.openVerify')}
        </ButtonLink>
        <Button
          icon={<CopyOutlined aria-hidden />}
          onClick={async () => {
            if (await copyText(qr.data.payload)) void message.success(t('licences.detail.copied'));
          }}
        >
          {t('licences.detail.copyLink')}
        </Button>
      </Flex>
    </Flex>
  );
}

function LicenceFacts({ licence }: { licence: LicenceDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Descriptions column={1} size="small" data-testid="licence-facts" classNames={{ label: 'tb-licence-label' }}>
      <Descriptions.Item label={t('licences.field.status')}>
        <LicenceStatusTag status={walletStatus(licence)} />
      </Descriptions.Item>
      <Descriptions.Item label={t('licences.field.licenceNumber')}>
        <span className="tb-licence-number">{licence.licenceNumber}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('licences.field.holder')}>
        {licence.holder.name}（{t(`licences.holderKind.${licence.holder.kind}`)}）
      </Descriptions.Item>
      <Descriptions.Item label={t('licences.field.issuer')}>{loc(licence.issuer.name, lang)}</Descriptions.Item>
      <Descriptions.Item label={t('licences.field.issuedAt')}>{formatDateTime(licence.issuedAt, lang)}</Descriptions.Item>
      <Descriptions.Item label={t('licences.field.validFrom')}>{formatDate(licence.validFrom, lang)}</Descriptions.Item>
      <Descriptions.Item label={t('licences.field.validUntil')}>
        {licence.validUntil ? formatDate(licence.validUntil, lang) : t('licences.field.noEnd')}
      </Descriptions.Item>
      <Descriptions.Item label={t('licences.field.source')}>
        {licence.source === 'case' ? t('licences.field.sourceCase') : t('licences.field.sourceImport')}
      </Descriptions.Item>
      {licence.statusReason && <Descriptions.Item label={t('licences.field.statusReason')}>{licence.statusReason}</Descriptions.Item>}
      {licence.statusChangedAt && (
        <Descriptions.Item label={t('licences.field.statusChangedAt')}>{formatDateTime(licence.statusChangedAt, lang)}</Descriptions.Item>
      )}
      {licence.fields.map((f) => (
        <Descriptions.Item key={f.key} label={loc(f.label, lang)}>
          <span className="tb-licence-value">{String(f.value)}</span>
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** One licence of the wallet: its contents, the QR code to show it, the credential file, sharing and who used it. */
export function LicenceDetailView({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const licence = useLicence(id);
  const back = (
    <Link to="/my/licences">
      <ArrowLeftOutlined aria-hidden /> {t('licences.detail.back')}
    </Link>
  );
  if (licence.isPending) return <Loading />;
  if (licence.isError) {
    return (
      <Flex vertical gap={16}>
        {back}
        <Alert type="error" showIcon role="alert" title={licenceErrorMessage(t, licence.error)} />
      </Flex>
    );
  }
  const l = licence.data;
  const card = (title: string) => <h2 className="tb-card-title">{title}</h2>;
  return (
    <Flex vertical gap={16}>
      {back}
      <Flex justify="space-between" align="center" gap={8} wrap>
        <h1 className="tb-page-title" style={{ margin: 0 }}>
          {loc(l.name, i18n.language)}
        </h1>
        <LicenceStatusTag status={walletStatus(l)} />
      </Flex>
      <div className="tb-licence-detail-grid">
        <Card title={card(t('licences.detail.fields'))}>
          <LicenceFacts licence={l} />
        </Card>
        <Flex vertical gap={16}>
          <Card title={card(t('licences.detail.qr'))}>
            <LicenceQr licence={l} />
          </Card>
          <Card>
            <Flex vertical gap={8}>
              <Button
                href={credentialUrl(l.id)}
                download
                icon={<DownloadOutlined aria-hidden />}
                block
                className="tb-wrap-button"
                data-testid="licence-download"
              >
                {t('licences.detail.download')}
              </Button>
              <Typography.Text className="tb-muted">{t('licences.detail.downloadHelp')}</Typography.Text>
            </Flex>
          </Card>
        </Flex>
      </div>
      <Card title={card(t('licences.share.title'))}>
        <LicenceSharing licence={l} />
      </Card>
      <Card title={card(t('licences.detail.usage'))}>
        <LicenceUsage licence={l} />
      </Card>
    </Flex>
  );
}
