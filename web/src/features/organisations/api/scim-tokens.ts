import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreatedScimToken, ScimTokenResponse } from '../../../../../src/scim/scim-tokens';
import { api } from '../../../lib/api-client';

export type { CreatedScimToken, ScimTokenResponse };

export const scimTokensQueryKey = ['scim-tokens'] as const;

export function useScimTokens() {
  return useQuery({
    queryKey: scimTokensQueryKey,
    queryFn: () => api.get<ScimTokenResponse[]>('/scim-tokens'),
  });
}

export function useCreateScimToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<CreatedScimToken>('/scim-tokens', { name }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scimTokensQueryKey }),
  });
}

export function useRevokeScimToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<ScimTokenResponse>(`/scim-tokens/${id}/revoke`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scimTokensQueryKey }),
  });
}
