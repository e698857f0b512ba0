import { useTranslation } from 'react-i18next';
import { RequirePermission } from '../../app/guards.tsx';
import { useStaffMe } from '../../app/shells/staff-shell.tsx';
import { CatalogueItemCreate } from '../../modules/catalogue/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

export default function CatalogueNewPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('catalogue.create.title')} · ${t('catalogue.admin.title')}`);
  const me = useStaffMe();
  return (
    <RequirePermission me={me} anyOf={['catalogue.edit']}>
      <CatalogueItemCreate me={me} />
    </RequirePermission>
  );
}
