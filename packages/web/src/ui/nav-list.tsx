import type { ReactNode } from 'react';
import { Link } from 'react-router';

export type ShellNavItem = {
  key: string;
  path: string;
  label: string;
  icon?: ReactNode;
  /** Only in the phone drawer (the header already shows it on wide screens). */
  drawerOnly?: boolean;
};

/** The item whose path is the longest prefix of the current path, so `/admin/staff` selects "staff". */
export function selectedKeyOf(items: readonly ShellNavItem[], pathname: string): string | undefined {
  return [...items].sort((a, b) => b.path.length - a.path.length).find((i) => pathname === i.path || pathname.startsWith(`${i.path}/`))
    ?.key;
}

/** A plain list of links (site navigation is links, not an ARIA menu). */
export function NavList({ items, pathname, onNavigate }: { items: readonly ShellNavItem[]; pathname: string; onNavigate?: () => void }) {
  const selected = selectedKeyOf(items, pathname);
  return (
    <ul className="tb-nav-list">
      {items.map((item) => (
        <li key={item.key}>
          <Link to={item.path} aria-current={item.key === selected ? 'page' : undefined} onClick={onNavigate}>
            {item.icon && <span className="tb-nav-icon">{item.icon}</span>}
            <span>{item.label}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
