import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { UndeliveredPage, UndeliveredStatus } from './types';

export type { UndeliveredStatus } from './types';

const key = ['undelivered-mail'] as const;

export function useUndeliveredMail(query: { status: UndeliveredStatus; limit: number; offset: number }) {
  return useQuery({
    queryKey: [...key, query],
    queryFn: ({ signal }) =>
      api.get<UndeliveredPage>('/admin/undelivered-mail', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRetryEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<void>(`/admin/undelivered-mail/${id}/retry`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
