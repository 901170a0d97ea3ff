import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { DbOrTx, Tx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import { getProductSummaries } from '../catalog';
import { getDealDetail } from '../sales';
import { fromMilli, toMilli } from './inventory.mappers';
import { getDefaultWarehouse, getInventorySettings, getStockPositions } from './inventory.reads';
import { applyStockMoves, type StockMoveInput } from './stock-ledger';

/**
 * Reservations of won deals: one open reservation per deal (partial unique index), one reservation
 * line per stock-tracked deal line, each with a `reservation` move (+reserved). Lost and reopened
 * deals release what is still open (`release` moves, −reserved).
 */

/** The deal's lines that name a stock-tracked product, in thousandths. */
async function stockLinesOfDeal(db: DbOrTx, dealId: string) {
  const deal = await getDealDetail(db, dealId);
  if (!deal) return null;
  const withProduct = deal.lines.filter((l) => l.productId && l.quantity > 0);
  const products = await getProductSummaries(
    db,
    withProduct.map((l) => l.productId as string),
  );
  const lines = withProduct
    .filter((l) => products.get(l.productId as string)?.kind === 'stock')
    .map((l) => ({ dealLineId: l.id, productId: l.productId as string, quantityMilli: toMilli(l.quantity) }));
  return { deal, lines, products };
}

export function findOpenReservation(db: DbOrTx, dealId: string) {
  return db
    .selectFrom('stock_reservations')
    .selectAll()
    .where('deal_id', '=', dealId)
    .where('status', '=', 'open')
    .executeTakeFirst();
}

/**
 * A sales win check: without back orders, a deal cannot be won while a stock-tracked product's
 * available stock in the default warehouse (summed over the deal's lines) is less than it needs.
 */
export async function stockWinCheck(trx: Tx, dealId: string): Promise<void> {
  const settings = await getInventorySettings(trx);
  if (settings.allowBackOrders) return;
  const found = await stockLinesOfDeal(trx, dealId);
  if (!found || found.lines.length === 0) return;
  const needed = new Map<string, number>();
  for (const l of found.lines) needed.set(l.productId, (needed.get(l.productId) ?? 0) + l.quantityMilli);
  const warehouse = await getDefaultWarehouse(trx);
  const positions = await getStockPositions(trx, [...needed.keys()], warehouse.id);
  const short = [...needed.entries()].flatMap(([productId, need]) => {
    const available = positions.get(productId)?.availableMilli ?? 0;
    return available < need ? [{ productId, need, available }] : [];
  });
  if (short.length === 0) return;
  const named = short.map((s) => {
    const p = found.products.get(s.productId);
    return { ...s, sku: p?.sku ?? s.productId };
  });
  throw new AppError(
    'conflict',
    'stock.insufficient',
    `Not enough stock to win this deal (back orders are not allowed): ${named
      .map((s) => `${s.sku}: ${fromMilli(s.available)} available, ${fromMilli(s.need)} needed`)
      .join('; ')}`,
    named.map((s) => ({
      path: s.productId,
      message: `${s.sku}: ${fromMilli(s.available)} available, ${fromMilli(s.need)} needed`,
    })),
  );
}

/**
 * Reserves a won deal's stock-tracked lines (handler of `deal.won`). Idempotent: a deal that is no
 * longer won, or already has an open reservation, is left alone. Always reserves the full quantity
 * (the win check refused the win when back orders are off and stock was short).
 */
export async function reserveWonDeal(
  trx: Tx,
  deps: { clock: Clock },
  actor: Actor,
  dealId: string,
): Promise<string | null> {
  const found = await stockLinesOfDeal(trx, dealId);
  if (found?.deal.status !== 'won' || found.lines.length === 0) return null;
  if (await findOpenReservation(trx, dealId)) return null;
  const warehouse = await getDefaultWarehouse(trx);
  const now = deps.clock.now().toISOString();
  const reservationId = uuidv7();
  await trx
    .insertInto('stock_reservations')
    .values({
      id: reservationId,
      deal_id: dealId,
      warehouse_id: warehouse.id,
      status: 'open',
      created_at: now,
      closed_at: null,
    })
    .execute();
  const lines = found.lines.map((l) => ({ ...l, id: uuidv7() }));
  await trx
    .insertInto('stock_reservation_lines')
    .values(
      lines.map((l) => ({
        id: l.id,
        reservation_id: reservationId,
        deal_line_id: l.dealLineId,
        product_id: l.productId,
        quantity_milli: l.quantityMilli,
        delivered_milli: 0,
        released_milli: 0,
      })),
    )
    .execute();
  const moves: StockMoveInput[] = lines.map((l) => ({
    productId: l.productId,
    warehouseId: warehouse.id,
    kind: 'reservation',
    onHandDelta: 0,
    reservedDelta: l.quantityMilli,
    onOrderDelta: 0,
    sourceType: 'deal',
    sourceId: dealId,
    sourceLineId: l.dealLineId,
    dedupeKey: `reserve:${reservationId}:${l.id}`,
  }));
  await applyStockMoves(trx, deps, actor, moves, { negativeAvailable: 'allow' });
  return reservationId;
}

/** Releases what the deal's open reservation still holds (handler of `deal.lost` / `deal.reopened`). */
export async function releaseDealReservation(
  trx: Tx,
  deps: { clock: Clock },
  actor: Actor,
  dealId: string,
): Promise<void> {
  const reservation = await findOpenReservation(trx, dealId);
  if (!reservation) return;
  const deal = await getDealDetail(trx, dealId);
  // Won again before this event was handled: the reservation belongs to the current win.
  if (deal?.status === 'won') return;
  const lines = await trx
    .selectFrom('stock_reservation_lines')
    .selectAll()
    .where('reservation_id', '=', reservation.id)
    .execute();
  const now = deps.clock.now().toISOString();
  const open = lines
    .map((l) => ({
      ...l,
      open: Number(l.quantity_milli) - Number(l.delivered_milli) - Number(l.released_milli),
    }))
    .filter((l) => l.open > 0);
  const moves: StockMoveInput[] = open.map((l) => ({
    productId: l.product_id,
    warehouseId: reservation.warehouse_id,
    kind: 'release',
    onHandDelta: 0,
    reservedDelta: -l.open,
    onOrderDelta: 0,
    sourceType: 'deal',
    sourceId: dealId,
    sourceLineId: l.deal_line_id,
    dedupeKey: `release:${reservation.id}:${l.id}`,
  }));
  for (const l of open) {
    await trx
      .updateTable('stock_reservation_lines')
      .set({ released_milli: Number(l.released_milli) + l.open })
      .where('id', '=', l.id)
      .execute();
  }
  await trx
    .updateTable('stock_reservations')
    .set({ status: 'released', closed_at: now })
    .where('id', '=', reservation.id)
    .execute();
  await applyStockMoves(trx, deps, actor, moves, { negativeAvailable: 'allow' });
}
