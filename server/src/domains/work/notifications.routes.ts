import { z } from 'zod';
import {
  MarkNotificationsRead,
  MarkNotificationsReadResult,
  NotificationList,
  NotificationListQuery,
} from '../../../../contracts/work';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import { notificationHub } from './notification-hub';
import { streamNotifications } from './notification-stream';
import { listMyNotifications, markMyNotificationsRead } from './notifications.service';

/** The signed-in user's notifications (the bell) and their live stream. */
export function notificationsRoutes(app: App, ctx: AppContext): void {
  const tags = ['notifications'];

  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first, with the number of unread ones',
        description:
          'Only the caller’s own notifications (reminders, daily digests). `?unread=true` lists only unread ones; `unreadCount` always counts all unread.',
        querystring: NotificationListQuery,
        response: { 200: NotificationList },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'tasks.read', 'see notifications');
      return listMyNotifications(ctx, actor, request.query);
    },
  );

  app.post(
    '/api/notifications/read',
    {
      schema: {
        tags,
        summary: 'Mark notifications read',
        description:
          'Marks the given notifications read, or all of the caller’s when `ids` is left out. Ids of other users’ notifications are ignored.',
        body: MarkNotificationsRead,
        response: { 200: MarkNotificationsReadResult },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'tasks.read', 'mark notifications read');
      return markMyNotificationsRead(ctx, actor, request.body.ids);
    },
  );

  app.get(
    '/api/notifications/stream',
    {
      schema: {
        tags,
        summary: 'Live notifications as server-sent events (text/event-stream)',
        description: [
          'Stays open and pushes, for the signed-in user:',
          '`event: unread` with `{"unreadCount": n}` on connect and whenever the count changes, and',
          '`event: notification` with the notification for each new one. A comment line every 20 s',
          'keeps proxies from closing the connection; clients reconnect after 3 s (`retry`).',
          'Use `EventSource("/api/notifications/stream")` (the session cookie authenticates).',
        ].join(' '),
        querystring: z.object({}),
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'tasks.read', 'receive notifications');
      if (!actor.userId) return reply.status(204).send();
      await streamNotifications(ctx, actor.userId, request, reply);
    },
  );

  // Open streams would keep the server from closing: end them (and the pg listener) first.
  app.addHook('preClose', async () => {
    await notificationHub(ctx.db).close();
  });
}
