import { type ExpressionBuilder, sql } from 'kysely';
import type { Actor } from '../../platform/actor';
import { visibleTo } from '../../platform/db/visibility';
import type { TeamWithMembers } from './team-members.query';

/**
 * The tasks a workload figure counts: visible to the actor (assignee = the actor or a member of the
 * actor's teams, or a task of one of those teams; admins all) and, with `teamId`, the team's: its
 * team tasks and its members' tasks. Works on `tasks` and on `workload_snapshots` alike.
 */
export function workloadScope(
  actor: Actor,
  table: 'tasks' | 'workload_snapshots',
  team: TeamWithMembers | null,
) {
  const visible = visibleTo(actor, { ownerColumn: `${table}.assignee_id`, teamColumn: `${table}.team_id` });
  // biome-ignore lint/suspicious/noExplicitAny: both tables have assignee_id and team_id
  return (eb: ExpressionBuilder<any, any>) => {
    const parts = [visible(eb)];
    if (team) {
      const ofTeam = [eb(sql.ref(`${table}.team_id`), '=', team.id)];
      if (team.memberIds.length) ofTeam.push(eb(sql.ref(`${table}.assignee_id`), 'in', team.memberIds));
      parts.push(eb.or(ofTeam));
    }
    return eb.and(parts);
  };
}
