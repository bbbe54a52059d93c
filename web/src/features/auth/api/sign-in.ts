import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Me } from '../../../lib/types';
import { getMe, meQueryKey } from './get-me';

export interface SignInInput {
  email: string;
  password: string;
  /** The organisation's short address, once the password opened accounts in several. */
  organisation?: string;
}

export interface OrganisationChoice {
  organisations: { slug: string; name: string }[];
}

export const signIn = (input: SignInInput) =>
  api.post<{ account: { id: string } } | OrganisationChoice>('/auth/sign-in', input);

/** Signs in and loads the account; when the password opens several organisations, answers them instead. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: SignInInput): Promise<Me | null | OrganisationChoice> => {
      const result = await signIn(input);
      if ('organisations' in result) return result;
      return getMe();
    },
    onSuccess: (result) => {
      if (result && 'organisations' in result) return;
      // Whatever was cached belonged to the previous session.
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, result);
    },
  });
}

export const confirmEmail = (token: string) =>
  api.post<{ account: { id: string } }>('/auth/confirm-email', { token });

/** Follows an emailed confirmation link: the account becomes usable and is signed in. */
export function useConfirmEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (token: string) => {
      await confirmEmail(token);
      return getMe();
    },
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}
