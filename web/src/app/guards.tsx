import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../components/states';
import { hasRole, useMe } from '../features/auth/api/get-me';
import type { Role } from '../lib/types';

/** Renders its children for a signed-in user; otherwise sends them to sign in and back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} retry={() => me.refetch()} />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}

/** Renders its children only for the given roles (the API checks again). */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const me = useMe();
  if (!hasRole(me.data, ...roles)) {
    return (
      <EmptyState title="This page is not for your role">
        <p>Ask an organisation admin if you need access.</p>
      </EmptyState>
    );
  }
  return <>{children}</>;
}
