import type { CreateGoodsReceipt, GoodsReceipt, PurchaseOrder } from '../../../../contracts/purchasing';
import type { Actor } from '../../platform/actor';
import { publish } from '../../platform/events/publish';
import { AppError, type FieldError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { applyStockMoves, type StockMoveInput } from '../inventory';
import { change, LEDGER, save } from './purchase-orders.lifecycle';
import { fromMilli, toMilli } from './purchase-orders.mappers';
import {
  addReceived,
  findLinesOfOrders,
  type GoodsReceiptLineRow,
  insertReceipt,
} from './purchase-orders.repository';
import { listGoodsReceipts, requireStatus } from './purchase-orders.service';
import type { PurchasingDeps } from './purchasing.deps';

/**
 * Books a goods receipt: per line a quantity up to what is still open (more → 422 naming the line),
 * not all zero. Each received quantity moves from on order to on hand (moves `receipt`, keyed
 * `receipt:<receiptLineId>`). The order becomes partially received, or received when nothing is
 * open. Raises `po.received` (`complete` when received).
 */
export async function receiveGoods(
  deps: PurchasingDeps,
  actor: Actor,
  id: string,
  input: CreateGoodsReceipt,
): Promise<{ receipt: GoodsReceipt; order: PurchaseOrder }> {
  const { result: receiptId, order } = await change(deps, actor, id, undefined, async (trx, row, today) => {
    requireStatus(row, ['approved', 'sent', 'partially_received'], 'Receiving goods');
    const receivedOn = input.receivedOn ?? today;
    if (receivedOn > today) {
      throw new AppError(
        'unprocessable',
        'purchase_orders.receipt_in_future',
        'Goods cannot be received in the future',
        [{ path: 'receivedOn', message: 'Use today or an earlier date' }],
      );
    }
    const lines = await findLinesOfOrders(trx, [id]);
    const byId = new Map(lines.map((l) => [l.id, l]));
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const wanted: Array<{ lineId: string; milli: number }> = [];
    input.lines.forEach((l, i) => {
      const line = byId.get(l.lineId);
      if (!line) {
        errors.push({
          path: `lines.${i}.lineId`,
          message: `Line ${l.lineId} is not a line of ${row.number}`,
        });
        return;
      }
      if (seen.has(l.lineId)) {
        errors.push({ path: `lines.${i}.lineId`, message: `Line ${line.position + 1} is listed twice` });
        return;
      }
      seen.add(l.lineId);
      const milli = toMilli(l.quantity);
      const open = Number(line.quantity_milli) - Number(line.received_milli);
      if (milli > open) {
        errors.push({
          path: `lines.${i}.quantity`,
          message: `Line ${line.position + 1} (${line.description}): only ${fromMilli(open)} still open, ${l.quantity} received`,
        });
        return;
      }
      if (milli > 0) wanted.push({ lineId: l.lineId, milli });
    });
    if (errors.length) {
      throw new AppError(
        'unprocessable',
        'purchase_orders.invalid_receipt',
        `The goods receipt is not valid — ${errors.map((e) => e.message).join('; ')}`,
        errors,
      );
    }
    if (wanted.length === 0) {
      throw new AppError(
        'unprocessable',
        'purchase_orders.invalid_receipt',
        'Receive a quantity of at least one line',
        [{ path: 'lines', message: 'All quantities are 0' }],
      );
    }
    const now = deps.clock.now().toISOString();
    const receiptId = uuidv7();
    const receiptLines: GoodsReceiptLineRow[] = wanted.map((w) => ({
      id: uuidv7(),
      goods_receipt_id: receiptId,
      purchase_order_line_id: w.lineId,
      quantity_milli: w.milli,
    }));
    await insertReceipt(
      trx,
      {
        id: receiptId,
        purchase_order_id: id,
        received_on: receivedOn,
        note: input.note ?? null,
        created_by: actor.userId,
        created_at: now,
      },
      receiptLines,
    );
    for (const w of wanted) {
      if (!(await addReceived(trx, w.lineId, w.milli, now))) {
        throw new AppError(
          'conflict',
          'purchase_orders.receipt_conflict',
          'Someone booked goods for this order at the same time; reload it and check what is still open',
        );
      }
    }
    const after = await findLinesOfOrders(trx, [id]);
    const complete = after.every((l) => Number(l.received_milli) >= Number(l.quantity_milli));
    await save(trx, row, {
      status: complete ? 'received' : 'partially_received',
      received_at: complete ? now : null,
      updated_at: now,
    });
    const moves: StockMoveInput[] = receiptLines.map((rl) => {
      const line = byId.get(rl.purchase_order_line_id)!;
      return {
        productId: line.product_id,
        warehouseId: row.warehouse_id,
        kind: 'receipt',
        onHandDelta: rl.quantity_milli,
        reservedDelta: 0,
        onOrderDelta: -rl.quantity_milli,
        sourceType: 'goods_receipt',
        sourceId: receiptId,
        sourceLineId: rl.id,
        dedupeKey: `receipt:${rl.id}`,
      };
    });
    await applyStockMoves(trx, deps, actor, moves, LEDGER);
    await publish(trx, deps.clock, actor, 'po.received', {
      purchaseOrderId: id,
      number: row.number,
      supplierId: row.supplier_id,
      goodsReceiptId: receiptId,
      complete,
    });
    return receiptId;
  });
  const receipts = await listGoodsReceipts(deps, id);
  const receipt = receipts.items.find((r) => r.id === receiptId) as GoodsReceipt;
  return { receipt, order };
}
