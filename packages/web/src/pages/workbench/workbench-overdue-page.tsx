import { useTranslation } from 'react-i18next';
import { RequirePermission } from '../../app/guards.tsx';
import { useStaffMe } from '../../app/shells/staff-shell.tsx';
import { WorkbenchOverdue } from '../../modules/cases/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

export default function WorkbenchOverduePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('cases.workbench.overdue.title'));
  const me = useStaffMe();
  return (
    <RequirePermission me={me} anyOf={['cases.supervise']}>
      <WorkbenchOverdue />
    </RequirePermission>
  );
}
