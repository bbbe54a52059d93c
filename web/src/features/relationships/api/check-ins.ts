// Light check-ins: how the relationship is going, seen by both people.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { checkInResponseSchema, Mood } from '../../../../../src/relationships/relationships';
import { api } from '../../../lib/api-client';

export type { Mood };
export type CheckIn = z.infer<typeof checkInResponseSchema>;

const key = (id: string) => ['relationships', 'check-ins', id] as const;
export const getCheckIns = (id: string) => api.get<CheckIn[]>(`/relationships/${id}/check-ins`);
export const checkIn = ({ id, ...body }: { id: string; mood: Mood; note?: string }) =>
  api.post<CheckIn>(`/relationships/${id}/check-ins`, body);

export function useCheckIns(id: string) {
  return useQuery({ queryKey: key(id), queryFn: () => getCheckIns(id) });
}

export function useCheckIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: checkIn,
    onSuccess: (_c, input) => queryClient.invalidateQueries({ queryKey: key(input.id) }),
  });
}
