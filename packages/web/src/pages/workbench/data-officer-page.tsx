import { useTranslation } from 'react-i18next';
import { RequirePermission } from '../../app/guards.tsx';
import { useStaffMe } from '../../app/shells/staff-shell.tsx';
import { DataOfficerConsole } from '../../modules/datahub/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

export default function WorkbenchDataOfficerPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('datahub.officer.title'));
  const me = useStaffMe();
  const canDecide = me.permissions.includes('datahub.grant') && me.permissions.includes('datahub.manage');
  return (
    <RequirePermission me={me} anyOf={['datahub.manage', 'datahub.grant']}>
      <DataOfficerConsole departmentId={me.departmentId} canDecide={canDecide} />
    </RequirePermission>
  );
}
