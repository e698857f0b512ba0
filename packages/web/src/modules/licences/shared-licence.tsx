import './licences.css';
import { ClockCircleOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { Loading } from '../../ui/loading.tsx';
import { formatDate, formatDateTime, licenceErrorMessage, loc } from './labels.tsx';
import { useSharedLicence } from './licences.api.ts';
import { VerdictTag } from './verdict-tag.tsx';

/** What a share link shows a third party (no login): the fields the holder chose, the licence's standing now, the link's expiry. */
export function SharedLicence({ token }: { token: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const shared = useSharedLicence(token);
  if (shared.isPending) return <Loading />;
  if (shared.isError) {
    const code = isApiError(shared.error) ? shared.error.code : undefined;
    const text =
      code === 'LICENCES_SHARE_EXPIRED'
        ? t('licences.shared.expired')
        : code === 'LICENCES_SHARE_NOT_FOUND' || code === 'VALIDATION_FAILED'
          ? t('licences.shared.notFound')
          : licenceErrorMessage(t, shared.error);
    return (
      <Flex vertical gap={16}>
        <h1 className="tb-page-title">{t('licences.shared.title')}</h1>
        <Alert type="warning" showIcon role="alert" title={text} data-testid="shared-error" />
        <Link to="/licences/verify">{t('licences.shared.verifyHint')}</Link>
      </Flex>
    );
  }
  const s = shared.data;
  return (
    <Flex vertical gap={16}>
      <div>
        <h1 className="tb-page-title">{loc(s.licenceName, lang)}</h1>
        <Typography.Paragraph style={{ marginBottom: 4 }}>
          {t('licences.shared.intro', { holder: s.sharedBy, audience: s.audience })}
        </Typography.Paragraph>
        <Typography.Text className="tb-muted">
          <ClockCircleOutlined aria-hidden /> {t('licences.shared.linkExpires', { time: formatDateTime(s.expiresAt, lang) })}
        </Typography.Text>
      </div>
      <Card title={<h2 className="tb-card-title">{t('licences.shared.standing')}</h2>}>
        <Flex vertical gap={12}>
          <VerdictTag status={s.status} />
          <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('licences.field.licenceNumber')}>
              <span className="tb-licence-number">{s.licenceNumber}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('licences.field.holder')}>{s.holderName}</Descriptions.Item>
            <Descriptions.Item label={t('licences.field.issuer')}>{loc(s.issuer.name, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('licences.field.issuedAt')}>{formatDateTime(s.issuedAt, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('licences.field.validUntil')}>
              {s.validUntil ? formatDate(s.validUntil, lang) : t('licences.field.noEnd')}
            </Descriptions.Item>
          </Descriptions>
        </Flex>
      </Card>
      <Card title={<h2 className="tb-card-title">{t('licences.shared.fields')}</h2>}>
        {s.fields.length === 0 ? (
          <Typography.Text className="tb-muted">{t('licences.shared.noFields')}</Typography.Text>
        ) : (
          <Descriptions column={1} size="small" data-testid="shared-fields">
            {s.fields.map((f) => (
              <Descriptions.Item key={f.key} label={loc(f.label, lang)}>
                <span className="tb-licence-value">{String(f.value)}</span>
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </Card>
      <Typography.Text className="tb-muted">
        <EyeOutlined aria-hidden /> {t('licences.shared.logged')}
      </Typography.Text>
    </Flex>
  );
}
