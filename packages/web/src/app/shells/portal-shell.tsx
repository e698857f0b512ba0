import { UserOutlined } from '@ant-design/icons';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { useMe } from '../../modules/identity/index.ts';
import { AppShell, type ShellNavItem } from '../../ui/app-shell.tsx';
import { ButtonLink } from '../../ui/button-link.tsx';
import { LanguageSwitch } from '../../ui/language-switch.tsx';
import { Loading } from '../../ui/loading.tsx';

/** The public front door for citizens and enterprises; pages inside work without signing in. */
export function PortalShell() {
  const { t } = useTranslation();
  const me = useMe();
  const account = me.data;

  const links: ShellNavItem[] = [
    { key: 'home', path: '/', label: t('nav.home') },
    { key: 'services', path: '/services', label: t('nav.services') },
  ];
  if (account?.kind === 'user') {
    links.push({ key: 'my-cases', path: '/my/cases', label: t('cases.portal.nav.myCases') });
    links.push({ key: 'data-usage', path: '/my/data-usage', label: t('cases.portal.nav.dataUsage') });
    links.push({ key: 'my-licences', path: '/my/licences', label: t('licences.nav.wallet') });
    links.push({ key: 'account', path: '/account', label: t('nav.account') });
  }
  if (account?.kind === 'staff') links.push({ key: 'workbench', path: '/workbench', label: t('nav.workbench') });
  if (!account) {
    links.push({ key: 'login', path: '/login', label: t('nav.login'), drawerOnly: true });
    links.push({ key: 'register', path: '/register', label: t('nav.register'), drawerOnly: true });
  }

  return (
    <AppShell
      brand={
        <Link to="/" className="tb-brand">
          <span className="tb-brand-mark" aria-hidden>
            通
          </span>
          <span>{t('app.name')}</span>
          <span className="tb-brand-sub">{t('app.tagline')}</span>
        </Link>
      }
      headerLinks={links}
      headerExtra={(compact) => (
        <span className="tb-header-extra">
          <LanguageSwitch />
          {account ? (
            <ButtonLink
              to={account.kind === 'staff' ? '/workbench' : '/account'}
              type="text"
              icon={<UserOutlined aria-hidden />}
              data-testid="header-account"
            >
              <span
                style={{
                  maxWidth: compact ? 64 : 160,
                  overflow: 'hidden',
                  textOverflow: 'ellipsis',
                  display: 'inline-block',
                  verticalAlign: 'bottom',
                }}
              >
                {account.name}
              </span>
            </ButtonLink>
          ) : (
            <>
              <ButtonLink to="/login" type={compact ? 'link' : 'text'}>
                {t('nav.login')}
              </ButtonLink>
              {!compact && (
                <ButtonLink to="/register" type="primary">
                  {t('nav.register')}
                </ButtonLink>
              )}
            </>
          )}
        </span>
      )}
      footer={
        <>
          {t('app.footer')}
          {' · '}
          <Link to="/licences/verify">{t('licences.nav.verify')}</Link>
          <br />
          <span lang="en">Tongban · Apache-2.0</span>
        </>
      }
    >
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </AppShell>
  );
}
