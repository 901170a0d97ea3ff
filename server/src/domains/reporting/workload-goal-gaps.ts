import type { WorkloadReport } from '../../../../contracts/goals';
import type { Actor } from '../../platform/actor';
import { businessDate } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import { visibleTo } from '../../platform/db/visibility';
import { getUserSummaries } from '../identity';
import { goalProgress } from './goal-progress.query';
import type { TeamWithMembers } from './team-members.query';

/** More than this many active goals behind pace are not listed (the worst first). */
const LIMIT = 50;

/**
 * The goals running today that are behind pace (goal-progress.query.ts: actual below the straight
 * line to the target by more than its tolerance), of the people and teams the actor sees — with
 * `team`, the team's goals and its members'. Gap = expected by today − actual; worst (relative to
 * the target) first.
 */
export async function workloadGoalGaps(
  deps: Pick<AppContext, 'db' | 'config' | 'clock'>,
  actor: Actor,
  team: TeamWithMembers | null,
): Promise<WorkloadReport['goalGaps']> {
  const today = businessDate(deps.clock.now(), deps.config.timezone);
  let q = deps.db
    .selectFrom('goals')
    .leftJoin('teams', 'teams.id', 'goals.team_id')
    .select([
      'goals.id',
      'goals.name',
      'goals.user_id',
      'goals.team_id',
      'teams.name as team_name',
      'goals.metric',
      'goals.task_type',
      'goals.period_start',
      'goals.period_end',
      'goals.target',
    ])
    .where('goals.period_start', '<=', today)
    .where('goals.period_end', '>=', today)
    .where(visibleTo(actor, { ownerColumn: 'goals.user_id', teamColumn: 'goals.team_id' }));
  if (team) {
    q = q.where((eb) =>
      eb.or([
        eb('goals.team_id', '=', team.id),
        ...(team.memberIds.length ? [eb('goals.user_id', 'in', team.memberIds)] : []),
      ]),
    );
  }
  const goals = await q.execute();
  if (goals.length === 0) return [];
  const progress = await goalProgress(
    deps,
    goals.map((g) => ({
      id: g.id,
      userId: g.user_id,
      teamId: g.team_id,
      metric: g.metric,
      taskType: g.task_type,
      periodStart: g.period_start,
      periodEnd: g.period_end,
      target: Number(g.target),
    })),
  );
  const behind = goals.filter((g) => progress.get(g.id)?.status === 'behind');
  const names = await getUserSummaries(
    deps.db,
    behind.flatMap((g) => (g.user_id ? [g.user_id] : [])),
  );
  return behind
    .map((g) => {
      const p = progress.get(g.id)!;
      return {
        goalId: g.id,
        name: g.name,
        ownerName: (g.user_id ? names.get(g.user_id)?.name : g.team_name) ?? '—',
        metric: g.metric,
        target: p.target,
        actual: p.actual,
        expectedByToday: p.expectedByToday,
        gap: p.expectedByToday - p.actual,
      };
    })
    .sort((a, b) => b.gap / b.target - a.gap / a.target || a.name.localeCompare(b.name))
    .slice(0, LIMIT);
}
