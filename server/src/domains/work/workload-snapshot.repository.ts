import { sql } from 'kysely';
import { businessDate } from '../../platform/clock';
import type { Db } from '../../platform/db/database';

/**
 * The key of the row every snapshot run writes besides the counts: it says "this day was taken",
 * so the workload trend can tell a day without open tasks (zero) from a day without a run (a gap).
 */
export const SNAPSHOT_MARKER = { assignee_id: '', team_id: '', type: '' } as const;

/**
 * Writes the workload snapshot of the day `at` falls on (company time zone): open tasks and how many
 * of them are overdue (due before that day, or with a time before `at`), per assignee × team × type
 * ('' for none). Replaces the day's rows in one transaction, so running it twice for a day leaves
 * the same rows as once. One INSERT … SELECT … GROUP BY over the open tasks (index tasks_status_due).
 *
 * It records the tasks open at the run (created by then): it is meant to run each night; run "as of"
 * a past date it labels today's open tasks with that date rather than reconstructing the past.
 */
export async function takeWorkloadSnapshot(
  db: Db,
  at: Date,
  timezone: string,
): Promise<{ day: string; rows: number; open: number }> {
  const day = businessDate(at, timezone);
  const atIso = at.toISOString();
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('workload_snapshots').where('day', '=', day).execute();
    const counts = trx
      .selectFrom('tasks')
      .select([
        sql<string>`cast(${day} as text)`.as('day'),
        sql<string>`coalesce(tasks.assignee_id, '')`.as('assignee_id'),
        sql<string>`coalesce(tasks.team_id, '')`.as('team_id'),
        'tasks.type',
        sql<number>`count(*)`.as('open_count'),
        sql<number>`sum(case when tasks.due_date < ${day} or tasks.due_at < ${atIso} then 1 else 0 end)`.as(
          'overdue_count',
        ),
      ])
      .where('tasks.status', '=', 'open')
      .where('tasks.created_at', '<=', atIso)
      .groupBy([sql`coalesce(tasks.assignee_id, '')`, sql`coalesce(tasks.team_id, '')`, 'tasks.type']);
    const inserted = await trx
      .insertInto('workload_snapshots')
      .columns(['day', 'assignee_id', 'team_id', 'type', 'open_count', 'overdue_count'])
      .expression(counts)
      .executeTakeFirst();
    await trx
      .insertInto('workload_snapshots')
      .values({ day, ...SNAPSHOT_MARKER, open_count: 0, overdue_count: 0 })
      .execute();
    const total = await trx
      .selectFrom('workload_snapshots')
      .select(sql<number>`coalesce(sum(open_count), 0)`.as('open'))
      .where('day', '=', day)
      .executeTakeFirstOrThrow();
    return { day, rows: Number(inserted.numInsertedOrUpdatedRows ?? 0), open: Number(total.open) };
  });
}
