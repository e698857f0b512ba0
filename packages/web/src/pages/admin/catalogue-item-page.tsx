import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { RequirePermission } from '../../app/guards.tsx';
import { useStaffMe } from '../../app/shells/staff-shell.tsx';
import { CatalogueItemAdmin } from '../../modules/catalogue/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

export default function CatalogueItemPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  useDocumentTitle(`${code} · ${t('catalogue.admin.title')}`);
  const me = useStaffMe();
  return (
    <RequirePermission me={me} anyOf={['catalogue.read_drafts']}>
      <CatalogueItemAdmin key={code} code={code} permissions={me.permissions} />
    </RequirePermission>
  );
}
