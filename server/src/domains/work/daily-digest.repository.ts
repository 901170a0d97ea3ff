import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database';

/** Users who turned the daily digest on (it is off by default, so only saved settings count). */
export async function listDigestUserIds(db: DbOrTx): Promise<string[]> {
  const rows = await db.selectFrom('work_settings').select('user_id').where('daily_digest', '=', 1).execute();
  return rows.map((r) => r.user_id);
}

export interface DigestTask {
  id: string;
  subject: string;
  due_date: string;
  due_at: string | null;
  assignee_id: string | null;
}

/**
 * A user's open tasks due on or before `today`: their own and their teams' unclaimed ones, oldest
 * due first (at most `limit`), and how many of all of them are overdue and due today.
 */
export async function listDueTasksOf(
  db: DbOrTx,
  userId: string,
  teamIds: readonly string[],
  today: string,
  limit: number,
): Promise<{ tasks: DigestTask[]; overdue: number; dueToday: number }> {
  const base = db
    .selectFrom('tasks')
    .where('status', '=', 'open')
    .where('due_date', 'is not', null)
    .where('due_date', '<=', today)
    .where((eb) =>
      teamIds.length
        ? eb.or([
            eb('assignee_id', '=', userId),
            eb.and([eb('assignee_id', 'is', null), eb('team_id', 'in', teamIds)]),
          ])
        : eb('assignee_id', '=', userId),
    );
  const tasks = (await base
    .select(['id', 'subject', 'due_date', 'due_at', 'assignee_id'])
    .orderBy('due_date')
    // All-day tasks before timed ones on both dialects (they sort nulls differently).
    .orderBy(sql`case when due_at is null then 0 else 1 end`)
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit)
    .execute()) as DigestTask[];
  if (tasks.length < limit) {
    const overdue = tasks.filter((t) => t.due_date < today).length;
    return { tasks, overdue, dueToday: tasks.length - overdue };
  }
  const row = await base
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.count<number>('id').filterWhere('due_date', '<', today).as('overdue'),
    ])
    .executeTakeFirst();
  const overdue = Number(row?.overdue ?? 0);
  return { tasks, overdue, dueToday: Number(row?.n ?? 0) - overdue };
}
