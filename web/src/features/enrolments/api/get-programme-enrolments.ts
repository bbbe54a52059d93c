import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Enrolment, EnrolmentRole, Page } from '../../../lib/types';

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

export interface EnrolmentPageQuery extends EnrolmentFilter {
  q?: string;
  limit: number;
  offset: number;
}

export const getProgrammeEnrolmentsPage = (
  programmeId: string,
  query: EnrolmentPageQuery,
  signal?: AbortSignal,
) => api.page<Enrolment>(`/programmes/${programmeId}/enrolments`, { query: { ...query }, signal });

/** One page of a programme's enrolments; the server filters, searches and pages. */
export function useProgrammeEnrolmentsPage(programmeId: string, query: EnrolmentPageQuery) {
  return useQuery<Page<Enrolment>>({
    queryKey: ['enrolments', 'programme', programmeId, 'page', query],
    queryFn: ({ signal }) => getProgrammeEnrolmentsPage(programmeId, query, signal),
    // Keep showing the last page while the next one loads, so the table does not jump.
    placeholderData: keepPreviousData,
  });
}
