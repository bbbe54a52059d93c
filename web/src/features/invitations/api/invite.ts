import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Role } from '../../../lib/types';
import { invitationsQueryKey } from './get-invitations';
import type { InvitationBatch, InvitationSelection } from './types';

export const invite = (input: { selection: InvitationSelection; roles?: Role[] }) =>
  api.post<InvitationBatch>('/invitations', input);

export function useInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: invite,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsQueryKey }),
  });
}

export const getBatch = (id: string) => api.get<InvitationBatch>(`/invitation-batches/${id}`);

/** A batch's progress, asked again every two seconds while the worker is still sending. */
export function useBatch(first: InvitationBatch) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: [...invitationsQueryKey, 'batch', first.id],
    queryFn: async () => {
      const batch = await getBatch(first.id);
      if (batch.status === 'done')
        await queryClient.invalidateQueries({ queryKey: [...invitationsQueryKey, 'list'] });
      return batch;
    },
    initialData: first,
    refetchInterval: (query) => (query.state.data?.status === 'done' ? false : 2000),
  });
}
