import { EyeOutlined, FileDoneOutlined } from '@ant-design/icons';
import { Alert, Empty, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../ui/loading.tsx';
import { formatDateTime, licenceErrorMessage, loc } from './labels.tsx';
import { type LicenceDetail, useLicenceUsage } from './licences.api.ts';

/** Who viewed this licence through a share link or used it as a material, newest first. */
export function LicenceUsage({ licence }: { licence: LicenceDetail }) {
  const { t, i18n } = useTranslation();
  const usage = useLicenceUsage();
  if (usage.isPending) return <Loading />;
  if (usage.isError) return <Alert type="error" showIcon role="alert" title={licenceErrorMessage(t, usage.error)} />;
  const uses = usage.data.filter((u) => u.licenceId === licence.id);
  const labelOf = (key: string) => loc(licence.fields.find((f) => f.key === key)?.label ?? { zh: key, en: key }, i18n.language);
  return (
    <Flex vertical gap={12}>
      {uses.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('licences.detail.usageEmpty')} />
      ) : (
        <ol className="tb-usage-list" data-testid="licence-usage">
          {uses.map((u) => (
            <li key={`${u.at}-${u.kind}-${u.by}`} className="tb-usage-item">
              <span className="tb-usage-icon" aria-hidden>
                {u.kind === 'share_view' ? <EyeOutlined /> : <FileDoneOutlined />}
              </span>
              <div>
                <Typography.Text strong>{u.by}</Typography.Text>
                <div className="tb-muted">
                  {u.kind === 'share_view' ? t('licences.detail.usageShareView') : t('licences.detail.usageMaterial')} ·{' '}
                  <time dateTime={u.at}>{formatDateTime(u.at, i18n.language)}</time>
                </div>
                <div className="tb-muted">
                  {t('licences.detail.usageFields')}：{u.fields ? u.fields.map(labelOf).join('、') : t('licences.detail.allFields')}
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
      <Typography.Text className="tb-muted">
        {t('licences.detail.usageMore')} <Link to="/my/data-usage">{t('licences.detail.usageMoreLink')}</Link>
      </Typography.Text>
    </Flex>
  );
}
