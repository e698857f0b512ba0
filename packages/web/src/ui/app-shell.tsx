import { MenuOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { lazy, type ReactNode, Suspense, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { ButtonLink } from './button-link.tsx';
import { NavList, type ShellNavItem } from './nav-list.tsx';
import { SkipLink } from './skip-link.tsx';
import { phoneQuery, useMediaQuery } from './use-media-query.ts';

export type { ShellNavItem } from './nav-list.tsx';

const NavDrawer = lazy(() => import('./nav-drawer.tsx'));

export type AppShellProps = {
  brand: ReactNode;
  /** Right side of the header. Receives `compact` (phone width) so it can drop secondary parts. */
  headerExtra: (compact: boolean) => ReactNode;
  /** Side navigation; on phones it collapses into a drawer behind a menu button. */
  nav?: { label: string; items: ShellNavItem[]; drawerFooter?: ReactNode };
  /** Links shown inline in the header on wide screens and in the drawer on phones (portal). */
  headerLinks?: ShellNavItem[];
  footer?: ReactNode;
  children: ReactNode;
  /** Use the full width (workbench tables) instead of the centred portal column. */
  wide?: boolean;
};

/**
 * Header + optional side navigation + main landmark, shared by the portal, workbench and admin
 * shells. Plain semantic HTML (header, nav, aside, main, footer) keeps the portal's first load small.
 */
export function AppShell({ brand, headerExtra, nav, headerLinks = [], footer, children, wide = false }: AppShellProps) {
  const { t } = useTranslation();
  const compact = useMediaQuery(phoneQuery);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [drawerUsed, setDrawerUsed] = useState(false);
  const { pathname } = useLocation();
  const drawerId = useId();

  useEffect(() => {
    if (!compact) setDrawerOpen(false);
  }, [compact]);

  const drawerItems = [...(nav?.items ?? []), ...headerLinks];
  const hasDrawer = compact && drawerItems.length > 0;
  const inlineLinks = headerLinks.filter((l) => !l.drawerOnly);

  return (
    <div className={`tb-shell${nav ? ' tb-shell-with-nav' : ''}`}>
      <SkipLink />
      <header className="tb-header">
        {hasDrawer && (
          <Button
            type="text"
            icon={<MenuOutlined aria-hidden />}
            aria-label={t('common.openMenu')}
            aria-expanded={drawerOpen}
            aria-controls={drawerUsed ? drawerId : undefined}
            onClick={() => {
              setDrawerUsed(true);
              setDrawerOpen(true);
            }}
          />
        )}
        {brand}
        {!compact && inlineLinks.length > 0 && (
          <nav className="tb-header-nav" aria-label={t('common.siteNav')}>
            {inlineLinks.map((l) => (
              <ButtonLink key={l.key} to={l.path} type="text" aria-current={pathname === l.path ? 'page' : undefined}>
                {l.label}
              </ButtonLink>
            ))}
          </nav>
        )}
        <span className="tb-header-spacer" />
        {headerExtra(compact)}
      </header>
      <div className="tb-body">
        {nav && !compact && (
          <aside className="tb-sider">
            <nav aria-label={nav.label}>
              <NavList items={nav.items} pathname={pathname} />
            </nav>
          </aside>
        )}
        <div className="tb-content">
          <main id="main" tabIndex={-1} className={wide ? 'tb-main tb-main-wide' : 'tb-main'}>
            {children}
          </main>
          {footer && <footer className="tb-footer">{footer}</footer>}
        </div>
      </div>
      {hasDrawer && drawerUsed && (
        <Suspense fallback={null}>
          <NavDrawer
            id={drawerId}
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={t('common.menu')}
            navLabel={nav?.label ?? t('common.siteNav')}
            items={drawerItems}
            pathname={pathname}
            footer={nav?.drawerFooter}
          />
        </Suspense>
      )}
    </div>
  );
}
