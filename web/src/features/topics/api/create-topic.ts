import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Topic, TopicCategory } from '../../../lib/types';
import { topicsQueryKey } from './get-topics';

export interface TopicInput {
  name: string;
  category: TopicCategory;
  description?: string | null;
}

export const createTopic = (input: TopicInput) => api.post<Topic>('/topics', input);

export function useCreateTopic() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTopic,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: topicsQueryKey }),
  });
}
