import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../../lib/api-client';
import type { Me, Role } from '../../../lib/types';

export const meQueryKey = ['me'] as const;

/** The signed-in account, or null when nobody is signed in. */
export async function getMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/me');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: getMe, staleTime: 60_000 });
}

export const hasRole = (me: Me | null | undefined, ...allowed: Role[]) =>
  Boolean(me?.account.roles.some((r) => allowed.includes(r)));

export const isManager = (me: Me | null | undefined) => hasRole(me, 'org_admin', 'programme_manager');
