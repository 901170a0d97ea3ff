import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../platform/jobs/run-job';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { mailText, runReminderJob, startSmtpServer } from './notifications-test-helpers';

describe.each(DIALECTS)('reminder by e-mail through SMTP (%s)', (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let lena: TestSession;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp(dialect, { now: '2026-12-01T07:00:00.000Z', config: { smtpUrl: smtp.url } });
    lena = await createUserAndLogin(t, {
      role: 'sales',
      name: 'Lena Koch',
      email: 'lena.koch@muster.de',
      locale: 'de',
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('uses my reminder setting for the default reminder and mails me once when it fires', async () => {
    const settings = await t.app.inject({
      method: 'PATCH',
      url: '/api/me/work-settings',
      headers: lena.headers,
      payload: { reminderMinutesBefore: 30 },
    });
    expect(settings.statusCode).toBe(200);

    // A call at 11:00 Berlin (10:00 UTC): with my setting the reminder is at 10:30 Berlin.
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/tasks',
      headers: lena.headers,
      payload: { type: 'call', subject: 'Rückruf Weber & Söhne', dueAt: '2026-12-01T10:00:00.000Z' },
    });
    expect(created.statusCode).toBe(201);
    const task = created.json();
    expect(task.reminderAt).toBe('2026-12-01T09:30:00.000Z');

    // Not yet due.
    t.clock.set(new Date('2026-12-01T09:29:00.000Z'));
    await runReminderJob(t);
    await runJob(t.ctx, 'platform.send-mail');
    expect(smtp.received).toHaveLength(0);

    t.clock.set(new Date('2026-12-01T09:30:00.000Z'));
    expect(await runReminderJob(t)).toBe('fired 1 reminders: 1 notifications, 1 e-mails queued');
    expect((await runJob(t.ctx, 'platform.send-mail')).summary).toBe('1 sent, 0 to retry, 0 failed');
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.to).toEqual(['lena.koch@muster.de']);
    const text = mailText(mail!.raw);
    expect(text).toContain('Hallo Lena Koch,');
    expect(text).toContain('„Rückruf Weber & Söhne“');
    expect(text).toContain('Fällig: 01.12.2026, 11:00');
    expect(mail!.raw).toMatch(/^Subject: .*Erinnerung/m);

    // The bell shows it.
    const list = await t.app.inject({ method: 'GET', url: '/api/notifications', headers: lena.headers });
    expect(list.json()).toMatchObject({
      unreadCount: 1,
      items: [{ taskId: task.id, title: 'Rückruf Weber & Söhne' }],
    });
    const fetched = await t.app.inject({
      method: 'GET',
      url: `/api/tasks/${task.id}`,
      headers: lena.headers,
    });
    expect(fetched.json().reminderFiredAt).toBe('2026-12-01T09:30:00.000Z');

    // Running both jobs again and concurrently sends nothing more.
    t.clock.advance(5 * 60_000);
    await Promise.all([runReminderJob(t), runReminderJob(t)]);
    await runJob(t.ctx, 'platform.send-mail');
    expect(smtp.received).toHaveLength(1);
  });

  it('sends no mail when I turned reminder e-mails off, but still notifies in the app', async () => {
    await t.app.inject({
      method: 'PATCH',
      url: '/api/me/work-settings',
      headers: lena.headers,
      payload: { emailReminders: false },
    });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/tasks',
      headers: lena.headers,
      payload: {
        type: 'todo',
        subject: 'Angebot schreiben',
        dueDate: '2026-12-01',
        reminder: '2026-12-01T10:00:00.000Z',
      },
    });
    expect(created.statusCode).toBe(201);
    t.clock.set(new Date('2026-12-01T10:00:00.000Z'));
    expect(await runReminderJob(t)).toBe('fired 1 reminders: 1 notifications, 0 e-mails queued');
    await runJob(t.ctx, 'platform.send-mail');
    expect(smtp.received).toHaveLength(1);
  });
});
