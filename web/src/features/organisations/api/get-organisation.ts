import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Organisation } from '../../../lib/types';

export const getOrganisation = () => api.get<Organisation>('/organisation');

export function useOrganisation(enabled = true) {
  return useQuery({ queryKey: ['organisation'], queryFn: getOrganisation, enabled, staleTime: 5 * 60_000 });
}
