// A participant's relationships: list, read, respond to a proposal, pause/resume/close, reflect.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Reflection, ReflectionInput, Reflections, Relationship, RelationshipStatus } from '../types';

export const myRelationshipsQueryKey = ['relationships', 'mine'] as const;
export const relationshipQueryKey = (id: string) => ['relationships', 'one', id] as const;

export const getMyRelationships = () => api.get<Relationship[]>('/relationships');
export const getRelationship = (id: string) => api.get<Relationship>(`/relationships/${id}`);
export const respondToMatch = ({
  id,
  ...body
}: { id: string; version?: number } & ({ response: 'accept' } | { response: 'decline'; reason?: string })) =>
  api.post<Relationship>(`/relationships/${id}/respond`, body);
export const transitionRelationship = ({
  id,
  to,
  version,
}: {
  id: string;
  to: Extract<RelationshipStatus, 'active' | 'paused' | 'closed'>;
  version: number;
}) => api.post<Relationship>(`/relationships/${id}/transitions`, { to, version });
export const getReflections = (id: string) => api.get<Reflections>(`/relationships/${id}/reflections`);
export const reflect = ({ id, ...body }: ReflectionInput & { id: string }) =>
  api.post<Reflection>(`/relationships/${id}/reflection`, body);

export function useMyRelationships() {
  return useQuery({ queryKey: myRelationshipsQueryKey, queryFn: getMyRelationships });
}

export function useRelationship(id: string | undefined) {
  return useQuery({
    queryKey: relationshipQueryKey(id ?? ''),
    queryFn: () => getRelationship(id ?? ''),
    enabled: Boolean(id),
  });
}

function useRelationshipChanged() {
  const queryClient = useQueryClient();
  return (rel: Relationship) => {
    queryClient.setQueryData(relationshipQueryKey(rel.id), rel);
    return queryClient.invalidateQueries({ queryKey: ['relationships'] });
  };
}

export function useRespondToMatch() {
  const changed = useRelationshipChanged();
  return useMutation({ mutationFn: respondToMatch, onSuccess: changed });
}

export function useTransitionRelationship() {
  const changed = useRelationshipChanged();
  return useMutation({ mutationFn: transitionRelationship, onSuccess: changed });
}

export function useReflections(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['relationships', 'reflections', id],
    queryFn: () => getReflections(id),
    enabled,
  });
}

export function useReflect() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reflect,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['relationships', 'reflections'] }),
  });
}

/** The reason I gave when I declined, if any (only its author and the programme manager read it). */
export const getMyDeclineReason = (id: string) =>
  api.get<{ reason: string | null }>(`/relationships/${id}/decline-reason`);

export function useMyDeclineReason(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['relationships', 'decline-reason', id],
    queryFn: () => getMyDeclineReason(id),
    enabled,
  });
}
