import { Problem } from '../../../../contracts/common';
import {
  ReplenishmentList,
  ReplenishmentQuery,
  ReplenishmentRunResult,
  RunReplenishment,
} from '../../../../contracts/purchasing';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import { listReplenishmentSuggestions } from './replenishment.pass';
import { runReplenishment } from './replenishment.run';

/** Replenishment suggestions of now, and the pass that writes them into draft purchase orders. */
export function replenishmentRoutes(app: App, ctx: AppContext): void {
  const tags = ['purchasing'];

  app.get(
    '/api/replenishment',
    {
      schema: {
        tags,
        summary: 'Replenishment suggestions',
        description:
          'Products whose projected stock (on hand − reserved + on order, minus open deals’ expected demand when the purchasing settings count it) is below their reorder point now, by SKU: what Kontor would order from the preferred supplier (max. level or reorder quantity, rounded up to the minimum order quantity and the pack size) with the explanation, and the draft line holding it, if any. `warehouseId` (default: the default warehouse; 404 `purchasing.warehouse_not_found` when there is no such warehouse), `supplierId`. A product without a supplier has `quantity` null and a `blockedReason`. Open deals count in the default warehouse only (won deals reserve there); the explanation names a deal only when the caller may see it (else a neutral “Deal”).',
        querystring: ReplenishmentQuery,
        response: { 200: ReplenishmentList, 400: Problem, 404: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'purchaseOrders.read', 'see replenishment suggestions');
      return listReplenishmentSuggestions(ctx, actor, request.query);
    },
  );

  app.post(
    '/api/replenishment/run',
    {
      schema: {
        tags,
        summary: 'Run replenishment now',
        description:
          'The replenishment pass over all products (or `productIds`, in `warehouseId` or every warehouse): a product below its reorder point gets its line in the preferred supplier’s draft (quantity set to what the shortfall needs now — never twice), one that needs nothing any more loses its replenishment line (manual lines are not touched; an emptied replenishment draft is deleted). `approve: true` also approves the drafts written, within the caller’s approval limit (`notApproved` lists the others with the reason). An unknown `warehouseId` is 404 `purchasing.warehouse_not_found`.',
        body: RunReplenishment,
        response: { 200: ReplenishmentRunResult, 400: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'purchaseOrders.write', 'run replenishment');
      if (request.body.approve)
        requirePermission(request, 'purchaseOrders.approve', 'approve purchase orders');
      return runReplenishment(ctx, actor, request.body);
    },
  );
}
