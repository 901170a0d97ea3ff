import type { DomainModule } from '../../platform/module';

/**
 * Inventory (issue 6): warehouses, the stock-move ledger and the stock levels kept from it,
 * reservations of won deals (`deal.won`), deliveries, reorder settings per product and warehouse.
 * Owns the tables of migration 2026_11_27_0100; raises `stock.changed`, `stock.below_minimum`,
 * `delivery.created`. Purchasing writes its `order` / `receipt` moves through `applyStockMoves`.
 */
export const inventoryModule: DomainModule = {
  name: 'inventory',
};

// ─── public functions for other domains ──────────────────────────────────────────────────────────
export {
  type AppliedStockMove,
  applyStockMoves,
  type LedgerOptions,
  type StockMoveInput,
} from './stock-ledger';
