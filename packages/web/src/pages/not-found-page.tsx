import { useTranslation } from 'react-i18next';
import { StatusResult } from '../ui/status-result.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';

export function NotFoundPage({ homePath = '/' }: { homePath?: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('status.notFound.title'));
  return <StatusResult kind="notFound" homePath={homePath} />;
}
