import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Programme } from '../../../lib/types';
import type { ProgrammeInput } from './create-programme';
import { programmeQueryKey } from './get-programme';
import { programmesQueryKey } from './get-programmes';

/** A change to a programme; `version` is the one the editor loaded. */
export type ProgrammeUpdate = Partial<ProgrammeInput> & { id: string; version: number };

export const updateProgramme = ({ id, ...input }: ProgrammeUpdate) =>
  api.patch<Programme>(`/programmes/${id}`, input);

export function useUpdateProgramme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProgramme,
    onSuccess: (programme) => {
      queryClient.setQueryData(programmeQueryKey(programme.id), programme);
      return queryClient.invalidateQueries({ queryKey: programmesQueryKey });
    },
  });
}
