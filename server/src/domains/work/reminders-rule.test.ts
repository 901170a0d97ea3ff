import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateTask } from '../../../../contracts/work';
import { systemActor } from '../../platform/actor';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { ensureBuiltinRuleRow } from '../automation/builtin-state';
import { builtinRuleOf } from '../automation/registry';
import { notificationsOf, outbox, reminderUser, runReminderJob } from './notifications-test-helpers';
import { WORK_REMINDERS_RULE } from './reminders.rule';
import { createTask } from './tasks.service';
import { getWorkSettings } from './work-settings.repository';
import { insertTask } from './work-test-helpers';

describe.each(DIALECTS)('built-in rule work.reminders (%s)', (dialect) => {
  let t: TestApp;

  beforeEach(async () => {
    // 09:00 UTC = 10:00 in Berlin
    t = await createTestApp(dialect, { now: '2026-12-01T09:00:00.000Z' });
  });
  afterEach(() => t?.close());

  const rule = () => builtinRuleOf(WORK_REMINDERS_RULE)!;
  const admin = systemActor('test');
  const setEnabled = (on: boolean) =>
    t.ctx.db.transaction().execute(async (trx) => {
      const row = await ensureBuiltinRuleRow(trx, t.clock, WORK_REMINDERS_RULE);
      await trx
        .updateTable('automation_rules')
        .set({ enabled: on ? 1 : 0 })
        .where('id', '=', row.id)
        .execute();
    });

  it('is registered with the company defaults as parameters, and records a run per batch sent', async () => {
    expect(rule()).toMatchObject({ defaultEnabled: true, order: 50 });
    expect(await rule().readParams(t.ctx.db)).toEqual({
      reminderMinutesBefore: 15,
      allDayReminderTime: '09:00',
      emailReminders: true,
    });
    const julia = await reminderUser(t, { name: 'Julia Berg' });
    await insertTask(t.ctx.db, {
      subject: 'Anruf',
      assignee_id: julia.id,
      due_date: '2026-12-01',
      reminder_at: '2026-12-01T08:30:00.000Z',
    });
    expect(await runReminderJob(t)).toBe('fired 1 reminders: 1 notifications, 1 e-mails queued');
    const runs = await t.ctx.db
      .selectFrom('automation_runs')
      .innerJoin('automation_rules', 'automation_rules.id', 'automation_runs.rule_id')
      .select(['automation_rules.builtin_key', 'automation_runs.status', 'automation_runs.reason'])
      .execute();
    expect(runs).toEqual([
      {
        builtin_key: WORK_REMINDERS_RULE,
        status: 'done',
        reason: '1 fällige Erinnerungen: 1 Benachrichtigungen, 1 E-Mails',
      },
    ]);
  });

  it('disabled: the job sends no reminders, and switching it on again sends no stale ones', async () => {
    const julia = await reminderUser(t, { name: 'Julia Berg' });
    const id = await insertTask(t.ctx.db, {
      subject: 'Anruf',
      assignee_id: julia.id,
      due_date: '2026-12-01',
      reminder_at: '2026-12-01T08:30:00.000Z',
    });
    await setEnabled(false);
    expect(await runReminderJob(t)).toBe(
      'reminders are off (rule work.reminders disabled): passed over 1 due reminders',
    );
    expect(await notificationsOf(t)).toHaveLength(0);
    expect(await outbox(t)).toHaveLength(0);
    await setEnabled(true);
    expect(await runReminderJob(t)).toBe('fired 0 reminders: 0 notifications, 0 e-mails queued');
    expect(await notificationsOf(t)).toHaveLength(0);
    const task = await t.ctx.db
      .selectFrom('tasks')
      .select('reminder_fired_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(task.reminder_fired_at).toBe('2026-12-01T09:00:00.000Z');
  });

  it('its parameters are the defaults of everyone without settings of their own; own settings win', async () => {
    const fresh = await reminderUser(t, { name: 'Neu Nutzer' });
    const own = await reminderUser(t, { name: 'Eigen Sinn', emailReminders: true });
    await t.ctx.db.transaction().execute((trx) =>
      rule().writeParams(trx, admin, t.clock, {
        reminderMinutesBefore: 30,
        allDayReminderTime: '07:30',
        emailReminders: false,
      }),
    );
    expect(await rule().readParams(t.ctx.db)).toEqual({
      reminderMinutesBefore: 30,
      allDayReminderTime: '07:30',
      emailReminders: false,
    });
    expect(await getWorkSettings(t.ctx.db, fresh.id)).toEqual({
      reminderMinutesBefore: 30,
      allDayReminderTime: '07:30',
      emailReminders: false,
      dailyDigest: false,
    });
    // saved before the change: keeps what it had
    expect(await getWorkSettings(t.ctx.db, own.id)).toMatchObject({ allDayReminderTime: '09:00' });

    // new tasks get their reminder from the defaults: an all-day task at 07:30 Berlin, a timed one 30 min before
    const allDay = await createTask(
      t.ctx,
      admin,
      CreateTask.parse({ type: 'todo', subject: 'A', dueDate: '2026-12-05', assigneeId: fresh.id }),
    );
    expect(allDay.reminderAt).toBe('2026-12-05T06:30:00.000Z');
    const timed = await createTask(
      t.ctx,
      admin,
      CreateTask.parse({
        type: 'call',
        subject: 'B',
        dueAt: '2026-12-05T13:00:00.000Z',
        assigneeId: fresh.id,
      }),
    );
    expect(timed.reminderAt).toBe('2026-12-05T12:30:00.000Z');

    // e-mail reminders off by default now: the in-app reminder only
    await insertTask(t.ctx.db, {
      subject: 'Due',
      assignee_id: fresh.id,
      due_date: '2026-12-01',
      reminder_at: '2026-12-01T08:59:00.000Z',
    });
    expect(await runReminderJob(t)).toBe('fired 1 reminders: 1 notifications, 0 e-mails queued');

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['entity_type', 'action'])
      .where('entity_type', '=', 'work_defaults')
      .execute();
    expect(audit).toEqual([{ entity_type: 'work_defaults', action: 'update' }]);
  });

  it('refuses bad values with a clear message naming the parameter, writing nothing', async () => {
    const write = (values: Record<string, string | number | boolean | null>) =>
      t.ctx.db.transaction().execute((trx) => rule().writeParams(trx, admin, t.clock, values));
    await expect(write({ allDayReminderTime: '25:00' })).rejects.toMatchObject({
      kind: 'unprocessable',
      errors: [{ path: 'params.allDayReminderTime' }],
    });
    await expect(write({ reminderMinutesBefore: -5 })).rejects.toMatchObject({
      errors: [{ path: 'params.reminderMinutesBefore' }],
    });
    await expect(write({ dailyDigest: true })).rejects.toMatchObject({
      errors: [{ path: 'params.dailyDigest' }],
    });
    expect(await t.ctx.db.selectFrom('work_defaults').selectAll().execute()).toEqual([]);
  });
});
