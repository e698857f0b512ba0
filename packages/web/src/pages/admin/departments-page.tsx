import { useTranslation } from 'react-i18next';
import { RequirePermission } from '../../app/guards.tsx';
import { useStaffMe } from '../../app/shells/staff-shell.tsx';
import { DepartmentsAdmin } from '../../modules/identity/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

export default function DepartmentsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.departments'));
  const me = useStaffMe();
  return (
    <RequirePermission me={me} anyOf={['identity.departments.read']}>
      <DepartmentsAdmin canManage={me.permissions.includes('identity.departments.manage')} />
    </RequirePermission>
  );
}
