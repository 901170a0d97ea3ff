import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../platform/db/database';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import {
  deactivate,
  notificationsOf,
  outbox,
  reminderUser,
  runReminderJob,
  teamOf,
} from './notifications-test-helpers';
import { fireDueReminders } from './reminders.service';
import { insertTask } from './work-test-helpers';

const MINUTE = 60_000;

describe.each(DIALECTS)('job work.fire-reminders (%s)', (dialect) => {
  let t: TestApp;

  beforeEach(async () => {
    // 09:00 UTC = 10:00 in Berlin
    t = await createTestApp(dialect, { now: '2026-12-01T09:00:00.000Z' });
  });
  afterEach(() => t?.close());

  const firedAt = async (id: string) =>
    (
      await t.ctx.db
        .selectFrom('tasks')
        .select('reminder_fired_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).reminder_fired_at;

  it('is scheduled every minute and fires a due reminder once, in the app and by mail in the user’s language', async () => {
    expect(t.ctx.jobs.get('work.fire-reminders')?.cron).toBe('* * * * *');
    const julia = await reminderUser(t, { name: 'Julia Berg', locale: 'de' });
    const john = await reminderUser(t, { name: 'John Smith', locale: 'en' });
    const call = await insertTask(t.ctx.db, {
      type: 'call',
      subject: 'Anruf Müller GmbH',
      assignee_id: julia.id,
      due_date: '2026-12-01',
      due_at: '2026-12-01T09:15:00.000Z',
      reminder_at: '2026-12-01T09:00:00.000Z',
    });
    const todo = await insertTask(t.ctx.db, {
      subject: 'Send the offer',
      assignee_id: john.id,
      due_date: '2026-12-02',
      reminder_at: '2026-12-01T08:00:00.000Z',
    });
    const later = await insertTask(t.ctx.db, {
      subject: 'Later',
      assignee_id: julia.id,
      due_date: '2026-12-03',
      reminder_at: '2026-12-01T09:01:00.000Z',
    });

    expect(await runReminderJob(t)).toBe('fired 2 reminders: 2 notifications, 2 e-mails queued');

    const notes = await notificationsOf(t);
    expect(notes.map((n) => [n.user_id, n.kind, n.title, n.body, n.link, n.task_id, n.read_at])).toEqual(
      expect.arrayContaining([
        [
          julia.id,
          'task_reminder',
          'Anruf Müller GmbH',
          'Fällig: 01.12.2026, 10:15',
          `/tasks/${call}`,
          call,
          null,
        ],
        [john.id, 'task_reminder', 'Send the offer', 'Due: 2 Dec 2026', `/tasks/${todo}`, todo, null],
      ]),
    );
    expect(notes).toHaveLength(2);
    expect(notes.find((n) => n.task_id === call)?.dedupe_key).toBe(
      `reminder:${call}:2026-12-01T09:00:00.000Z:${julia.id}`,
    );
    expect(await firedAt(call)).toBe('2026-12-01T09:00:00.000Z');
    expect(await firedAt(later)).toBeNull();

    const mails = await outbox(t);
    expect(mails.map((m) => [m.to_address, m.subject, m.status])).toEqual([
      ['john.smith@muster.de', 'Reminder: Send the offer', 'outbox'],
      ['julia.berg@muster.de', 'Erinnerung: Anruf Müller GmbH', 'outbox'],
    ]);
    expect(mails[1]!.text_body).toContain('Hallo Julia Berg,');
    expect(mails[1]!.text_body).toContain('Fällig: 01.12.2026, 10:15');
    expect(mails[0]!.text_body).toContain('Due: 2 Dec 2026');

    // Nothing new is due: a second run fires nothing; a minute later the next one fires.
    expect(await runReminderJob(t)).toBe('fired 0 reminders: 0 notifications, 0 e-mails queued');
    t.clock.advance(MINUTE);
    expect(await runReminderJob(t)).toBe('fired 1 reminders: 1 notifications, 1 e-mails queued');
    expect(await notificationsOf(t)).toHaveLength(3);
    expect(await outbox(t)).toHaveLength(3);
  });

  it('fires once when two runs overlap, and once again only when the reminder was moved', async () => {
    const users = await Promise.all(['Anna A', 'Ben B', 'Cem C'].map((name) => reminderUser(t, { name })));
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      ids.push(
        await insertTask(t.ctx.db, {
          subject: `Task ${i}`,
          assignee_id: users[i % 3]!.id,
          due_date: '2026-12-01',
          reminder_at: new Date(Date.parse('2026-12-01T08:00:00.000Z') + i * MINUTE).toISOString(),
        }),
      );
    }
    // Two runs at once, in small batches so they interleave; on PostgreSQL over separate connections.
    const [a, b] = await Promise.all([
      fireDueReminders(t.ctx, { batchSize: 4 }),
      fireDueReminders(t.ctx, { batchSize: 4 }),
    ]);
    expect(a.tasks + b.tasks).toBe(30);
    expect(a.notifications + b.notifications).toBe(30);
    expect(a.mails + b.mails).toBe(30);
    expect(await notificationsOf(t)).toHaveLength(30);
    expect(await outbox(t)).toHaveLength(30);
    expect(new Set((await notificationsOf(t)).map((n) => n.task_id))).toEqual(new Set(ids));

    // A crash between firing and marking is the same as a run that sees the reminder again: the
    // dedupe key keeps it to one notification and one mail.
    await t.ctx.db.updateTable('tasks').set({ reminder_fired_at: null }).where('id', '=', ids[0]!).execute();
    expect(await fireDueReminders(t.ctx)).toEqual({ enabled: true, tasks: 1, notifications: 0, mails: 0 });
    expect(await firedAt(ids[0]!)).not.toBeNull();

    // The task was rescheduled: the reminder moved (and its fired mark was reset), so it fires again.
    await t.ctx.db
      .updateTable('tasks')
      .set({ reminder_at: '2026-12-01T08:59:00.000Z', reminder_fired_at: null })
      .where('id', '=', ids[0]!)
      .execute();
    expect(await fireDueReminders(t.ctx)).toEqual({ enabled: true, tasks: 1, notifications: 1, mails: 1 });
    expect(await notificationsOf(t)).toHaveLength(31);
  });

  // PostgreSQL mode runs several workers; SQLite mode one process with one connection (above).
  it.runIf(dialect === 'postgres')(
    'fires once with two database connections running the job at the same time',
    async () => {
      const user = await reminderUser(t, { name: 'Doris D' });
      for (let i = 0; i < 20; i++) {
        await insertTask(t.ctx.db, {
          subject: `Task ${i}`,
          assignee_id: user.id,
          due_date: '2026-12-01',
          reminder_at: '2026-12-01T08:30:00.000Z',
        });
      }
      // A second process: its own connection (pool) to the same database, as a second worker has.
      const other = openDatabase({ dialect: 'postgres', url: t.db.url });
      try {
        const results = await Promise.all([
          fireDueReminders(t.ctx, { batchSize: 3 }),
          fireDueReminders({ ...t.ctx, db: other.db }, { batchSize: 3 }),
        ]);
        expect(results.reduce((n, r) => n + r.notifications, 0)).toBe(20);
        expect(results.reduce((n, r) => n + r.mails, 0)).toBe(20);
      } finally {
        await other.close();
      }
      expect(await notificationsOf(t, user.id)).toHaveLength(20);
      expect(await outbox(t)).toHaveLength(20);
    },
  );

  it('reminds every active member of the team for an unclaimed team task, and only the assignee once claimed', async () => {
    const eva = await reminderUser(t, { name: 'Eva E', locale: 'en' });
    const finn = await reminderUser(t, { name: 'Finn F', emailReminders: false });
    const gone = await reminderUser(t, { name: 'Gone G' });
    const team = await teamOf(t, 'Innendienst', [eva.id, finn.id, gone.id]);
    await deactivate(t, gone.id, gone.version);
    const unclaimed = await insertTask(t.ctx.db, {
      subject: 'Follow up the trade fair leads',
      team_id: team,
      due_date: '2026-12-01',
      reminder_at: '2026-12-01T08:00:00.000Z',
    });
    const claimed = await insertTask(t.ctx.db, {
      subject: 'Claimed by Finn',
      team_id: team,
      assignee_id: finn.id,
      due_date: '2026-12-01',
      reminder_at: '2026-12-01T08:00:00.000Z',
    });

    expect(await runReminderJob(t)).toBe('fired 2 reminders: 3 notifications, 1 e-mails queued');
    const notes = await notificationsOf(t);
    expect(
      notes
        .filter((n) => n.task_id === unclaimed)
        .map((n) => n.user_id)
        .sort(),
    ).toEqual([eva.id, finn.id].sort());
    expect(notes.filter((n) => n.task_id === claimed).map((n) => n.user_id)).toEqual([finn.id]);
    // Finn does not want reminder mails; Eva gets hers in English, with the hint to claim the task.
    const mails = await outbox(t);
    expect(mails.map((m) => [m.to_address, m.subject])).toEqual([
      ['eva.e@muster.de', 'Reminder: Follow up the trade fair leads'],
    ]);
    expect(mails[0]!.text_body).toContain('belongs to your team');
  });

  it('does not remind of tasks that are done or cancelled, but takes them off the due list', async () => {
    const user = await reminderUser(t, { name: 'Hanna H' });
    const done = await insertTask(t.ctx.db, {
      subject: 'Done already',
      assignee_id: user.id,
      status: 'done',
      reminder_at: '2026-12-01T08:00:00.000Z',
    });
    const cancelled = await insertTask(t.ctx.db, {
      subject: 'Cancelled',
      assignee_id: user.id,
      status: 'cancelled',
      reminder_at: '2026-12-01T08:00:00.000Z',
    });
    expect(await runReminderJob(t)).toBe('fired 2 reminders: 0 notifications, 0 e-mails queued');
    expect(await notificationsOf(t)).toEqual([]);
    expect(await outbox(t)).toEqual([]);
    expect(await firedAt(done)).not.toBeNull();
    expect(await firedAt(cancelled)).not.toBeNull();
  });

  it('fires a backlog larger than one batch in several transactions', async () => {
    const user = await reminderUser(t, { name: 'Ida I', emailReminders: false });
    for (let i = 0; i < 25; i++) {
      await insertTask(t.ctx.db, {
        subject: `T${i}`,
        assignee_id: user.id,
        reminder_at: '2026-11-30T08:00:00.000Z',
      });
    }
    expect(await fireDueReminders(t.ctx, { batchSize: 10 })).toEqual({
      enabled: true,
      tasks: 25,
      notifications: 25,
      mails: 0,
    });
    const left = await t.ctx.db
      .selectFrom('tasks')
      .select('id')
      .where('reminder_fired_at', 'is', null)
      .execute();
    expect(left).toEqual([]);
  });
});
