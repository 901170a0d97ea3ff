import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Scope } from '../../../../contracts/permissions';
import { type Actor, scopeOf } from '../actor';

/**
 * Record visibility, enforced in the repositories: returns a WHERE callback that limits rows to what
 * the actor may see. `own` → rows the actor owns; `team` → rows owned by the actor or a member of one
 * of the actor's teams, or assigned to one of those teams; `all` → no limit.
 *
 * `ownerColumn` holds a user id; `teamColumn` (optional) a team id. The team membership lookup
 * reads the identity domain's membership table through SQL only, which is the platform's job here.
 * `scope` overrides the role's scope for records that follow their own rule (API tokens: own
 * unless the actor manages the system).
 */
export function visibleTo(
  actor: Actor,
  columns: { ownerColumn: string; teamColumn?: string; scope?: Scope },
) {
  // biome-ignore lint/suspicious/noExplicitAny: works on any table's query builder
  return (eb: ExpressionBuilder<any, any>) => {
    const scope = columns.scope ?? scopeOf(actor);
    if (scope === 'all') return sql<SqlBool>`1 = 1`;
    const owner = sql.ref(columns.ownerColumn);
    if (!actor.userId) return sql<SqlBool>`1 = 0`;
    if (scope === 'own') return eb(owner, '=', actor.userId);
    const teamIds = actor.teamIds.length ? actor.teamIds : ['-'];
    const ownedByTeamMate = sql<SqlBool>`${owner} in (select user_id from team_members where team_id in (${sql.join(teamIds)}))`;
    const parts = [eb(owner, '=', actor.userId), ownedByTeamMate];
    if (columns.teamColumn) parts.push(eb(sql.ref(columns.teamColumn), 'in', teamIds));
    return eb.or(parts);
  };
}
