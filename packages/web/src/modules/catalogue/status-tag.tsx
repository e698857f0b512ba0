import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  published: 'success',
  superseded: 'default',
  withdrawn: 'error',
};

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={colors[status]}>{t(`catalogue.status.${status}` as 'catalogue.status.draft')}</Tag>;
}
