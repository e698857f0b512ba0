import { workbenchNav } from '../navigation.tsx';
import { StaffShell } from './staff-shell.tsx';

export default function WorkbenchShell() {
  return <StaffShell titleKey="shell.workbench" nav={workbenchNav} />;
}
