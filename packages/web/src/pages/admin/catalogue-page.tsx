import { useTranslation } from 'react-i18next';
import { RequirePermission } from '../../app/guards.tsx';
import { useStaffMe } from '../../app/shells/staff-shell.tsx';
import { CatalogueAdminList } from '../../modules/catalogue/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

export default function CataloguePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('catalogue.admin.title'));
  const me = useStaffMe();
  return (
    <RequirePermission me={me} anyOf={['catalogue.read_drafts']}>
      <CatalogueAdminList canCreate={me.permissions.includes('catalogue.edit')} />
    </RequirePermission>
  );
}
