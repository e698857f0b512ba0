import { useTranslation } from 'react-i18next';
import { RequirePermission } from '../../app/guards.tsx';
import { useStaffMe } from '../../app/shells/staff-shell.tsx';
import { DepartmentLicences } from '../../modules/licences/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

export default function WorkbenchLicencesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('licences.staff.title'));
  const me = useStaffMe();
  return (
    <RequirePermission me={me} anyOf={['licences.revoke']}>
      <div className="tb-licences">
        <DepartmentLicences />
      </div>
    </RequirePermission>
  );
}
