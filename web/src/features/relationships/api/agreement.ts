// The mentoring agreement: read, draft or change, sign.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../../lib/api-client';
import type { Agreement, AgreementInput } from '../types';

export const agreementQueryKey = (id: string) => ['relationships', 'agreement', id] as const;

/** The agreement, or null while none has been drafted. */
export async function getAgreement(id: string): Promise<Agreement | null> {
  try {
    return await api.get<Agreement>(`/relationships/${id}/agreement`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}
export const saveAgreement = ({ id, ...body }: AgreementInput & { id: string }) =>
  api.put<Agreement>(`/relationships/${id}/agreement`, body);
export const signAgreement = ({ id, version }: { id: string; version: number }) =>
  api.post<Agreement>(`/relationships/${id}/agreement/sign`, { version });

export function useAgreement(id: string, enabled = true) {
  return useQuery({ queryKey: agreementQueryKey(id), queryFn: () => getAgreement(id), enabled });
}

function useAgreementChanged() {
  const queryClient = useQueryClient();
  return (a: Agreement) => {
    queryClient.setQueryData(agreementQueryKey(a.relationshipId), a);
  };
}

export function useSaveAgreement() {
  return useMutation({ mutationFn: saveAgreement, onSuccess: useAgreementChanged() });
}

export function useSignAgreement() {
  return useMutation({ mutationFn: signAgreement, onSuccess: useAgreementChanged() });
}

export interface ContactOption {
  id: string;
  name: string;
  jobTitle: string | null;
  role: string;
}

/** People the junior mentor may name as a confidential contact (reverse programmes). */
export const getContactOptions = (id: string) =>
  api.get<ContactOption[]>(`/relationships/${id}/contact-options`);

export function useContactOptions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['relationships', 'contact-options', id],
    queryFn: () => getContactOptions(id),
    enabled,
    staleTime: 5 * 60_000,
  });
}
