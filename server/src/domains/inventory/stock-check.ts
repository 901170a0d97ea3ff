import type { DbOrTx } from '../../platform/db/database';

/** A product+warehouse whose stored level differs from the sums over its ledger. */
export interface StockLevelMismatch {
  productId: string;
  warehouseId: string;
  stored: { onHandMilli: number; reservedMilli: number; onOrderMilli: number } | null;
  ledger: { onHandMilli: number; reservedMilli: number; onOrderMilli: number };
}

/**
 * Recomputes on hand, reserved and on order per product and warehouse from the ledger (SUM over
 * `stock_moves`) and compares them with `stock_levels`. Returns the differences (none: consistent).
 * A level row without moves must be all zeros.
 */
export async function checkStockLevels(db: DbOrTx): Promise<StockLevelMismatch[]> {
  const [sums, levels] = await Promise.all([
    db
      .selectFrom('stock_moves')
      .select((eb) => [
        'product_id',
        'warehouse_id',
        eb.fn.sum<number>('on_hand_delta_milli').as('on_hand'),
        eb.fn.sum<number>('reserved_delta_milli').as('reserved'),
        eb.fn.sum<number>('on_order_delta_milli').as('on_order'),
      ])
      .groupBy(['product_id', 'warehouse_id'])
      .execute(),
    db
      .selectFrom('stock_levels')
      .select(['product_id', 'warehouse_id', 'on_hand_milli', 'reserved_milli', 'on_order_milli'])
      .execute(),
  ]);
  const key = (p: string, w: string) => `${p}|${w}`;
  const ledger = new Map(
    sums.map((s) => [
      key(s.product_id, s.warehouse_id),
      {
        productId: s.product_id,
        warehouseId: s.warehouse_id,
        onHandMilli: Number(s.on_hand),
        reservedMilli: Number(s.reserved),
        onOrderMilli: Number(s.on_order),
      },
    ]),
  );
  const out: StockLevelMismatch[] = [];
  const seen = new Set<string>();
  for (const l of levels) {
    const k = key(l.product_id, l.warehouse_id);
    seen.add(k);
    const stored = {
      onHandMilli: Number(l.on_hand_milli),
      reservedMilli: Number(l.reserved_milli),
      onOrderMilli: Number(l.on_order_milli),
    };
    const s = ledger.get(k);
    const fromLedger = s
      ? { onHandMilli: s.onHandMilli, reservedMilli: s.reservedMilli, onOrderMilli: s.onOrderMilli }
      : { onHandMilli: 0, reservedMilli: 0, onOrderMilli: 0 };
    if (
      stored.onHandMilli !== fromLedger.onHandMilli ||
      stored.reservedMilli !== fromLedger.reservedMilli ||
      stored.onOrderMilli !== fromLedger.onOrderMilli
    ) {
      out.push({ productId: l.product_id, warehouseId: l.warehouse_id, stored, ledger: fromLedger });
    }
  }
  for (const [k, s] of ledger) {
    if (seen.has(k)) continue;
    out.push({
      productId: s.productId,
      warehouseId: s.warehouseId,
      stored: null,
      ledger: { onHandMilli: s.onHandMilli, reservedMilli: s.reservedMilli, onOrderMilli: s.onOrderMilli },
    });
  }
  return out;
}
