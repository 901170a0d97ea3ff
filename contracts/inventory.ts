import { z } from 'zod';
import { BusinessDate, Id, Instant, ListQuery, listResponse, Version } from './common';

/*
 * Inventory (issue 6): warehouses, the stock-move ledger and the stock levels that follow from it,
 * reservations of won deals, deliveries, reorder settings per product and warehouse.
 *
 * Quantities are decimals with up to 3 places in the product's unit (stored as thousandths).
 * available = onHand − reserved; projected = onHand − reserved + onOrder.
 */

/** Up to 3 decimals. */
const Quantity = z
  .number()
  .min(-1e9)
  .max(1e9)
  .refine((v) => Math.abs(Math.round(v * 1000) - v * 1000) < 1e-6, { message: 'Use at most 3 decimals' });
const PositiveQuantity = Quantity.refine((v) => v > 0, { message: 'The quantity must be more than 0' });
const NonNegativeQuantity = Quantity.refine((v) => v >= 0, { message: 'The quantity cannot be negative' });

const Note = z
  .string()
  .trim()
  .max(1000, { message: 'Use at most 1000 characters' })
  .transform((v) => v || null)
  .nullish();

// ─── warehouses ──────────────────────────────────────────────────────────────────────────────────

export const Warehouse = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  isDefault: z.boolean(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Warehouse = z.infer<typeof Warehouse>;
export const WarehouseList = z.object({ items: z.array(Warehouse) });

export const CreateWarehouse = z.strictObject({
  code: z
    .string()
    .trim()
    .min(1, { message: 'Enter a code' })
    .max(20, { message: 'Use at most 20 characters' }),
  name: z
    .string()
    .trim()
    .min(1, { message: 'Enter a name' })
    .max(200, { message: 'Use at most 200 characters' }),
  street: Note,
  postalCode: Note,
  city: Note,
  isDefault: z.boolean().default(false),
});
export type CreateWarehouse = z.input<typeof CreateWarehouse>;

export const UpdateWarehouse = CreateWarehouse.partial().extend({
  version: Version,
  active: z.boolean().optional(),
});
export type UpdateWarehouse = z.input<typeof UpdateWarehouse>;

// ─── stock levels ────────────────────────────────────────────────────────────────────────────────

export const StockLevel = z.object({
  productId: Id,
  sku: z.string(),
  productName: z.string(),
  unit: z.string(),
  warehouseId: Id,
  onHand: z.number(),
  reserved: z.number(),
  onOrder: z.number(),
  /** onHand − reserved. */
  available: z.number(),
  /** onHand − reserved + onOrder. */
  projected: z.number(),
  reorderPoint: z.number().nullable(),
  maxLevel: z.number().nullable(),
  reorderQty: z.number().nullable(),
  /** projected < reorderPoint. */
  belowReorderPoint: z.boolean(),
  /** onHand × purchase price (preferred supplier's, else the product's), cents. */
  valueCents: z.number().int(),
  updatedAt: Instant.nullable(),
});
export type StockLevel = z.infer<typeof StockLevel>;

export const STOCK_SORT_FIELDS = ['sku', 'name', 'onHand', 'available', 'projected', 'value'] as const;

export const StockListQuery = ListQuery.extend({
  /** Default: the default warehouse. */
  warehouseId: Id.optional(),
  /** Part of the SKU or name. */
  q: z.string().trim().max(200).optional(),
  productId: Id.optional(),
  /** Only products whose projected stock is below their reorder point. */
  belowReorderPoint: z.enum(['true', 'false']).optional(),
  /** sku, name, onHand, available, projected, value; `-` for descending. */
  sort: z.string().max(40).default('sku'),
});
export type StockListQuery = z.infer<typeof StockListQuery>;
export type StockListFilters = z.input<typeof StockListQuery>;
export const StockList = listResponse(StockLevel);

// ─── moves ───────────────────────────────────────────────────────────────────────────────────────

export const STOCK_MOVE_KINDS = [
  'receipt',
  'delivery',
  'reservation',
  'release',
  'adjustment',
  'count',
  'order',
  'order_cancel',
] as const;
export const StockMoveKind = z.enum(STOCK_MOVE_KINDS);
export type StockMoveKind = z.infer<typeof StockMoveKind>;

export const STOCK_SOURCE_TYPES = [
  'deal',
  'delivery',
  'purchase_order',
  'goods_receipt',
  'adjustment',
  'count',
] as const;
export const StockSourceType = z.enum(STOCK_SOURCE_TYPES);
export type StockSourceType = z.infer<typeof StockSourceType>;

export const ADJUSTMENT_REASONS = ['damaged', 'lost', 'found', 'correction', 'other'] as const;
export const AdjustmentReason = z.enum(ADJUSTMENT_REASONS);
export type AdjustmentReason = z.infer<typeof AdjustmentReason>;

export const StockMove = z.object({
  id: Id,
  productId: Id,
  warehouseId: Id,
  kind: StockMoveKind,
  onHandDelta: z.number(),
  reservedDelta: z.number(),
  onOrderDelta: z.number(),
  /** The levels right after this move (running sums over the ledger). */
  onHandAfter: z.number(),
  reservedAfter: z.number(),
  onOrderAfter: z.number(),
  sourceType: StockSourceType,
  sourceId: Id,
  /** A person-readable name of the source document (deal title, PO number, delivery number …). */
  sourceLabel: z.string().nullable(),
  reason: AdjustmentReason.nullable(),
  note: z.string().nullable(),
  createdBy: Id.nullable(),
  createdByName: z.string().nullable(),
  createdAt: Instant,
});
export type StockMove = z.infer<typeof StockMove>;

export const StockMoveListQuery = ListQuery.extend({
  productId: Id,
  warehouseId: Id.optional(),
  kind: StockMoveKind.optional(),
});
export type StockMoveListQuery = z.infer<typeof StockMoveListQuery>;
export const StockMoveList = listResponse(StockMove);

/** POST /api/stock/adjustments: a change of on hand with a reason (positive or negative). */
export const CreateStockAdjustment = z.strictObject({
  warehouseId: Id.optional(),
  productId: Id,
  quantityChange: Quantity.refine((v) => v !== 0, { message: 'The change cannot be 0' }),
  reason: AdjustmentReason,
  note: Note,
});
export type CreateStockAdjustment = z.input<typeof CreateStockAdjustment>;

/**
 * POST /api/stock/counts: counted quantities (an inventory count); each product's on hand becomes
 * the counted quantity through a `count` move of the difference (none when it matches).
 */
export const CreateStockCount = z.strictObject({
  warehouseId: Id.optional(),
  countedOn: BusinessDate.optional(),
  note: Note,
  lines: z
    .array(z.strictObject({ productId: Id, counted: NonNegativeQuantity }))
    .min(1, { message: 'Count at least one product' })
    .max(5000),
});
export type CreateStockCount = z.input<typeof CreateStockCount>;

/** What an adjustment or count wrote. */
export const StockChangeResult = z.object({ moves: z.array(StockMove), levels: z.array(StockLevel) });
export type StockChangeResult = z.infer<typeof StockChangeResult>;

// ─── reservations and deliveries ─────────────────────────────────────────────────────────────────

export const ReservationLine = z.object({
  productId: Id,
  sku: z.string(),
  productName: z.string(),
  unit: z.string(),
  dealLineId: Id.nullable(),
  quantity: z.number(),
  delivered: z.number(),
  released: z.number(),
  /** quantity − delivered − released. */
  open: z.number(),
});

export const Reservation = z.object({
  id: Id,
  dealId: Id,
  warehouseId: Id,
  status: z.enum(['open', 'delivered', 'released']),
  createdAt: Instant,
  closedAt: Instant.nullable(),
  lines: z.array(ReservationLine),
});
export type Reservation = z.infer<typeof Reservation>;

export const DeliveryLine = z.object({
  productId: Id,
  sku: z.string(),
  productName: z.string(),
  unit: z.string(),
  quantity: z.number(),
});

export const Delivery = z.object({
  id: Id,
  number: z.string(),
  warehouseId: Id,
  dealId: Id.nullable(),
  invoiceId: Id.nullable(),
  companyId: Id.nullable(),
  companyName: z.string().nullable(),
  deliveredOn: BusinessDate,
  note: z.string().nullable(),
  lines: z.array(DeliveryLine),
  createdAt: Instant,
});
export type Delivery = z.infer<typeof Delivery>;

/** GET /api/deals/:id/stock: the deal's reservations (newest first) and deliveries. */
export const DealStock = z.object({ reservations: z.array(Reservation), deliveries: z.array(Delivery) });
export type DealStock = z.infer<typeof DealStock>;

/**
 * POST /api/deliveries: from a won deal (delivers its open reservation) or an issued invoice (its
 * stock-tracked lines; the deal's reservation when the invoice came from one). Without `lines` the
 * whole open quantity is delivered; with them, those quantities (a partial delivery).
 */
export const CreateDelivery = z
  .strictObject({
    dealId: Id.optional(),
    invoiceId: Id.optional(),
    deliveredOn: BusinessDate.optional(),
    note: Note,
    lines: z
      .array(z.strictObject({ productId: Id, quantity: PositiveQuantity }))
      .min(1)
      .max(500)
      .optional(),
  })
  .refine((v) => (v.dealId ? 1 : 0) + (v.invoiceId ? 1 : 0) === 1, {
    message: 'Name either a dealId or an invoiceId',
    path: ['dealId'],
  });
export type CreateDelivery = z.input<typeof CreateDelivery>;

export const DeliveryListQuery = ListQuery.extend({ dealId: Id.optional(), invoiceId: Id.optional() });
export const DeliveryList = listResponse(Delivery);

// ─── reorder settings ────────────────────────────────────────────────────────────────────────────

export const ReorderSetting = z.object({
  productId: Id,
  warehouseId: Id,
  reorderPoint: z.number(),
  maxLevel: z.number().nullable(),
  reorderQty: z.number().nullable(),
  version: z.number().int(),
});
export type ReorderSetting = z.infer<typeof ReorderSetting>;

/**
 * PUT /api/products/:id/reorder-settings: for one warehouse (default: the default one). Exactly one
 * of `maxLevel` (order up to it) and `reorderQty` (order this much); `maxLevel` above the reorder
 * point. `version` when replacing an existing setting. DELETE removes it (no replenishment).
 */
export const PutReorderSetting = z
  .strictObject({
    warehouseId: Id.optional(),
    reorderPoint: NonNegativeQuantity,
    maxLevel: PositiveQuantity.nullish(),
    reorderQty: PositiveQuantity.nullish(),
    version: Version.optional(),
  })
  .refine((v) => (v.maxLevel == null) !== (v.reorderQty == null), {
    message: 'Give either a maximum level or a reorder quantity',
    path: ['maxLevel'],
  })
  .refine((v) => v.maxLevel == null || v.maxLevel > v.reorderPoint, {
    message: 'The maximum level must be above the reorder point',
    path: ['maxLevel'],
  });
export type PutReorderSetting = z.input<typeof PutReorderSetting>;
export const ReorderSettingList = z.object({ items: z.array(ReorderSetting) });

// ─── settings ────────────────────────────────────────────────────────────────────────────────────

export const InventorySettings = z.object({
  /** false: moves that would make available stock negative are refused, and so is winning such a deal. */
  allowBackOrders: z.boolean(),
  /** Issuing an invoice delivers its stock-tracked lines. */
  deliverOnInvoiceIssue: z.boolean(),
  version: z.number().int(),
});
export type InventorySettings = z.infer<typeof InventorySettings>;
export const UpdateInventorySettings = z.strictObject({
  version: Version,
  allowBackOrders: z.boolean().optional(),
  deliverOnInvoiceIssue: z.boolean().optional(),
});
export type UpdateInventorySettings = z.input<typeof UpdateInventorySettings>;
