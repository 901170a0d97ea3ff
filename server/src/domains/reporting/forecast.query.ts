import { sql } from 'kysely';
import type { ForecastQuery, ForecastReport } from '../../../../contracts/sales-reports';
import type { Actor } from '../../platform/actor';
import { businessDate } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import { visibleTo } from '../../platform/db/visibility';
import { getUserSummaries } from '../identity';
import { weightedFromX100 } from '../sales';
import { addMonths } from './sql-dates';

export type ForecastDeps = Pick<AppContext, 'db' | 'config' | 'clock'>;

interface Sums {
  count: number;
  amount: number;
  weightedX100: number;
}

const zero = (): Sums => ({ count: 0, amount: 0, weightedX100: 0 });
const add = (a: Sums, b: Sums) => {
  a.count += b.count;
  a.amount += b.amount;
  a.weightedX100 += b.weightedX100;
};
const figures = (s: Sums) => ({
  count: s.count,
  amountCents: s.amount,
  weightedCents: weightedFromX100(s.weightedX100),
});

/**
 * The open pipeline by expected close month: this month and the 11 after it, `overdue` (expected
 * before today, company time zone) and `later`; each with count, amount and weighted amount
 * (amount × stage probability), in total, by owner and by team. One GROUP BY in SQL; the weighted
 * figures are rounded to the cent once per figure (Σ amount × probability ÷ 100).
 */
export async function forecastReport(
  deps: ForecastDeps,
  actor: Actor,
  query: ForecastQuery,
): Promise<ForecastReport> {
  const today = businessDate(deps.clock.now(), deps.config.timezone);
  const months = Array.from({ length: 12 }, (_, i) => addMonths(today, i));
  const laterFrom = `${addMonths(today, 12)}-01`;

  let open = deps.db
    .selectFrom('deals')
    .innerJoin('pipeline_stages', 'pipeline_stages.id', 'deals.stage_id')
    .select([
      'deals.owner_id',
      'deals.team_id',
      'deals.amount_cents',
      'pipeline_stages.probability',
      sql<string>`case when deals.expected_close_date < ${today} then 'overdue' when deals.expected_close_date >= ${laterFrom} then 'later' else substr(deals.expected_close_date, 1, 7) end`.as(
        'bucket',
      ),
    ])
    .where('deals.status', '=', 'open')
    .where(visibleTo(actor, { ownerColumn: 'deals.owner_id', teamColumn: 'deals.team_id' }));
  if (query.pipelineId) open = open.where('deals.pipeline_id', '=', query.pipelineId);
  if (query.ownerId) open = open.where('deals.owner_id', '=', query.ownerId);
  if (query.teamId) open = open.where('deals.team_id', '=', query.teamId);

  const rows = await deps.db
    .selectFrom(open.as('t'))
    .select([
      't.owner_id',
      't.team_id',
      't.bucket',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(t.amount_cents)`.as('amount'),
      sql<number>`sum(t.amount_cents * t.probability)`.as('weighted_x100'),
    ])
    .groupBy(['t.owner_id', 't.team_id', 't.bucket'])
    .execute();

  const keys = ['overdue', ...months, 'later'];
  const newRow = () => ({ total: zero(), buckets: new Map(keys.map((k) => [k, zero()])) });
  const total = newRow();
  const owners = new Map<string, ReturnType<typeof newRow>>();
  const teams = new Map<string | null, ReturnType<typeof newRow>>();
  for (const r of rows) {
    const sums = {
      count: Number(r.n),
      amount: Number(r.amount ?? 0),
      weightedX100: Number(r.weighted_x100 ?? 0),
    };
    for (const target of [
      total,
      owners.get(r.owner_id) ?? owners.set(r.owner_id, newRow()).get(r.owner_id)!,
      teams.get(r.team_id) ?? teams.set(r.team_id, newRow()).get(r.team_id)!,
    ]) {
      add(target.total, sums);
      add(target.buckets.get(r.bucket)!, sums);
    }
  }
  const out = (row: ReturnType<typeof newRow>) => ({
    total: figures(row.total),
    buckets: keys.map((key) => ({ key, ...figures(row.buckets.get(key)!) })),
  });
  const names = await getUserSummaries(deps.db, [...owners.keys()]);
  return {
    asOf: today,
    currency: 'EUR',
    pipelineId: query.pipelineId ?? null,
    ...out(total),
    byOwner: [...owners.entries()]
      .map(([ownerId, row]) => ({ ownerId, ownerName: names.get(ownerId)?.name ?? null, ...out(row) }))
      .sort((a, b) => b.total.weightedCents - a.total.weightedCents || a.ownerId.localeCompare(b.ownerId)),
    byTeam: [...teams.entries()]
      .map(([teamId, row]) => ({ teamId, ...out(row) }))
      .sort(
        (a, b) =>
          b.total.weightedCents - a.total.weightedCents || String(a.teamId).localeCompare(String(b.teamId)),
      ),
  };
}
