// Single sign-on from the sign-in page: the organisation's provider, and leaving for it.
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface SsoOptions {
  displayName: string;
  passwordSignIn: boolean;
}

/** The organisation's provider, for its sign-in button; null when it has none (or no such organisation). */
export function useSsoOptions(org: string | null) {
  return useQuery({
    queryKey: ['sso', 'options', org],
    enabled: Boolean(org),
    queryFn: () => api.post<SsoOptions>('/auth/sso/options', { org }).catch(() => null),
  });
}

/** Starts signing in at the provider and leaves for it. */
export function useStartSso() {
  return useMutation({
    mutationFn: (org: string) => api.post<{ url: string }>('/auth/sso/start', { org }),
    onSuccess: ({ url }) => window.location.assign(url),
  });
}
