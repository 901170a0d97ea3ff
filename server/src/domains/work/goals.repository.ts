import { type ExpressionBuilder, type Selectable, type SqlBool, sql, type Updateable } from 'kysely';
import type { GoalMetric } from '../../../../contracts/goals';
import { type Actor, scopeOf } from '../../platform/actor';
import type { Database, DbOrTx } from '../../platform/db/database';
import { visibleTo } from '../../platform/db/visibility';
import type { GoalsTable } from './work.tables';

export type GoalRow = Selectable<GoalsTable>;

/**
 * Goals the actor may see: admins (and other all-scope roles) every goal; managers goals of their
 * teams, of their teams' members and their own; sales people their own and their teams' goals.
 */
export function goalsVisibleTo(actor: Actor) {
  if (scopeOf(actor) !== 'own')
    return visibleTo(actor, { ownerColumn: 'goals.user_id', teamColumn: 'goals.team_id' });
  return (eb: ExpressionBuilder<Database, 'goals'>) => {
    if (!actor.userId) return sql<SqlBool>`1 = 0`;
    const parts = [eb('goals.user_id', '=', actor.userId)];
    if (actor.teamIds.length) parts.push(eb('goals.team_id', 'in', actor.teamIds));
    return eb.or(parts);
  };
}

export interface GoalFilter {
  userId?: string;
  teamId?: string;
  /** Goals whose period contains this business date. */
  activeOn?: string;
  metric?: GoalMetric;
  /** Goals of this user or of these teams. */
  mineOf?: { userId: string; teamIds: string[] };
}

/** At most this many goals in one list (a page of goals is for people, not exports). */
export const GOAL_LIST_MAX = 1000;

export function listGoals(db: DbOrTx, actor: Actor, filter: GoalFilter): Promise<GoalRow[]> {
  let q = db.selectFrom('goals').selectAll().where(goalsVisibleTo(actor));
  if (filter.userId) q = q.where('user_id', '=', filter.userId);
  if (filter.teamId) q = q.where('team_id', '=', filter.teamId);
  if (filter.metric) q = q.where('metric', '=', filter.metric);
  if (filter.activeOn) {
    q = q.where('period_start', '<=', filter.activeOn).where('period_end', '>=', filter.activeOn);
  }
  const mine = filter.mineOf;
  if (mine) {
    q = q.where((eb) =>
      eb.or([
        eb('user_id', '=', mine.userId),
        ...(mine.teamIds.length ? [eb('team_id', 'in', mine.teamIds)] : []),
      ]),
    );
  }
  return q.orderBy('period_start', 'desc').orderBy('name').orderBy('id').limit(GOAL_LIST_MAX).execute();
}

/** One goal, if the actor may see it (no actor: the system). */
export function findGoal(db: DbOrTx, id: string, actor?: Actor): Promise<GoalRow | undefined> {
  let q = db.selectFrom('goals').selectAll().where('id', '=', id);
  if (actor) q = q.where(goalsVisibleTo(actor));
  return q.executeTakeFirst();
}

export function insertGoal(db: DbOrTx, row: GoalRow) {
  return db.insertInto('goals').values(row).execute();
}

/** Optimistic update on `version`; false when the version was stale. */
export async function updateGoal(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Omit<Updateable<GoalsTable>, 'id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('goals')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteGoal(db: DbOrTx, id: string): Promise<boolean> {
  const result = await db.deleteFrom('goals').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
