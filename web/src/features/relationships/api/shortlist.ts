// A mentee's shortlist of candidate mentors and their ranking (which feeds the next run).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { rankingResponseSchema, shortlistResponseSchema } from '../../../../../src/matches/shortlist';
import { api } from '../../../lib/api-client';

export type Shortlist = z.infer<typeof shortlistResponseSchema>;
export type Candidate = Shortlist['candidates'][number];
export type Ranking = z.infer<typeof rankingResponseSchema>;

export const shortlistQueryKey = (programmeId: string) => ['shortlist', programmeId] as const;
export const getShortlist = (programmeId: string) =>
  api.get<Shortlist>(`/programmes/${programmeId}/shortlist`, { query: { limit: 20 } });
export const saveRanking = ({
  programmeId,
  ...body
}: {
  programmeId: string;
  mentorIds: string[];
  version?: number;
}) => api.put<Ranking>(`/programmes/${programmeId}/ranking`, body);

export function useShortlist(programmeId: string) {
  return useQuery({ queryKey: shortlistQueryKey(programmeId), queryFn: () => getShortlist(programmeId) });
}

export function useSaveRanking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveRanking,
    onSuccess: (_r, input) =>
      queryClient.invalidateQueries({ queryKey: shortlistQueryKey(input.programmeId) }),
  });
}
