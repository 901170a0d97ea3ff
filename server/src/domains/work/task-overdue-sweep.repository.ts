import { type Kysely, sql } from 'kysely';
import type { DbOrTx, Dialect } from '../../platform/db/database';
import type { TaskMoment } from './tasks.repository';
import type { TasksTable } from './work.tables';

/**
 * `tasks.overdue_raised_for` (migration 2026_11_27_0330) is read and written only here: it is kept
 * out of TasksTable so that the task rows other parts of work build need not name it.
 */
type SweepDb = Kysely<{ tasks: TasksTable & { overdue_raised_for: string | null } }>;
const sweepDb = (db: DbOrTx) => db as unknown as SweepDb;

/** What `task.overdue` carries of a task. */
export interface OverdueTaskRow {
  id: string;
  type: string;
  assignee_id: string | null;
  team_id: string | null;
  due_date: string;
}

export interface OverdueCursor {
  dueDate: string;
  id: string;
}

/** PostgreSQL: sweeps on several workers take turns per batch (the conditional UPDATE decides anyway). */
export async function lockOverdueSweep(trx: DbOrTx, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres')
    await sql`select pg_advisory_xact_lock(hashtext('work.task-overdue-sweep'))`.execute(trx);
}

/**
 * The next open tasks past their due date (an all-day task from the next day on, a timed one from
 * its time on) whose current due date has not raised `task.overdue`, in due-date order after
 * `after`. The first two conditions are those of the partial index `tasks_overdue_pending`, word
 * for word, so both dialects read the index's front and stop.
 */
export function findOverdueUnraised(
  db: DbOrTx,
  moment: TaskMoment,
  limit: number,
  after: OverdueCursor | null,
): Promise<Array<{ id: string; due_date: string | null }>> {
  let q = sweepDb(db)
    .selectFrom('tasks')
    .select(['id', 'due_date'])
    .where(sql<boolean>`status = 'open'`)
    .where(sql<boolean>`coalesce(overdue_raised_for, '') <> due_date`)
    .where('due_date', '<=', moment.today)
    .where((eb) =>
      eb.or([
        eb('due_date', '<', moment.today),
        eb.and([eb('due_at', 'is not', null), eb('due_at', '<', moment.now)]),
      ]),
    );
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('due_date', '>', after.dueDate),
        eb.and([eb('due_date', '=', after.dueDate), eb('id', '>', after.id)]),
      ]),
    );
  }
  return q.orderBy('due_date').orderBy('id').limit(limit).execute();
}

/**
 * Marks the tasks' current due date as raised, only where it is still open and not raised: this
 * UPDATE decides, so a concurrent sweep or a completion in between leaves a task out and each task
 * raises its event once per due date. `version` and `updated_at` stay: the task did not change,
 * and someone editing it meanwhile must not get a conflict.
 */
export function markOverdueRaised(db: DbOrTx, ids: readonly string[]): Promise<OverdueTaskRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return sweepDb(db)
    .updateTable('tasks')
    .set((eb) => ({ overdue_raised_for: eb.ref('due_date') }))
    .where('id', 'in', ids)
    .where('status', '=', 'open')
    .where(sql<boolean>`coalesce(overdue_raised_for, '') <> due_date`)
    .returning(['id', 'type', 'assignee_id', 'team_id', 'due_date'])
    .execute() as Promise<OverdueTaskRow[]>;
}

/** The due date a task's `task.overdue` was last raised for (tests, explanations). */
export async function overdueRaisedFor(db: DbOrTx, id: string): Promise<string | null> {
  const row = await sweepDb(db)
    .selectFrom('tasks')
    .select('overdue_raised_for')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.overdue_raised_for ?? null;
}
