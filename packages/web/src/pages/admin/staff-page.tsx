import { useTranslation } from 'react-i18next';
import { RequirePermission } from '../../app/guards.tsx';
import { useStaffMe } from '../../app/shells/staff-shell.tsx';
import { StaffAdmin } from '../../modules/identity/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

export default function StaffPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.staff'));
  const me = useStaffMe();
  return (
    <RequirePermission me={me} anyOf={['identity.staff.read']}>
      <StaffAdmin canManage={me.permissions.includes('identity.staff.manage')} />
    </RequirePermission>
  );
}
