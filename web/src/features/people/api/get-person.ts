import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Person } from '../../../lib/types';

export const personQueryKey = (id: string) => ['people', 'one', id] as const;
export const getPerson = (id: string) => api.get<Person>(`/people/${id}`);

export function usePerson(id: string | null | undefined) {
  return useQuery({
    queryKey: personQueryKey(id ?? ''),
    queryFn: () => getPerson(id ?? ''),
    enabled: Boolean(id),
  });
}
