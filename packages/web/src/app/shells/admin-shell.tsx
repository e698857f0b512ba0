import { adminNav, workbenchNav } from '../navigation.tsx';
import { StaffShell } from './staff-shell.tsx';

// The admin shell lists its own sections, then the way back to the workbench home.
const nav = [...adminNav, ...workbenchNav.filter((e) => e.key === 'home')];

export default function AdminShell() {
  return <StaffShell titleKey="shell.admin" nav={nav} />;
}
