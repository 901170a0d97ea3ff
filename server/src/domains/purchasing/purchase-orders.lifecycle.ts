import type { CancelPurchaseOrder, PurchaseOrder, SendPurchaseOrder } from '../../../../contracts/purchasing';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import type { Tx } from '../../platform/db/database';
import { publish } from '../../platform/events/publish';
import { AppError, staleVersion } from '../../platform/http/errors';
import { queueMail } from '../../platform/mail/queue-mail';
import { getBillingSettings } from '../billing';
import { getProductSuppliers } from '../catalog';
import { applyStockMoves, type StockMoveInput } from '../inventory';
import { purchaseOrderFileName, purchaseOrderMailText, renderPurchaseOrderPdf } from './purchase-order-pdf';
import { orderAuditSnapshot } from './purchase-orders.mappers';
import {
  findLinesOfOrders,
  findReceiptsOfOrder,
  type PurchaseOrderRow,
  updateOrder,
} from './purchase-orders.repository';
import { loadOrder, orderForChange, PO_ENTITY, requireStatus } from './purchase-orders.service';
import { type PurchasingDeps, todayOf } from './purchasing.deps';
import { approvalLimitOf } from './purchasing-settings.service';

/** Purchasing never lowers available stock: its moves change on order and on hand only upwards. */
/** Purchasing never lowers available stock: its moves need no stock check. */
export const LEDGER = { negativeAvailable: 'allow' } as const;

const euro = (cents: number) =>
  `${new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100)} €`;

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** Runs a change of one order and writes its audit entry (before → after). */
export async function change<T>(
  deps: PurchasingDeps,
  actor: Actor,
  id: string,
  version: number | undefined,
  run: (trx: Tx, row: PurchaseOrderRow, today: string) => Promise<T>,
): Promise<{ result: T; order: PurchaseOrder }> {
  const today = todayOf(deps);
  return deps.db.transaction().execute(async (trx) => {
    const row = await orderForChange(trx, id, version);
    const before = await loadOrder(trx, id, today);
    const result = await run(trx, row, today);
    const after = await loadOrder(trx, id, today, actor);
    await recordAudit(trx, deps.clock, actor, {
      entityType: PO_ENTITY,
      entityId: id,
      label: after.number,
      before: orderAuditSnapshot(before),
      after: orderAuditSnapshot(after),
    });
    return { result, order: after };
  });
}

export async function save(trx: Tx, row: PurchaseOrderRow, patch: Parameters<typeof updateOrder>[3]) {
  if (!(await updateOrder(trx, row.id, row.version, patch))) throw staleVersion('purchase_order', row.id);
}

/**
 * Approves a draft: the approver needs an approval limit covering the order's net total (no row:
 * may not approve; admins without a row have no limit) — 403 naming the limit and the total. The
 * lines go on order in the ledger (moves `order`, one per line, keyed `order:<lineId>`); the expected
 * date, when not set, is today + the longest lead time of the lines' supplier terms. Raises `po.approved`.
 */
export async function approvePurchaseOrder(
  deps: PurchasingDeps,
  actor: Actor,
  id: string,
  version: number,
): Promise<PurchaseOrder> {
  const { order } = await change(deps, actor, id, version, async (trx, row, today) => {
    requireStatus(row, ['draft'], 'Approving');
    const lines = await findLinesOfOrders(trx, [id]);
    if (lines.length === 0) {
      throw new AppError(
        'unprocessable',
        'purchase_orders.empty',
        `The purchase order ${row.number} has no lines; add what to order first`,
        [{ path: 'lines', message: 'Add at least one line' }],
      );
    }
    const net = Number(row.net_cents);
    const limit = await approvalLimitOf(trx, actor);
    if (limit === undefined) {
      throw new AppError(
        'forbidden',
        'purchase_orders.no_approval_limit',
        `You have no approval limit, so you cannot approve purchase orders (this one: ${euro(net)} net); ask an admin to set one`,
      );
    }
    if (limit !== null && net > limit) {
      throw new AppError(
        'forbidden',
        'purchase_orders.over_approval_limit',
        `The purchase order ${row.number} totals ${euro(net)} net, above your approval limit of ${euro(limit)}; ask someone with a higher limit`,
      );
    }
    let expected = row.expected_date;
    if (!expected) {
      const terms = await getProductSuppliers(
        trx,
        lines.map((l) => l.product_id),
      );
      const lead = Math.max(
        0,
        ...terms.filter((t) => t.companyId === row.supplier_id).map((t) => t.leadTimeDays),
      );
      expected = addDays(today, lead);
    }
    const now = deps.clock.now().toISOString();
    await save(trx, row, {
      status: 'approved',
      approved_by: actor.userId,
      approved_at: now,
      expected_date: expected,
      updated_at: now,
    });
    const moves: StockMoveInput[] = lines.map((l) => ({
      productId: l.product_id,
      warehouseId: row.warehouse_id,
      kind: 'order',
      onHandDelta: 0,
      reservedDelta: 0,
      onOrderDelta: Number(l.quantity_milli),
      sourceType: 'purchase_order',
      sourceId: id,
      sourceLineId: l.id,
      dedupeKey: `order:${l.id}`,
    }));
    await applyStockMoves(trx, deps, actor, moves, LEDGER);
    await publish(trx, deps.clock, actor, 'po.approved', {
      purchaseOrderId: id,
      number: row.number,
      supplierId: row.supplier_id,
      netCents: net,
    });
  });
  return order;
}

export interface SendResult {
  order: PurchaseOrder;
  mailId: string;
}

/**
 * Sends an approved order to the supplier: renders the PDF (German, the seller's letterhead from
 * the billing settings) and queues an e-mail with it to `to` (default: the address the supplier's
 * last order went to, else its first mailable contact's) — 422 when there is no address. approved → sent; an order already sent (or
 * partly received) may be sent again (a new mail, the status stays). Raises `po.sent`.
 */
export async function sendPurchaseOrder(
  deps: PurchasingDeps,
  actor: Actor,
  id: string,
  input: SendPurchaseOrder,
): Promise<SendResult> {
  const seller = await getBillingSettings(deps.db);
  const { result, order } = await change(deps, actor, id, input.version, async (trx, row, today) => {
    requireStatus(row, ['approved', 'sent', 'partially_received'], 'Sending');
    const current = await loadOrder(trx, id, today);
    const to = input.to ?? current.supplierEmail;
    if (!to) {
      throw new AppError(
        'unprocessable',
        'purchase_orders.no_recipient',
        `There is no e-mail address for ${current.supplierName}: give the address to send the order to`,
        [{ path: 'to', message: 'Give the address to send the purchase order to' }],
      );
    }
    const now = deps.clock.now();
    const pdf = await renderPurchaseOrderPdf(current, seller, { createdAt: now });
    const mailId = await queueMail(trx, deps.clock, {
      to,
      subject: `Bestellung ${row.number} von ${seller.sellerName}`,
      text: purchaseOrderMailText(current, seller.sellerName, input.message ?? null),
      attachments: [
        { filename: purchaseOrderFileName(current), contentType: 'application/pdf', content: pdf },
      ],
    });
    await save(trx, row, {
      status: row.status === 'approved' ? 'sent' : row.status,
      sent_at: now.toISOString(),
      sent_to: to,
      updated_at: now.toISOString(),
    });
    await publish(trx, deps.clock, actor, 'po.sent', {
      purchaseOrderId: id,
      number: row.number,
      supplierId: row.supplier_id,
      sentTo: to,
    });
    return mailId;
  });
  return { order, mailId: result };
}

/**
 * Cancels an order with a reason: the open rest goes off order (moves `order_cancel`, keyed
 * `order_cancel:<lineId>`, quantity − received per line). A draft, approved or sent order without
 * receipts becomes `cancelled`. A partially received order is closed short: what came stays, the
 * rest will not come — it becomes `received` (nothing is open any more) with `cancelledAt` and
 * `cancelReason` recording why, `receivedAt` the last goods receipt's time. Both raise
 * `po.cancelled` (the purchase follow-up task closes; the lower "on order" lets replenishment
 * order the product again).
 */
export async function cancelPurchaseOrder(
  deps: PurchasingDeps,
  actor: Actor,
  id: string,
  input: CancelPurchaseOrder,
): Promise<PurchaseOrder> {
  const { order } = await change(deps, actor, id, input.version, async (trx, row) => {
    requireStatus(row, ['draft', 'approved', 'sent', 'partially_received'], 'Cancelling');
    const now = deps.clock.now().toISOString();
    const short = row.status === 'partially_received';
    await save(trx, row, {
      status: short ? 'received' : 'cancelled',
      cancelled_at: now,
      cancel_reason: input.reason,
      ...(short ? { received_at: (await lastReceiptAt(trx, id)) ?? now } : {}),
      updated_at: now,
    });
    if (row.status !== 'draft') {
      const lines = await findLinesOfOrders(trx, [id]);
      const moves: StockMoveInput[] = lines
        .filter((l) => Number(l.quantity_milli) - Number(l.received_milli) > 0)
        .map((l) => ({
          productId: l.product_id,
          warehouseId: row.warehouse_id,
          kind: 'order_cancel',
          onHandDelta: 0,
          reservedDelta: 0,
          onOrderDelta: -(Number(l.quantity_milli) - Number(l.received_milli)),
          sourceType: 'purchase_order',
          sourceId: id,
          sourceLineId: l.id,
          reason: input.reason,
          dedupeKey: `order_cancel:${l.id}`,
        }));
      await applyStockMoves(trx, deps, actor, moves, LEDGER);
    }
    await publish(trx, deps.clock, actor, 'po.cancelled', {
      purchaseOrderId: id,
      number: row.number,
      supplierId: row.supplier_id,
    });
  });
  return order;
}

/** When the order's last goods receipt was booked, or null without one. */
async function lastReceiptAt(trx: Tx, id: string): Promise<string | null> {
  const receipts = await findReceiptsOfOrder(trx, id);
  return receipts.reduce<string | null>(
    (last, r) => (!last || r.created_at > last ? r.created_at : last),
    null,
  );
}

/** The order as a PDF (any status; a draft shows what would be sent). */
export async function purchaseOrderPdf(
  deps: PurchasingDeps,
  id: string,
): Promise<{ filename: string; body: Buffer }> {
  const order = await loadOrder(deps.db, id, todayOf(deps));
  const seller = await getBillingSettings(deps.db);
  const body = await renderPurchaseOrderPdf(order, seller, {
    createdAt: new Date(order.sentAt ?? order.updatedAt),
  });
  return { filename: purchaseOrderFileName(order), body };
}
