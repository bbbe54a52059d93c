// Meetings: list, schedule, reschedule, cancel, record as held; agenda templates; feedback.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../../lib/api-client';
import type { Agenda, AgendaTemplate, Feedback, Meeting, MeetingList } from '../types';

export const meetingsQueryKey = (relationshipId: string) =>
  ['relationships', 'meetings', relationshipId] as const;

export const getMeetings = (relationshipId: string) =>
  api.get<MeetingList>(`/relationships/${relationshipId}/meetings`);
export const getAgendaTemplates = (relationshipId: string) =>
  api.get<Agenda[]>(`/relationships/${relationshipId}/agenda-templates`);
export const scheduleMeeting = ({
  relationshipId,
  ...body
}: {
  relationshipId: string;
  startsAt: string;
  durationMinutes?: number;
  location?: string;
  agendaTemplate?: AgendaTemplate;
}) => api.post<Meeting>(`/relationships/${relationshipId}/meetings`, body);
export const rescheduleMeeting = ({
  id,
  ...body
}: {
  id: string;
  version: number;
  startsAt?: string;
  durationMinutes?: number;
  location?: string | null;
  agendaTemplate?: AgendaTemplate;
}) => api.patch<Meeting>(`/meetings/${id}`, body);
export const cancelMeeting = ({ id, version }: { id: string; version: number }) =>
  api.post<Meeting>(`/meetings/${id}/cancel`, { version });
export const recordMeeting = ({ id, version }: { id: string; version: number }) =>
  api.post<Meeting>(`/meetings/${id}/record`, { version });

/** My own feedback on a meeting, or null when I have not given any. */
export async function getMyFeedback(meetingId: string): Promise<Feedback | null> {
  try {
    return await api.get<Feedback>(`/meetings/${meetingId}/feedback`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}
export const giveFeedback = ({
  meetingId,
  ...body
}: {
  meetingId: string;
  value: number;
  heard: number;
  talking: Feedback['talking'];
  comment?: string;
}) => api.post<Feedback>(`/meetings/${meetingId}/feedback`, body);

/** The .ics invitation's address, for "add to calendar". */
export const icsUrl = (meetingId: string) => `/api/meetings/${meetingId}/ics`;

export function useMeetings(relationshipId: string, enabled = true) {
  return useQuery({
    queryKey: meetingsQueryKey(relationshipId),
    queryFn: () => getMeetings(relationshipId),
    enabled,
  });
}

export function useAgendaTemplates(relationshipId: string, enabled = true) {
  return useQuery({
    queryKey: ['relationships', 'agenda-templates', relationshipId],
    queryFn: () => getAgendaTemplates(relationshipId),
    enabled,
    staleTime: 5 * 60_000,
  });
}

function useMeetingsChanged() {
  const queryClient = useQueryClient();
  return (m: Meeting) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: meetingsQueryKey(m.relationshipId) }),
      queryClient.invalidateQueries({ queryKey: ['relationships', 'one', m.relationshipId] }),
    ]);
}

export function useScheduleMeeting() {
  return useMutation({ mutationFn: scheduleMeeting, onSuccess: useMeetingsChanged() });
}
export function useRescheduleMeeting() {
  return useMutation({ mutationFn: rescheduleMeeting, onSuccess: useMeetingsChanged() });
}
export function useCancelMeeting() {
  return useMutation({ mutationFn: cancelMeeting, onSuccess: useMeetingsChanged() });
}
export function useRecordMeeting() {
  return useMutation({ mutationFn: recordMeeting, onSuccess: useMeetingsChanged() });
}

export function useMyFeedback(meetingId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['feedback', meetingId],
    queryFn: () => getMyFeedback(meetingId),
    enabled,
  });
}

export function useGiveFeedback() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: giveFeedback,
    onSuccess: (f) => queryClient.setQueryData(['feedback', f.meetingId], f),
  });
}
