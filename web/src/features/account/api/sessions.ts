import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { SessionInfo } from '../../../lib/types';

export const sessionsQueryKey = ['me', 'sessions'] as const;
export const getSessions = () => api.get<SessionInfo[]>('/me/sessions');

export function useSessions() {
  return useQuery({ queryKey: sessionsQueryKey, queryFn: getSessions });
}

export const endSession = (id: string) => api.delete<void>(`/me/sessions/${id}`);

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: endSession,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsQueryKey }),
  });
}
