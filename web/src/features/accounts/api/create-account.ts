import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Account, Role } from '../../../lib/types';
import { accountsQueryKey } from './get-accounts';

export interface CreateAccountInput {
  personId: string;
  roles: Role[];
  password: string;
}

export const createAccount = (input: CreateAccountInput) => api.post<Account>('/accounts', input);

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAccount,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsQueryKey }),
  });
}
