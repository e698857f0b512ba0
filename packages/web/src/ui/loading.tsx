import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div role="status" style={{ display: 'grid', placeItems: 'center', minHeight: 240 }}>
      <Spin size="large" />
      <span className="tb-visually-hidden">{t('common.loading')}</span>
    </div>
  );
}
