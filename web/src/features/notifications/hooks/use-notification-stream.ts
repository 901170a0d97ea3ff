import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { Notification } from '../../../../../contracts/work';
import { notificationKeys } from '../api/notifications-api';

const RECONNECT_MS = 5000;

/**
 * Listens to `/api/notifications/stream` (server-sent events) while the app is open: a change of
 * the unread count or a new notification refetches the bell's list, and `onNotification` sees each
 * new one (for a toast). EventSource reconnects by itself after a dropped connection; when the
 * server refused it (closed state, e.g. after a restart), a new one is opened after a pause.
 */
export function useNotificationStream(onNotification: (n: Notification) => void) {
  const queryClient = useQueryClient();
  const callback = useRef(onNotification);
  callback.current = onNotification;

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: number | undefined;
    let stopped = false;
    const refresh = () => void queryClient.invalidateQueries({ queryKey: notificationKeys.list() });
    const open = () => {
      source = new EventSource('/api/notifications/stream', { withCredentials: true });
      source.addEventListener('unread', refresh);
      source.addEventListener('notification', (event) => {
        refresh();
        try {
          callback.current(JSON.parse((event as MessageEvent<string>).data) as Notification);
        } catch {
          // a malformed event only costs the toast
        }
      });
      source.onopen = refresh;
      source.onerror = () => {
        if (stopped || source?.readyState !== EventSource.CLOSED) return;
        source.close();
        retry = window.setTimeout(open, RECONNECT_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      source?.close();
    };
  }, [queryClient]);
}
