import { sql } from 'kysely';
import { type Actor, systemActor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { DbOrTx, Tx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { dialectOf } from '../../platform/search/dialect';
import { getProductSummaries } from '../catalog';
import { getDealDetail, type WinCheckContext } from '../sales';
import { fromMilli, toMilli } from './inventory.mappers';
import { getDefaultWarehouse, getInventorySettings, getStockPositions } from './inventory.reads';
import { applyStockMoves, lockStockLevels, type StockMoveInput } from './stock-ledger';

/** What sales may pass to a win check: the winning transaction's clock and actor. */

/**
 * Reservations of won deals: one open reservation per deal (partial unique index), one reservation
 * line per stock-tracked deal line, each with a `reservation` move (+reserved). Lost and reopened
 * deals release what is still open (`release` moves, −reserved).
 *
 * Without back orders the reservation is made by the win check, in the winning transaction (so two
 * wins cannot both take the last units); with back orders by the `deal.won` handler. Every path that
 * writes a deal's reservation first takes the deal's lock (`lockDealReservation`) and then reads.
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
  const stockLines = withProduct
    .filter((l) => products.get(l.productId as string)?.kind === 'stock')
    .map((l) => ({ dealLineId: l.id, productId: l.productId as string, quantityMilli: toMilli(l.quantity) }));
  // What deliveries of this deal (from the deal or its invoices) took already is not reserved again:
  // a deal won, delivered, reopened and won again reserves only what is still to deliver.
  const delivered = await deliveredOfDeal(db, dealId);
  const lines = stockLines.flatMap((l) => {
    const done = Math.min(l.quantityMilli, delivered.get(l.productId) ?? 0);
    if (done > 0) delivered.set(l.productId, (delivered.get(l.productId) ?? 0) - done);
    const rest = l.quantityMilli - done;
    return rest > 0 ? [{ ...l, quantityMilli: rest }] : [];
  });
  return { deal, lines, products };
}

/** Delivered quantities of a deal per product (milli): its deliveries and its invoices' deliveries. */
async function deliveredOfDeal(db: DbOrTx, dealId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('delivery_lines as dl')
    .innerJoin('deliveries as d', 'd.id', 'dl.delivery_id')
    .select(['dl.product_id', 'dl.quantity_milli'])
    .where('d.deal_id', '=', dealId)
    .execute();
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.product_id, (out.get(r.product_id) ?? 0) + Number(r.quantity_milli));
  return out;
}

/**
 * Serialises everything that writes one deal's reservation (win check, `deal.won`, `deal.lost` /
 * `deal.reopened` handlers, deliveries) until the transaction ends: PostgreSQL takes a
 * transaction-scoped advisory lock on `reservation:<dealId>`; SQLite has one writer anyway.
 * Read the deal and its reservation after taking it.
 */
export async function lockDealReservation(trx: Tx, dealId: string): Promise<void> {
  await lockKey(trx, `reservation:${dealId}`);
}

/** A transaction-scoped advisory lock on a text key (PostgreSQL; nothing on SQLite). */
export async function lockKey(trx: Tx, key: string): Promise<void> {
  if (dialectOf(trx) !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}

/**
 * The deal's open reservation. `forUpdate`: locks its row (PostgreSQL) so its lines can be changed;
 * a reservation closed meanwhile is not returned (the status is checked again after the lock).
 */
export function findOpenReservation(db: DbOrTx, dealId: string, options: { forUpdate?: boolean } = {}) {
  let q = db
    .selectFrom('stock_reservations')
    .selectAll()
    .where('deal_id', '=', dealId)
    .where('status', '=', 'open');
  if (options.forUpdate && dialectOf(db) === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * A sales win check that also writes: without back orders, the won deal's stock-tracked lines are
 * reserved here, in the winning transaction, with the level rows locked — a deal whose lines need
 * more than is available is refused (409 `stock.insufficient`, naming SKU, available and needed per
 * product) and nothing of the win is written. Two concurrent wins of the last units: one waits for
 * the other's locks and is refused. With back orders the `deal.won` handler reserves.
 */
export async function stockWinCheck(trx: Tx, dealId: string, context?: WinCheckContext): Promise<void> {
  const settings = await getInventorySettings(trx);
  if (settings.allowBackOrders) return;
  await lockDealReservation(trx, dealId);
  if (await findOpenReservation(trx, dealId)) return;
  const found = await stockLinesOfDeal(trx, dealId);
  if (!found || found.lines.length === 0) return;
  const needed = new Map<string, number>();
  for (const l of found.lines) needed.set(l.productId, (needed.get(l.productId) ?? 0) + l.quantityMilli);
  const warehouse = await getDefaultWarehouse(trx);
  await lockStockLevels(
    trx,
    [...needed.keys()].map((productId) => ({ productId, warehouseId: warehouse.id })),
  );
  const positions = await getStockPositions(trx, [...needed.keys()], warehouse.id);
  const short = [...needed.entries()].flatMap(([productId, need]) => {
    const p = positions.get(productId);
    const available = Math.min(p?.availableMilli ?? 0, p?.onHandMilli ?? 0);
    return available < need ? [{ productId, need, available }] : [];
  });
  if (short.length > 0) {
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
  // The win's own instant and a system actor, as the handler would have, unless sales passes them.
  const wonAt = found.deal.wonAt ?? found.deal.updatedAt;
  const clock: Clock = context?.clock ?? { now: () => new Date(wonAt) };
  const actor = context?.actor ?? systemActor('event:deal.won');
  await writeReservation(trx, { clock }, actor, dealId, found.lines, warehouse.id, 'refuse');
}

/**
 * Reserves a won deal's stock-tracked lines (handler of `deal.won`). Idempotent: a deal that is no
 * longer won (read after taking the deal's lock), or already has an open reservation (made by the
 * win check when back orders are off, or by an earlier run), is left alone. Reserves what earlier
 * deliveries of the deal have not taken already; nothing left → no reservation.
 */
export async function reserveWonDeal(
  trx: Tx,
  deps: { clock: Clock },
  actor: Actor,
  dealId: string,
): Promise<string | null> {
  await lockDealReservation(trx, dealId);
  const found = await stockLinesOfDeal(trx, dealId);
  if (found?.deal.status !== 'won' || found.lines.length === 0) return null;
  if (await findOpenReservation(trx, dealId)) return null;
  const warehouse = await getDefaultWarehouse(trx);
  return writeReservation(trx, deps, actor, dealId, found.lines, warehouse.id, 'allow');
}

async function writeReservation(
  trx: Tx,
  deps: { clock: Clock },
  actor: Actor,
  dealId: string,
  reserve: ReadonlyArray<{ dealLineId: string; productId: string; quantityMilli: number }>,
  warehouseId: string,
  negativeAvailable: 'refuse' | 'allow',
): Promise<string> {
  const now = deps.clock.now().toISOString();
  const reservationId = uuidv7();
  await trx
    .insertInto('stock_reservations')
    .values({
      id: reservationId,
      deal_id: dealId,
      warehouse_id: warehouseId,
      status: 'open',
      created_at: now,
      closed_at: null,
    })
    .execute();
  const lines = reserve.map((l) => ({ ...l, id: uuidv7() }));
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
    warehouseId,
    kind: 'reservation',
    onHandDelta: 0,
    reservedDelta: l.quantityMilli,
    onOrderDelta: 0,
    sourceType: 'deal',
    sourceId: dealId,
    sourceLineId: l.dealLineId,
    dedupeKey: `reserve:${reservationId}:${l.id}`,
  }));
  await applyStockMoves(trx, deps, actor, moves, { negativeAvailable });
  return reservationId;
}

/** Releases what the deal's open reservation still holds (handler of `deal.lost` / `deal.reopened`). */
export async function releaseDealReservation(
  trx: Tx,
  deps: { clock: Clock },
  actor: Actor,
  dealId: string,
): Promise<void> {
  await lockDealReservation(trx, dealId);
  const reservation = await findOpenReservation(trx, dealId, { forUpdate: true });
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
  for (const l of open) await addToReservationLine(trx, l.id, 'released_milli', l.open);
  await trx
    .updateTable('stock_reservations')
    .set({ status: 'released', closed_at: now })
    .where('id', '=', reservation.id)
    .where('status', '=', 'open')
    .execute();
  await applyStockMoves(trx, deps, actor, moves, { negativeAvailable: 'allow' });
}

/**
 * Adds `qty` to a reservation line's delivered or released quantity, relative to what is stored and
 * only while that much is still open; 409 `stock.reservation_changed` when it is not (someone else
 * delivered or released it meanwhile) — the caller's transaction then writes nothing.
 */
export async function addToReservationLine(
  trx: Tx,
  lineId: string,
  column: 'delivered_milli' | 'released_milli',
  qty: number,
): Promise<void> {
  const result = await trx
    .updateTable('stock_reservation_lines')
    .set({ [column]: sql`${sql.ref(column)} + ${qty}` })
    .where('id', '=', lineId)
    .where(sql<boolean>`quantity_milli - delivered_milli - released_milli >= ${qty}`)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new AppError(
      'conflict',
      'stock.reservation_changed',
      'The reservation was delivered or released by someone else meanwhile; reload and try again',
    );
  }
}
