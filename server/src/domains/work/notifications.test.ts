import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../platform/db/database';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { notificationHub } from './notification-hub';
import { runReminderJob } from './notifications-test-helpers';
import { fireDueReminders } from './reminders.service';
import { insertTask } from './work-test-helpers';

interface SseEvent {
  event: string;
  data: unknown;
}

/** Opens the stream over real HTTP and collects its events; `next` waits for a matching one. */
function openStream(port: number, session: TestSession) {
  const events: SseEvent[] = [];
  const waiters: Array<{ match: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }> = [];
  let comments = 0;
  let buffer = '';
  let status = 0;
  let contentType = '';
  let request: http.ClientRequest | null = null;
  const ready = new Promise<void>((resolve, reject) => {
    request = http.get(
      {
        host: '127.0.0.1',
        port,
        path: '/api/notifications/stream',
        headers: { cookie: session.headers.cookie },
      },
      (res) => {
        status = res.statusCode ?? 0;
        contentType = String(res.headers['content-type']);
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.startsWith(':')) comments += 1;
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (!event || data === undefined) continue;
            const e = { event, data: JSON.parse(data) };
            events.push(e);
            for (const w of waiters.filter((w) => w.match(e))) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(e);
            }
          }
        });
        resolve();
      },
    );
    request.on('error', reject);
  });
  const stream = {
    events,
    ready,
    get status() {
      return status;
    },
    get contentType() {
      return contentType;
    },
    get comments() {
      return comments;
    },
    next(match: (e: SseEvent) => boolean): Promise<SseEvent> {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    close: () => request?.destroy(),
  };
  return stream;
}

const isUnread = (n: number) => (e: SseEvent) =>
  e.event === 'unread' && (e.data as { unreadCount: number }).unreadCount === n;

describe.each(DIALECTS)('notifications API (%s)', (dialect) => {
  let t: TestApp;
  let anna: TestSession;
  let ben: TestSession;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-12-01T09:00:00.000Z' });
    anna = await createUserAndLogin(t, { role: 'sales', name: 'Anna Vogel' });
    ben = await createUserAndLogin(t, { role: 'admin', name: 'Ben Admin' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(() => t?.close());

  const remind = (userId: string, subject: string, reminderAt = '2026-12-01T08:00:00.000Z') =>
    insertTask(t.ctx.db, { subject, assignee_id: userId, due_date: '2026-12-01', reminder_at: reminderAt });
  const list = (s: TestSession, query = '') =>
    t.app.inject({ method: 'GET', url: `/api/notifications${query}`, headers: s.headers });

  it('lists only my own notifications, newest first, with the unread count; marks some or all read', async () => {
    await remind(anna.user.id, 'Call Müller');
    await remind(anna.user.id, 'Offer for Schmidt');
    await remind(ben.user.id, 'Ben’s task');
    await runReminderJob(t);

    const res = await list(anna);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unreadCount).toBe(2);
    expect(body.items.map((n: { title: string }) => n.title).sort()).toEqual([
      'Call Müller',
      'Offer for Schmidt',
    ]);
    expect(body.items[0]).toMatchObject({ kind: 'task_reminder', readAt: null, body: 'Fällig: 01.12.2026' });
    // Newest first (ids are time-ordered).
    expect(body.items[0].id > body.items[1].id).toBe(true);

    // Paging
    const first = (await list(anna, '?limit=1')).json();
    expect(first.items).toHaveLength(1);
    const second = (await list(anna, `?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].id).toBe(body.items[1].id);
    expect(second.nextCursor).toBeNull();

    // Ben's notification id in Anna's request changes nothing of Ben's.
    const bensId = (await list(ben)).json().items[0].id;
    const one = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      headers: anna.headers,
      payload: { ids: [body.items[0].id, bensId] },
    });
    expect(one.json()).toEqual({ marked: 1, unreadCount: 1 });
    expect((await list(ben)).json().unreadCount).toBe(1);
    expect((await list(anna, '?unread=true')).json().items.map((n: { id: string }) => n.id)).toEqual([
      body.items[1].id,
    ]);

    const all = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      headers: anna.headers,
      payload: {},
    });
    expect(all.json()).toEqual({ marked: 1, unreadCount: 0 });
    expect((await list(anna)).json().items.every((n: { readAt: string | null }) => n.readAt !== null)).toBe(
      true,
    );
  });

  it('rejects bad input with a problem document and requires a login', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      headers: anna.headers,
      payload: { ids: ['not-an-id'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications/stream' })).statusCode).toBe(401);
  });

  it('reads and changes my reminder settings, with clear errors for bad values', async () => {
    const get = await t.app.inject({ method: 'GET', url: '/api/me/work-settings', headers: anna.headers });
    expect(get.json()).toEqual({
      reminderMinutesBefore: 15,
      allDayReminderTime: '09:00',
      emailReminders: true,
      dailyDigest: false,
    });
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/me/work-settings',
      headers: anna.headers,
      payload: { reminderMinutesBefore: 30, dailyDigest: true },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toEqual({
      reminderMinutesBefore: 30,
      allDayReminderTime: '09:00',
      emailReminders: true,
      dailyDigest: true,
    });
    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/api/me/work-settings',
      headers: anna.headers,
      payload: { allDayReminderTime: '9 Uhr' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: 'allDayReminderTime', message: 'Use HH:MM (e.g. 09:00)' }]);
    // Ben's settings are his own.
    const bens = await t.app.inject({ method: 'GET', url: '/api/me/work-settings', headers: ben.headers });
    expect(bens.json().reminderMinutesBefore).toBe(15);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['entity_type', 'entity_id', 'changes'])
      .where('entity_type', '=', 'work_settings')
      .execute();
    expect(audit.map((a) => a.entity_id)).toEqual([anna.user.id]);
    expect(JSON.parse(audit[0]!.changes)).toEqual(
      expect.arrayContaining([{ field: 'reminderMinutesBefore', before: 15, after: 30 }]),
    );
  });

  it('pushes a fired reminder and the unread count live over server-sent events', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      headers: anna.headers,
      payload: {},
    });
    const stream = openStream(port, anna);
    await stream.ready;
    expect(stream.status).toBe(200);
    expect(stream.contentType).toContain('text/event-stream');
    await stream.next(isUnread(0));

    await remind(anna.user.id, 'Live reminder', '2026-12-01T08:59:00.000Z');
    await runReminderJob(t);
    const pushed = await stream.next((e) => e.event === 'notification');
    expect(pushed.data).toMatchObject({ kind: 'task_reminder', title: 'Live reminder', readAt: null });
    await stream.next(isUnread(1));

    // Reading it in another tab updates this one too.
    await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      headers: anna.headers,
      payload: {},
    });
    await stream.next((e) => isUnread(0)(e) && stream.events.filter(isUnread(0)).length === 2);
    expect(stream.events.filter((e) => e.event === 'notification')).toHaveLength(1);

    const hub = notificationHub(t.ctx.db);
    expect(hub.streamCount).toBe(1);
    stream.close();
    await new Promise<void>((resolve) => {
      const check = () => (hub.streamCount === 0 ? resolve() : setTimeout(check, 10));
      check();
    });
  });

  it('reaches the stream when another process fires the reminder (LISTEN/NOTIFY, or the poll on SQLite)', async () => {
    const hub = notificationHub(t.ctx.db);
    // PostgreSQL: no poll within the test, so the announcement must arrive; SQLite: the poll finds it.
    hub.pollMs = dialect === 'postgres' ? 10 * 60_000 : 200;
    const stream = openStream(port, anna);
    await stream.ready;
    await stream.next((e) => e.event === 'unread');
    await hub.whenListening();

    // Another process: its own database handle, so this process's hub is not woken directly.
    const other = openDatabase(
      dialect === 'sqlite' ? { dialect, file: t.db.url.slice(7) } : { dialect, url: t.db.url },
    );
    try {
      await remind(anna.user.id, 'From the worker', '2026-12-01T08:58:00.000Z');
      const fired = await fireDueReminders({ ...t.ctx, db: other.db });
      expect(fired.notifications).toBe(1);
    } finally {
      await other.close();
    }
    const pushed = await stream.next((e) => e.event === 'notification');
    expect(pushed.data).toMatchObject({ title: 'From the worker' });
    stream.close();
  });
});
