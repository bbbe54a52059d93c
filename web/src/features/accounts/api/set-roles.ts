import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Account, Role } from '../../../lib/types';
import { accountsQueryKey } from './get-accounts';

export const setRoles = ({ id, roles }: { id: string; roles: Role[] }) =>
  api.put<Account>(`/accounts/${id}/roles`, { roles });

export function useSetRoles() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setRoles,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: accountsQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['me'] }),
      ]),
  });
}
