import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface EnrolmentSummary {
  mentors: number;
  mentees: number;
  /** Mentoring places: the capacities of the active mentors. */
  places: number;
  withdrawn: number;
  /** Per programme topic, active enrolments offering and seeking it, most asked first. */
  topics: { topicId: string; name: string; offered: number; sought: number }[];
}

export const enrolmentSummaryQueryKey = (programmeId: string) =>
  ['enrolments', 'programme', programmeId, 'summary'] as const;

export const getEnrolmentSummary = (programmeId: string) =>
  api.get<EnrolmentSummary>(`/programmes/${programmeId}/enrolments/summary`);

/** The counts behind the enrolment overview, computed by the server. */
export function useEnrolmentSummary(programmeId: string) {
  return useQuery({
    queryKey: enrolmentSummaryQueryKey(programmeId),
    queryFn: () => getEnrolmentSummary(programmeId),
  });
}
