import { type Kysely, sql } from 'kysely';

/**
 * Work for automation (issue 7):
 *
 * - `tasks.overdue_raised_for`: the due date `task.overdue` was last raised for. The overdue sweep
 *   (job `work.task-overdue-sweep`) raises the event for open tasks past their due date/time whose
 *   column differs from their due date, and sets it: once per task and due date (moving the due
 *   date and missing it again raises it again). Tasks already overdue when this runs count as
 *   raised, so the first sweep after an update does not announce years of old tasks.
 * - `tasks_overdue_pending` (partial): exactly the open tasks whose current due date was not raised,
 *   in due-date order — the sweep reads the overdue ones at the front and stops; a raised task
 *   drops out of the index. The query repeats the index's condition word for word (SQLite only
 *   uses a partial index when the query's WHERE contains its terms).
 * - `tasks_rule_origin_ref` (unique, partial): a task made by a rule's action exists once per
 *   action run (`rule:<actionRunId>`), so a retried action makes no second task.
 * - `work_defaults`: the company's reminder defaults (one row, `id = 'company'`) that users without
 *   settings of their own get; shown and edited as the built-in rule `work.reminders`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('overdue_raised_for', 'text').execute();
  const today = new Date().toISOString().slice(0, 10);
  await sql`update tasks set overdue_raised_for = due_date where status = 'open' and due_date < ${today}`.execute(
    db,
  );
  await db.schema
    .createIndex('tasks_overdue_pending')
    .on('tasks')
    .columns(['status', 'due_date', 'id'])
    .where(sql<boolean>`status = 'open' and coalesce(overdue_raised_for, '') <> due_date`)
    .execute();
  await db.schema
    .createIndex('tasks_rule_origin_ref')
    .on('tasks')
    .columns(['origin_ref'])
    .unique()
    .where(sql<boolean>`origin = 'rule'`)
    .execute();

  await db.schema
    .createTable('work_defaults')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reminder_minutes_before', 'integer', (c) => c.notNull())
    .addColumn('all_day_reminder_time', 'text', (c) => c.notNull())
    .addColumn('email_reminders', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
