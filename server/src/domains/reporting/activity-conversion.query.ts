import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import type {
  ActivityConversionDeal,
  ActivityConversionFigures,
  ActivityConversionQuery,
  ActivityConversionReport,
} from '../../../../contracts/sales-reports';
import { type Actor, scopeOf } from '../../platform/actor';
import { businessDate } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import { visibleTo } from '../../platform/db/visibility';
import { notFound } from '../../platform/http/errors';
import { getUserSummaries } from '../identity';
import { addDays, periodInstants } from './sql-dates';
import { type TeamWithMembers, teamsWithMembers } from './team-members.query';

export type ActivityConversionDeps = Pick<AppContext, 'db' | 'config' | 'clock'>;

/** How many won deals the report lists with their activities (the latest). */
const DEAL_LIST_LIMIT = 100;

interface Sums {
  activities: number;
  byType: Record<string, number>;
  wonDeals: number;
  wonCents: number;
  linkedActivities: number;
}
const zero = (): Sums => ({ activities: 0, byType: {}, wonDeals: 0, wonCents: 0, linkedActivities: 0 });
const round2 = (v: number) => Math.round(v * 100) / 100;

function figures(s: Sums): ActivityConversionFigures {
  return {
    ...s,
    activitiesPerWonDeal: s.wonDeals ? round2(s.activities / s.wonDeals) : null,
    revenuePerActivityCents: s.activities ? Math.round(s.wonCents / s.activities) : null,
    linkedActivitiesPerWonDeal: s.wonDeals ? round2(s.linkedActivities / s.wonDeals) : null,
  };
}

function addInto(target: Sums, from: Sums) {
  target.activities += from.activities;
  target.wonDeals += from.wonDeals;
  target.wonCents += from.wonCents;
  target.linkedActivities += from.linkedActivities;
  for (const [type, n] of Object.entries(from.byType)) target.byType[type] = (target.byType[type] ?? 0) + n;
}

/** The first and last day of the quarter a business date is in. */
function quarterOf(day: string): { from: string; to: string } {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const first = Math.floor((m - 1) / 3) * 3 + 1;
  const from = `${y}-${String(first).padStart(2, '0')}-01`;
  const next = first + 3 > 12 ? `${y + 1}-01-01` : `${y}-${String(first + 3).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
}

/**
 * Conversion of sales activities into revenue (issue 3), per person or per team, for a period:
 * - activities = tasks of an activity type (call, meeting, e-mail, … `task_types.is_activity`) done
 *   in the period, counted for their assignee (or whoever completed them, for an unclaimed one);
 * - won deals = deals won in the period (`won_at`), counted for their owner, with their amounts;
 * - activities per won deal, revenue won per activity (cents);
 * - linked activities = activities with the won deal's `deal_id`, done before it was won (at any
 *   time, also before the period): what led to the deal.
 * A team's row is its current members' figures. Visibility as in the funnel: deals by owner/team,
 * activities by assignee/team.
 */
export async function activityConversionReport(
  deps: ActivityConversionDeps,
  actor: Actor,
  query: ActivityConversionQuery,
): Promise<ActivityConversionReport> {
  // Default: this quarter; with only one end given, the quarter around it.
  const quarter = quarterOf(query.from ?? query.to ?? businessDate(deps.clock.now(), deps.config.timezone));
  const from = query.from ?? quarter.from;
  const to = query.to ?? quarter.to;
  const { start, end } = periodInstants(from, to, deps.config.timezone) as { start: string; end: string };

  // People a team filter or team rows stand for.
  let team: TeamWithMembers | null = null;
  if (query.teamId) {
    [team = null] = await teamsWithMembers(deps.db, [query.teamId]);
    if (!team) throw notFound('team', query.teamId);
  }
  const person = sql<string>`coalesce(tasks.assignee_id, tasks.completed_by)`;
  const people =
    (who: RawBuilder<string>) =>
    // biome-ignore lint/suspicious/noExplicitAny: applies to the tasks and the deals queries
    (eb: ExpressionBuilder<any, any>) => {
      const parts = [];
      if (query.ownerId) parts.push(eb(who, '=', query.ownerId));
      if (team) parts.push(eb(who, 'in', team.memberIds.length ? team.memberIds : ['-']));
      return eb.and(parts);
    };

  const activitiesQ = deps.db
    .selectFrom('tasks')
    .innerJoin('task_types', 'task_types.key', 'tasks.type')
    .select([person.as('person_id'), 'tasks.type', sql<number>`count(*)`.as('n')])
    .where('tasks.status', '=', 'done')
    .where('task_types.is_activity', '=', 1)
    .where('tasks.completed_at', '>=', start)
    .where('tasks.completed_at', '<', end)
    .where(visibleTo(actor, { ownerColumn: 'tasks.assignee_id', teamColumn: 'tasks.team_id' }))
    .where(people(person))
    .groupBy([person, 'tasks.type']);

  const wonDeals = () =>
    deps.db
      .selectFrom('deals')
      .where('deals.status', '=', 'won')
      .where('deals.won_at', '>=', start)
      .where('deals.won_at', '<', end)
      .where(visibleTo(actor, { ownerColumn: 'deals.owner_id', teamColumn: 'deals.team_id' }))
      .where(people(sql<string>`deals.owner_id`));
  const wonQ = wonDeals()
    .select([
      'deals.owner_id',
      sql<number>`count(*)`.as('n'),
      sql<number>`coalesce(sum(deals.amount_cents), 0)`.as('cents'),
    ])
    .groupBy('deals.owner_id');
  // Activities that led to each won deal, by type (only deals with any show up).
  const linkedQ = wonDeals()
    .innerJoin('tasks', 'tasks.deal_id', 'deals.id')
    .innerJoin('task_types', 'task_types.key', 'tasks.type')
    .select(['deals.id', 'deals.owner_id', 'tasks.type', sql<number>`count(*)`.as('n')])
    .where('tasks.status', '=', 'done')
    .where('task_types.is_activity', '=', 1)
    .whereRef('tasks.completed_at', '<=', 'deals.won_at')
    .groupBy(['deals.id', 'deals.owner_id', 'tasks.type']);
  const latestQ = wonDeals()
    .select(['deals.id', 'deals.title', 'deals.owner_id', 'deals.won_at', 'deals.amount_cents'])
    .orderBy('deals.won_at', 'desc')
    .orderBy('deals.id', 'desc')
    .limit(DEAL_LIST_LIMIT);
  const typesQ = deps.db
    .selectFrom('task_types')
    .select(['key', 'name'])
    .where('is_activity', '=', 1)
    .orderBy('position')
    .orderBy('key');

  const [activityRows, wonRows, linkedRows, latest, types] = await Promise.all([
    activitiesQ.execute(),
    wonQ.execute(),
    linkedQ.execute(),
    latestQ.execute(),
    typesQ.execute(),
  ]);

  // Per person first; teams and the total are sums of people.
  const byPerson = new Map<string, Sums>();
  const of = (id: string) => byPerson.get(id) ?? byPerson.set(id, zero()).get(id)!;
  for (const r of activityRows) {
    if (!r.person_id) continue;
    const s = of(r.person_id);
    s.activities += Number(r.n);
    s.byType[r.type] = (s.byType[r.type] ?? 0) + Number(r.n);
  }
  for (const r of wonRows) {
    const s = of(r.owner_id);
    s.wonDeals += Number(r.n);
    s.wonCents += Number(r.cents);
  }
  const linkedByDeal = new Map<string, Record<string, number>>();
  for (const r of linkedRows) {
    of(r.owner_id).linkedActivities += Number(r.n);
    const deal = linkedByDeal.get(r.id) ?? linkedByDeal.set(r.id, {}).get(r.id)!;
    deal[r.type] = Number(r.n);
  }
  const total = zero();
  for (const s of byPerson.values()) addInto(total, s);

  const names = await getUserSummaries(deps.db, [...byPerson.keys(), ...latest.map((d) => d.owner_id)]);
  let rows: ActivityConversionReport['rows'];
  if (query.groupBy === 'team') {
    const teams = team
      ? [team]
      : await teamsWithMembers(deps.db, scopeOf(actor) === 'all' ? null : actor.teamIds);
    rows = teams.map((t) => {
      const s = zero();
      for (const userId of t.memberIds) {
        const p = byPerson.get(userId);
        if (p) addInto(s, p);
      }
      return { id: t.id, name: t.name, ...figures(s) };
    });
  } else {
    rows = [...byPerson.entries()]
      .map(([id, s]) => ({ id, name: names.get(id)?.name ?? id, ...figures(s) }))
      .sort((a, b) => b.wonCents - a.wonCents || a.name.localeCompare(b.name));
  }

  const deals: ActivityConversionDeal[] = latest.map((d) => {
    const byType = linkedByDeal.get(d.id) ?? {};
    return {
      dealId: d.id,
      title: d.title,
      ownerId: d.owner_id,
      ownerName: names.get(d.owner_id)?.name ?? null,
      wonAt: d.won_at!,
      amountCents: Number(d.amount_cents),
      activities: Object.values(byType).reduce((a, b) => a + b, 0),
      byType,
    };
  });

  return {
    from,
    to,
    groupBy: query.groupBy,
    currency: 'EUR',
    activityTypes: types,
    rows,
    total: figures(total),
    deals,
  };
}
