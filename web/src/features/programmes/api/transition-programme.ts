import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Programme, ProgrammeStatus } from '../../../lib/types';
import { programmeQueryKey } from './get-programme';
import { programmesQueryKey } from './get-programmes';

export const transitionProgramme = ({
  id,
  to,
  version,
}: {
  id: string;
  to: ProgrammeStatus;
  version?: number;
}) => api.post<Programme>(`/programmes/${id}/transitions`, { to, version });

export function useTransitionProgramme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: transitionProgramme,
    onSuccess: (programme) => {
      queryClient.setQueryData(programmeQueryKey(programme.id), programme);
      return queryClient.invalidateQueries({ queryKey: programmesQueryKey });
    },
  });
}
