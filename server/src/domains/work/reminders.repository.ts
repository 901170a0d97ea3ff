import { sql } from 'kysely';
import type { DbOrTx, Dialect } from '../../platform/db/database';

export interface DueReminder {
  id: string;
  subject: string;
  status: string;
  due_date: string | null;
  due_at: string | null;
  assignee_id: string | null;
  team_id: string | null;
  reminder_at: string;
}

/** Where a run continues: after the last reminder it claimed, in firing order. */
export interface ReminderCursor {
  reminderAt: string;
  id: string;
}

/**
 * Claims up to `limit` due reminders that have not fired and marks them fired, in one statement:
 * the inner select walks the partial index tasks_reminder_due in firing order from `after`, and
 * the update sets reminder_fired_at and hands the tasks back. On PostgreSQL the rows are locked
 * and rows locked by another run are skipped, so parallel runs take different tasks instead of
 * waiting on each other; starting after the cursor skips the index entries of reminders this run
 * already fired, which PostgreSQL keeps until vacuum. Only the firing time changes — not `version`
 * or `updated_at` — so someone editing the task meanwhile does not get a conflict for it.
 */
export async function claimDueReminders(
  trx: DbOrTx,
  dialect: Dialect,
  now: string,
  limit: number,
  after: ReminderCursor | null,
): Promise<DueReminder[]> {
  let due = trx
    .selectFrom('tasks')
    .select('id')
    .where('reminder_fired_at', 'is', null)
    .where('reminder_at', 'is not', null)
    .where('reminder_at', '<=', now)
    .orderBy('reminder_at')
    .orderBy('id')
    .limit(limit);
  if (after) {
    due = due.where(
      sql<boolean>`(reminder_at > ${after.reminderAt} or (reminder_at = ${after.reminderAt} and id > ${after.id}))`,
    );
  }
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  const rows = await trx
    .updateTable('tasks')
    .set({ reminder_fired_at: now })
    .where('id', 'in', due)
    .returning(['id', 'subject', 'status', 'due_date', 'due_at', 'assignee_id', 'team_id', 'reminder_at'])
    .execute();
  return rows as DueReminder[];
}

/** The last reminder of a claimed batch in firing order (the cursor for the next batch). */
export function lastInFiringOrder(rows: readonly DueReminder[]): ReminderCursor | null {
  let last: DueReminder | null = null;
  for (const r of rows) {
    if (!last || r.reminder_at > last.reminder_at || (r.reminder_at === last.reminder_at && r.id > last.id)) {
      last = r;
    }
  }
  return last ? { reminderAt: last.reminder_at, id: last.id } : null;
}
