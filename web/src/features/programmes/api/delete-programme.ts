import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { programmesQueryKey } from './get-programmes';

export const deleteProgramme = (id: string) => api.delete<void>(`/programmes/${id}`);

export function useDeleteProgramme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteProgramme,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programmesQueryKey }),
  });
}
