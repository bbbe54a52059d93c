// Decline reasons: written for the programme manager alone; each read is audited, so they are
// fetched only when the manager asks.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { declineReasonResponseSchema } from '../../../../../src/relationships/relationships';
import { api } from '../../../lib/api-client';

export type DeclineReason = z.infer<typeof declineReasonResponseSchema>;

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
