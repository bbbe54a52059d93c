import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { UnsubscribeLink } from './types';

/** What an emailed unsubscribe link would stop; opening the page changes nothing. */
export function useUnsubscribeLink(token: string) {
  return useQuery({
    queryKey: ['unsubscribe', token],
    queryFn: ({ signal }) =>
      api.get<UnsubscribeLink>(`/unsubscribe/${encodeURIComponent(token)}`, { signal }),
    retry: false,
  });
}

export const useUnsubscribe = (token: string) =>
  useMutation({ mutationFn: () => api.post<UnsubscribeLink>(`/unsubscribe/${encodeURIComponent(token)}`) });
