import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Programme, ProgrammeStatus } from '../../../lib/types';

export const programmesQueryKey = ['programmes'] as const;

export const getProgrammes = (status?: ProgrammeStatus) =>
  api.get<Programme[]>('/programmes', { query: { status } });

export function useProgrammes(status?: ProgrammeStatus) {
  return useQuery({
    queryKey: [...programmesQueryKey, { status: status ?? null }],
    queryFn: () => getProgrammes(status),
  });
}
