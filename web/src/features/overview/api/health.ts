// Programme health for managers: momentum, and feedback as aggregates only (groups of 5+).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { FeedbackSummary, Momentum } from '../types';

export const getMomentum = (programmeId: string, weeks = 12) =>
  api.get<Momentum>(`/programmes/${programmeId}/momentum`, { query: { weeks } });
export const getFeedbackSummary = (programmeId: string) =>
  api.get<FeedbackSummary>(`/programmes/${programmeId}/feedback-summary`);

export function useMomentum(programmeId: string, weeks = 12) {
  return useQuery({
    queryKey: ['momentum', programmeId, weeks],
    queryFn: () => getMomentum(programmeId, weeks),
  });
}

export function useFeedbackSummary(programmeId: string) {
  return useQuery({
    queryKey: ['feedback-summary', programmeId],
    queryFn: () => getFeedbackSummary(programmeId),
    staleTime: 5 * 60_000,
  });
}
