import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type ApiTokenScope = 'read' | 'write' | 'admin';
export type ApiTokenKind = 'personal' | 'service';

export interface ApiToken {
  id: string;
  name: string;
  kind: ApiTokenKind;
  scope: ApiTokenScope;
  prefix: string;
  ownerEmail: string | null;
  status: 'active' | 'expired' | 'revoked';
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreateApiTokenInput {
  name: string;
  kind: ApiTokenKind;
  scope: ApiTokenScope;
  expiresInDays: number;
}

const key = ['api-tokens'] as const;

export function useApiTokens() {
  return useQuery({ queryKey: key, queryFn: () => api.get<ApiToken[]>('/api-tokens') });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiTokenInput) => api.post<ApiToken & { token: string }>('/api-tokens', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<ApiToken>(`/api-tokens/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
