// Match runs: list, read, run, compare, publish, discard, re-match (managers).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RematchResult } from '../../../../../src/matches/rematch';
import type { MatchSettingsInput } from '../../../components/matching-words';
import { api } from '../../../lib/api-client';
import { programmesQueryKey } from '../../programmes/api/get-programmes';
import type {
  CirclePlan,
  CirclePlanInput,
  GroupComparison,
  PublishResult,
  Run,
  RunComparison,
  RunSummary,
} from '../types';

export const runsQueryKey = (programmeId: string) => ['match-runs', programmeId] as const;
export const runQueryKey = (id: string) => ['match-runs', 'one', id] as const;

export const getMatchRuns = (programmeId: string) =>
  api.get<RunSummary[]>(`/programmes/${programmeId}/match-runs`);
export const getMatchRun = (id: string) => api.get<Run>(`/match-runs/${id}`);
export const createMatchRun = ({
  programmeId,
  settings,
  allowTrio,
}: {
  programmeId: string;
  settings: MatchSettingsInput;
  /** Peer programmes: an odd pool makes one trio instead of leaving one person out. */
  allowTrio?: boolean;
}) =>
  api.post<Run>(`/programmes/${programmeId}/match-runs`, {
    settings,
    ...(allowTrio ? { allowTrio } : {}),
  });
export const compareMatchRuns = (a: string, b: string) =>
  api.get<RunComparison | GroupComparison>(`/match-runs/${a}/compare`, { query: { with: b } });

export const circlePlansQueryKey = (programmeId: string) => ['circle-plans', programmeId] as const;
export const getCirclePlans = (programmeId: string) =>
  api.get<CirclePlan[]>(`/programmes/${programmeId}/circles`);
export const createCirclePlan = ({ programmeId, ...input }: CirclePlanInput & { programmeId: string }) =>
  api.post<CirclePlan>(`/programmes/${programmeId}/circles`, input);
export const deleteCirclePlan = ({ programmeId, id }: { programmeId: string; id: string }) =>
  api.delete<void>(`/programmes/${programmeId}/circles/${id}`);

export function useCirclePlans(programmeId: string, enabled: boolean) {
  return useQuery({
    queryKey: circlePlansQueryKey(programmeId),
    queryFn: () => getCirclePlans(programmeId),
    enabled,
  });
}

export function useChangeCirclePlans(programmeId: string) {
  const queryClient = useQueryClient();
  const changed = () => queryClient.invalidateQueries({ queryKey: circlePlansQueryKey(programmeId) });
  return {
    create: useMutation({ mutationFn: createCirclePlan, onSuccess: changed }),
    remove: useMutation({ mutationFn: deleteCirclePlan, onSuccess: changed }),
  };
}
export const publishMatchRun = ({ id, version }: { id: string; version?: number }) =>
  api.post<PublishResult>(`/match-runs/${id}/publish`, { version });
export const discardMatchRun = (id: string) => api.post<RunSummary>(`/match-runs/${id}/discard`);
export const rematchProgramme = ({
  programmeId,
  settings,
}: {
  programmeId: string;
  settings: MatchSettingsInput;
}) => api.post<Omit<RematchResult, 'run'> & { run: Run }>(`/programmes/${programmeId}/rematch`, { settings });

export function useMatchRuns(programmeId: string) {
  return useQuery({ queryKey: runsQueryKey(programmeId), queryFn: () => getMatchRuns(programmeId) });
}

export function useMatchRun(id: string | undefined) {
  return useQuery({
    queryKey: runQueryKey(id ?? ''),
    queryFn: () => getMatchRun(id ?? ''),
    enabled: Boolean(id),
  });
}

export function useRunComparison(a: string | undefined, b: string | undefined) {
  return useQuery({
    queryKey: ['match-runs', 'compare', a, b],
    queryFn: () => compareMatchRuns(a ?? '', b ?? ''),
    enabled: Boolean(a && b && a !== b),
  });
}

function useRunsChanged(programmeId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['match-runs'] }),
      queryClient.invalidateQueries({ queryKey: programmesQueryKey }),
      queryClient.invalidateQueries({ queryKey: ['programme-relationships', programmeId] }),
    ]);
}

export function useCreateMatchRun(programmeId: string) {
  const changed = useRunsChanged(programmeId);
  return useMutation({ mutationFn: createMatchRun, onSuccess: changed });
}

export function usePublishMatchRun(programmeId: string) {
  const changed = useRunsChanged(programmeId);
  // A refusal (published meanwhile, or stale) means the page is behind: read the runs again.
  return useMutation({ mutationFn: publishMatchRun, onSuccess: changed, onError: changed });
}

export function useDiscardMatchRun(programmeId: string) {
  const changed = useRunsChanged(programmeId);
  return useMutation({ mutationFn: discardMatchRun, onSuccess: changed });
}

export function useRematch(programmeId: string) {
  const changed = useRunsChanged(programmeId);
  return useMutation({ mutationFn: rematchProgramme, onSuccess: changed });
}
