import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { type Actor, scopeOf } from '../../platform/actor';
import { visibleTo } from '../../platform/db/visibility';
import { forbidden } from '../../platform/http/errors';
import type { TaskRow } from './tasks.repository';

/**
 * Which tasks a person sees: by the role's scope on the assignee (own → their tasks; team → also
 * their team mates'; all → every task), and in every scope the tasks of their own teams (a team
 * task is everybody's in the team until claimed) and the tasks they created (whoever hands work to
 * someone else can follow it).
 */
export function tasksVisibleTo(actor: Actor) {
  const byScope = visibleTo(actor, { ownerColumn: 'tasks.assignee_id', teamColumn: 'tasks.team_id' });
  // biome-ignore lint/suspicious/noExplicitAny: works on any query over tasks
  return (eb: ExpressionBuilder<any, any>) => {
    if (scopeOf(actor) === 'all') return sql<SqlBool>`1 = 1`;
    if (!actor.userId) return sql<SqlBool>`1 = 0`;
    const parts = [byScope(eb), eb(sql.ref('tasks.created_by'), '=', actor.userId)];
    if (actor.teamIds.length) parts.push(eb(sql.ref('tasks.team_id'), 'in', actor.teamIds));
    return eb.or(parts);
  };
}

/**
 * Whether the actor may change, complete or cancel a task they see. Everyone in the team or all
 * scope may; in the own scope, only their own tasks, the ones they created and unclaimed tasks of
 * their teams (a sales person sees a team mate's task but does not complete it for them).
 */
export function canWriteTask(actor: Actor, row: TaskRow): boolean {
  if (scopeOf(actor) !== 'own') return true;
  if (!actor.userId) return false;
  if (row.assignee_id === actor.userId || row.created_by === actor.userId) return true;
  return row.assignee_id === null && row.team_id !== null && actor.teamIds.includes(row.team_id);
}

export function assertCanWriteTask(actor: Actor, row: TaskRow, what: string): void {
  if (!canWriteTask(actor, row)) throw forbidden(`${what} a task of someone else`);
}
