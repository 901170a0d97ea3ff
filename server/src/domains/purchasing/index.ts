import type { DomainModule } from '../../platform/module';

/**
 * Purchasing (issue 6): purchase orders to suppliers (draft → approved → sent → received, or
 * cancelled), goods receipts, replenishment (reacts to `stock.changed`: drafts to the preferred
 * supplier, explained per line), approval limits, the purchase follow-up sweep (`po.overdue`).
 * Owns the tables of migration 2026_11_27_0110; raises `po.*`.
 */
export const purchasingModule: DomainModule = {
  name: 'purchasing',
};
