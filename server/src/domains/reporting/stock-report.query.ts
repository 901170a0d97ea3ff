import { sql } from 'kysely';
import type {
  BelowReorderRow,
  OpenOrderRow,
  OpenOrdersBySupplier,
  OrderRef,
  StockReport,
  StockReportQuery,
  StockValueRow,
} from '../../../../contracts/stock-report';
import { businessDate } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';

export type StockReportDeps = Pick<AppContext, 'db' | 'config' | 'clock'>;

/** Thousandths → the API's decimal quantity. */
export const qty = (milli: unknown) => Number(milli ?? 0) / 1000;

export const todayOf = (deps: StockReportDeps) => businessDate(deps.clock.now(), deps.config.timezone);

/** Open purchase orders: ordered and not yet all received (drafts are not orders yet). */
export const OPEN_PO_STATUSES = ['approved', 'sent', 'partially_received'] as const;
/** A product with a line in one of these is "being ordered" (a draft is on its way to an order). */
const ORDERING_STATUSES = ['draft', ...OPEN_PO_STATUSES] as const;

/**
 * Unit cost of a product (cents): the preferred supplier's purchase price, else the product's, else
 * null. Needs `products` and `product_suppliers as ps` (left-joined on the preferred row).
 */
export const unitCost = sql<number | null>`coalesce(ps.purchase_price_cents, products.purchase_price_cents)`;

/** round(milli × cents ÷ 1000) for milli ≥ 0, in integers on both dialects. */
export const centsOf = (milli: ReturnType<typeof sql>, cents: ReturnType<typeof sql>) =>
  sql<number>`((${milli}) * (${cents}) + 500) / 1000`;

/** The warehouse asked for, or the default one; 404 when it does not exist. */
export async function reportWarehouse(db: Db, warehouseId: string | undefined) {
  const row = await db
    .selectFrom('warehouses')
    .select(['id', 'code', 'name'])
    .$if(warehouseId !== undefined, (q) => q.where('id', '=', warehouseId!))
    .$if(warehouseId === undefined, (q) => q.where('is_default', '=', sql.lit(1)))
    .executeTakeFirst();
  if (!row) {
    throw new AppError(
      'not_found',
      'reports.warehouse_not_found',
      warehouseId ? `Warehouse ${warehouseId} does not exist` : 'There is no default warehouse',
      warehouseId ? [{ path: 'warehouseId', message: 'No such warehouse' }] : undefined,
    );
  }
  return row;
}

/**
 * Stock value: the products with stock on hand in the warehouse, valued per product at
 * round(on hand × unit cost ÷ 1000); the 10 worth most, with the total, the number of products in
 * stock and of those without a price as window sums over all of them (one statement through the
 * `stock_levels_warehouse` index).
 */
async function stockValue(db: Db, warehouseId: string) {
  const value = centsOf(sql`stock_levels.on_hand_milli`, sql`coalesce(${unitCost}, 0)`);
  const perProduct = db
    .selectFrom('stock_levels')
    .innerJoin('products', 'products.id', 'stock_levels.product_id')
    .leftJoin('product_suppliers as ps', (j) =>
      j.onRef('ps.product_id', '=', 'products.id').on('ps.preferred', '=', sql.lit(1)),
    )
    .where('stock_levels.warehouse_id', '=', warehouseId)
    .where('stock_levels.on_hand_milli', '>', sql.lit(0))
    .select([
      'products.id as product_id',
      'products.sku',
      'products.sku_key',
      'products.name',
      'products.unit',
      'stock_levels.on_hand_milli',
      unitCost.as('unit_cost'),
      value.as('value_cents'),
    ]);
  const rows = await db
    .selectFrom(perProduct.as('v'))
    .selectAll('v')
    .select([
      sql<number>`sum(v.value_cents) over ()`.as('total_cents'),
      sql<number>`count(*) over ()`.as('in_stock'),
      sql<number>`count(case when v.unit_cost is null then 1 end) over ()`.as('unpriced'),
    ])
    .orderBy('v.value_cents', 'desc')
    .orderBy('v.sku_key')
    .limit(10)
    .execute();
  const tracked = await db
    .selectFrom('products')
    .where('kind', '=', sql.lit('stock'))
    .where('active', '=', sql.lit(1))
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  const first = rows[0];
  const top: StockValueRow[] = rows.map((r) => ({
    productId: r.product_id,
    sku: r.sku,
    name: r.name,
    unit: r.unit,
    onHand: qty(r.on_hand_milli),
    unitCostCents: r.unit_cost === null ? null : Number(r.unit_cost),
    valueCents: Number(r.value_cents),
  }));
  return {
    totalCents: first ? Number(first.total_cents) : 0,
    trackedProductCount: Number(tracked.n),
    inStockCount: first ? Number(first.in_stock) : 0,
    unpricedCount: first ? Number(first.unpriced) : 0,
    top,
  };
}

/**
 * Products below their reorder point in the warehouse: the reorder settings of the warehouse (index
 * `reorder_settings_warehouse`) with the stock level (none = 0), where projected < reorder point;
 * the first `limit` by SKU and the number of all. Then, for those listed, the draft and open
 * purchase orders with a line still to receive (index `purchase_order_lines_product_open`).
 */
async function belowReorderPoint(db: Db, warehouseId: string, limit: number) {
  const projected = sql<number>`(coalesce(stock_levels.on_hand_milli, 0) - coalesce(stock_levels.reserved_milli, 0) + coalesce(stock_levels.on_order_milli, 0))`;
  const rows = await db
    .selectFrom('reorder_settings')
    .innerJoin('products', 'products.id', 'reorder_settings.product_id')
    .leftJoin('stock_levels', (j) =>
      j
        .onRef('stock_levels.product_id', '=', 'reorder_settings.product_id')
        .onRef('stock_levels.warehouse_id', '=', 'reorder_settings.warehouse_id'),
    )
    .leftJoin('product_suppliers as ps', (j) =>
      j.onRef('ps.product_id', '=', 'products.id').on('ps.preferred', '=', sql.lit(1)),
    )
    .leftJoin('companies', 'companies.id', 'ps.company_id')
    .where('reorder_settings.warehouse_id', '=', warehouseId)
    .where('products.kind', '=', sql.lit('stock'))
    .where('products.active', '=', sql.lit(1))
    .where(sql<boolean>`${projected} < reorder_settings.reorder_point_milli`)
    .select([
      'products.id as product_id',
      'products.sku',
      'products.name',
      'products.unit',
      'stock_levels.on_hand_milli',
      'stock_levels.reserved_milli',
      'stock_levels.on_order_milli',
      projected.as('projected_milli'),
      'reorder_settings.reorder_point_milli',
      'ps.company_id as supplier_id',
      'companies.name as supplier_name',
      sql<number>`count(*) over ()`.as('total'),
    ])
    .orderBy('products.sku_key')
    .orderBy('products.id')
    .limit(limit)
    .execute();

  const orders = new Map<string, OrderRef[]>();
  if (rows.length > 0) {
    const lines = await db
      .selectFrom('purchase_order_lines')
      .innerJoin('purchase_orders', 'purchase_orders.id', 'purchase_order_lines.purchase_order_id')
      .where(
        'purchase_order_lines.product_id',
        'in',
        rows.map((r) => r.product_id),
      )
      .where('purchase_orders.warehouse_id', '=', warehouseId)
      .where('purchase_orders.status', 'in', [...ORDERING_STATUSES])
      .where(sql<boolean>`purchase_order_lines.received_milli < purchase_order_lines.quantity_milli`)
      .select([
        'purchase_order_lines.product_id',
        'purchase_orders.id',
        'purchase_orders.number',
        'purchase_orders.status',
      ])
      .orderBy(sql`case when purchase_orders.status = 'draft' then 0 else 1 end`)
      .orderBy('purchase_orders.number')
      .execute();
    for (const l of lines) {
      const list = orders.get(l.product_id) ?? [];
      list.push({ purchaseOrderId: l.id, number: l.number, status: l.status });
      orders.set(l.product_id, list);
    }
  }

  const items: BelowReorderRow[] = rows.map((r) => ({
    productId: r.product_id,
    sku: r.sku,
    name: r.name,
    unit: r.unit,
    onHand: qty(r.on_hand_milli),
    reserved: qty(r.reserved_milli),
    onOrder: qty(r.on_order_milli),
    projected: qty(r.projected_milli),
    reorderPoint: qty(r.reorder_point_milli),
    shortfall: qty(Number(r.reorder_point_milli) - Number(r.projected_milli)),
    preferredSupplierId: r.supplier_id ?? null,
    preferredSupplierName: r.supplier_name ?? null,
    orders: orders.get(r.product_id) ?? [],
  }));
  return { count: rows[0] ? Number(rows[0].total) : 0, items };
}

/**
 * The open purchase orders of the warehouse (index `purchase_orders_status`), each with its open
 * value summed over its lines: per supplier (all of them) and the first `limit` by expected date.
 */
async function openOrders(db: Db, warehouseId: string, today: string, limit: number) {
  const openNet = sql<number>`(select coalesce(sum(case when l.quantity_milli > l.received_milli then ((l.quantity_milli - l.received_milli) * l.unit_price_cents + 500) / 1000 else 0 end), 0) from purchase_order_lines l where l.purchase_order_id = purchase_orders.id)`;
  const open = db
    .selectFrom('purchase_orders')
    .where('purchase_orders.status', 'in', [...OPEN_PO_STATUSES])
    .where('purchase_orders.warehouse_id', '=', warehouseId)
    .select([
      'purchase_orders.id',
      'purchase_orders.number',
      'purchase_orders.supplier_id',
      'purchase_orders.status',
      'purchase_orders.expected_date',
      'purchase_orders.net_cents',
      openNet.as('open_net_cents'),
    ]);

  const perSupplier = db
    .selectFrom(open.as('o'))
    .select([
      'o.supplier_id',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(o.open_net_cents)`.as('open_net_cents'),
      sql<string | null>`min(o.expected_date)`.as('earliest'),
      sql<number>`count(case when o.expected_date < ${today} then 1 end)`.as('overdue'),
    ])
    .groupBy('o.supplier_id');
  const [suppliers, list] = await Promise.all([
    db
      .selectFrom(perSupplier.as('s'))
      .leftJoin('companies', 'companies.id', 's.supplier_id')
      .selectAll('s')
      .select('companies.name as supplier_name')
      .orderBy('s.open_net_cents', 'desc')
      .orderBy('companies.name')
      .orderBy('s.supplier_id')
      .execute(),
    db
      .selectFrom(open.as('o'))
      .leftJoin('companies', 'companies.id', 'o.supplier_id')
      .selectAll('o')
      .select('companies.name as supplier_name')
      .orderBy(sql`case when o.expected_date is null then 1 else 0 end`)
      .orderBy('o.expected_date')
      .orderBy('o.number')
      .limit(limit)
      .execute(),
  ]);

  const bySupplier: OpenOrdersBySupplier[] = suppliers.map((s) => ({
    supplierId: s.supplier_id,
    supplierName: s.supplier_name ?? null,
    count: Number(s.n),
    openNetCents: Number(s.open_net_cents),
    earliestExpectedDate: s.earliest ?? null,
    overdueCount: Number(s.overdue),
  }));
  const items: OpenOrderRow[] = list.map((o) => ({
    id: o.id,
    number: o.number,
    supplierId: o.supplier_id,
    supplierName: o.supplier_name ?? null,
    status: o.status,
    expectedDate: o.expected_date,
    netCents: Number(o.net_cents),
    openNetCents: Number(o.open_net_cents),
    overdue: o.expected_date !== null && o.expected_date < today,
  }));
  const sum = (f: (s: OpenOrdersBySupplier) => number) => bySupplier.reduce((a, s) => a + f(s), 0);
  return {
    count: sum((s) => s.count),
    openNetCents: sum((s) => s.openNetCents),
    overdueCount: sum((s) => s.overdueCount),
    bySupplier,
    items,
  };
}

/**
 * The managers' view of stock (issue 6, item 6): stock value, products below their reorder point and
 * the open purchase orders of one warehouse. Formulas in contracts/stock-report.ts.
 */
export async function stockReport(deps: StockReportDeps, query: StockReportQuery): Promise<StockReport> {
  const warehouse = await reportWarehouse(deps.db, query.warehouseId);
  const today = todayOf(deps);
  const [value, below, orders] = await Promise.all([
    stockValue(deps.db, warehouse.id),
    belowReorderPoint(deps.db, warehouse.id, query.belowLimit),
    openOrders(deps.db, warehouse.id, today, query.ordersLimit),
  ]);
  return {
    asOf: today,
    currency: 'EUR',
    warehouse,
    value,
    belowReorderPoint: below,
    openOrders: orders,
  };
}
