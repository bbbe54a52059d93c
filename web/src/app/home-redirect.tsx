import { Navigate } from 'react-router';
import { hasRole, useMe } from '../features/auth/api/get-me';
import type { Me } from '../lib/types';

/** Where each role starts. */
export function homeOf(me: Me | null | undefined): string {
  if (hasRole(me, 'programme_manager', 'org_admin')) return '/programmes';
  if (me?.account.roles.includes('sponsor') && !me.person) return '/reports';
  return '/my';
}

export function HomeRedirect() {
  const me = useMe();
  return <Navigate to={homeOf(me.data)} replace />;
}
