import { Drawer } from 'antd';
import type { ReactNode } from 'react';
import { NavList, type ShellNavItem } from './nav-list.tsx';

/** The phone navigation drawer; loaded only when a phone user first opens the menu. */
export default function NavDrawer(props: {
  id: string;
  open: boolean;
  onClose: () => void;
  title: string;
  navLabel: string;
  items: readonly ShellNavItem[];
  pathname: string;
  footer?: ReactNode;
}) {
  return (
    <Drawer id={props.id} open={props.open} onClose={props.onClose} placement="left" size={280} title={props.title}>
      <nav aria-label={props.navLabel}>
        <NavList items={props.items} pathname={props.pathname} onNavigate={props.onClose} />
      </nav>
      {props.footer}
    </Drawer>
  );
}
