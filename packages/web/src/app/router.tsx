import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { NotFoundPage } from '../pages/not-found-page.tsx';
import { HomePage } from '../pages/portal/home-page.tsx';
import { Loading } from '../ui/loading.tsx';
import { StatusResult } from '../ui/status-result.tsx';
import { PortalShell } from './shells/portal-shell.tsx';

// Only the portal shell and home are in the first load; everything else is fetched on demand.
const LoginPage = lazy(() => import('../pages/portal/login-page.tsx'));
const RegisterPage = lazy(() => import('../pages/portal/register-page.tsx'));
const AccountPage = lazy(() => import('../pages/portal/account-page.tsx'));
const ServicesPage = lazy(() => import('../pages/portal/services-page.tsx'));
const ServicesGuidePage = lazy(() => import('../pages/portal/services-guide-page.tsx'));

const WorkbenchShell = lazy(() => import('./shells/workbench-shell.tsx'));
const WorkbenchHomePage = lazy(() => import('../pages/workbench/workbench-home-page.tsx'));

const AdminShell = lazy(() => import('./shells/admin-shell.tsx'));
const AdminIndexPage = lazy(() => import('../pages/admin/admin-index-page.tsx'));
const DepartmentsPage = lazy(() => import('../pages/admin/departments-page.tsx'));
const StaffPage = lazy(() => import('../pages/admin/staff-page.tsx'));
const RolesPage = lazy(() => import('../pages/admin/roles-page.tsx'));
const CataloguePage = lazy(() => import('../pages/admin/catalogue-page.tsx'));
const CatalogueItemPage = lazy(() => import('../pages/admin/catalogue-item-page.tsx'));

function suspended(node: ReactNode) {
  return <Suspense fallback={<Loading />}>{node}</Suspense>;
}

const routeError = <StatusResult kind="failed" />;

/** Portal pages: public unless the page itself asks for an account. */
const portalRoutes: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: 'login', element: <LoginPage /> },
  { path: 'register', element: <RegisterPage /> },
  { path: 'account', element: <AccountPage /> },
  { path: 'services', element: <ServicesPage /> },
  { path: 'services/:code', element: <ServicesGuidePage /> },
  { path: '*', element: <NotFoundPage /> },
];

/**
 * Staff-facing shells, each under its own path and loaded on demand. The hotline (`/hotline`) and
 * the leadership dashboard (`/dashboard`) shells join this list the same way.
 */
const staffShells: RouteObject[] = [
  {
    path: '/workbench',
    element: suspended(<WorkbenchShell />),
    errorElement: routeError,
    children: [
      { index: true, element: <WorkbenchHomePage /> },
      { path: '*', element: <NotFoundPage homePath="/workbench" /> },
    ],
  },
  {
    path: '/admin',
    element: suspended(<AdminShell />),
    errorElement: routeError,
    children: [
      { index: true, element: <AdminIndexPage /> },
      { path: 'departments', element: <DepartmentsPage /> },
      { path: 'staff', element: <StaffPage /> },
      { path: 'roles', element: <RolesPage /> },
      { path: 'catalogue', element: <CataloguePage /> },
      { path: 'catalogue/:code', element: <CatalogueItemPage /> },
      { path: '*', element: <NotFoundPage homePath="/workbench" /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter([{ path: '/', element: <PortalShell />, errorElement: routeError, children: portalRoutes }, ...staffShells]);
}
