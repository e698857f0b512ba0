import { ExclamationCircleOutlined, LockOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from './button-link.tsx';

const icons = { notFound: QuestionCircleOutlined, forbidden: LockOutlined, failed: ExclamationCircleOutlined };

/**
 * Full-page outcomes: not found, forbidden, or a failure to load part of the app. Plain markup
 * (not antd's Result with its large illustrations) because it is part of the first load.
 */
export function StatusResult({ kind, homePath = '/' }: { kind: 'notFound' | 'forbidden' | 'failed'; homePath?: string }) {
  const { t } = useTranslation();
  const Icon = icons[kind];
  return (
    <div className="tb-status" role={kind === 'failed' ? 'alert' : undefined}>
      <Icon aria-hidden className="tb-status-icon" />
      <h1>{t(`status.${kind}.title`)}</h1>
      <p>{t(`status.${kind}.description`)}</p>
      {kind === 'failed' ? (
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('status.reload')}
        </Button>
      ) : (
        <ButtonLink type="primary" to={homePath}>
          {t('status.backHome')}
        </ButtonLink>
      )}
    </div>
  );
}
