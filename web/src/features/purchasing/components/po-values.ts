import type {
  CreateGoodsReceipt,
  CreatePurchaseOrder,
  PurchaseOrder,
  PurchaseOrderLineInput,
  PurchaseOrderStatus,
  UpdatePurchaseOrder,
} from '../../../../../contracts/purchasing';

/*
 * The pure logic of the purchase order screens: which actions a status allows, the editor's values
 * and the API bodies they become (prices typed in euros → cents, quantities with ≤ 3 decimals), the
 * goods receipt's defaults, and the explanation's numbers.
 */

export type PurchaseOrderActionName = 'edit' | 'approve' | 'cancel' | 'send' | 'pdf' | 'receive';

/** What a status allows, before permissions (the server decides; the screen only offers it). */
const BY_STATUS: Record<PurchaseOrderStatus, readonly PurchaseOrderActionName[]> = {
  draft: ['edit', 'approve', 'cancel'],
  approved: ['send', 'pdf', 'cancel'],
  sent: ['receive', 'pdf'],
  partially_received: ['receive', 'pdf'],
  received: ['pdf'],
  cancelled: [],
};

/** Which permission each action needs. */
const PERMISSION: Record<
  PurchaseOrderActionName,
  'purchaseOrders.read' | 'purchaseOrders.write' | 'purchaseOrders.approve'
> = {
  edit: 'purchaseOrders.write',
  approve: 'purchaseOrders.approve',
  cancel: 'purchaseOrders.write',
  send: 'purchaseOrders.write',
  pdf: 'purchaseOrders.read',
  receive: 'purchaseOrders.write',
};

/** The actions offered for an order of this status to a user with these permissions. */
export function allowedActions(
  status: PurchaseOrderStatus,
  can: (permission: (typeof PERMISSION)[PurchaseOrderActionName]) => boolean,
): Set<PurchaseOrderActionName> {
  return new Set(BY_STATUS[status].filter((a) => can(PERMISSION[a])));
}

/** Statuses with goods still to come (the list's "open" filter). */
export const OPEN_STATUSES: readonly PurchaseOrderStatus[] = ['approved', 'sent', 'partially_received'];

const num = (v: number | string | null | undefined): number | undefined => {
  if (v === '' || v === null || v === undefined) return undefined;
  const n = typeof v === 'number' ? v : Number(String(v).trim().replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
};

/** Euros as typed → whole cents (`19.99` → 1999, `'4,5'` → 450); undefined when empty or not a number. */
export function toCents(value: number | string | null | undefined): number | undefined {
  const n = num(value);
  return n === undefined ? undefined : Math.round(n * 100);
}

/** Cents → euros for an input (1999 → 19.99). */
export const toEuros = (cents: number): number => cents / 100;

/** A typed quantity as the API takes it (≤ 3 decimals; thousandths on the server); undefined when empty. */
export function toQuantity(value: number | string | null | undefined): number | undefined {
  const n = num(value);
  return n === undefined ? undefined : Math.round(n * 1000) / 1000;
}

/** A line's net in cents as the server computes it (quantity × price, rounded half up to a cent). */
export function lineNetCents(quantity: number | undefined, unitPriceCents: number | undefined): number {
  if (quantity === undefined || unitPriceCents === undefined) return 0;
  // thousandths × cents / 1000, in integers so 0.1 × 3 stays exact
  return Math.round((Math.round(quantity * 1000) * unitPriceCents) / 1000);
}

// ─── the draft editor ────────────────────────────────────────────────────────────────────────────

export interface PoLineValues {
  key: string;
  productId: string | null;
  sku: string;
  description: string;
  unit: string;
  quantity: number | string;
  /** Euros as typed; empty = the server's default (the supplier's price, else the purchase price). */
  unitPrice: number | string;
}

export interface PoValues extends Record<string, unknown> {
  supplierId: string | null;
  supplierName: string | null;
  warehouseId: string | null;
  expectedDate: string | null;
  note: string;
  lines: PoLineValues[];
}

let seq = 0;
export const newLineKey = () => `po-line-${++seq}`;

export const emptyPoLine = (): PoLineValues => ({
  key: newLineKey(),
  productId: null,
  sku: '',
  description: '',
  unit: 'C62',
  quantity: 1,
  unitPrice: '',
});

export function emptyPoValues(supplier?: { id: string; name: string | null } | null): PoValues {
  return {
    supplierId: supplier?.id ?? null,
    supplierName: supplier?.name ?? null,
    warehouseId: null,
    expectedDate: null,
    note: '',
    lines: [emptyPoLine()],
  };
}

export function valuesFromPurchaseOrder(po: PurchaseOrder): PoValues {
  return {
    supplierId: po.supplierId,
    supplierName: po.supplierName,
    warehouseId: po.warehouseId,
    expectedDate: po.expectedDate,
    note: po.note ?? '',
    lines: po.lines.map((l) => ({
      key: newLineKey(),
      productId: l.productId,
      sku: l.sku,
      description: l.description,
      unit: l.unit,
      quantity: l.quantity,
      unitPrice: toEuros(l.unitPriceCents),
    })),
  };
}

/** Lines left completely empty (no product, nothing typed) are dropped; the rest go to the schema as typed. */
function linesToInput(lines: readonly PoLineValues[]): PurchaseOrderLineInput[] {
  return lines
    .filter((l) => l.productId || l.description.trim())
    .map((l) => {
      const unitPriceCents = toCents(l.unitPrice);
      return {
        productId: l.productId ?? '',
        quantity: toQuantity(l.quantity) as number,
        ...(unitPriceCents !== undefined ? { unitPriceCents } : {}),
        ...(l.description.trim() ? { description: l.description.trim() } : {}),
      };
    });
}

export function valuesToCreate(v: PoValues): CreatePurchaseOrder {
  return {
    supplierId: v.supplierId ?? '',
    ...(v.warehouseId ? { warehouseId: v.warehouseId } : {}),
    expectedDate: v.expectedDate || null,
    note: v.note,
    lines: linesToInput(v.lines),
  };
}

export function valuesToUpdate(v: PoValues, version: number): UpdatePurchaseOrder {
  return {
    version,
    expectedDate: v.expectedDate || null,
    note: v.note,
    lines: linesToInput(v.lines),
  };
}

/**
 * Error paths of the API body onto the editor's rows: the body leaves out empty rows, so
 * `lines.<i>` of the body is the i-th non-empty row of the editor.
 */
export function mapLineErrorPaths(
  errors: Record<string, string>,
  lines: readonly PoLineValues[],
): Record<string, string> {
  const kept = lines.map((l, i) => (l.productId || l.description.trim() ? i : -1)).filter((i) => i >= 0);
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const m = /^lines\.(\d+)(\..*)?$/.exec(path);
    const row = m ? kept[Number(m[1])] : undefined;
    out[m && row !== undefined ? `lines.${row}${m[2] ?? ''}` : path] = message;
  }
  return out;
}

// ─── goods receipt ───────────────────────────────────────────────────────────────────────────────

/** Each line's open quantity, the receipt's default (a full delivery). */
export function receiptDefaults(po: Pick<PurchaseOrder, 'lines'>): Record<string, number | string> {
  return Object.fromEntries(po.lines.filter((l) => l.open > 0).map((l) => [l.id, l.open]));
}

export type ReceiptProblem = 'nothing' | 'invalid' | 'tooMuch';

/**
 * The receipt's body from the typed quantities (an empty field is 0); a problem when nothing is
 * received, a quantity is not a number ≥ 0 with ≤ 3 decimals, or more than is open arrives (the
 * server refuses that too: an over-delivery is a new order or goes back).
 */
export function receiptToInput(
  po: Pick<PurchaseOrder, 'lines'>,
  quantities: Record<string, number | string>,
  extra: { receivedOn?: string | null; note?: string } = {},
):
  | { input: CreateGoodsReceipt; problem?: undefined; problems: Record<string, ReceiptProblem> }
  | { input?: undefined; problem: ReceiptProblem; problems: Record<string, ReceiptProblem> } {
  const problems: Record<string, ReceiptProblem> = {};
  const lines: { lineId: string; quantity: number }[] = [];
  for (const line of po.lines) {
    if (line.open <= 0) continue;
    const raw = quantities[line.id];
    const q = raw === undefined || raw === '' ? 0 : num(raw);
    if (q === undefined || q < 0 || Math.abs(q * 1000 - Math.round(q * 1000)) > 1e-6) {
      problems[line.id] = 'invalid';
      continue;
    }
    if (q > line.open) {
      problems[line.id] = 'tooMuch';
      continue;
    }
    lines.push({ lineId: line.id, quantity: q });
  }
  if (Object.keys(problems).length > 0) return { problem: 'invalid', problems };
  if (!lines.some((l) => l.quantity > 0)) return { problem: 'nothing', problems };
  return {
    input: {
      ...(extra.receivedOn ? { receivedOn: extra.receivedOn } : {}),
      ...(extra.note?.trim() ? { note: extra.note.trim() } : {}),
      lines,
    },
    problems,
  };
}

// ─── the explanation of a replenishment line ─────────────────────────────────────────────────────

export type ExplanationKey =
  | 'onHand'
  | 'reserved'
  | 'onOrder'
  | 'pipelineDemand'
  | 'projected'
  | 'reorderPoint'
  | 'maxLevel'
  | 'reorderQty'
  | 'needed'
  | 'minOrderQty'
  | 'packSize'
  | 'quantity';

/**
 * The numbers of the "why?" table in reading order: the projection (on hand − reserved + on order −
 * pipeline demand), the point it fell below, the target (max level or fixed quantity) and the
 * rounding. Pipeline demand is listed only when it counted (> 0), as its own row.
 */
export function explanationRows(e: {
  onHand: number;
  reserved: number;
  onOrder: number;
  pipelineDemand: number;
  projected: number;
  reorderPoint: number;
  maxLevel: number | null;
  reorderQty: number | null;
  needed: number;
  minOrderQty: number;
  packSize: number;
  quantity: number;
}): { key: ExplanationKey; value: number }[] {
  const rows: { key: ExplanationKey; value: number | null }[] = [
    { key: 'onHand', value: e.onHand },
    { key: 'reserved', value: e.reserved },
    { key: 'onOrder', value: e.onOrder },
    { key: 'pipelineDemand', value: e.pipelineDemand > 0 ? e.pipelineDemand : null },
    { key: 'projected', value: e.projected },
    { key: 'reorderPoint', value: e.reorderPoint },
    { key: 'maxLevel', value: e.maxLevel },
    { key: 'reorderQty', value: e.maxLevel === null ? e.reorderQty : null },
    { key: 'needed', value: e.needed },
    { key: 'minOrderQty', value: e.minOrderQty > 0 ? e.minOrderQty : null },
    { key: 'packSize', value: e.packSize > 0 ? e.packSize : null },
    { key: 'quantity', value: e.quantity },
  ];
  return rows.filter((r): r is { key: ExplanationKey; value: number } => r.value !== null);
}

/** Where a cause of a replenishment line is shown in the app (deals, invoices, orders), else null. */
export function causeLink(cause: {
  kind: 'move' | 'deal';
  sourceType: string | null;
  sourceId: string | null;
}): string | null {
  if (!cause.sourceId) return null;
  const type = cause.kind === 'deal' ? 'deal' : cause.sourceType;
  switch (type) {
    case 'deal':
      return `/deals/${cause.sourceId}`;
    case 'invoice':
      return `/invoices/${cause.sourceId}`;
    case 'purchase_order':
      return `/purchase-orders/${cause.sourceId}`;
    default:
      return null;
  }
}

// ─── approval limits ─────────────────────────────────────────────────────────────────────────────

/** An approval limit as edited: euros as typed, or unlimited. */
export interface LimitInput {
  euros: number | string;
  unlimited: boolean;
}

/** The limit an input stands for in cents: null = unlimited, undefined = not a valid amount. */
export function limitCentsOf(input: LimitInput): number | null | undefined {
  if (input.unlimited) return null;
  const cents = toCents(input.euros);
  return cents === undefined || cents < 0 ? undefined : cents;
}
