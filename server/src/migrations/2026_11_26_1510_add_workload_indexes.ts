import { type Kysely, sql } from 'kysely';

/**
 * Indexes for the workload report (`/api/reports/workload`) and "my open tasks", found with the
 * benchmark (bench/README.md, rows (7) and (8)) on ten million tasks. Statistics (ANALYZE) are refreshed only after the
 * demo seed and large imports, so SQLite often plans without them: an equality on `status` then
 * looks as selective as anything else.
 *
 * - `tasks_open_workload` (partial: open tasks only, so it stays small however many tasks are
 *   done): the report's GROUP BY assignee × team × type over the open tasks, with the due date and
 *   time it counts overdue and due-today from. It covers the query and is in group order: one pass
 *   over the open tasks' index entries, no table rows, no sort. Before, SQLite read every open
 *   task's row through `tasks_status_due` and sorted them for the grouping.
 * - `tasks_open_due` (partial, open tasks): a person's open tasks in the list's due-date order
 *   (the same expression as `sort=dueDate`: undated last, all-day before timed), so "my open tasks"
 *   reads the first page and stops instead of fetching and sorting all of them.
 * - `tasks_done_completed`: the goals behind pace (goal progress, `activities_completed`) count
 *   the tasks done in a period. With only `status` in an index SQLite walked every done task once
 *   per goal (2.5 s for 31 goals over 200,000 tasks); with `completed_at` after it, the period's.
 * - `deals_won_period` (partial, won deals) and `deals_open_forecast` (partial, open deals): the
 *   same for revenue and deals-won goals (the period's won deals instead of all won deals once per
 *   goal), and the pipeline forecast beside the workload, which now reads index entries only.
 *
 * The partial indexes start with their condition's column (`status`): SQLite then sees the
 * query's `status = ?` as using the index, and prefers it to the older `(status, …)` indexes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('tasks_open_workload')
    .on('tasks')
    .columns(['status', 'assignee_id', 'team_id', 'type', 'due_date', 'due_at'])
    .where(sql<boolean>`status = 'open'`)
    .execute();
  await db.schema
    .createIndex('tasks_open_due')
    .on('tasks')
    .column('assignee_id')
    .expression(sql`(coalesce(due_date, '9999-12-31') || coalesce(due_at, ''))`)
    .column('id')
    .where(sql<boolean>`status = 'open'`)
    .execute();
  await db.schema
    .createIndex('tasks_done_completed')
    .on('tasks')
    .columns(['status', 'completed_at', 'assignee_id', 'team_id', 'type'])
    .execute();
  await db.schema
    .createIndex('deals_won_period')
    .on('deals')
    .columns(['status', 'won_at', 'owner_id', 'team_id', 'amount_cents'])
    .where(sql<boolean>`status = 'won'`)
    .execute();
  await db.schema
    .createIndex('deals_open_forecast')
    .on('deals')
    .columns(['status', 'owner_id', 'team_id', 'expected_close_date', 'stage_id', 'amount_cents'])
    .where(sql<boolean>`status = 'open'`)
    .execute();
}
