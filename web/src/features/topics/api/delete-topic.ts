import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { topicsQueryKey } from './get-topics';

export const deleteTopic = (id: string) => api.delete<void>(`/topics/${id}`);

export function useDeleteTopic() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteTopic,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: topicsQueryKey }),
  });
}
