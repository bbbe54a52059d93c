import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Topic } from '../../../lib/types';

export const topicsQueryKey = ['topics'] as const;
export const getTopics = () => api.get<Topic[]>('/topics');

export function useTopics() {
  return useQuery({ queryKey: topicsQueryKey, queryFn: getTopics, staleTime: 60_000 });
}
