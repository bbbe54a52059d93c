import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { invitationsQueryKey } from './get-invitations';

export const resendInvitation = (id: string) => api.post<void>(`/invitations/${id}/resend`);
export const revokeInvitation = (id: string) => api.post<void>(`/invitations/${id}/revoke`);

function useInvitationAction(action: (id: string) => Promise<void>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsQueryKey }),
  });
}

export const useResendInvitation = () => useInvitationAction(resendInvitation);
export const useRevokeInvitation = () => useInvitationAction(revokeInvitation);
