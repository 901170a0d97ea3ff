import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  MarketCoverageQuery,
  MarketCoverageReport,
  MarketCoverageRow,
} from '../../../../contracts/companies';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { visibleTo } from '../../platform/db/visibility';
import { periodInstants } from './sql-dates';

type Deps = Pick<AppContext, 'db' | 'config'>;

const ratio = (part: number, whole: number | null) =>
  whole ? Math.round((part / whole) * 10_000) / 10_000 : null;

/**
 * Market coverage per segment (a read model over the companies and sales tables, see
 * docs/adr/0003): the companies known in the segment (live, visible to the actor), how many are
 * prospects and customers, penetration = customers ÷ companies in the market, the open pipeline and
 * won revenue of their deals (won in the period, if one is given) and share of potential = won
 * revenue ÷ potential annual revenue. Three GROUP BY queries, joined in memory by segment.
 */
export async function marketCoverageReport(
  deps: Deps,
  actor: Actor,
  query: z.infer<typeof MarketCoverageQuery>,
): Promise<MarketCoverageReport> {
  const visible = visibleTo(actor, { ownerColumn: 'companies.owner_id', teamColumn: 'companies.team_id' });

  let segmentsQ = deps.db.selectFrom('segments').selectAll().orderBy('name').orderBy('id');
  if (query.segmentId) segmentsQ = segmentsQ.where('id', '=', query.segmentId);
  const segments = await segmentsQ.execute();

  let companiesQ = deps.db
    .selectFrom('companies')
    .select([
      'companies.segment_id',
      sql<number>`count(*)`.as('known'),
      sql<number>`sum(companies.role_prospect)`.as('prospects'),
      sql<number>`sum(companies.role_customer)`.as('customers'),
    ])
    .where('companies.segment_id', 'is not', null)
    .where('companies.merged_into_id', 'is', null)
    .where(visible)
    .groupBy('companies.segment_id');
  if (query.segmentId) companiesQ = companiesQ.where('companies.segment_id', '=', query.segmentId);
  if (query.ownerId) companiesQ = companiesQ.where('companies.owner_id', '=', query.ownerId);
  if (query.teamId) companiesQ = companiesQ.where('companies.team_id', '=', query.teamId);

  const { start, end } = periodInstants(query.from, query.to, deps.config.timezone);
  const wonInPeriod = [
    sql`deals.status = 'won'`,
    ...(start ? [sql`deals.won_at >= ${start}`] : []),
    ...(end ? [sql`deals.won_at < ${end}`] : []),
  ];
  let dealsQ = deps.db
    .selectFrom('deals')
    .innerJoin('companies', 'companies.id', 'deals.company_id')
    .select([
      'companies.segment_id',
      sql<number>`sum(case when deals.status = 'open' then deals.amount_cents else 0 end)`.as('open_cents'),
      sql<number>`sum(case when ${sql.join(wonInPeriod, sql` and `)} then deals.amount_cents else 0 end)`.as(
        'won_cents',
      ),
    ])
    .where('companies.segment_id', 'is not', null)
    .where('companies.merged_into_id', 'is', null)
    .where(visible)
    .groupBy('companies.segment_id');
  if (query.segmentId) dealsQ = dealsQ.where('companies.segment_id', '=', query.segmentId);
  if (query.ownerId) dealsQ = dealsQ.where('companies.owner_id', '=', query.ownerId);
  if (query.teamId) dealsQ = dealsQ.where('companies.team_id', '=', query.teamId);

  const companies = new Map((await companiesQ.execute()).map((r) => [r.segment_id, r]));
  const deals = new Map((await dealsQ.execute()).map((r) => [r.segment_id, r]));

  const items: MarketCoverageRow[] = segments.map((s) => {
    const c = companies.get(s.id);
    const d = deals.get(s.id);
    const marketCompanies = s.market_companies === null ? null : Number(s.market_companies);
    const potential = s.potential_revenue_cents === null ? null : Number(s.potential_revenue_cents);
    const customers = Number(c?.customers ?? 0);
    const won = Number(d?.won_cents ?? 0);
    return {
      segmentId: s.id,
      segmentName: s.name,
      industry: s.industry,
      region: s.region,
      sizeClass: s.size_class,
      companiesKnown: Number(c?.known ?? 0),
      prospects: Number(c?.prospects ?? 0),
      customers,
      marketCompanies,
      potentialRevenueCents: potential,
      penetration: ratio(customers, marketCompanies),
      openPipelineCents: Number(d?.open_cents ?? 0),
      wonRevenueCents: won,
      shareOfPotential: ratio(won, potential),
    };
  });

  const sum = (f: (r: MarketCoverageRow) => number | null) => items.reduce((acc, r) => acc + (f(r) ?? 0), 0);
  const withMarket = items.filter((r) => r.marketCompanies);
  const withPotential = items.filter((r) => r.potentialRevenueCents);
  const marketCompanies = withMarket.length ? sum((r) => r.marketCompanies) : null;
  const potentialRevenueCents = withPotential.length ? sum((r) => r.potentialRevenueCents) : null;
  return {
    currency: 'EUR',
    items,
    totals: {
      companiesKnown: sum((r) => r.companiesKnown),
      prospects: sum((r) => r.prospects),
      customers: sum((r) => r.customers),
      marketCompanies,
      potentialRevenueCents,
      penetration: ratio(
        withMarket.reduce((acc, r) => acc + r.customers, 0),
        marketCompanies,
      ),
      openPipelineCents: sum((r) => r.openPipelineCents),
      wonRevenueCents: sum((r) => r.wonRevenueCents),
      shareOfPotential: ratio(
        withPotential.reduce((acc, r) => acc + r.wonRevenueCents, 0),
        potentialRevenueCents,
      ),
    },
  };
}
