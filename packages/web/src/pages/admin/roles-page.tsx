import { useTranslation } from 'react-i18next';
import { RequirePermission } from '../../app/guards.tsx';
import { useStaffMe } from '../../app/shells/staff-shell.tsx';
import { RolesAdmin } from '../../modules/identity/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

export default function RolesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.roles'));
  const me = useStaffMe();
  return (
    <RequirePermission me={me} anyOf={['identity.staff.read']}>
      <RolesAdmin />
    </RequirePermission>
  );
}
