import { useTranslation } from 'react-i18next';
import { RequirePermission } from '../../app/guards.tsx';
import { useStaffMe } from '../../app/shells/staff-shell.tsx';
import { WorkbenchIntake } from '../../modules/cases/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

export default function WorkbenchIntakePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('cases.workbench.intake.title'));
  const me = useStaffMe();
  return (
    <RequirePermission me={me} anyOf={['cases.intake']}>
      <WorkbenchIntake centreId={me.departmentId} />
    </RequirePermission>
  );
}
