import { useQuery } from '@tanstack/react-query';
import type { EnrolmentSummary } from '../../../../../src/programmes/enrolments';
import { api } from '../../../lib/api-client';

export type { EnrolmentSummary };

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
