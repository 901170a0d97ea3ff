import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database';

/** A product in a warehouse. */
export interface StockPair {
  productId: string;
  warehouseId: string;
}

/** Ids per `in (…)` list (SQLite's bound-parameter limit stays far away). */
function chunked<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Product/warehouse pairs with reorder settings whose
 * projected stock (on hand − reserved + on order; no level row: 0) is below the reorder point.
 * Walks `reorder_settings` (by `reorder_settings_warehouse` when a warehouse is given) and finds
 * each level by its primary key.
 * Purchasing's replenishment pass starts here (a pass over 100k products cannot load them all).
 */
export async function listBelowReorderPoint(
  db: DbOrTx,
  scope: { warehouseId?: string | undefined; productIds?: readonly string[] | undefined },
): Promise<StockPair[]> {
  const run = (productIds: readonly string[] | null) => {
    let q = db
      .selectFrom('reorder_settings as rs')
      .leftJoin('stock_levels as sl', (j) =>
        j.onRef('sl.product_id', '=', 'rs.product_id').onRef('sl.warehouse_id', '=', 'rs.warehouse_id'),
      )
      .select(['rs.product_id as productId', 'rs.warehouse_id as warehouseId'])
      .where(
        sql<boolean>`coalesce(sl.on_hand_milli, 0) - coalesce(sl.reserved_milli, 0) + coalesce(sl.on_order_milli, 0) < rs.reorder_point_milli`,
      );
    if (scope.warehouseId) q = q.where('rs.warehouse_id', '=', scope.warehouseId);
    if (productIds) q = q.where('rs.product_id', 'in', [...productIds]);
    return q.execute();
  };
  if (!scope.productIds) return run(null);
  const out: StockPair[] = [];
  for (const chunk of chunked([...new Set(scope.productIds)])) out.push(...(await run(chunk)));
  return out;
}

/** Pairs with reorder settings among these products (pipeline demand may put them below). */
export async function listReorderPairs(
  db: DbOrTx,
  productIds: readonly string[],
  warehouseId: string | undefined,
): Promise<StockPair[]> {
  const out: StockPair[] = [];
  for (const chunk of chunked([...new Set(productIds)])) {
    let q = db
      .selectFrom('reorder_settings')
      .select(['product_id as productId', 'warehouse_id as warehouseId'])
      .where('product_id', 'in', chunk);
    if (warehouseId) q = q.where('warehouse_id', '=', warehouseId);
    out.push(...(await q.execute()));
  }
  return out;
}
