import { sql } from 'kysely';
import type { z } from 'zod';
import type { WorkloadQuery, WorkloadReport } from '../../../../contracts/goals';
import { type Actor, scopeOf } from '../../platform/actor';
import { businessDate } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import { notFound } from '../../platform/http/errors';
import { getUserSummaries } from '../identity';
import { forecastReport } from './forecast.query';
import { teamsOfUsers, teamsWithMembers } from './team-members.query';
import { workloadGoalGaps } from './workload-goal-gaps';
import { workloadScope } from './workload-scope';
import { workloadTrend } from './workload-trend.query';

export type WorkloadDeps = Pick<AppContext, 'db' | 'config' | 'clock' | 'dialect'>;
type Counts = WorkloadReport['total'];

const zero = (): Counts => ({ open: 0, overdue: 0, dueToday: 0, byType: {} });
function add(target: Counts, type: string, open: number, overdue: number, dueToday: number) {
  target.open += open;
  target.overdue += overdue;
  target.dueToday += dueToday;
  const t = target.byType[type] ?? { open: 0, overdue: 0 };
  t.open += open;
  t.overdue += overdue;
  target.byType[type] = t;
}

/** The teams a workload shows rows for: all (admins) or the actor's (managers); one with `teamId`. */
async function shownTeams(deps: WorkloadDeps, actor: Actor, teamId: string | undefined) {
  const all = scopeOf(actor) === 'all';
  if (teamId) {
    if (!all && !actor.teamIds.includes(teamId)) throw notFound('team', teamId);
    const [team] = await teamsWithMembers(deps.db, [teamId]);
    if (!team) throw notFound('team', teamId);
    return { teams: [team], team };
  }
  return { teams: await teamsWithMembers(deps.db, all ? null : actor.teamIds), team: null };
}

/**
 * The workload report (issue 4): open tasks now, per person, per team and by type, with overdue
 * (open and due before today in the company time zone, or with a time before now) and due today;
 * per team also the team tasks nobody has claimed. One GROUP BY over the OPEN tasks only (indexes
 * tasks_assignee_status_due / tasks_team_status_due / tasks_status_due), summed up in memory.
 * Beside it: the trend from the nightly snapshots, the pipeline forecast of the coming months and
 * the goals behind pace.
 *
 * A team's figures are its team tasks plus its current members' tasks (a member of two teams counts
 * in both; the total counts every task once).
 */
export async function workloadReport(
  deps: WorkloadDeps,
  actor: Actor,
  query: z.infer<typeof WorkloadQuery>,
): Promise<WorkloadReport> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const today = businessDate(now, deps.config.timezone);
  const { teams, team } = await shownTeams(deps, actor, query.teamId);

  const rows = await deps.db
    .selectFrom('tasks')
    .select([
      'tasks.assignee_id',
      'tasks.team_id',
      'tasks.type',
      sql<number>`count(*)`.as('open'),
      sql<number>`sum(case when tasks.due_date < ${today} or tasks.due_at < ${nowIso} then 1 else 0 end)`.as(
        'overdue',
      ),
      sql<number>`sum(case when tasks.due_date = ${today} then 1 else 0 end)`.as('due_today'),
    ])
    .where('tasks.status', '=', 'open')
    .where(workloadScope(actor, 'tasks', team))
    .groupBy(['tasks.assignee_id', 'tasks.team_id', 'tasks.type'])
    .execute();

  const total = zero();
  const people = new Map<string, Counts>();
  const teamCounts = new Map(teams.map((t) => [t.id, { ...zero(), unclaimed: 0 }]));
  const userTeams = teamsOfUsers(teams);
  for (const r of rows) {
    const open = Number(r.open);
    const overdue = Number(r.overdue ?? 0);
    const dueToday = Number(r.due_today ?? 0);
    add(total, r.type, open, overdue, dueToday);
    if (r.assignee_id) {
      const person = people.get(r.assignee_id) ?? people.set(r.assignee_id, zero()).get(r.assignee_id)!;
      add(person, r.type, open, overdue, dueToday);
    }
    const ofTeams = new Set(r.assignee_id ? userTeams.get(r.assignee_id) : []);
    if (r.team_id && teamCounts.has(r.team_id)) ofTeams.add(r.team_id);
    for (const teamId of ofTeams) {
      const counts = teamCounts.get(teamId)!;
      add(counts, r.type, open, overdue, dueToday);
      if (!r.assignee_id && r.team_id === teamId) counts.unclaimed += open;
    }
  }
  // Members without open tasks show too (the ones with room for more work).
  for (const t of teams)
    for (const userId of t.memberIds) if (!people.has(userId)) people.set(userId, zero());

  const [names, types, trend, forecast, goalGaps] = await Promise.all([
    getUserSummaries(deps.db, [...people.keys()]),
    taskTypes(deps, Object.keys(total.byType)),
    workloadTrend(deps, actor, team, today, query.weeks),
    forecastReport(deps, actor, query.teamId ? { teamId: query.teamId } : {}),
    workloadGoalGaps(deps, actor, team),
  ]);
  const months = new Set(forecast.buckets.slice(1, 1 + query.months).map((b) => b.key));

  return {
    asOf: today,
    types,
    total,
    people: [...people.entries()]
      .map(([id, counts]) => ({ id, name: names.get(id)?.name ?? id, ...counts }))
      .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.name.localeCompare(b.name)),
    teams: teams.map((t) => ({ id: t.id, name: t.name, ...teamCounts.get(t.id)! })),
    trend,
    forecast: forecast.buckets
      .filter((b) => b.key === 'overdue' || months.has(b.key))
      .map((b) => ({
        month: b.key,
        openCents: b.amountCents,
        weightedCents: b.weightedCents,
        deals: b.count,
      })),
    goalGaps,
  };
}

/** The active task types, and archived ones that still have open tasks, in their order. */
async function taskTypes(deps: WorkloadDeps, used: string[]) {
  return deps.db
    .selectFrom('task_types')
    .select(['key', 'name'])
    .where((eb) =>
      used.length
        ? eb.or([eb('archived_at', 'is', null), eb('key', 'in', used)])
        : eb('archived_at', 'is', null),
    )
    .orderBy('position')
    .orderBy('key')
    .execute();
}
