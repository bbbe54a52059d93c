import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Enrolment } from '../../../lib/types';

export const enrolmentQueryKey = (id: string) => ['enrolments', 'one', id] as const;
export const getEnrolment = (id: string) => api.get<Enrolment>(`/enrolments/${id}`);

export function useEnrolment(id: string | undefined) {
  return useQuery({
    queryKey: enrolmentQueryKey(id ?? ''),
    queryFn: () => getEnrolment(id ?? ''),
    enabled: Boolean(id),
  });
}
