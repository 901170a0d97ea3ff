import { z } from 'zod';
import { BusinessDate, Id } from './common';
import { PurchaseOrderStatus } from './purchasing';

/**
 * Stock report and pipeline purchases (issue 6, item 6: the managers' view). Read-only.
 *
 * Quantities are decimals with up to 3 places in the product's unit (stored as thousandths), money
 * integer cents (EUR). available = onHand − reserved; projected = onHand − reserved + onOrder.
 *
 * What counts:
 * - **stock value** of a product = round(on hand in thousandths × unit cost ÷ 1000) cents, unit cost =
 *   the preferred supplier's purchase price, else the product's purchase price, else 0 (the product
 *   is then counted in `unpricedCount`). Products with no stock or negative stock (back orders) are
 *   worth 0. The total is the sum of the products' values.
 * - **below reorder point**: active stock-tracked products whose projected stock in the warehouse is
 *   below the reorder point set for it; shortfall = reorder point − projected.
 * - **open purchase orders**: status approved, sent or partially received (drafts are suggestions,
 *   not orders); their open value = Σ over lines round((ordered − received) × unit price ÷ 1000).
 *   Overdue: the expected date is before today (company time zone).
 */

const Quantity = z.number();

export const StockReportQuery = z.object({
  /** Default: the default warehouse. */
  warehouseId: Id.optional(),
  /** How many products below their reorder point are listed (all are counted). */
  belowLimit: z.coerce.number().int().min(1).max(500).default(100),
  /** How many open purchase orders are listed, earliest expected date first (all are counted). */
  ordersLimit: z.coerce.number().int().min(1).max(500).default(100),
});
export type StockReportQuery = z.infer<typeof StockReportQuery>;
export type StockReportFilters = z.input<typeof StockReportQuery>;

export const StockReportWarehouse = z.object({ id: Id, code: z.string(), name: z.string() });

export const StockValueRow = z.object({
  productId: Id,
  sku: z.string(),
  name: z.string(),
  unit: z.string(),
  onHand: Quantity,
  /** Cents per unit the stock is valued at (null: no price known, valued at 0). */
  unitCostCents: z.number().int().nullable(),
  valueCents: z.number().int(),
});
export type StockValueRow = z.infer<typeof StockValueRow>;

/** A purchase order (draft or open) with a line for the product. */
export const OrderRef = z.object({ purchaseOrderId: Id, number: z.string(), status: PurchaseOrderStatus });
export type OrderRef = z.infer<typeof OrderRef>;

export const BelowReorderRow = z.object({
  productId: Id,
  sku: z.string(),
  name: z.string(),
  unit: z.string(),
  onHand: Quantity,
  reserved: Quantity,
  onOrder: Quantity,
  projected: Quantity,
  reorderPoint: Quantity,
  /** reorderPoint − projected (> 0). */
  shortfall: Quantity,
  preferredSupplierId: Id.nullable(),
  preferredSupplierName: z.string().nullable(),
  /** Draft and open purchase orders of this warehouse with a line for the product (draft first). */
  orders: z.array(OrderRef),
});
export type BelowReorderRow = z.infer<typeof BelowReorderRow>;

export const OpenOrdersBySupplier = z.object({
  supplierId: Id,
  supplierName: z.string().nullable(),
  count: z.number().int(),
  openNetCents: z.number().int(),
  /** The earliest expected date of its open orders (null if none has one). */
  earliestExpectedDate: BusinessDate.nullable(),
  overdueCount: z.number().int(),
});
export type OpenOrdersBySupplier = z.infer<typeof OpenOrdersBySupplier>;

export const OpenOrderRow = z.object({
  id: Id,
  number: z.string(),
  supplierId: Id,
  supplierName: z.string().nullable(),
  status: PurchaseOrderStatus,
  expectedDate: BusinessDate.nullable(),
  netCents: z.number().int(),
  openNetCents: z.number().int(),
  /** expectedDate < today (company time zone). */
  overdue: z.boolean(),
});
export type OpenOrderRow = z.infer<typeof OpenOrderRow>;

export const StockReport = z.object({
  /** Today in the company time zone (what `overdue` compares with). */
  asOf: BusinessDate,
  currency: z.literal('EUR'),
  warehouse: StockReportWarehouse,
  value: z.object({
    totalCents: z.number().int(),
    /** Active stock-tracked products in the catalog. */
    trackedProductCount: z.number().int(),
    /** Products with stock on hand (> 0) in the warehouse. */
    inStockCount: z.number().int(),
    /** Products in stock without a purchase price (valued at 0). */
    unpricedCount: z.number().int(),
    /** The 10 products worth most, largest first. */
    top: z.array(StockValueRow),
  }),
  belowReorderPoint: z.object({
    count: z.number().int(),
    /** The first `belowLimit`, by SKU. */
    items: z.array(BelowReorderRow),
  }),
  openOrders: z.object({
    count: z.number().int(),
    openNetCents: z.number().int(),
    overdueCount: z.number().int(),
    /** Largest open value first. */
    bySupplier: z.array(OpenOrdersBySupplier),
    /** The first `ordersLimit` by expected date (none last), then number. */
    items: z.array(OpenOrderRow),
  }),
});
export type StockReport = z.infer<typeof StockReport>;

// ─── pipeline purchases ──────────────────────────────────────────────────────────────────────────

export const PipelinePurchasesQuery = z.object({
  /** Deals expected to close within this many days from today (and those already past their date). */
  horizonDays: z.coerce.number().int().min(1).max(365).default(30),
  /** Default: the default warehouse (whose stock is set against the demand). */
  warehouseId: Id.optional(),
  /** Products listed (all are counted), most to buy first. */
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type PipelinePurchasesQuery = z.infer<typeof PipelinePurchasesQuery>;
export type PipelinePurchasesFilters = z.input<typeof PipelinePurchasesQuery>;

export const PipelineDealRef = z.object({
  dealId: Id,
  title: z.string(),
  stageName: z.string(),
  /** Percent, 0–100. */
  probability: z.number(),
  expectedCloseDate: BusinessDate,
  quantity: Quantity,
  /** quantity × probability. */
  expected: Quantity,
});
export type PipelineDealRef = z.infer<typeof PipelineDealRef>;

export const PipelinePurchaseRow = z.object({
  productId: Id,
  sku: z.string(),
  name: z.string(),
  unit: z.string(),
  /** Σ quantity × stage probability over the open deals' lines (each line rounded to thousandths). */
  expectedDemand: Quantity,
  /** onHand − reserved (won deals are reserved already). */
  available: Quantity,
  onOrder: Quantity,
  /** max(0, expectedDemand − (available + onOrder)). */
  toBuy: Quantity,
  /** Unit cost as in the stock value (null: unknown). */
  unitCostCents: z.number().int().nullable(),
  /** round(toBuy × unit cost). */
  toBuyCents: z.number().int(),
  preferredSupplierName: z.string().nullable(),
  /** The deals behind the demand that you may see, largest expected quantity first. */
  deals: z.array(PipelineDealRef),
  /** Deals counted in the demand that you may not see (another team's). */
  otherDeals: z.object({ count: z.number().int(), expected: Quantity }),
});
export type PipelinePurchaseRow = z.infer<typeof PipelinePurchaseRow>;

export const PipelinePurchases = z.object({
  asOf: BusinessDate,
  /** The last expected close date counted: asOf + horizonDays. */
  until: BusinessDate,
  horizonDays: z.number().int(),
  currency: z.literal('EUR'),
  warehouse: StockReportWarehouse,
  /** Products with expected demand (all, not only those listed). */
  productCount: z.number().int(),
  /** Of those, products with something to buy. */
  toBuyCount: z.number().int(),
  toBuyCents: z.number().int(),
  /** Most to buy (by value, then quantity) first, then by SKU. */
  items: z.array(PipelinePurchaseRow),
});
export type PipelinePurchases = z.infer<typeof PipelinePurchases>;
