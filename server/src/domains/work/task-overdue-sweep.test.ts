import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runJob } from '../../platform/jobs/run-job';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { TASK_OVERDUE_SWEEP_JOB } from './task-overdue-sweep.job';
import { overdueRaisedFor } from './task-overdue-sweep.repository';
import { sweepOverdueTasks } from './task-overdue-sweep.service';
import { insertTask } from './work-test-helpers';

describe.each(DIALECTS)('job work.task-overdue-sweep (%s)', (dialect) => {
  let t: TestApp;

  beforeEach(async () => {
    // 09:00 UTC = 10:00 in Berlin on 2026-12-01
    t = await createTestApp(dialect, { now: '2026-12-01T09:00:00.000Z' });
  });
  afterEach(() => t?.close());

  const overdueEvents = async () =>
    (
      await t.ctx.db
        .selectFrom('outbox')
        .select(['payload', 'origin'])
        .where('type', '=', 'task.overdue')
        .orderBy('id')
        .execute()
    ).map((e): Record<string, unknown> => ({ ...JSON.parse(e.payload), origin: e.origin }));

  const run = async (asOf?: string) => {
    const r = await runJob(t.ctx, TASK_OVERDUE_SWEEP_JOB, { asOf });
    if (r.status !== 'succeeded') throw new Error(`sweep failed: ${r.error}`);
    return r.summary;
  };

  it('runs every 15 minutes and raises task.overdue once per task and due date', async () => {
    expect(t.ctx.jobs.get(TASK_OVERDUE_SWEEP_JOB)?.cron).toBe('*/15 * * * *');
    const yesterday = await insertTask(t.ctx.db, { type: 'call', subject: 'Call', due_date: '2026-11-30' });
    // timed, today: overdue from its time on
    const passed = await insertTask(t.ctx.db, {
      subject: 'Meeting at 9',
      due_date: '2026-12-01',
      due_at: '2026-12-01T08:00:00.000Z',
    });
    const later = await insertTask(t.ctx.db, {
      subject: 'Meeting at 11',
      due_date: '2026-12-01',
      due_at: '2026-12-01T10:00:00.000Z',
    });
    // all-day today: not overdue until tomorrow
    const today = await insertTask(t.ctx.db, { subject: 'Today', due_date: '2026-12-01' });
    await insertTask(t.ctx.db, { subject: 'Done', due_date: '2026-11-20', status: 'done' });
    await insertTask(t.ctx.db, { subject: 'No date' });

    expect(await run()).toBe('2 tasks newly overdue');
    expect(await overdueEvents()).toEqual(
      expect.arrayContaining([
        {
          taskId: yesterday,
          type: 'call',
          assigneeId: null,
          teamId: null,
          dueDate: '2026-11-30',
          origin: 'job:work.task-overdue-sweep',
        },
        expect.objectContaining({ taskId: passed, dueDate: '2026-12-01' }),
      ]),
    );
    expect(await overdueRaisedFor(t.ctx.db, yesterday)).toBe('2026-11-30');
    expect(await overdueRaisedFor(t.ctx.db, later)).toBeNull();

    // again: nothing new; two sweeps at once raise nothing twice either
    expect(await run()).toBe('0 tasks newly overdue');
    t.clock.advance(90 * 60_000); // 11:30 Berlin: the 11:00 meeting has passed
    const [a, b] = await Promise.all([sweepOverdueTasks(t.ctx), sweepOverdueTasks(t.ctx)]);
    expect(a.raised + b.raised).toBe(1);

    // as of the next day (the CLI's --as-of): the all-day task of today
    expect(await run('2026-12-02')).toBe('1 tasks newly overdue');
    const events = await overdueEvents();
    expect(events.map((e) => e.taskId).sort()).toEqual([yesterday, passed, later, today].sort());
  });

  it('raises again when the due date moved and was missed again, not for a reopened task of the same date', async () => {
    const id = await insertTask(t.ctx.db, { subject: 'Follow up', due_date: '2026-11-28' });
    expect(await run()).toBe('1 tasks newly overdue');
    // completed and reopened: still the same due date, raised already
    await t.ctx.db.updateTable('tasks').set({ status: 'done' }).where('id', '=', id).execute();
    await t.ctx.db.updateTable('tasks').set({ status: 'open' }).where('id', '=', id).execute();
    expect(await run()).toBe('0 tasks newly overdue');
    // moved to tomorrow: not overdue today, overdue the day after
    await t.ctx.db.updateTable('tasks').set({ due_date: '2026-12-02' }).where('id', '=', id).execute();
    expect(await run()).toBe('0 tasks newly overdue');
    expect(await run('2026-12-03')).toBe('1 tasks newly overdue');
    expect((await overdueEvents()).map((e) => e.dueDate)).toEqual(['2026-11-28', '2026-12-02']);
  });

  it('works through many tasks in batches', async () => {
    for (let i = 0; i < 25; i++) {
      await insertTask(t.ctx.db, {
        subject: `T${i}`,
        due_date: `2026-11-${String(10 + (i % 10)).padStart(2, '0')}`,
      });
    }
    const r = await sweepOverdueTasks(t.ctx, { batchSize: 4 });
    expect(r.raised).toBe(25);
    expect(await overdueEvents()).toHaveLength(25);
    expect((await sweepOverdueTasks(t.ctx, { batchSize: 4 })).raised).toBe(0);
  });
});
