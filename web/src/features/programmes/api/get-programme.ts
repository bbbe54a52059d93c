import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Programme } from '../../../lib/types';
import { programmesQueryKey } from './get-programmes';

export const programmeQueryKey = (id: string) => [...programmesQueryKey, 'one', id] as const;
export const getProgramme = (id: string) => api.get<Programme>(`/programmes/${id}`);

export function useProgramme(id: string | undefined) {
  return useQuery({
    queryKey: programmeQueryKey(id ?? ''),
    queryFn: () => getProgramme(id ?? ''),
    enabled: Boolean(id),
  });
}
