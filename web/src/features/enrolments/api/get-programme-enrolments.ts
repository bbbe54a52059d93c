import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Enrolment, EnrolmentRole } from '../../../lib/types';

export interface EnrolmentFilter {
  status?: 'active' | 'withdrawn' | 'all';
  role?: EnrolmentRole;
}

export const programmeEnrolmentsQueryKey = (programmeId: string, filter: EnrolmentFilter = {}) =>
  ['enrolments', 'programme', programmeId, filter] as const;

export const getProgrammeEnrolments = (programmeId: string, filter: EnrolmentFilter = {}) =>
  api.get<Enrolment[]>(`/programmes/${programmeId}/enrolments`, {
    query: { status: filter.status, role: filter.role },
  });

export function useProgrammeEnrolments(programmeId: string, filter: EnrolmentFilter = {}) {
  return useQuery({
    queryKey: programmeEnrolmentsQueryKey(programmeId, filter),
    queryFn: () => getProgrammeEnrolments(programmeId, filter),
  });
}
