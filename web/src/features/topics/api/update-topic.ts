import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Topic } from '../../../lib/types';
import type { TopicInput } from './create-topic';
import { topicsQueryKey } from './get-topics';

export const updateTopic = ({ id, ...input }: TopicInput & { id: string }) =>
  api.put<Topic>(`/topics/${id}`, input);

export function useUpdateTopic() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateTopic,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: topicsQueryKey }),
  });
}
