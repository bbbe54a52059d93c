import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const getDepartments = () => api.get<string[]>('/people/departments');

export function useDepartments() {
  return useQuery({ queryKey: ['people', 'departments'], queryFn: getDepartments, staleTime: 5 * 60_000 });
}
