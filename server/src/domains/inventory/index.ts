import type { DomainModule } from '../../platform/module';
import { registerWinCheck } from '../sales';
import { inventoryRoutes } from './inventory.routes';
import { subscribeDealReservations } from './on-deal-won.handler';
import { subscribeDeliverIssuedInvoice } from './on-invoice-issued.handler';
import { stockWinCheck } from './reservations';

/**
 * Inventory (issue 6): warehouses, the stock-move ledger and the stock levels kept from it,
 * reservations of won deals (`deal.won`), deliveries, reorder settings per product and warehouse.
 * Owns the tables of migration 2026_11_27_0100; raises `stock.changed`, `stock.below_minimum`,
 * `delivery.created`. Purchasing writes its `order` / `receipt` moves through `applyStockMoves`.
 */
export const inventoryModule: DomainModule = {
  name: 'inventory',
  routes: inventoryRoutes,
  subscribers(ctx) {
    // Winning a deal runs in the API and in workers (automation): the check is registered wherever
    // subscribers are.
    registerWinCheck(stockWinCheck);
    subscribeDealReservations(ctx);
    subscribeDeliverIssuedInvoice(ctx);
  },
};

// ─── public functions for other domains ──────────────────────────────────────────────────────────
export {
  getDefaultWarehouse,
  getInventorySettings,
  getStockPositions,
  getWarehouse,
  type InventorySettingsValues,
  listMovesForCauses,
  type MoveCause,
  type StockPosition,
  type WarehouseSummary,
} from './inventory.reads';
export { seedInventory } from './inventory.seed';
export { listBelowReorderPoint, listReorderPairs, type StockPair } from './reorder-pairs.query';
export { checkStockLevels, type StockLevelMismatch } from './stock-check';
export {
  type AppliedStockMove,
  applyStockMoves,
  type LedgerOptions,
  type StockMoveInput,
} from './stock-ledger';
