import type { z } from 'zod';
import type { ReplenishmentRunResult, RunReplenishment } from '../../../../contracts/purchasing';
import type { Actor } from '../../platform/actor';
import { AppError } from '../../platform/http/errors';
import { approvePurchaseOrder } from './purchase-orders.lifecycle';
import type { PurchasingDeps } from './purchasing.deps';
import { runReplenishmentPass } from './replenishment.pass';

/**
 * POST /api/replenishment/run: the pass, then — with `approve` — each draft it wrote approved as by
 * `POST /api/purchase-orders/:id/approve` (approval limit, lines on order, `po.approved`). A draft
 * the caller may not approve (over the limit, no limit, changed meanwhile) stays a draft and is
 * listed in `notApproved` with the reason.
 */
export async function runReplenishment(
  deps: PurchasingDeps,
  actor: Actor,
  input: z.output<typeof RunReplenishment>,
): Promise<ReplenishmentRunResult> {
  const pass = await runReplenishmentPass(deps, actor, {
    warehouseId: input.warehouseId,
    productIds: input.productIds,
  });
  const result: ReplenishmentRunResult = {
    checked: pass.checked,
    linesWritten: pass.linesWritten,
    purchaseOrderIds: pass.purchaseOrderIds,
    approvedIds: [],
    notApproved: [],
  };
  if (!input.approve) return result;
  for (const id of pass.purchaseOrderIds) {
    const row = await deps.db
      .selectFrom('purchase_orders')
      .select(['version', 'status'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (row?.status !== 'draft') continue;
    try {
      await approvePurchaseOrder(deps, actor, id, row.version);
      result.approvedIds.push(id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      result.notApproved.push({ purchaseOrderId: id, reason: err.message });
    }
  }
  return result;
}
