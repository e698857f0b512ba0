import { useTranslation } from 'react-i18next';
import { RequirePermission } from '../../app/guards.tsx';
import { useStaffMe } from '../../app/shells/staff-shell.tsx';
import { AuditConsole } from '../../modules/audit/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

export default function WorkbenchAuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('audit.title'));
  const me = useStaffMe();
  return (
    <RequirePermission me={me} anyOf={['audit.read']}>
      <AuditConsole />
    </RequirePermission>
  );
}
