import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { NotificationPage, Preferences } from './types';

export const notificationsQueryKey = ['notifications'] as const;

export const getUnreadCount = (signal?: AbortSignal) =>
  api.get<{ unread: number }>('/notifications/unread-count', { signal });

/** The badge in the top bar: checked every minute and whenever the window comes back into focus. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: [...notificationsQueryKey, 'unread'],
    queryFn: ({ signal }) => getUnreadCount(signal),
    enabled,
    refetchInterval: 60_000,
  });
}

export const getNotifications = (
  query: { limit: number; offset: number; unread?: boolean },
  signal?: AbortSignal,
) =>
  api.get<NotificationPage>('/notifications', {
    query: { limit: query.limit, offset: query.offset, unread: query.unread ? 'true' : undefined },
    signal,
  });

export function useNotifications(query: { limit: number; offset: number; unread?: boolean }) {
  return useQuery({
    queryKey: [...notificationsQueryKey, 'list', query],
    queryFn: ({ signal }) => getNotifications(query, signal),
    placeholderData: keepPreviousData,
  });
}

function useNotificationAction<T>(action: (arg: T) => Promise<{ unread: number }>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsQueryKey }),
  });
}

export const useMarkRead = () =>
  useNotificationAction((id: string) => api.post<{ unread: number }>(`/notifications/${id}/read`));
export const useMarkAllRead = () =>
  useNotificationAction(() => api.post<{ unread: number }>('/notifications/read-all'));

const preferencesKey = [...notificationsQueryKey, 'preferences'] as const;

export function usePreferences() {
  return useQuery({
    queryKey: preferencesKey,
    queryFn: ({ signal }) => api.get<Preferences>('/notifications/preferences', { signal }),
  });
}

export function useUpdatePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (emailOff: string[]) => api.put<Preferences>('/notifications/preferences', { emailOff }),
    onSuccess: (data) => queryClient.setQueryData(preferencesKey, data),
  });
}
