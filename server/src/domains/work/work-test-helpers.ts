import type { Insertable } from 'kysely';
import type { DbOrTx } from '../../platform/db/database';
import { uuidv7 } from '../../platform/ids';
import type { TasksTable } from './work.tables';

/**
 * Writes a task row directly, for tests of the parts that read tasks (reminders, calendar, goals,
 * workload) so they need not go through the tasks API. Defaults: an open normal-priority todo made
 * by hand, created at 2026-11-01.
 */
export async function insertTask(db: DbOrTx, task: Partial<Insertable<TasksTable>> = {}): Promise<string> {
  const id = task.id ?? uuidv7();
  const at = task.created_at ?? '2026-11-01T08:00:00.000Z';
  await db
    .insertInto('tasks')
    .values({
      id,
      type: 'todo',
      subject: 'Test task',
      notes: null,
      due_date: null,
      due_at: null,
      duration_minutes: null,
      priority: 'normal',
      status: 'open',
      outcome: null,
      assignee_id: null,
      team_id: null,
      company_id: null,
      contact_id: null,
      deal_id: null,
      origin: 'manual',
      origin_ref: null,
      origin_label: null,
      recurrence: 'none',
      recurrence_interval: 1,
      recurrence_until: null,
      series_id: null,
      reminder_at: null,
      reminder_fired_at: null,
      completed_at: null,
      completed_by: null,
      cancelled_at: null,
      closed_at: null,
      created_by: null,
      created_at: at,
      updated_at: at,
      version: 1,
      ...task,
    })
    .execute();
  return id;
}
