// The organisation's single sign-on: settings and connection test (admins).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface SsoSettings {
  configured: boolean;
  displayName: string | null;
  issuer: string | null;
  clientId: string | null;
  clientSecretSet: boolean;
  allowedDomains: string[];
  enabled: boolean;
  passwordSignIn: boolean;
  redirectUri: string;
  signInUrl: string;
}

export interface SsoSettingsInput {
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret?: string;
  allowedDomains: string[];
  enabled: boolean;
  passwordSignIn: boolean;
}

export interface ConnectionReport {
  ok: boolean;
  problem: string | null;
  issuer: string | null;
  authorizationEndpoint: string | null;
  tokenEndpoint: string | null;
  supportsPkce: boolean;
  milliseconds: number;
}

const settingsKey = ['sso', 'settings'] as const;

export function useSsoSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => api.get<SsoSettings>('/sso/settings') });
}

export function useSaveSsoSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SsoSettingsInput) => api.put<SsoSettings>('/sso/settings', input),
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
  });
}

export function useTestSsoConnection() {
  return useMutation({ mutationFn: () => api.post<ConnectionReport>('/sso/test') });
}
