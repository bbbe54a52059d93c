import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { InvitationList, InvitationStatus } from './types';

export interface InvitationsQuery {
  status?: InvitationStatus;
  limit?: number;
  offset?: number;
}

export const invitationsQueryKey = ['invitations'] as const;

export const getInvitations = (query: InvitationsQuery, signal?: AbortSignal) =>
  api.get<InvitationList>('/invitations', { query: { ...query }, signal });

export function useInvitations(query: InvitationsQuery) {
  return useQuery({
    queryKey: [...invitationsQueryKey, 'list', query],
    queryFn: ({ signal }) => getInvitations(query, signal),
    placeholderData: keepPreviousData,
  });
}
