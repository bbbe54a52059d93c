import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Organisation } from '../../../lib/types';

export interface CreateOrganisationInput {
  name: string;
  slug: string;
  admin: { name: string; email: string; password: string; jobTitle?: string | null; timeZone?: string };
}

export const createOrganisation = (input: CreateOrganisationInput) =>
  api.post<CreatedOrganisation>('/organisations', input);

export interface CreatedOrganisation {
  organisation: Organisation;
  accountId: string;
  /** False when the admin must first follow the link emailed to them. */
  signInReady: boolean;
}

export function useCreateOrganisation() {
  return useMutation({ mutationFn: createOrganisation });
}
