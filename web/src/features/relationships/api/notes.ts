// Notes (shared with the partner, or private to their author), the learning log, goals and actions, journeys.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Action, JourneyEntry, LearningEntry, LearningLog, Note } from '../types';

export const notesQueryKey = (relationshipId: string) => ['relationships', 'notes', relationshipId] as const;
export const learningQueryKey = (relationshipId: string) =>
  ['relationships', 'learning', relationshipId] as const;
export const actionsQueryKey = (relationshipId: string) =>
  ['relationships', 'actions', relationshipId] as const;
export const journeysQueryKey = (relationshipId: string) =>
  ['relationships', 'journeys', relationshipId] as const;

export const getNotes = (relationshipId: string) => api.get<Note[]>(`/relationships/${relationshipId}/notes`);
export const addNote = ({
  relationshipId,
  ...body
}: {
  relationshipId: string;
  visibility: Note['visibility'];
  body: string;
  meetingId?: string;
}) => api.post<Note>(`/relationships/${relationshipId}/notes`, body);
export const deleteNote = ({ id }: { id: string; relationshipId: string }) =>
  api.delete<void>(`/notes/${id}`);

export const getLearning = (relationshipId: string) =>
  api.get<LearningLog>(`/relationships/${relationshipId}/learning`);
export const logLearning = ({
  relationshipId,
  ...body
}: {
  relationshipId: string;
  body: string;
  topicId?: string;
  learnedOn?: string;
}) => api.post<LearningEntry>(`/relationships/${relationshipId}/learning`, body);

export const getActions = (relationshipId: string) =>
  api.get<Action[]>(`/relationships/${relationshipId}/actions`);
export const addAction = ({
  relationshipId,
  ...body
}: {
  relationshipId: string;
  kind: Action['kind'];
  title: string;
  ownerId?: string;
  dueOn?: string;
}) => api.post<Action>(`/relationships/${relationshipId}/actions`, body);
export const updateAction = ({
  id,
  ...body
}: {
  id: string;
  relationshipId: string;
  status?: Action['status'];
  version: number;
}) => api.patch<Action>(`/actions/${id}`, { status: body.status, version: body.version });

export const getRelationshipJourneys = (relationshipId: string) =>
  api.get<JourneyEntry[]>(`/relationships/${relationshipId}/journeys`);
export const addJourneyEntry = (body: {
  kind: JourneyEntry['kind'];
  year: number;
  title: string;
  body?: string;
  sharedWith?: string[];
}) => api.post<JourneyEntry>('/journey', body);

export function useNotes(relationshipId: string, enabled = true) {
  return useQuery({
    queryKey: notesQueryKey(relationshipId),
    queryFn: () => getNotes(relationshipId),
    enabled,
  });
}
export function useAddNote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addNote,
    onSuccess: (n) => queryClient.invalidateQueries({ queryKey: notesQueryKey(n.relationshipId) }),
  });
}
export function useDeleteNote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteNote,
    onSuccess: (_v, input) =>
      queryClient.invalidateQueries({ queryKey: notesQueryKey(input.relationshipId) }),
  });
}

export function useLearning(relationshipId: string, enabled = true) {
  return useQuery({
    queryKey: learningQueryKey(relationshipId),
    queryFn: () => getLearning(relationshipId),
    enabled,
  });
}
export function useLogLearning() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logLearning,
    onSuccess: (_e, input) =>
      queryClient.invalidateQueries({ queryKey: learningQueryKey(input.relationshipId) }),
  });
}

export function useActions(relationshipId: string, enabled = true) {
  return useQuery({
    queryKey: actionsQueryKey(relationshipId),
    queryFn: () => getActions(relationshipId),
    enabled,
  });
}
export function useAddAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addAction,
    onSuccess: (a) => queryClient.invalidateQueries({ queryKey: actionsQueryKey(a.relationshipId) }),
  });
}
export function useUpdateAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAction,
    onSuccess: (a) => queryClient.invalidateQueries({ queryKey: actionsQueryKey(a.relationshipId) }),
  });
}

export function useRelationshipJourneys(relationshipId: string, enabled = true) {
  return useQuery({
    queryKey: journeysQueryKey(relationshipId),
    queryFn: () => getRelationshipJourneys(relationshipId),
    enabled,
  });
}
export function useAddJourneyEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addJourneyEntry,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['relationships', 'journeys'] }),
  });
}
