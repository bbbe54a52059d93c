import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const requestPasswordReset = (email: string) =>
  api.post<{ message: string }>('/auth/password-reset', { email });

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}

export const resetPassword = (input: { token: string; password: string }) =>
  api.post<void>('/auth/password-reset/confirm', input);

export function useResetPassword() {
  return useMutation({ mutationFn: resetPassword });
}
