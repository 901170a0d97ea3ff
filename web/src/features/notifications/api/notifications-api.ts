import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Mail } from '../../../../../contracts/admin';
import type { ListResponse } from '../../../../../contracts/common';
import type {
  MarkNotificationsReadResult,
  NotificationList,
  UpdateWorkSettings,
  WorkSettings,
} from '../../../../../contracts/work';
import { api } from '../../../lib/api';

type NotificationPage = z.infer<typeof NotificationList>;

export const notificationKeys = {
  all: ['notifications'] as const,
  list: () => ['notifications', 'list'] as const,
  settings: () => ['notifications', 'settings'] as const,
  mailOutbox: (status: string | null) => ['notifications', 'mail-outbox', status] as const,
};

/** The newest notifications for the bell, with the unread count. */
export function useNotifications() {
  return useQuery({
    queryKey: notificationKeys.list(),
    queryFn: ({ signal }) => api.get<NotificationPage>('/notifications', { limit: 20 }, signal),
    // the live stream invalidates on change; this is the fallback when it is down
    refetchInterval: 5 * 60_000,
  });
}

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) =>
      api.post<z.infer<typeof MarkNotificationsReadResult>>('/notifications/read', ids ? { ids } : {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.list() }),
  });
}

export function useWorkSettings() {
  return useQuery({
    queryKey: notificationKeys.settings(),
    queryFn: ({ signal }) => api.get<WorkSettings>('/me/work-settings', undefined, signal),
  });
}

export function useUpdateWorkSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.output<typeof UpdateWorkSettings>) =>
      api.patch<WorkSettings>('/me/work-settings', body),
    onSuccess: (saved) => queryClient.setQueryData(notificationKeys.settings(), saved),
  });
}

/** The mail outbox (admins): what was queued, sent or failed; without SMTP_URL mail stays here. */
export function useMailOutbox(status: string | null) {
  return useInfiniteQuery({
    queryKey: notificationKeys.mailOutbox(status),
    queryFn: ({ pageParam, signal }) =>
      api.get<ListResponse<Mail>>(
        '/admin/mail',
        { limit: 50, cursor: pageParam ?? undefined, status },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
