import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Enrolment } from '../../../lib/types';
import { enrolmentQueryKey } from './get-enrolment';

export const withdrawEnrolment = (id: string) => api.post<Enrolment>(`/enrolments/${id}/withdraw`);

export function useWithdrawEnrolment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: withdrawEnrolment,
    onSuccess: (enrolment) => {
      queryClient.setQueryData(enrolmentQueryKey(enrolment.id), enrolment);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ['me'] }),
        queryClient.invalidateQueries({ queryKey: ['enrolments', 'programme'] }),
      ]);
    },
  });
}
