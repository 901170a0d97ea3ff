import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreateRule } from '../../../../contracts/automation';
import { runJob } from '../../platform/jobs/run-job';
import { createTestUser, createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { TASK_OVERDUE_SWEEP_JOB } from './task-overdue-sweep.job';
import { insertTask } from './work-test-helpers';

/**
 * A rule made through the API reacts to the overdue sweep: "when a task is overdue, give its
 * assignee a call task for tomorrow and notify them" — the new task says which rule made it and why.
 */
describe.each(DIALECTS)('rule on task.overdue creates a follow-up task (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;

  beforeEach(async () => {
    t = await createTestApp(dialect, { now: '2026-12-01T09:00:00.000Z' });
    admin = await createUserAndLogin(t, { role: 'admin' });
  });
  afterEach(() => t?.close());

  it('makes the task with origin rule and its explanation, once, and the run shows it', async () => {
    const anna = (await createTestUser(t, { role: 'sales', name: 'Anna Schmidt' })).user;
    const rule: CreateRule = {
      name: 'Überfällige nachfassen',
      enabled: true,
      trigger: { kind: 'event', event: 'task.overdue' },
      conditions: { match: 'all', items: [{ field: 'task.priority', op: 'eq', value: 'high' }] },
      actions: [
        {
          kind: 'create_task',
          taskType: 'call',
          subject: 'Nachfassen: {{task.subject}}',
          assignTo: { kind: 'owner' },
          dueInDays: 1,
          priority: 'high',
          reminder: 'none',
        },
        { kind: 'notify', to: { kind: 'owner' }, message: 'Überfällig: {{task.subject}}' },
      ],
    };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/rules',
      headers: admin.headers,
      payload: rule,
    });
    expect(created.statusCode, created.body).toBe(201);
    const ruleId = created.json<{ id: string }>().id;

    const overdue = await insertTask(t.ctx.db, {
      subject: 'Angebot Müller',
      priority: 'high',
      assignee_id: anna.id,
      due_date: '2026-11-30',
    });
    await insertTask(t.ctx.db, {
      subject: 'Low',
      priority: 'low',
      assignee_id: anna.id,
      due_date: '2026-11-30',
    });

    const sweep = await runJob(t.ctx, TASK_OVERDUE_SWEEP_JOB);
    expect(sweep.summary).toBe('2 tasks newly overdue');
    await t.ctx.dispatcher.drain();

    const made = await t.ctx.db.selectFrom('tasks').selectAll().where('origin', '=', 'rule').execute();
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      type: 'call',
      subject: 'Nachfassen: Angebot Müller',
      assignee_id: anna.id,
      due_date: '2026-12-02',
      reminder_at: null,
    });
    expect(made[0]!.origin_label).toContain('Überfällige nachfassen');
    const notes = await t.ctx.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', anna.id)
      .execute();
    expect(notes.map((n) => n.title)).toEqual(['Überfällig: Angebot Müller']);

    const runs = await t.app.inject({
      method: 'GET',
      url: `/api/rules/${ruleId}/runs`,
      headers: admin.headers,
    });
    expect(runs.statusCode, runs.body).toBe(200);
    const items = runs.json<{ items: Array<{ recordId: string; status: string; actions: unknown[] }> }>()
      .items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ recordId: overdue, status: 'done' });
    expect(items[0]!.actions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'create_task',
          status: 'done',
          result: { entityType: 'task', entityId: made[0]!.id, label: 'Nachfassen: Angebot Müller' },
        }),
      ]),
    );

    // the next sweep raises nothing again, so nothing more is made
    await runJob(t.ctx, TASK_OVERDUE_SWEEP_JOB);
    await t.ctx.dispatcher.drain();
    expect(
      await t.ctx.db.selectFrom('tasks').select('id').where('origin', '=', 'rule').execute(),
    ).toHaveLength(1);
  });
});
