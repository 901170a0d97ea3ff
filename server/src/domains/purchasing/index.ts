import type { DomainModule } from '../../platform/module';
import './purchasing.tables';
import { followUpSweepJob } from './follow-up-sweep.job';
import { subscribeReplenishment } from './on-stock-changed.handler';
import { purchasingRoutes } from './purchasing.routes';
import { replenishmentJob } from './replenishment.job';
import { replenishmentRoutes } from './replenishment.routes';
import './automation';

/**
 * Purchasing (issue 6): purchase orders to suppliers (draft → approved → sent → received, or
 * cancelled), goods receipts, replenishment (reacts to `stock.changed`: drafts to the preferred
 * supplier, explained per line), approval limits, the purchase follow-up sweep (`po.overdue`).
 * Owns the tables of migration 2026_11_27_0110; raises `po.*`.
 */
export const purchasingModule: DomainModule = {
  name: 'purchasing',
  routes(app, ctx) {
    purchasingRoutes(app, ctx);
    replenishmentRoutes(app, ctx);
  },
  subscribers(ctx) {
    subscribeReplenishment(ctx);
  },
  jobs(ctx) {
    ctx.jobs.register(followUpSweepJob());
    ctx.jobs.register(replenishmentJob(ctx));
  },
};

// ─── public functions for other domains ──────────────────────────────────────────────────────────
export { findOrCreateDraft, nextPurchaseOrderNumber } from './draft-orders';
export { FOLLOW_UP_SWEEP_JOB } from './follow-up-sweep.job';
export { sweepPurchaseFollowUps } from './follow-up-sweep.service';
export {
  approvePurchaseOrder,
  cancelPurchaseOrder,
  sendPurchaseOrder,
} from './purchase-orders.lifecycle';
export { receiveGoods } from './purchase-orders.receive';
export {
  createPurchaseOrder,
  getPurchaseOrder,
  loadOrder as loadPurchaseOrder,
} from './purchase-orders.service';
export type { PurchasingDeps } from './purchasing.deps';
export {
  getGoodsReceiptLabels,
  getOpenPurchaseOrderSummary,
  getOpenPurchaseOrders,
  getPurchaseOrderNumbers,
  type OpenPurchaseOrder,
  type OpenPurchaseOrdersBySupplier,
} from './purchasing.reads';
export { seedPurchasing } from './purchasing.seed';
export { approvalLimitOf, loadPurchasingSettings } from './purchasing-settings.service';
