import { type Selectable, sql } from 'kysely';
import type { Actor } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db/database';
import { tasksVisibleTo } from './tasks.access';
import { overdueCondition, type TaskMoment, type TaskRow } from './tasks.repository';
import type { CalendarFeedsTable } from './work.tables';

export type CalendarFeedRow = Selectable<CalendarFeedsTable>;

/** At most this many tasks in one agenda or feed (a calendar is for people, not exports). */
export const CALENDAR_MAX_TASKS = 2000;

function selectTasks(db: DbOrTx) {
  return db
    .selectFrom('tasks')
    .innerJoin('task_types', 'task_types.key', 'tasks.type')
    .selectAll('tasks')
    .select('task_types.name as type_name');
}

// All-day tasks before the timed ones of the day, alike on both dialects (nulls sort differently).
const BY_DUE = sql`tasks.due_date, coalesce(tasks.due_at, ''), tasks.id`;

/** Whose agenda: the person's tasks, and the unclaimed tasks of their teams. */
export interface AgendaOwner {
  userId: string;
  teamIds: string[];
}

function ofOwner(owner: AgendaOwner) {
  return sql<boolean>`(tasks.assignee_id = ${owner.userId} or (tasks.assignee_id is null and tasks.team_id in (${sql.join(owner.teamIds.length ? owner.teamIds : ['-'])})))`;
}

/** Tasks due from `from` to `to` (open, and done ones if asked), as far as the actor may see them. */
export function listAgendaTasks(
  db: DbOrTx,
  actor: Actor,
  owner: AgendaOwner,
  range: { from: string; to: string; includeDone: boolean },
): Promise<TaskRow[]> {
  return selectTasks(db)
    .where(tasksVisibleTo(actor))
    .where(ofOwner(owner))
    .where('tasks.due_date', '>=', range.from)
    .where('tasks.due_date', '<=', range.to)
    .where('tasks.status', 'in', range.includeDone ? ['open', 'done'] : ['open'])
    .orderBy(BY_DUE)
    .limit(CALENDAR_MAX_TASKS)
    .execute();
}

/** Open tasks due before `before` that are overdue now. */
export function listOverdueBefore(
  db: DbOrTx,
  actor: Actor,
  owner: AgendaOwner,
  before: string,
  moment: TaskMoment,
): Promise<TaskRow[]> {
  return selectTasks(db)
    .where(tasksVisibleTo(actor))
    .where(ofOwner(owner))
    .where('tasks.due_date', '<', before)
    .where(overdueCondition(moment))
    .orderBy(BY_DUE)
    .limit(CALENDAR_MAX_TASKS)
    .execute();
}

/**
 * A person's tasks for their calendar feed: open ones due in the window, and those done since
 * `doneSince` (so a call made yesterday stays in the calendar). Unclaimed team tasks are left out:
 * the feed shows what the person does.
 */
export function listFeedTasks(
  db: DbOrTx,
  userId: string,
  window: { from: string; to: string; doneSince: string },
): Promise<TaskRow[]> {
  return selectTasks(db)
    .where('tasks.assignee_id', '=', userId)
    .where('tasks.due_date', '>=', window.from)
    .where('tasks.due_date', '<=', window.to)
    .where((eb) =>
      eb.or([
        eb('tasks.status', '=', 'open'),
        eb.and([eb('tasks.status', '=', 'done'), eb('tasks.completed_at', '>=', window.doneSince)]),
      ]),
    )
    .orderBy(BY_DUE)
    .limit(CALENDAR_MAX_TASKS)
    .execute();
}

// ─── feeds ───────────────────────────────────────────────────────────────────────────────────────

export function findActiveFeedOfUser(db: DbOrTx, userId: string): Promise<CalendarFeedRow | undefined> {
  return db
    .selectFrom('calendar_feeds')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export function findActiveFeedByTokenHash(
  db: DbOrTx,
  tokenHash: string,
): Promise<CalendarFeedRow | undefined> {
  return db
    .selectFrom('calendar_feeds')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export function insertFeed(db: DbOrTx, row: CalendarFeedRow) {
  return db.insertInto('calendar_feeds').values(row).execute();
}

/** Revokes the user's active feeds; returns how many there were. */
export async function revokeFeedsOfUser(db: DbOrTx, userId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('calendar_feeds')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Notes that the feed was fetched. Calendar apps poll every few minutes: the row is written at
 * most once per `staleBefore` interval, so most fetches cost no write.
 */
export function touchFeed(db: DbOrTx, id: string, at: string, staleBefore: string) {
  return db
    .updateTable('calendar_feeds')
    .set({ last_used_at: at })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', staleBefore)]))
    .execute();
}
