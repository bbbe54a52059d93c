import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Person } from '../../../lib/types';
import { personQueryKey } from './get-person';

export type PersonUpdate = Partial<
  Pick<
    Person,
    | 'name'
    | 'email'
    | 'jobTitle'
    | 'jobLevel'
    | 'department'
    | 'location'
    | 'timeZone'
    | 'languages'
    | 'leaveDate'
    | 'leaveReason'
  >
> & { id: string; version: number };

export const updatePerson = ({ id, ...input }: PersonUpdate) => api.patch<Person>(`/people/${id}`, input);

export function useUpdatePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePerson,
    onSuccess: (person) => {
      queryClient.setQueryData(personQueryKey(person.id), person);
      return queryClient.invalidateQueries({ queryKey: ['people', 'list'] });
    },
  });
}
