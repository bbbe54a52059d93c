import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Organisation } from '../../../lib/types';

export interface OrganisationUpdate {
  name?: string;
  minReportGroupSize?: number;
}

export const updateOrganisation = (input: OrganisationUpdate) =>
  api.patch<Organisation>('/organisation', input);

export function useUpdateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateOrganisation,
    onSuccess: (org) => queryClient.setQueryData(['organisation'], org),
  });
}
