import { useTranslation } from 'react-i18next';
import { RequirePermission } from '../../app/guards.tsx';
import { useStaffMe } from '../../app/shells/staff-shell.tsx';
import { WorkbenchInbox } from '../../modules/cases/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

export default function WorkbenchTasksPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('cases.workbench.inbox.title'));
  const me = useStaffMe();
  return (
    <RequirePermission me={me} anyOf={['cases.intake', 'cases.review', 'cases.approve', 'cases.supervise']}>
      <WorkbenchInbox myId={me.id} />
    </RequirePermission>
  );
}
