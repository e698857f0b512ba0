import type { Permission } from '@tongban/domain';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { type Me, useMe, useSignedOut } from '../modules/identity/index.ts';
import { Loading } from '../ui/loading.tsx';
import { StatusResult } from '../ui/status-result.tsx';

function loginPath(tab: 'citizen' | 'staff', next: string) {
  return `/login?tab=${tab}&next=${encodeURIComponent(next)}`;
}

/** Renders children with the signed-in account of the wanted kind; otherwise sends to login or shows 403. */
export function RequireAccount({ kind, children }: { kind: Me['kind']; children: (me: Me) => ReactNode }) {
  const me = useMe();
  const signedOut = useSignedOut();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <StatusResult kind="failed" />;
  if (!me.data) {
    // Signed out on purpose: citizens go home, staff to their login; no "come back here" link.
    if (signedOut) return <Navigate to={kind === 'staff' ? '/login?tab=staff' : '/'} replace />;
    return <Navigate to={loginPath(kind === 'staff' ? 'staff' : 'citizen', location.pathname + location.search)} replace />;
  }
  if (me.data.kind !== kind) return <StatusResult kind="forbidden" />;
  return <>{children(me.data)}</>;
}

export function RequirePermission({ me, anyOf, children }: { me: Me; anyOf: readonly Permission[]; children: ReactNode }) {
  if (!anyOf.some((p) => me.permissions.includes(p))) return <StatusResult kind="forbidden" homePath="/workbench" />;
  return <>{children}</>;
}
