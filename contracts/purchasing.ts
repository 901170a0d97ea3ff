import { z } from 'zod';
import { BusinessDate, Id, Instant, ListQuery, listResponse, Version } from './common';

/*
 * Purchasing (issue 6): purchase orders to the company's suppliers, goods receipts, replenishment
 * suggestions with their explanation, approval limits. Quantities are decimals with up to 3 places
 * in the product's unit (stored as thousandths); money is integer cents (EUR).
 */

const Quantity = z
  .number()
  .max(1e9)
  .refine((v) => Math.abs(Math.round(v * 1000) - v * 1000) < 1e-6, { message: 'Use at most 3 decimals' });
const PositiveQuantity = Quantity.refine((v) => v > 0, { message: 'The quantity must be more than 0' });
const NonNegativeQuantity = Quantity.refine((v) => v >= 0, { message: 'The quantity cannot be negative' });
const Cents = z
  .number()
  .int({ message: 'Amounts are whole cents' })
  .min(0, { message: 'Prices cannot be negative' })
  .max(10_000_000_000_000);
const Note = z
  .string()
  .trim()
  .max(2000, { message: 'Use at most 2000 characters' })
  .transform((v) => v || null)
  .nullish();

export const PO_STATUSES = [
  'draft',
  'approved',
  'sent',
  'partially_received',
  'received',
  'cancelled',
] as const;
export const PurchaseOrderStatus = z.enum(PO_STATUSES);
export type PurchaseOrderStatus = z.infer<typeof PurchaseOrderStatus>;

// ─── explanation of a replenishment line ─────────────────────────────────────────────────────────

/** What made the stock fall: a move of the ledger (with its source) or an open deal's expected demand. */
export const ReplenishmentCause = z.object({
  kind: z.enum(['move', 'deal']),
  /** Move: its kind (reservation, delivery, adjustment …); deal: the stage name. */
  label: z.string(),
  moveId: Id.nullable(),
  sourceType: z.string().nullable(),
  sourceId: Id.nullable(),
  /** Deal title, delivery number … */
  sourceLabel: z.string().nullable(),
  /** The quantity the cause took (moves: − on the projection; deals: quantity × probability). */
  quantity: z.number(),
  at: Instant.nullable(),
});
export type ReplenishmentCause = z.infer<typeof ReplenishmentCause>;

/** The numbers a replenishment line was computed from, kept with the line. */
export const ReplenishmentExplanation = z.object({
  warehouseId: Id,
  onHand: z.number(),
  reserved: z.number(),
  /** On order from approved/sent orders (drafts do not count). */
  onOrder: z.number(),
  /** Open deals' expected demand, when the setting counts it (else 0). */
  pipelineDemand: z.number(),
  /** onHand − reserved + onOrder − pipelineDemand. */
  projected: z.number(),
  reorderPoint: z.number(),
  maxLevel: z.number().nullable(),
  reorderQty: z.number().nullable(),
  /** Before rounding: maxLevel − projected, or reorderQty (times as often as needed to reach the point). */
  needed: z.number(),
  minOrderQty: z.number(),
  packSize: z.number(),
  /** The ordered quantity: needed rounded up to the minimum order quantity and the pack size. */
  quantity: z.number(),
  leadTimeDays: z.number().int(),
  causes: z.array(ReplenishmentCause),
  computedAt: Instant,
  /** One sentence a person reads ("Projected 7 < reorder point 10: order up to 30 → 23, pack 5 → 25"). */
  summary: z.string(),
});
export type ReplenishmentExplanation = z.infer<typeof ReplenishmentExplanation>;

// ─── purchase orders ─────────────────────────────────────────────────────────────────────────────

export const PurchaseOrderLine = z.object({
  id: Id,
  position: z.number().int(),
  productId: Id,
  sku: z.string(),
  supplierSku: z.string().nullable(),
  description: z.string(),
  unit: z.string(),
  quantity: z.number(),
  received: z.number(),
  /** quantity − received (0 once the order is received or cancelled). */
  open: z.number(),
  unitPriceCents: z.number().int(),
  netCents: z.number().int(),
  vatRate: z.number().int(),
  origin: z.enum(['manual', 'replenishment']),
  explanation: ReplenishmentExplanation.nullable(),
});
export type PurchaseOrderLine = z.infer<typeof PurchaseOrderLine>;

export const PurchaseOrder = z.object({
  id: Id,
  number: z.string(),
  supplierId: Id,
  supplierName: z.string(),
  supplierEmail: z.string().nullable(),
  warehouseId: Id,
  status: PurchaseOrderStatus,
  origin: z.enum(['manual', 'replenishment']),
  currency: z.literal('EUR'),
  netCents: z.number().int(),
  vatCents: z.number().int(),
  grossCents: z.number().int(),
  expectedDate: BusinessDate.nullable(),
  note: z.string().nullable(),
  approvedBy: Id.nullable(),
  approvedByName: z.string().nullable(),
  approvedAt: Instant.nullable(),
  sentAt: Instant.nullable(),
  sentTo: z.string().nullable(),
  receivedAt: Instant.nullable(),
  /** When the order was cancelled, or (status `received`) its open rest closed short. */
  cancelledAt: Instant.nullable(),
  cancelReason: z.string().nullable(),
  /** Past its expected date and not fully received. */
  overdue: z.boolean(),
  lines: z.array(PurchaseOrderLine),
  createdBy: Id.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number().int(),
});
export type PurchaseOrder = z.infer<typeof PurchaseOrder>;

export const PurchaseOrderListItem = PurchaseOrder.omit({ lines: true }).extend({
  lineCount: z.number().int(),
});
export type PurchaseOrderListItem = z.infer<typeof PurchaseOrderListItem>;
export const PurchaseOrderList = listResponse(PurchaseOrderListItem);

export const PO_SORT_FIELDS = ['number', 'createdAt', 'expectedDate', 'netCents', 'supplier'] as const;

export const PurchaseOrderListQuery = ListQuery.extend({
  /** One status, or `open` (approved, sent, partially received). */
  status: z.enum([...PO_STATUSES, 'open']).optional(),
  supplierId: Id.optional(),
  productId: Id.optional(),
  /** Only orders past their expected date and not fully received. */
  overdue: z.enum(['true', 'false']).optional(),
  /** Number or supplier name. */
  q: z.string().trim().max(200).optional(),
  /** number, createdAt, expectedDate, netCents, supplier; `-` for descending. Default `-createdAt`. */
  sort: z.string().max(40).default('-createdAt'),
});
export type PurchaseOrderListQuery = z.infer<typeof PurchaseOrderListQuery>;
export type PurchaseOrderListFilters = z.input<typeof PurchaseOrderListQuery>;

export const PurchaseOrderLineInput = z.strictObject({
  productId: Id,
  quantity: PositiveQuantity,
  /** Default: the supplier's price for the product, else its purchase price. */
  unitPriceCents: Cents.optional(),
  /** Default: the product's name. */
  description: z.string().trim().min(1).max(500).optional(),
});
export type PurchaseOrderLineInput = z.input<typeof PurchaseOrderLineInput>;

/** POST /api/purchase-orders: a draft (409 when the supplier already has a draft for the warehouse). */
export const CreatePurchaseOrder = z.strictObject({
  supplierId: Id,
  warehouseId: Id.optional(),
  expectedDate: BusinessDate.nullish(),
  note: Note,
  lines: z.array(PurchaseOrderLineInput).max(500).default([]),
});
export type CreatePurchaseOrder = z.input<typeof CreatePurchaseOrder>;

/** PATCH /api/purchase-orders/:id: drafts only; `lines` replaces all lines (a product once). */
export const UpdatePurchaseOrder = z.strictObject({
  version: Version,
  expectedDate: BusinessDate.nullish(),
  note: Note,
  lines: z.array(PurchaseOrderLineInput).max(500).optional(),
});
export type UpdatePurchaseOrder = z.input<typeof UpdatePurchaseOrder>;

export const PurchaseOrderAction = z.strictObject({ version: Version });
export const SendPurchaseOrder = z.strictObject({
  version: Version,
  /** Default: the supplier's e-mail address (company e-mail). */
  to: z.email({ message: 'Enter a valid e-mail address' }).optional(),
  message: Note,
});
export type SendPurchaseOrder = z.input<typeof SendPurchaseOrder>;
/**
 * POST /api/purchase-orders/:id/cancel. Draft, approved or sent: the order becomes `cancelled`.
 * Partially received: closed short — status `received` (nothing open), `cancelledAt` and
 * `cancelReason` record why the rest will not come; the open rest goes off order.
 */
export const CancelPurchaseOrder = z.strictObject({
  version: Version,
  reason: z.string().trim().min(1, { message: 'Give a reason' }).max(500),
});
export type CancelPurchaseOrder = z.input<typeof CancelPurchaseOrder>;

/** POST /api/purchase-orders/:id/receipts: received quantities per line (0 allowed, not all 0). */
export const CreateGoodsReceipt = z.strictObject({
  receivedOn: BusinessDate.optional(),
  note: Note,
  lines: z
    .array(z.strictObject({ lineId: Id, quantity: NonNegativeQuantity }))
    .min(1, { message: 'Receive at least one line' })
    .max(500),
});
export type CreateGoodsReceipt = z.input<typeof CreateGoodsReceipt>;

export const GoodsReceipt = z.object({
  id: Id,
  purchaseOrderId: Id,
  receivedOn: BusinessDate,
  note: z.string().nullable(),
  lines: z.array(z.object({ lineId: Id, productId: Id, sku: z.string(), quantity: z.number() })),
  createdBy: Id.nullable(),
  createdAt: Instant,
});
export type GoodsReceipt = z.infer<typeof GoodsReceipt>;
export const GoodsReceiptList = z.object({ items: z.array(GoodsReceipt) });

// ─── replenishment ───────────────────────────────────────────────────────────────────────────────

/** A product whose projected stock is below its reorder point, and what Kontor would order. */
export const ReplenishmentSuggestion = z.object({
  productId: Id,
  sku: z.string(),
  productName: z.string(),
  unit: z.string(),
  warehouseId: Id,
  supplierId: Id.nullable(),
  supplierName: z.string().nullable(),
  /** null when the product has no supplier (nothing can be ordered: the reason says so). */
  quantity: z.number().nullable(),
  unitPriceCents: z.number().int().nullable(),
  explanation: ReplenishmentExplanation,
  /** The draft order holding a line for it, if any (its quantity may differ until the next pass). */
  draftPurchaseOrderId: Id.nullable(),
  draftPurchaseOrderNumber: z.string().nullable(),
  draftQuantity: z.number().nullable(),
  /** Why nothing is ordered (no supplier, inactive product …), else null. */
  blockedReason: z.string().nullable(),
});
export type ReplenishmentSuggestion = z.infer<typeof ReplenishmentSuggestion>;
export const ReplenishmentQuery = ListQuery.extend({
  warehouseId: Id.optional(),
  supplierId: Id.optional(),
});
export type ReplenishmentQuery = z.infer<typeof ReplenishmentQuery>;
export const ReplenishmentList = listResponse(ReplenishmentSuggestion);

/** POST /api/replenishment/run: the pass over all products (or these), writing drafts. */
export const RunReplenishment = z.strictObject({
  warehouseId: Id.optional(),
  productIds: z.array(Id).max(1000).optional(),
  /** Also approve the drafts touched (within the caller's approval limit). */
  approve: z.boolean().default(false),
});
export type RunReplenishment = z.input<typeof RunReplenishment>;
export const ReplenishmentRunResult = z.object({
  checked: z.number().int(),
  linesWritten: z.number().int(),
  purchaseOrderIds: z.array(Id),
  approvedIds: z.array(Id),
  /** Drafts the caller may not approve (over the limit), with the reason. */
  notApproved: z.array(z.object({ purchaseOrderId: Id, reason: z.string() })),
});
export type ReplenishmentRunResult = z.infer<typeof ReplenishmentRunResult>;

// ─── settings and approval limits ────────────────────────────────────────────────────────────────

export const PurchasingSettings = z.object({
  /** Draft orders are written on every stock change (else only suggested). */
  autoDraft: z.boolean(),
  countPipelineDemand: z.boolean(),
  followUpTeamId: Id.nullable(),
  version: z.number().int(),
});
export type PurchasingSettings = z.infer<typeof PurchasingSettings>;
export const UpdatePurchasingSettings = z.strictObject({
  version: Version,
  autoDraft: z.boolean().optional(),
  countPipelineDemand: z.boolean().optional(),
  followUpTeamId: Id.nullish(),
});
export type UpdatePurchasingSettings = z.input<typeof UpdatePurchasingSettings>;

export const ApprovalLimit = z.object({
  userId: Id,
  userName: z.string(),
  role: z.string(),
  /** null: no limit (when `canApprove`). */
  limitCents: z.number().int().nullable(),
  /** false: no approval limit is set, the user may not approve (admins may without one). */
  canApprove: z.boolean(),
});
export type ApprovalLimit = z.infer<typeof ApprovalLimit>;
export const ApprovalLimitList = z.object({ items: z.array(ApprovalLimit) });
/** PUT /api/purchasing/approval-limits/:userId; DELETE removes it (may not approve). */
export const PutApprovalLimit = z.strictObject({ limitCents: Cents.nullable() });
export type PutApprovalLimit = z.input<typeof PutApprovalLimit>;
