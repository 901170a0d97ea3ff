import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { CreateDelivery, Delivery } from '../../../../contracts/inventory';
import type { Actor } from '../../platform/actor';
import { businessDate } from '../../platform/clock';
import type { Tx } from '../../platform/db/database';
import { publish } from '../../platform/events/publish';
import { AppError, notFound } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { findInvoice, findLinesOfInvoice } from '../billing';
import { getProductSummaries, type ProductSummary } from '../catalog';
import { canSeeCompany } from '../companies';
import { getDealDetail } from '../sales';
import { toDeliveries } from './deliveries.queries';
import type { InventoryDeps } from './inventory.deps';
import { fromMilli, toMilli } from './inventory.mappers';
import { getDefaultWarehouse, getInventorySettings } from './inventory.reads';
import type { DeliveriesTable, StockReservationLinesTable } from './inventory.tables';
import { addToReservationLine, findOpenReservation, lockDealReservation, lockKey } from './reservations';
import { applyStockMoves, type StockMoveInput } from './stock-ledger';

/**
 * Deliveries (delivery notes, LS-YYYY-NNNNN): goods leave the warehouse for a won deal (its open
 * reservation) or an issued invoice (its stock-tracked lines, consuming the deal's reservation when
 * the invoice came from a deal that has one, else a plain outgoing move).
 */

type ResLine = Selectable<StockReservationLinesTable> & { open: number };

const nothingOpen = (what: string) =>
  new AppError('unprocessable', 'deliveries.nothing_open', `Nothing of this ${what} is left to deliver`);

export async function nextDeliveryNumber(trx: Tx, year: number): Promise<string> {
  const series = `ls:${year}`;
  await trx
    .insertInto('delivery_number_series')
    .values({ series, next_number: 1 })
    .onConflict((oc) => oc.column('series').doNothing())
    .execute();
  const row = await trx
    .updateTable('delivery_number_series')
    .set({ next_number: sql`next_number + 1` })
    .where('series', '=', series)
    .returning('next_number')
    .executeTakeFirstOrThrow();
  return `LS-${year}-${String(Number(row.next_number) - 1).padStart(5, '0')}`;
}

async function openReservationLines(trx: Tx, reservationId: string): Promise<ResLine[]> {
  const rows = await trx
    .selectFrom('stock_reservation_lines')
    .selectAll()
    .where('reservation_id', '=', reservationId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...r,
    open: Number(r.quantity_milli) - Number(r.delivered_milli) - Number(r.released_milli),
  }));
}

/** Requested quantities per product (milli), checked against what is open; 422 naming the line. */
function requested(
  input: CreateDelivery,
  open: Map<string, number>,
  products: Map<string, ProductSummary>,
  what: string,
): Map<string, number> {
  if (!input.lines) {
    const all = new Map([...open].filter(([, q]) => q > 0));
    if (all.size === 0) throw nothingOpen(what);
    return all;
  }
  const out = new Map<string, number>();
  input.lines.forEach((l, i) => {
    if (out.has(l.productId)) {
      throw new AppError(
        'unprocessable',
        'deliveries.duplicate_line',
        `Line ${i + 1} names a product twice`,
        [{ path: `lines.${i}.productId`, message: 'This product is in another line already' }],
      );
    }
    const available = open.get(l.productId);
    if (available === undefined) {
      throw new AppError(
        'unprocessable',
        'deliveries.not_on_document',
        `Line ${i + 1}: this product is not a stock-tracked line of the ${what}`,
        [{ path: `lines.${i}.productId`, message: `Not on this ${what}` }],
      );
    }
    const q = toMilli(l.quantity);
    if (q > available) {
      const sku = products.get(l.productId)?.sku ?? l.productId;
      throw new AppError(
        'unprocessable',
        'deliveries.over_delivery',
        `Line ${i + 1}: ${fromMilli(q)} of ${sku} is more than the ${fromMilli(available)} still open`,
        [{ path: `lines.${i}.quantity`, message: `At most ${fromMilli(available)} is open` }],
      );
    }
    out.set(l.productId, q);
  });
  return out;
}

/** Takes up to `wanted` of a product from reservation lines (oldest first); returns what it took. */
function takeFromReservation(lines: ResLine[], productId: string, wanted: number) {
  const taken: Array<{ line: ResLine; qty: number }> = [];
  let rest = wanted;
  for (const line of lines) {
    if (rest <= 0) break;
    if (line.product_id !== productId || line.open <= 0) continue;
    const q = Math.min(line.open, rest);
    taken.push({ line, qty: q });
    line.open -= q;
    rest -= q;
  }
  return { taken, rest };
}

export interface CreateDeliveryOptions {
  /** `invoice:<id>` for the automatic delivery on issue (unique). */
  sourceKey?: string | null;
}

export function createDelivery(deps: InventoryDeps, actor: Actor, input: CreateDelivery): Promise<Delivery> {
  return deps.db.transaction().execute((trx) => createDeliveryInTx(trx, deps, actor, input));
}

export async function createDeliveryInTx(
  trx: Tx,
  deps: InventoryDeps,
  actor: Actor,
  input: CreateDelivery,
  options: CreateDeliveryOptions = {},
): Promise<Delivery> {
  const settings = await getInventorySettings(trx);
  let warehouseId: string;
  let dealId: string | null = null;
  let invoiceId: string | null = null;
  let companyId: string | null = null;
  let reservation: Awaited<ReturnType<typeof findOpenReservation>>;
  let resLines: ResLine[] = [];
  let plan: Map<string, number>;
  let products: Map<string, ProductSummary>;

  if (input.dealId) {
    const deal = await getDealDetail(trx, input.dealId);
    if (!deal || !(await canSeeCompany(trx, actor, deal.companyId))) throw notFound('deal', input.dealId);
    if (deal.status !== 'won') {
      throw new AppError('unprocessable', 'deliveries.deal_not_won', 'Only a won deal can be delivered', [
        { path: 'dealId', message: 'The deal is not won' },
      ]);
    }
    dealId = deal.id;
    companyId = deal.companyId;
    // The deal's lock, then its reservation row: concurrent deliveries and releases queue here.
    await lockDealReservation(trx, deal.id);
    reservation = await findOpenReservation(trx, deal.id, { forUpdate: true });
    if (!reservation) throw nothingOpen('deal');
    warehouseId = reservation.warehouse_id;
    resLines = await openReservationLines(trx, reservation.id);
    const open = new Map<string, number>();
    for (const l of resLines) open.set(l.product_id, (open.get(l.product_id) ?? 0) + l.open);
    products = await getProductSummaries(trx, [...open.keys()]);
    plan = requested(input, open, products, 'deal');
  } else {
    const invoice = await findInvoice(trx, input.invoiceId as string);
    if (!invoice || !(await canSeeCompany(trx, actor, invoice.company_id))) {
      throw notFound('invoice', input.invoiceId as string);
    }
    if (invoice.kind !== 'invoice') {
      throw new AppError('unprocessable', 'deliveries.credit_note', 'A credit note delivers nothing', [
        { path: 'invoiceId', message: 'This is a credit note' },
      ]);
    }
    if (invoice.status !== 'issued' && invoice.status !== 'paid') {
      throw new AppError(
        'unprocessable',
        'deliveries.invoice_not_issued',
        'Only an issued invoice can be delivered',
        [{ path: 'invoiceId', message: `The invoice is ${invoice.status}` }],
      );
    }
    invoiceId = invoice.id;
    dealId = invoice.deal_id;
    companyId = invoice.company_id;
    // The invoice's lock (what it delivered is read next), then its deal's (the reservation).
    await lockKey(trx, `delivery:invoice:${invoice.id}`);
    if (invoice.deal_id) await lockDealReservation(trx, invoice.deal_id);
    const lines = (await findLinesOfInvoice(trx, invoice.id)).filter((l) => l.product_id);
    products = await getProductSummaries(
      trx,
      lines.map((l) => l.product_id as string),
    );
    const open = new Map<string, number>();
    for (const l of lines) {
      const p = products.get(l.product_id as string);
      if (p?.kind !== 'stock' || Number(l.quantity_milli) <= 0) continue;
      open.set(p.id, (open.get(p.id) ?? 0) + Number(l.quantity_milli));
    }
    for (const [productId, q] of await deliveredForInvoice(trx, invoice.id, invoice.deal_id)) {
      if (open.has(productId)) open.set(productId, Math.max(0, (open.get(productId) ?? 0) - q));
    }
    plan = requested(input, open, products, 'invoice');
    reservation = invoice.deal_id
      ? await findOpenReservation(trx, invoice.deal_id, { forUpdate: true })
      : undefined;
    if (reservation) resLines = await openReservationLines(trx, reservation.id);
    warehouseId = reservation?.warehouse_id ?? (await getDefaultWarehouse(trx)).id;
  }

  const now = deps.clock.now();
  const today = businessDate(now, deps.config.timezone);
  const deliveryId = uuidv7();
  const number = await nextDeliveryNumber(trx, Number(today.slice(0, 4)));
  const row: Selectable<DeliveriesTable> = {
    id: deliveryId,
    number,
    warehouse_id: warehouseId,
    deal_id: dealId,
    invoice_id: invoiceId,
    reservation_id: reservation?.id ?? null,
    company_id: companyId,
    delivered_on: input.deliveredOn ?? today,
    note: input.note ?? null,
    source_key: options.sourceKey ?? null,
    created_by: actor.userId,
    created_at: now.toISOString(),
  };
  await trx.insertInto('deliveries').values(row).execute();

  const deliveryLines = [...plan.entries()].map(([productId, q], i) => ({
    id: uuidv7(),
    delivery_id: deliveryId,
    position: i + 1,
    product_id: productId,
    quantity_milli: q,
  }));
  await trx.insertInto('delivery_lines').values(deliveryLines).execute();

  const moves: StockMoveInput[] = [];
  const resUpdates = new Map<string, { line: ResLine; qty: number }>();
  for (const dl of deliveryLines) {
    const { taken, rest } = takeFromReservation(resLines, dl.product_id, dl.quantity_milli);
    for (const t of taken) {
      const u = resUpdates.get(t.line.id) ?? { line: t.line, qty: 0 };
      u.qty += t.qty;
      resUpdates.set(t.line.id, u);
      moves.push({
        productId: dl.product_id,
        warehouseId,
        kind: 'delivery',
        onHandDelta: -t.qty,
        reservedDelta: -t.qty,
        onOrderDelta: 0,
        sourceType: 'delivery',
        sourceId: deliveryId,
        sourceLineId: dl.id,
      });
    }
    if (rest > 0) {
      moves.push({
        productId: dl.product_id,
        warehouseId,
        kind: 'delivery',
        onHandDelta: -rest,
        reservedDelta: 0,
        onOrderDelta: 0,
        sourceType: 'delivery',
        sourceId: deliveryId,
        sourceLineId: dl.id,
      });
    }
  }
  for (const { line, qty } of resUpdates.values()) {
    await addToReservationLine(trx, line.id, 'delivered_milli', qty);
  }
  if (reservation && resUpdates.size > 0 && resLines.every((l) => l.open <= 0)) {
    await trx
      .updateTable('stock_reservations')
      .set({ status: 'delivered', closed_at: now.toISOString() })
      .where('id', '=', reservation.id)
      .where('status', '=', 'open')
      .execute();
  }
  await applyStockMoves(trx, deps, actor, moves, {
    negativeAvailable: settings.allowBackOrders ? 'allow' : 'refuse',
  });
  await publish(trx, deps.clock, actor, 'delivery.created', {
    deliveryId,
    number,
    dealId,
    invoiceId,
    companyId,
  });
  const [delivery] = await toDeliveries(trx, [row]);
  return delivery as Delivery;
}

/**
 * What was delivered of an invoice's products already: its own deliveries, and deliveries made from
 * its deal directly (without an invoice) — those delivered the same goods.
 */
async function deliveredForInvoice(trx: Tx, invoiceId: string, dealId: string | null) {
  const rows = await trx
    .selectFrom('delivery_lines as dl')
    .innerJoin('deliveries as d', 'd.id', 'dl.delivery_id')
    .select(['dl.product_id', 'dl.quantity_milli'])
    .where((eb) =>
      dealId
        ? eb.or([
            eb('d.invoice_id', '=', invoiceId),
            eb.and([eb('d.deal_id', '=', dealId), eb('d.invoice_id', 'is', null)]),
          ])
        : eb('d.invoice_id', '=', invoiceId),
    )
    .execute();
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.product_id, (out.get(r.product_id) ?? 0) + Number(r.quantity_milli));
  return out;
}
