import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { CountMode, Enrolment, EnrolmentRole, Page } from '../../../lib/types';
import { useExactTotal } from '../../../lib/use-exact-total';

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
  count?: CountMode;
}

export const getProgrammeEnrolmentsPage = (
  programmeId: string,
  query: EnrolmentPageQuery,
  signal?: AbortSignal,
) => api.page<Enrolment>(`/programmes/${programmeId}/enrolments`, { query: { ...query }, signal });

const pageQueryKey = (programmeId: string, query: EnrolmentPageQuery) =>
  ['enrolments', 'programme', programmeId, 'page', query] as const;

/** One page of a programme's enrolments; the server filters, searches and pages. */
export function useProgrammeEnrolmentsPage(programmeId: string, query: EnrolmentPageQuery) {
  return useQuery<Page<Enrolment>>({
    queryKey: pageQueryKey(programmeId, query),
    queryFn: ({ signal }) => getProgrammeEnrolmentsPage(programmeId, query, signal),
    // Keep showing the last page while the next one loads, so the table does not jump.
    placeholderData: keepPreviousData,
  });
}

/** How many enrolments the filters match, asked for when a page's own count stopped at its horizon. */
export function useProgrammeEnrolmentsTotal(
  programmeId: string,
  page: ReturnType<typeof useProgrammeEnrolmentsPage>,
  query: Omit<EnrolmentPageQuery, 'limit' | 'offset' | 'count'>,
) {
  const exact = { ...query, limit: 1, offset: 0, count: 'exact' as const };
  return useExactTotal(page, pageQueryKey(programmeId, exact), (signal) =>
    getProgrammeEnrolmentsPage(programmeId, exact, signal),
  );
}
