import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Account } from '../../../lib/types';

export const accountsQueryKey = ['accounts'] as const;
export const getAccounts = () => api.get<Account[]>('/accounts');

export function useAccounts() {
  return useQuery({ queryKey: accountsQueryKey, queryFn: getAccounts });
}
