// Decline reasons: written for the programme manager alone; each read is audited, so they are
// fetched only when the manager asks.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface DeclineReason {
  relationshipId: string;
  authorId: string;
  authorName: string;
  side: 'mentor' | 'mentee' | null;
  reason: string | null;
  createdAt: string;
}

export const getDeclineReasons = (programmeId: string) =>
  api.get<DeclineReason[]>(`/programmes/${programmeId}/decline-reasons`);

export function useDeclineReasons(programmeId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['decline-reasons', programmeId],
    queryFn: () => getDeclineReasons(programmeId),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
