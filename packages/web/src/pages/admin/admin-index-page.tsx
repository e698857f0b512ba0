import { Navigate } from 'react-router';
import { adminNav, allowed } from '../../app/navigation.tsx';
import { useStaffMe } from '../../app/shells/staff-shell.tsx';
import { StatusResult } from '../../ui/status-result.tsx';

/** `/admin` opens the first section the user may use. */
export default function AdminIndexPage() {
  const me = useStaffMe();
  const first = adminNav.find((e) => allowed(e, me.permissions));
  return first ? <Navigate to={first.path} replace /> : <StatusResult kind="forbidden" homePath="/workbench" />;
}
