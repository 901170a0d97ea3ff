import type {
  CreateDelivery,
  CreateStockAdjustment,
  CreateStockCount,
  Delivery,
  PutReorderSetting,
  ReorderSetting,
  Reservation,
} from '../../../../../contracts/inventory';

/**
 * Pure helpers of the stock screens: quantities as typed (German or English decimals, ≤ 3 places),
 * form values → request bodies, the open quantities a delivery starts from, and the
 * `stock.insufficient` problem in the user's language.
 */

/** A quantity without float noise (3 decimals, like the API's thousandths). */
export const roundQty = (v: number): number => Math.round(v * 1000) / 1000;

/**
 * A quantity as typed: a number, or text with `,` or `.` as the decimal separator (`1,5`, `1.5`,
 * `-2`, `1.234,5` German with thousands). Empty or not a number → null.
 */
export function parseQuantity(input: number | string | null | undefined): number | null {
  if (input === null || input === undefined) return null;
  if (typeof input === 'number') return Number.isFinite(input) ? input : null;
  let s = input.trim().replace(/\s+/g, '').replace('−', '-');
  if (!s) return null;
  if (s.includes(',') && s.includes('.')) {
    // the last separator is the decimal one: 1.234,5 (de) or 1,234.5 (en)
    s =
      s.lastIndexOf(',') > s.lastIndexOf('.') ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else {
    s = s.replace(',', '.');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** A change of stock with its sign (`+5`, `−2,5`); 0 gives an empty string (nothing moved). */
export function formatDelta(value: number, formatNumber: (n: number) => string): string {
  if (value === 0) return '';
  return value > 0 ? `+${formatNumber(value)}` : `−${formatNumber(-value)}`;
}

// ─── adjustments and counts ──────────────────────────────────────────────────────────────────────

export interface AdjustmentValues {
  productId: string | null;
  direction: 'in' | 'out';
  quantity: number | string;
  reason: CreateStockAdjustment['reason'];
  note: string;
}

/** The adjustment form → `POST /api/stock/adjustments` (the direction gives the sign). */
export function adjustmentToRequest(v: AdjustmentValues, warehouseId: string | null): CreateStockAdjustment {
  const qty = parseQuantity(v.quantity);
  const change = qty === null ? Number.NaN : v.direction === 'out' ? -Math.abs(qty) : Math.abs(qty);
  return {
    ...(warehouseId ? { warehouseId } : {}),
    productId: v.productId ?? '',
    quantityChange: change,
    reason: v.reason,
    note: v.note.trim() || null,
  };
}

export interface CountRow {
  key: string;
  productId: string | null;
  label: string;
  onHand: number | null;
  counted: number | string;
}

/**
 * The count form → `POST /api/stock/counts`: rows without a product are left out; the same product
 * twice keeps the last row (what the person typed last).
 */
export function countToRequest(
  rows: readonly CountRow[],
  warehouseId: string | null,
  countedOn: string | null,
  note: string,
): CreateStockCount {
  const byProduct = new Map<string, number>();
  for (const row of rows) {
    if (!row.productId) continue;
    byProduct.set(row.productId, parseQuantity(row.counted) ?? Number.NaN);
  }
  return {
    ...(warehouseId ? { warehouseId } : {}),
    ...(countedOn ? { countedOn } : {}),
    note: note.trim() || null,
    lines: [...byProduct].map(([productId, counted]) => ({ productId, counted })),
  };
}

/** The difference a counted row will book (null while nothing sensible is typed). */
export function countDifference(row: CountRow): number | null {
  const counted = parseQuantity(row.counted);
  if (counted === null || row.onHand === null) return null;
  return roundQty(counted - row.onHand);
}

// ─── reorder settings ────────────────────────────────────────────────────────────────────────────

export interface ReorderValues {
  reorderPoint: number | string;
  mode: 'max' | 'qty';
  maxLevel: number | string;
  reorderQty: number | string;
}

export function emptyReorderValues(): ReorderValues {
  return { reorderPoint: '', mode: 'max', maxLevel: '', reorderQty: '' };
}

export function reorderToValues(s: ReorderSetting | null | undefined): ReorderValues {
  if (!s) return emptyReorderValues();
  return {
    reorderPoint: s.reorderPoint,
    mode: s.reorderQty !== null ? 'qty' : 'max',
    maxLevel: s.maxLevel ?? '',
    reorderQty: s.reorderQty ?? '',
  };
}

/**
 * The reorder form → `PUT /api/products/:id/reorder-settings`: only the chosen rule's number is
 * sent (the other is null), the version when an existing setting is replaced.
 */
export function reorderToRequest(
  v: ReorderValues,
  warehouseId: string | null,
  current: ReorderSetting | null | undefined,
): PutReorderSetting {
  const num = (x: number | string) => parseQuantity(x) ?? (x === '' ? undefined : Number.NaN);
  return {
    ...(warehouseId ? { warehouseId } : {}),
    reorderPoint: num(v.reorderPoint) as number,
    maxLevel: v.mode === 'max' ? (num(v.maxLevel) ?? null) : null,
    reorderQty: v.mode === 'qty' ? (num(v.reorderQty) ?? null) : null,
    ...(current ? { version: current.version } : {}),
  };
}

/**
 * Field errors of the reorder form. The contract puts "either … or …" on `maxLevel`; with the fixed
 * quantity chosen it belongs under that field.
 */
export function reorderFieldErrors(errors: Record<string, string>, mode: ReorderValues['mode']) {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const field = path === 'maxLevel' && mode === 'qty' ? 'reorderQty' : path;
    if (!(field in out)) out[field] = message;
  }
  return out;
}

// ─── deliveries ──────────────────────────────────────────────────────────────────────────────────

/** A line of the delivery modal: what is open, and what is delivered now (starts at all that is open). */
export interface DeliveryRow {
  productId: string;
  sku: string;
  productName: string;
  unit: string;
  open: number;
  quantity: number | string;
}

/** The open reservation's lines with something left to deliver (the newest open reservation). */
export function openReservation(reservations: readonly Reservation[]): Reservation | null {
  return reservations.find((r) => r.status === 'open') ?? null;
}

export function deliveryRowsFromReservation(reservation: Reservation | null): DeliveryRow[] {
  if (!reservation) return [];
  return reservation.lines
    .filter((l) => l.open > 0)
    .map((l) => ({
      productId: l.productId,
      sku: l.sku,
      productName: l.productName,
      unit: l.unit,
      open: l.open,
      quantity: l.open,
    }));
}

export interface InvoiceStockLine {
  productId: string;
  sku: string;
  productName: string;
  unit: string;
  quantity: number;
}

/**
 * What an invoice still has to deliver: its stock-tracked lines summed per product, less what the
 * deliveries for it carried. Credit-note-like negative lines are ignored.
 */
export function invoiceOpenRows(lines: readonly InvoiceStockLine[], deliveries: readonly Delivery[]) {
  const rows = new Map<string, DeliveryRow>();
  for (const l of lines) {
    if (l.quantity <= 0) continue;
    const row = rows.get(l.productId);
    if (row) row.open = roundQty(row.open + l.quantity);
    else rows.set(l.productId, { ...l, open: l.quantity, quantity: 0 });
  }
  for (const d of deliveries) {
    for (const l of d.lines) {
      const row = rows.get(l.productId);
      if (row) row.open = roundQty(Math.max(0, row.open - l.quantity));
    }
  }
  return [...rows.values()].filter((r) => r.open > 0).map((r) => ({ ...r, quantity: r.open }));
}

/**
 * The delivery modal → `POST /api/deliveries`: lines with a quantity above 0. Null when nothing is
 * to be delivered (the modal says so instead of sending).
 */
export function deliveryToRequest(
  source: { dealId: string } | { invoiceId: string },
  rows: readonly DeliveryRow[],
  deliveredOn: string | null,
  note: string,
): CreateDelivery | null {
  const lines = rows
    .map((r) => ({ productId: r.productId, quantity: parseQuantity(r.quantity) ?? Number.NaN }))
    .filter((l) => Number.isNaN(l.quantity) || l.quantity !== 0);
  if (lines.length === 0) return null;
  return {
    ...source,
    ...(deliveredOn ? { deliveredOn } : {}),
    note: note.trim() || null,
    lines,
  };
}

/** Rows delivering more than is open (index → true): warned before sending. */
export function overDelivered(rows: readonly DeliveryRow[]): Set<number> {
  const out = new Set<number>();
  rows.forEach((r, i) => {
    const q = parseQuantity(r.quantity);
    if (q !== null && q > r.open + 1e-9) out.add(i);
  });
  return out;
}

// ─── problems ────────────────────────────────────────────────────────────────────────────────────

/**
 * The numbers of a `stock.insufficient` problem: the server names the product in `detail`
 * ("Not enough stock of SKU (name): 3 available, 5 needed …") and puts "3 available, 5 needed" on
 * the product's id. Null when the text does not have that shape.
 */
export function insufficientStock(problem: {
  code?: string;
  detail?: string;
  errors?: readonly { path: string; message: string }[];
}): { product: string | null; productId: string | null; available: number; needed: number } | null {
  if (problem.code !== 'stock.insufficient') return null;
  const numbers = /(-?[\d.]+) available, (-?[\d.]+) needed/;
  const field = problem.errors?.find((e) => numbers.test(e.message));
  const m = numbers.exec(field?.message ?? problem.detail ?? '');
  if (!m) return null;
  const product = /stock of (.+?): /.exec(problem.detail ?? '')?.[1] ?? null;
  return { product, productId: field?.path ?? null, available: Number(m[1]), needed: Number(m[2]) };
}
