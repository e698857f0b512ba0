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
const ApplyPage = lazy(() => import('../pages/portal/apply-page.tsx'));
const MyCasesPage = lazy(() => import('../pages/portal/my-cases-page.tsx'));
const MyCasePage = lazy(() => import('../pages/portal/my-case-page.tsx'));
const CaseReceiptPage = lazy(() => import('../pages/portal/case-receipt-page.tsx'));
const DataUsagePage = lazy(() => import('../pages/portal/data-usage-page.tsx'));
const MyLicencesPage = lazy(() => import('../pages/portal/my-licences-page.tsx'));
const MyLicencePage = lazy(() => import('../pages/portal/my-licence-page.tsx'));
const LicenceVerifyPage = lazy(() => import('../pages/portal/licence-verify-page.tsx'));
const LicenceSharedPage = lazy(() => import('../pages/portal/licence-shared-page.tsx'));

const WorkbenchShell = lazy(() => import('./shells/workbench-shell.tsx'));
const WorkbenchHomePage = lazy(() => import('../pages/workbench/workbench-home-page.tsx'));
const WorkbenchTasksPage = lazy(() => import('../pages/workbench/workbench-tasks-page.tsx'));
const WorkbenchCasePage = lazy(() => import('../pages/workbench/workbench-case-page.tsx'));
const WorkbenchIntakePage = lazy(() => import('../pages/workbench/workbench-intake-page.tsx'));
const WorkbenchOverduePage = lazy(() => import('../pages/workbench/workbench-overdue-page.tsx'));
const WorkbenchLicencesPage = lazy(() => import('../pages/workbench/licences-page.tsx'));
const WorkbenchDataOfficerPage = lazy(() => import('../pages/workbench/data-officer-page.tsx'));
const WorkbenchAuditPage = lazy(() => import('../pages/workbench/audit-page.tsx'));

const AdminShell = lazy(() => import('./shells/admin-shell.tsx'));
const AdminIndexPage = lazy(() => import('../pages/admin/admin-index-page.tsx'));
const DepartmentsPage = lazy(() => import('../pages/admin/departments-page.tsx'));
const StaffPage = lazy(() => import('../pages/admin/staff-page.tsx'));
const RolesPage = lazy(() => import('../pages/admin/roles-page.tsx'));
const ApiKeysPage = lazy(() => import('../pages/admin/api-keys-page.tsx'));
const CataloguePage = lazy(() => import('../pages/admin/catalogue-page.tsx'));
const CatalogueItemPage = lazy(() => import('../pages/admin/catalogue-item-page.tsx'));
const CatalogueNewPage = lazy(() => import('../pages/admin/catalogue-new-page.tsx'));

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
  { path: 'apply/:code', element: <ApplyPage /> },
  { path: 'my/cases', element: <MyCasesPage /> },
  { path: 'my/cases/:id', element: <MyCasePage /> },
  { path: 'my/cases/:id/receipt', element: <CaseReceiptPage /> },
  { path: 'my/data-usage', element: <DataUsagePage /> },
  { path: 'my/licences', element: <MyLicencesPage /> },
  { path: 'my/licences/:id', element: <MyLicencePage /> },
  // Public: a licence's QR code opens /licences/verify#qr=… (the server's VERIFY_PAGE_PATH).
  { path: 'licences/verify', element: <LicenceVerifyPage /> },
  { path: 'licences/shared/:token', element: <LicenceSharedPage /> },
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
      { path: 'tasks', element: <WorkbenchTasksPage /> },
      { path: 'cases/:id', element: <WorkbenchCasePage /> },
      { path: 'intake', element: <WorkbenchIntakePage /> },
      { path: 'overdue', element: <WorkbenchOverduePage /> },
      { path: 'licences', element: <WorkbenchLicencesPage /> },
      { path: 'data', element: <WorkbenchDataOfficerPage /> },
      { path: 'audit', element: <WorkbenchAuditPage /> },
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
      { path: 'api-keys', element: <ApiKeysPage /> },
      { path: 'catalogue', element: <CataloguePage /> },
      { path: 'catalogue/new', element: <CatalogueNewPage /> },
      { path: 'catalogue/:code', element: <CatalogueItemPage /> },
      { path: '*', element: <NotFoundPage homePath="/workbench" /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter([{ path: '/', element: <PortalShell />, errorElement: routeError, children: portalRoutes }, ...staffShells]);
}
