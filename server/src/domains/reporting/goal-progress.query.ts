import { type RawBuilder, sql } from 'kysely';
import type { GoalMetric, GoalProgress } from '../../../../contracts/goals';
import { businessDate } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db/database';
import { periodInstants } from './sql-dates';

export type GoalProgressDeps = Pick<AppContext, 'db' | 'config' | 'clock'>;

/** What progress needs of a goal (the work domain's goals, read here as a report, docs/adr/0003). */
export interface GoalForProgress {
  id: string;
  userId: string | null;
  teamId: string | null;
  metric: GoalMetric;
  taskType: string | null;
  periodStart: string;
  periodEnd: string;
  target: number;
}

/** Within ±5 % of the straight line from 0 to the target counts as on track. */
const ON_TRACK_TOLERANCE = 0.05;

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

/**
 * Pacing of a goal on `today`: where a straight line from 0 (the day before the period) to the target
 * (its last day) stands, in calendar days counted inclusively, and how `actual` compares to it.
 */
export function pacing(
  goal: Pick<GoalForProgress, 'id' | 'target' | 'periodStart' | 'periodEnd'>,
  actual: number,
  today: string,
): GoalProgress {
  const daysTotal = dayNumber(goal.periodEnd) - dayNumber(goal.periodStart) + 1;
  const daysElapsed = Math.min(daysTotal, Math.max(0, dayNumber(today) - dayNumber(goal.periodStart) + 1));
  const expectedByToday = Math.round((goal.target * daysElapsed) / daysTotal);
  let status: GoalProgress['status'];
  if (actual >= goal.target) status = 'achieved';
  else if (today > goal.periodEnd) status = 'missed';
  else if (today < goal.periodStart) status = 'upcoming';
  else if (actual > expectedByToday * (1 + ON_TRACK_TOLERANCE)) status = 'ahead';
  else if (actual >= expectedByToday * (1 - ON_TRACK_TOLERANCE)) status = 'on_track';
  else status = 'behind';
  return {
    goalId: goal.id,
    actual,
    target: goal.target,
    percent: Math.round((actual / goal.target) * 1000) / 10,
    expectedByToday,
    pace: actual - expectedByToday,
    status,
    daysTotal,
    daysElapsed,
    asOf: today,
  };
}

/**
 * The goals as a table of SQL values with their periods turned into instants of the company time
 * zone, so one query joins every goal to the rows it counts.
 */
function goalValues(goals: GoalForProgress[], timezone: string): RawBuilder<unknown> {
  const rows = goals.map((g) => {
    const { start, end } = periodInstants(g.periodStart, g.periodEnd, timezone);
    return sql`(cast(${g.id} as text), cast(${g.userId} as text), cast(${g.teamId} as text), cast(${g.taskType} as text), cast(${start} as text), cast(${end} as text), cast(${g.periodStart} as text), cast(${g.periodEnd} as text))`;
  });
  return sql`p(goal_id, user_id, team_id, task_type, start_at, end_at, period_start, period_end) as (values ${sql.join(rows)})`;
}

/**
 * Whose records count for a goal: the user's own; for a team, records assigned to the team or
 * owned by its current members (so a member's deal counts even when it carries another team).
 */
function ownedBy(ownerColumn: string, teamColumn: string): RawBuilder<boolean> {
  const owner = sql.ref(ownerColumn);
  const team = sql.ref(teamColumn);
  return sql<boolean>`(${owner} = p.user_id or ${team} = p.team_id or exists (select 1 from team_members tm where tm.team_id = p.team_id and tm.user_id = ${owner}))`;
}

interface Sums {
  goal_id: string;
  n: number | string;
  amount: number | string | null;
}

async function sumsByGoal(db: DbOrTx, query: RawBuilder<Sums>): Promise<Map<string, Sums>> {
  const { rows } = await query.execute(db);
  return new Map(rows.map((r) => [r.goal_id, r]));
}

/**
 * Deals won in each goal's period: their count and amount. `count(*)`, not `count(d.id)`: every
 * column read is in the partial index deals_won_period, so SQLite reads index entries only.
 */
function wonDeals(db: DbOrTx, goals: GoalForProgress[], timezone: string) {
  return sumsByGoal(
    db,
    sql<Sums>`with ${goalValues(goals, timezone)}
      select p.goal_id, count(*) as n, sum(d.amount_cents) as amount
      from p join deals d on d.status = 'won' and d.won_at >= p.start_at and d.won_at < p.end_at
        and ${ownedBy('d.owner_id', 'd.team_id')}
      group by p.goal_id`,
  );
}

/** Deals created in each goal's period, whatever became of them. */
function createdDeals(db: DbOrTx, goals: GoalForProgress[], timezone: string) {
  return sumsByGoal(
    db,
    sql<Sums>`with ${goalValues(goals, timezone)}
      select p.goal_id, count(d.id) as n, null as amount
      from p join deals d on d.created_at >= p.start_at and d.created_at < p.end_at
        and ${ownedBy('d.owner_id', 'd.team_id')}
      group by p.goal_id`,
  );
}

/**
 * Tasks completed in each goal's period: of the goal's type, or of any activity type. The done
 * tasks of each distinct period are counted once, grouped by assignee × team × type (an index range
 * of tasks_done_completed), and the goals are joined to those counts: a page of goals that share
 * the month reads the month's done tasks once instead of once per goal. Whether a task counts for
 * a goal depends on its assignee, team and type only, so summing the groups gives the same figure.
 */
function completedActivities(db: DbOrTx, goals: GoalForProgress[], timezone: string) {
  return sumsByGoal(
    db,
    sql<Sums>`with ${goalValues(goals, timezone)},
      periods(start_at, end_at) as (select distinct start_at, end_at from p),
      done(start_at, end_at, assignee_id, team_id, type, n) as (
        select periods.start_at, periods.end_at, t.assignee_id, t.team_id, t.type, count(*)
        from periods join tasks t on t.status = 'done' and t.completed_at >= periods.start_at
          and t.completed_at < periods.end_at
        group by periods.start_at, periods.end_at, t.assignee_id, t.team_id, t.type)
      select p.goal_id, sum(d.n) as n, null as amount
      from p join done d on d.start_at = p.start_at and d.end_at = p.end_at
        and (d.type = p.task_type
          or (p.task_type is null and d.type in (select tt.key from task_types tt where tt.is_activity = 1)))
        and ${ownedBy('d.assignee_id', 'd.team_id')}
      group by p.goal_id`,
  );
}

/**
 * Money received in each goal's period (payment date, a business date) on invoices of the goal's
 * people: the invoice's owner or team, as for deals. Allocations, not payments: a payment that
 * settles several invoices counts for each invoice's owner with the part it paid of it.
 */
function collectedPayments(db: DbOrTx, goals: GoalForProgress[], timezone: string) {
  return sumsByGoal(
    db,
    sql<Sums>`with ${goalValues(goals, timezone)}
      select p.goal_id, count(*) as n, sum(a.amount_cents) as amount
      from p join payments pay on pay.date >= p.period_start and pay.date <= p.period_end
        join payment_allocations a on a.payment_id = pay.id
        join invoices i on i.id = a.invoice_id and i.kind = 'invoice'
          and ${ownedBy('i.owner_id', 'i.team_id')}
      group by p.goal_id`,
  );
}

/**
 * Progress of goals, computed from the data: one aggregate query per kind of metric for all the
 * goals at once (a page of a hundred goals costs three queries). Progress counts every matching
 * record, also those the viewer could not open one by one: a goal's figure is an aggregate.
 * `invoices_collected` sums the payments received on the goal's people's invoices.
 */
export async function goalProgress(
  deps: GoalProgressDeps,
  goals: GoalForProgress[],
): Promise<Map<string, GoalProgress>> {
  const today = businessDate(deps.clock.now(), deps.config.timezone);
  const tz = deps.config.timezone;
  const of = (metrics: GoalMetric[]) => goals.filter((g) => metrics.includes(g.metric));
  const won = of(['revenue_won', 'deals_won']);
  const created = of(['deals_created']);
  const activities = of(['activities_completed']);
  const collected = of(['invoices_collected']);
  const none = new Map<string, Sums>();
  const [wonSums, createdSums, activitySums, collectedSums] = await Promise.all([
    won.length ? wonDeals(deps.db, won, tz) : none,
    created.length ? createdDeals(deps.db, created, tz) : none,
    activities.length ? completedActivities(deps.db, activities, tz) : none,
    collected.length ? collectedPayments(deps.db, collected, tz) : none,
  ]);
  const result = new Map<string, GoalProgress>();
  for (const g of goals) {
    let actual = 0;
    if (g.metric === 'revenue_won') actual = Number(wonSums.get(g.id)?.amount ?? 0);
    else if (g.metric === 'deals_won') actual = Number(wonSums.get(g.id)?.n ?? 0);
    else if (g.metric === 'deals_created') actual = Number(createdSums.get(g.id)?.n ?? 0);
    else if (g.metric === 'activities_completed') actual = Number(activitySums.get(g.id)?.n ?? 0);
    else if (g.metric === 'invoices_collected') actual = Number(collectedSums.get(g.id)?.amount ?? 0);
    result.set(g.id, pacing(g, actual, today));
  }
  return result;
}
