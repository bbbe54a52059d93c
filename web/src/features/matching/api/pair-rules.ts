// Locked and forbidden pairs of a programme (managers).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { PairRule } from '../types';

export const pairRulesQueryKey = (programmeId: string) => ['pair-rules', programmeId] as const;

export const getPairRules = (programmeId: string) =>
  api.get<PairRule[]>(`/programmes/${programmeId}/pair-rules`);
export const setPairRule = ({
  programmeId,
  ...rule
}: {
  programmeId: string;
  mentorId: string;
  menteeId: string;
  kind: 'locked' | 'forbidden';
}) => api.post<PairRule>(`/programmes/${programmeId}/pair-rules`, rule);
export const deletePairRule = ({ programmeId, ruleId }: { programmeId: string; ruleId: string }) =>
  api.delete<void>(`/programmes/${programmeId}/pair-rules/${ruleId}`);

export function usePairRules(programmeId: string) {
  return useQuery({ queryKey: pairRulesQueryKey(programmeId), queryFn: () => getPairRules(programmeId) });
}

export function useSetPairRule(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setPairRule,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: pairRulesQueryKey(programmeId) }),
        queryClient.invalidateQueries({ queryKey: ['match-runs'] }),
      ]),
  });
}

export function useDeletePairRule(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deletePairRule,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: pairRulesQueryKey(programmeId) }),
        queryClient.invalidateQueries({ queryKey: ['match-runs'] }),
      ]),
  });
}
