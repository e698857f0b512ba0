import { useTranslation } from 'react-i18next';
import { ServiceSearchResults } from '../../modules/catalogue/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

export default function ServicesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('catalogue.search.title'));
  return <ServiceSearchResults />;
}
