import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Cadence, MatchSettings, Programme, ProgrammeFormat, ProgrammeKind } from '../../../lib/types';
import { programmesQueryKey } from './get-programmes';

export interface ProgrammeInput {
  name: string;
  kind: ProgrammeKind;
  format: ProgrammeFormat;
  description: string | null;
  goals: string[];
  cohortStart: string;
  cohortEnd: string;
  meetingCadence: Cadence;
  defaultMentorCapacity: number;
  topicIds: string[];
  matchingSettings: MatchSettings;
}

export const createProgramme = (input: ProgrammeInput) => api.post<Programme>('/programmes', input);

export function useCreateProgramme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProgramme,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programmesQueryKey }),
  });
}
