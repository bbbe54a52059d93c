import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { getMe, meQueryKey } from './get-me';

export interface SignInInput {
  email: string;
  password: string;
}

export const signIn = (input: SignInInput) => api.post<{ account: { id: string } }>('/auth/sign-in', input);

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: SignInInput) => {
      await signIn(input);
      return getMe();
    },
    onSuccess: (me) => {
      // Whatever was cached belonged to the previous session.
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}
