import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context';
import { notificationHub } from './notification-hub';
import {
  countUnread,
  newestNotificationId,
  notificationsAfter,
  toNotification,
} from './notifications.repository';

/** New notifications sent per wake-up at most; more only move the unread count (the list refetches). */
const MAX_EVENTS_PER_REFRESH = 20;

/**
 * Serves `GET /api/notifications/stream` as server-sent events for the signed-in user:
 *   event: unread        data: {"unreadCount":3}          on connect and whenever the count changes
 *   event: notification  data: <Notification>             for each new notification
 * plus a comment line as heartbeat so proxies keep the connection open. Each refresh is two short
 * queries and holds no connection or transaction between them (SQLite has a single one).
 */
export async function streamNotifications(
  ctx: AppContext,
  userId: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const hub = notificationHub(ctx.db);
  hub.listen(ctx.config.database, ctx.log);
  let lastId = await newestNotificationId(ctx.db, userId);
  let lastUnread = -1;
  let open = true;

  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // nginx buffers responses unless told otherwise
    'x-accel-buffering': 'no',
  });
  res.write('retry: 3000\n\n');
  const send = (event: string, data: unknown) => {
    if (open) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };

  let running: Promise<void> | null = null;
  let again = false;
  const refreshOnce = async () => {
    const fresh = await notificationsAfter(ctx.db, userId, lastId, MAX_EVENTS_PER_REFRESH + 1);
    const shown = fresh.slice(-MAX_EVENTS_PER_REFRESH);
    const newest = fresh.at(-1);
    if (newest) lastId = newest.id;
    const unread = await countUnread(ctx.db, userId);
    for (const row of shown) send('notification', toNotification(row));
    if (unread !== lastUnread) {
      lastUnread = unread;
      send('unread', { unreadCount: unread });
    }
  };
  // One refresh at a time per stream; a wake-up during a refresh runs one more afterwards.
  const refresh = () => {
    if (!open) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await refreshOnce();
        } catch (err) {
          ctx.log.warn({ err }, 'notification stream refresh failed');
        }
      } while (again && open);
    })().finally(() => {
      running = null;
    });
  };

  const unsubscribe = hub.subscribe(userId, refresh);
  const poll = setInterval(refresh, hub.pollMs);
  const heartbeat = setInterval(() => {
    if (open) res.write(': keep-alive\n\n');
  }, hub.heartbeatMs);
  const close = () => {
    if (!open) return;
    open = false;
    clearInterval(poll);
    clearInterval(heartbeat);
    unsubscribe();
    res.end();
  };
  request.raw.on('close', close);
  res.on('error', close);
  hub.streams.add(close);
  res.on('close', () => hub.streams.delete(close));
  refresh();
}
