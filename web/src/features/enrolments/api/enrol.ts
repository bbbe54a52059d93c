import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Enrolment, EnrolmentRole, Offer, Preferences, Seek, Slot } from '../../../lib/types';

export interface EnrolInput {
  role: EnrolmentRole;
  offers: Offer[];
  seeks: Seek[];
  goals: string;
  availability: Slot[];
  capacity?: number;
  preferences: Preferences;
  consent: boolean;
}

export const enrol = ({ programmeId, ...input }: EnrolInput & { programmeId: string }) =>
  api.post<Enrolment>(`/programmes/${programmeId}/enrolments`, input);

export function useEnrol() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: enrol,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['me'] }),
        queryClient.invalidateQueries({ queryKey: ['enrolments'] }),
      ]),
  });
}
