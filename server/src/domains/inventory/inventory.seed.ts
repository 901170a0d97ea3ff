import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { findProductsBySkuKeys, skuKey } from '../catalog';
import { getDefaultWarehouse } from './inventory.reads';
import { applyStockMoves, type StockMoveInput } from './stock-ledger';

/**
 * Demo stock for the catalog's stock-tracked products (by SKU): [on hand, reorder point, maximum
 * level, fixed reorder quantity] in the product's unit. One product — ET-1013 Hydraulikpumpe
 * Zahnrad 8 cm³ — lies just below its reorder point (4 on hand, point 5), so replenishment has
 * something to suggest. Products without a reorder point are not replenished.
 */
const DEMO_STOCK: Array<
  [sku: string, onHand: number, point: number | null, max: number | null, qty: number | null]
> = [
  ['ET-1001', 64, 20, 80, null],
  ['ET-1002', 38, 15, 50, null],
  ['ET-1003', 6, 2, 8, null],
  ['ET-1004', 22, 8, 30, null],
  ['ET-1005', 14, 5, 20, null],
  ['ET-1006', 9, 4, null, 6],
  ['ET-1007', 3, 1, 4, null],
  ['ET-1008', 180, 60, 250, null],
  ['ET-1009', 7, 2, null, 5],
  ['ET-1010', 16, 6, 24, null],
  ['ET-1011', 35, 12, 48, null],
  ['ET-1012', 11, 4, 15, null],
  ['ET-1013', 4, 5, 12, null],
  ['ET-1014', 5, 2, 6, null],
  ['ET-1015', 6, 2, null, 4],
  ['ET-1016', 8, 3, 10, null],
  ['ET-1017', 240, 80, 300, null],
  ['ET-1018', 150, 50, 200, null],
  ['ET-1019', 26, 10, 36, null],
  ['ET-1020', 18, 6, 24, null],
  ['ET-1021', 4, 1, 5, null],
  ['ET-1022', 3, 1, null, 2],
  ['ET-1023', 45, 15, 60, null],
  ['ET-1024', 6, 2, 8, null],
  ['ET-1025', 20, 6, 25, null],
  ['ET-1026', 24, 8, 30, null],
  ['ET-1027', 85, 30, 120, null],
  ['ET-1028', 60, 20, 80, null],
  ['ET-1029', 12, null, null, null],
  ['ET-1030', 30, null, null, null],
  ['VM-2001', 620, 200, 800, null],
  ['VM-2002', 340, 100, 400, null],
  ['VM-2003', 96, 30, null, 60],
  ['VM-2004', 180, 60, 240, null],
  ['VM-2005', 48, 16, 60, null],
  ['VM-2006', 14, 5, 20, null],
  ['VM-2007', 22, 8, 30, null],
  ['VM-2008', 400, 100, null, 300],
  ['VM-2009', 75.5, 25, 100, null],
  ['VM-2010', 19, null, null, null],
  ['VM-2011', 32, 10, 40, null],
  ['VM-2012', 55, null, null, null],
  ['DL-3008', 12, null, null, null],
];

/** The demo warehouse's stock: count moves ("Anfangsbestand") and reorder settings. Runs once. */
export async function seedInventory(ctx: AppContext, actor: Actor): Promise<void> {
  const products = await findProductsBySkuKeys(
    ctx.db,
    DEMO_STOCK.map(([sku]) => skuKey(sku)),
  );
  const bySku = new Map(products.filter((p) => p.kind === 'stock').map((p) => [p.sku_key, p]));
  if (bySku.size === 0) return;
  await ctx.db.transaction().execute(async (trx) => {
    const warehouse = await getDefaultWarehouse(trx);
    const now = ctx.clock.now().toISOString();
    const moves: StockMoveInput[] = [];
    const settings = [];
    for (const [sku, onHand, point, max, qty] of DEMO_STOCK) {
      const p = bySku.get(skuKey(sku));
      if (!p) continue;
      moves.push({
        productId: p.id,
        warehouseId: warehouse.id,
        kind: 'count',
        onHandDelta: Math.round(onHand * 1000),
        reservedDelta: 0,
        onOrderDelta: 0,
        sourceType: 'count',
        sourceId: warehouse.id,
        note: 'Anfangsbestand',
        // Once per product and warehouse: a second seed writes nothing.
        dedupeKey: `seed:initial:${warehouse.id}:${p.id}`,
      });
      if (point !== null) {
        settings.push({
          product_id: p.id,
          warehouse_id: warehouse.id,
          reorder_point_milli: point * 1000,
          max_level_milli: max === null ? null : max * 1000,
          reorder_qty_milli: qty === null ? null : qty * 1000,
          updated_at: now,
          version: 1,
        });
      }
    }
    if (settings.length > 0) {
      await trx
        .insertInto('reorder_settings')
        .values(settings)
        .onConflict((oc) => oc.columns(['product_id', 'warehouse_id']).doNothing())
        .execute();
    }
    await applyStockMoves(trx, ctx, actor, moves, { negativeAvailable: 'allow' });
  });
}
