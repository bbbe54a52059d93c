import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Account } from '../../../lib/types';
import { accountsQueryKey } from './get-accounts';

export const setDisabled = ({ id, disabled }: { id: string; disabled: boolean }) =>
  api.post<Account>(`/accounts/${id}/${disabled ? 'disable' : 'enable'}`);

export function useSetDisabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setDisabled,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsQueryKey }),
  });
}
