// A mentee's shortlist of candidate mentors and their ranking (which feeds the next run).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface Candidate {
  personId: string;
  name: string;
  jobTitle: string | null;
  department: string | null;
  offers: { topicId: string; topic: string; proficiency: number }[];
  topicFit: number;
}

export interface Ranking {
  programmeId?: string;
  mentorIds: string[];
  version: number;
  updatedAt: string;
}

export interface Shortlist {
  programmeId: string;
  candidates: Candidate[];
  ranking: Ranking | null;
}

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
