import { sql } from 'kysely';
import type {
  PipelineDealRef,
  PipelinePurchaseRow,
  PipelinePurchases,
  PipelinePurchasesQuery,
} from '../../../../contracts/stock-report';
import type { Actor } from '../../platform/actor';
import { visibleTo } from '../../platform/db/visibility';
import { addDays } from './sql-dates';
import { centsOf, qty, reportWarehouse, type StockReportDeps, todayOf, unitCost } from './stock-report.query';

/** Each deal line's expected quantity: round(quantity_milli × probability ÷ 100), in integers. */
const expectedMilli = sql<number>`(deal_lines.quantity_milli * pipeline_stages.probability + 50) / 100`;

/**
 * What the pipeline will need to buy (the planning view): the stock-tracked lines of open deals
 * expected to close by today + `horizonDays` (also those already past their date — still open, so
 * still expected), their expected quantity (quantity × the stage's probability) summed per product
 * and set against the warehouse's available stock and what is on order.
 *
 * Demand counts every open deal (stock is the company's, whoever sells it); the deals behind a
 * product are listed as far as the caller may see them, the rest summed as `otherDeals`.
 */
export async function pipelinePurchases(
  deps: StockReportDeps,
  actor: Actor,
  query: PipelinePurchasesQuery,
): Promise<PipelinePurchases> {
  const db = deps.db;
  const warehouse = await reportWarehouse(db, query.warehouseId);
  const asOf = todayOf(deps);
  const until = addDays(asOf, query.horizonDays);

  const demand = db
    .selectFrom('deals')
    .innerJoin('deal_lines', 'deal_lines.deal_id', 'deals.id')
    .innerJoin('pipeline_stages', 'pipeline_stages.id', 'deals.stage_id')
    .innerJoin('products', 'products.id', 'deal_lines.product_id')
    .where('deals.status', '=', sql.lit('open'))
    .where('deals.expected_close_date', '<=', until)
    .where('products.kind', '=', sql.lit('stock'))
    .select([
      'deal_lines.product_id', // PostgreSQL sums bigints as numeric: back to bigint, so that the divisions below stay integer
      sql<number>`cast(sum(${expectedMilli}) as bigint)`.as('demand_milli'),
    ])
    .groupBy('deal_lines.product_id');

  const supply = sql<number>`(coalesce(stock_levels.on_hand_milli, 0) - coalesce(stock_levels.reserved_milli, 0) + coalesce(stock_levels.on_order_milli, 0))`;
  const toBuy = sql<number>`(case when d.demand_milli > ${supply} then d.demand_milli - ${supply} else 0 end)`;
  const toBuyCents = centsOf(toBuy, sql`coalesce(${unitCost}, 0)`);
  const perProduct = db
    .selectFrom(demand.as('d'))
    .innerJoin('products', 'products.id', 'd.product_id')
    .leftJoin('stock_levels', (j) =>
      j
        .onRef('stock_levels.product_id', '=', 'd.product_id')
        .on('stock_levels.warehouse_id', '=', warehouse.id),
    )
    .leftJoin('product_suppliers as ps', (j) =>
      j.onRef('ps.product_id', '=', 'products.id').on('ps.preferred', '=', sql.lit(1)),
    )
    .leftJoin('companies', 'companies.id', 'ps.company_id')
    .where('d.demand_milli', '>', sql.lit(0))
    .select([
      'products.id as product_id',
      'products.sku',
      'products.sku_key',
      'products.name',
      'products.unit',
      'd.demand_milli',
      'stock_levels.on_hand_milli',
      'stock_levels.reserved_milli',
      'stock_levels.on_order_milli',
      toBuy.as('to_buy_milli'),
      unitCost.as('unit_cost'),
      toBuyCents.as('to_buy_cents'),
      'companies.name as supplier_name',
    ]);
  const rows = await db
    .selectFrom(perProduct.as('p'))
    .selectAll('p')
    .select([
      sql<number>`count(*) over ()`.as('product_count'),
      sql<number>`count(case when p.to_buy_milli > 0 then 1 end) over ()`.as('to_buy_count'),
      sql<number>`sum(p.to_buy_cents) over ()`.as('total_to_buy_cents'),
    ])
    .orderBy('p.to_buy_cents', 'desc')
    .orderBy('p.to_buy_milli', 'desc')
    .orderBy('p.sku_key')
    .limit(query.limit)
    .execute();

  const deals = new Map<string, Map<string, PipelineDealRef>>();
  const hidden = new Map<string, { deals: Set<string>; expected: number }>();
  if (rows.length > 0) {
    const productIds = rows.map((r) => r.product_id);
    const lines = await db
      .selectFrom('deals')
      .innerJoin('deal_lines', 'deal_lines.deal_id', 'deals.id')
      .innerJoin('pipeline_stages', 'pipeline_stages.id', 'deals.stage_id')
      .where('deals.status', '=', sql.lit('open'))
      .where('deals.expected_close_date', '<=', until)
      .where('deal_lines.product_id', 'in', productIds)
      .select([
        'deals.id as deal_id',
        'deals.title',
        'deals.expected_close_date',
        'deal_lines.product_id',
        'deal_lines.quantity_milli',
        'pipeline_stages.name as stage_name',
        'pipeline_stages.probability',
        expectedMilli.as('expected_milli'),
      ])
      .execute();
    const dealIds = [...new Set(lines.map((l) => l.deal_id))];
    const visible = new Set<string>();
    for (let i = 0; i < dealIds.length; i += 500) {
      const seen = await db
        .selectFrom('deals')
        .where('deals.id', 'in', dealIds.slice(i, i + 500))
        .where(visibleTo(actor, { ownerColumn: 'deals.owner_id', teamColumn: 'deals.team_id' }))
        .select('deals.id')
        .execute();
      for (const d of seen) visible.add(d.id);
    }
    for (const l of lines) {
      const productId = l.product_id as string;
      if (!visible.has(l.deal_id)) {
        const h = hidden.get(productId) ?? { deals: new Set<string>(), expected: 0 };
        h.deals.add(l.deal_id);
        h.expected += Number(l.expected_milli);
        hidden.set(productId, h);
        continue;
      }
      const byDeal = deals.get(productId) ?? new Map<string, PipelineDealRef>();
      const prev = byDeal.get(l.deal_id);
      // two lines of one deal for the same product: one entry with both quantities
      byDeal.set(l.deal_id, {
        dealId: l.deal_id,
        title: l.title,
        stageName: l.stage_name,
        probability: Number(l.probability),
        expectedCloseDate: l.expected_close_date,
        quantity: (prev?.quantity ?? 0) + qty(l.quantity_milli),
        expected: (prev?.expected ?? 0) + qty(l.expected_milli),
      });
      deals.set(productId, byDeal);
    }
  }

  const round3 = (v: number) => Math.round(v * 1000) / 1000;
  const items: PipelinePurchaseRow[] = rows.map((r) => {
    const h = hidden.get(r.product_id);
    return {
      productId: r.product_id,
      sku: r.sku,
      name: r.name,
      unit: r.unit,
      expectedDemand: qty(r.demand_milli),
      available: qty(Number(r.on_hand_milli ?? 0) - Number(r.reserved_milli ?? 0)),
      onOrder: qty(r.on_order_milli),
      toBuy: qty(r.to_buy_milli),
      unitCostCents: r.unit_cost === null ? null : Number(r.unit_cost),
      toBuyCents: Number(r.to_buy_cents),
      preferredSupplierName: r.supplier_name ?? null,
      deals: [...(deals.get(r.product_id)?.values() ?? [])]
        .map((d) => ({ ...d, quantity: round3(d.quantity), expected: round3(d.expected) }))
        .sort((a, b) => b.expected - a.expected || a.expectedCloseDate.localeCompare(b.expectedCloseDate)),
      otherDeals: { count: h?.deals.size ?? 0, expected: qty(h?.expected ?? 0) },
    };
  });
  const first = rows[0];
  return {
    asOf,
    until,
    horizonDays: query.horizonDays,
    currency: 'EUR',
    warehouse,
    productCount: first ? Number(first.product_count) : 0,
    toBuyCount: first ? Number(first.to_buy_count) : 0,
    toBuyCents: first ? Number(first.total_to_buy_cents) : 0,
    items,
  };
}
