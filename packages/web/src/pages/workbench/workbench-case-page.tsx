import { useParams } from 'react-router';
import { RequirePermission } from '../../app/guards.tsx';
import { useStaffMe } from '../../app/shells/staff-shell.tsx';
import { WorkbenchCaseView } from '../../modules/cases/index.ts';
import { StatusResult } from '../../ui/status-result.tsx';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default function WorkbenchCasePage() {
  const { id = '' } = useParams();
  const me = useStaffMe();
  // Not an id at all: say so without asking the server.
  if (!uuid.test(id)) return <StatusResult kind="notFound" homePath="/workbench/tasks" />;
  return (
    <RequirePermission me={me} anyOf={['cases.intake', 'cases.review', 'cases.approve', 'cases.supervise']}>
      <WorkbenchCaseView key={id} caseId={id} />
    </RequirePermission>
  );
}
