import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Enrolment } from '../../../lib/types';
import type { EnrolInput } from './enrol';
import { enrolmentQueryKey } from './get-enrolment';

export type EnrolmentUpdate = Partial<Omit<EnrolInput, 'role' | 'consent'>> & { id: string; version: number };

export const updateEnrolment = ({ id, ...input }: EnrolmentUpdate) =>
  api.patch<Enrolment>(`/enrolments/${id}`, input);

export function useUpdateEnrolment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateEnrolment,
    onSuccess: (enrolment) => {
      queryClient.setQueryData(enrolmentQueryKey(enrolment.id), enrolment);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ['me'] }),
        queryClient.invalidateQueries({ queryKey: ['enrolments', 'programme'] }),
      ]);
    },
  });
}
