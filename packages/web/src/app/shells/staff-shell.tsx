import { ApartmentOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Flex, Typography } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useOutletContext } from 'react-router';
import { type Me, useDepartmentName, useLogout } from '../../modules/identity/index.ts';
import { AppShell } from '../../ui/app-shell.tsx';
import { LanguageSwitch } from '../../ui/language-switch.tsx';
import { Loading } from '../../ui/loading.tsx';
import { RequireAccount } from '../guards.tsx';
import { type NavDefinition, visibleNav } from '../navigation.tsx';

/** The signed-in staff member, for pages rendered inside a staff shell. */
export function useStaffMe(): Me {
  return useOutletContext<Me>();
}

function DepartmentLabel({ me }: { me: Me }) {
  const { i18n } = useTranslation();
  return <>{useDepartmentName(me.departmentId, me.departmentName, i18n.language)}</>;
}

function StaffHeader({ me, compact }: { me: Me; compact: boolean }) {
  const { t, i18n } = useTranslation();
  const department = useDepartmentName(me.departmentId, me.departmentName, i18n.language);
  // After sign-out the shell's guard goes to the staff login.
  const logout = useLogout();
  return (
    <Flex align="center" gap={compact ? 4 : 12}>
      {!compact && department && (
        <Typography.Text data-testid="header-department" ellipsis style={{ maxWidth: 360 }}>
          <ApartmentOutlined aria-hidden /> {department}
        </Typography.Text>
      )}
      <Typography.Text strong data-testid="header-name" ellipsis style={{ maxWidth: compact ? 72 : 160 }}>
        {!compact && <UserOutlined aria-hidden />} {me.name}
      </Typography.Text>
      <LanguageSwitch />
      <Button
        type="text"
        icon={<LogoutOutlined aria-hidden />}
        aria-label={compact ? t('common.logout') : undefined}
        onClick={() => logout.mutate()}
      >
        {compact ? null : t('common.logout')}
      </Button>
    </Flex>
  );
}

/** Layout shared by the staff-facing shells (workbench, admin; hotline and dashboard later). */
export function StaffShell({ titleKey, nav }: { titleKey: 'shell.workbench' | 'shell.admin'; nav: readonly NavDefinition[] }) {
  const { t } = useTranslation();
  return (
    <RequireAccount kind="staff">
      {(me) => (
        <AppShell
          wide
          brand={
            <Link to="/workbench" className="tb-brand">
              <span className="tb-brand-mark" aria-hidden>
                通
              </span>
              <span>{t('app.name')}</span>
              <span className="tb-brand-sub">{t(titleKey)}</span>
            </Link>
          }
          nav={{
            label: t(titleKey),
            items: visibleNav(nav, me.permissions, t),
            drawerFooter: me.departmentName ? (
              <Typography.Paragraph style={{ padding: '12px 24px', margin: 0 }} data-testid="drawer-department">
                <ApartmentOutlined aria-hidden /> <DepartmentLabel me={me} />
              </Typography.Paragraph>
            ) : undefined,
          }}
          headerExtra={(compact) => <StaffHeader me={me} compact={compact} />}
        >
          {/* antd's App gives pages message/notification hooks; it lives here, not in the portal's first load. */}
          <AntApp component={false}>
            <Suspense fallback={<Loading />}>
              <Outlet context={me} />
            </Suspense>
          </AntApp>
        </AppShell>
      )}
    </RequireAccount>
  );
}
