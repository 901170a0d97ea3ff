import type {
  GoodsReceipt,
  PurchaseOrder,
  PurchaseOrderLine,
  PurchaseOrderListItem,
  ReplenishmentExplanation,
} from '../../../../contracts/purchasing';
import { type Actor, systemActor } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db/database';
import { getProductSummaries, type ProductSummary } from '../catalog';
import { getCompanyMailAddresses, getCompanyNames } from '../companies';
import { getUserNames } from '../identity';
import {
  findLinesOfOrders,
  type GoodsReceiptLineRow,
  type GoodsReceiptRow,
  lastSentTo,
  OPEN_STATUSES,
  type PurchaseOrderLineRow,
  type PurchaseOrderListRow,
  type PurchaseOrderRow,
} from './purchase-orders.repository';
import { explanationsFor } from './replenishment.causes';

const SYSTEM_VIEWER = systemActor('purchasing.read');

export const fromMilli = (milli: number | string) => Number(milli) / 1000;
export const toMilli = (qty: number) => Math.round(qty * 1000);

/** A line's net: quantity (thousandths) × unit price, rounded to the cent. */
export const lineNet = (quantityMilli: number, unitPriceCents: number) =>
  Math.round((quantityMilli * unitPriceCents) / 1000);

/** VAT per rate of the lines' nets, rounded per rate (as on the invoice). */
export function vatOf(lines: ReadonlyArray<{ net_cents: number | string; vat_rate: number }>): number {
  const byRate = new Map<number, number>();
  for (const l of lines) byRate.set(l.vat_rate, (byRate.get(l.vat_rate) ?? 0) + Number(l.net_cents));
  let vat = 0;
  for (const [rate, net] of byRate) vat += Math.round((net * rate) / 100);
  return vat;
}

/** Past the expected date (a business date) and goods still open. */
export function isOverdue(row: Pick<PurchaseOrderRow, 'status' | 'expected_date'>, today: string): boolean {
  return (
    (OPEN_STATUSES as readonly string[]).includes(row.status) &&
    row.expected_date !== null &&
    row.expected_date < today
  );
}

function parseExplanation(json: string | null): ReplenishmentExplanation | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as ReplenishmentExplanation;
  } catch {
    return null;
  }
}

export function toLine(
  row: PurchaseOrderLineRow,
  product: ProductSummary | undefined,
  closed: boolean,
): PurchaseOrderLine {
  const quantity = Number(row.quantity_milli);
  const received = Number(row.received_milli);
  return {
    id: row.id,
    position: row.position,
    productId: row.product_id,
    sku: product?.sku ?? '',
    supplierSku: row.supplier_sku,
    description: row.description,
    unit: product?.unit ?? 'C62',
    quantity: fromMilli(quantity),
    received: fromMilli(received),
    open: closed ? 0 : fromMilli(Math.max(0, quantity - received)),
    unitPriceCents: Number(row.unit_price_cents),
    netCents: Number(row.net_cents),
    vatRate: row.vat_rate,
    origin: row.origin,
    explanation: parseExplanation(row.explanation),
  };
}

interface Names {
  suppliers: Map<string, string>;
  users: Map<string, string>;
  emails: Map<string, string>;
}

async function namesOf(db: DbOrTx, rows: readonly PurchaseOrderRow[]): Promise<Names> {
  const supplierIds = rows.map((r) => r.supplier_id);
  const [suppliers, users, sentTo, contactMails] = await Promise.all([
    getCompanyNames(db, supplierIds),
    getUserNames(
      db,
      rows.map((r) => r.approved_by).filter((id): id is string => !!id),
    ),
    lastSentTo(db, supplierIds),
    getCompanyMailAddresses(db, supplierIds),
  ]);
  // Where the last order went, else the supplier's first mailable contact.
  const emails = new Map([...contactMails, ...sentTo]);
  return { suppliers, users, emails };
}

function head(row: PurchaseOrderRow, names: Names, vatCents: number, today: string) {
  const net = Number(row.net_cents);
  return {
    id: row.id,
    number: row.number,
    supplierId: row.supplier_id,
    supplierName: names.suppliers.get(row.supplier_id) ?? '',
    supplierEmail: names.emails.get(row.supplier_id) ?? null,
    warehouseId: row.warehouse_id,
    status: row.status,
    origin: row.origin,
    currency: 'EUR' as const,
    netCents: net,
    vatCents,
    grossCents: net + vatCents,
    expectedDate: row.expected_date,
    note: row.note,
    approvedBy: row.approved_by,
    approvedByName: row.approved_by ? (names.users.get(row.approved_by) ?? null) : null,
    approvedAt: row.approved_at,
    sentAt: row.sent_at,
    sentTo: row.sent_to,
    receivedAt: row.received_at,
    cancelledAt: row.cancelled_at,
    cancelReason: row.cancel_reason,
    overdue: isOverdue(row, today),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/**
 * Orders as the API shows them, with lines, names and totals; `today` decides `overdue`. Deals in
 * the lines' explanations are named as far as `viewer` may see them (default: the system, all).
 */
export async function toPurchaseOrders(
  db: DbOrTx,
  rows: readonly PurchaseOrderRow[],
  today: string,
  viewer: Actor = SYSTEM_VIEWER,
): Promise<PurchaseOrder[]> {
  if (rows.length === 0) return [];
  const lines = await findLinesOfOrders(
    db,
    rows.map((r) => r.id),
  );
  const [products, names] = await Promise.all([
    getProductSummaries(
      db,
      lines.map((l) => l.product_id),
    ),
    namesOf(db, rows),
  ]);
  const orders = rows.map((row) => {
    const own = lines.filter((l) => l.purchase_order_id === row.id);
    const closed = row.status === 'received' || row.status === 'cancelled';
    return {
      ...head(row, names, vatOf(own), today),
      lines: own.map((l) => toLine(l, products.get(l.product_id), closed)),
    };
  });
  const all = orders.flatMap((o) => o.lines);
  const explanations = await explanationsFor(db, viewer, all);
  all.forEach((l, i) => {
    l.explanation = explanations[i] ?? null;
  });
  return orders;
}

export async function toListItems(
  db: DbOrTx,
  rows: readonly PurchaseOrderListRow[],
  today: string,
): Promise<PurchaseOrderListItem[]> {
  if (rows.length === 0) return [];
  const lines = await findLinesOfOrders(
    db,
    rows.map((r) => r.id),
  );
  const names = await namesOf(db, rows);
  for (const r of rows) names.suppliers.set(r.supplier_id, r.supplier_name);
  return rows.map((row) => ({
    ...head(row, names, vatOf(lines.filter((l) => l.purchase_order_id === row.id)), today),
    lineCount: Number(row.line_count),
  }));
}

export function toGoodsReceipt(
  row: GoodsReceiptRow,
  lines: readonly GoodsReceiptLineRow[],
  orderLines: ReadonlyMap<string, PurchaseOrderLineRow>,
  products: ReadonlyMap<string, ProductSummary>,
): GoodsReceipt {
  return {
    id: row.id,
    purchaseOrderId: row.purchase_order_id,
    receivedOn: row.received_on,
    note: row.note,
    lines: lines
      .filter((l) => l.goods_receipt_id === row.id)
      .map((l) => {
        const ol = orderLines.get(l.purchase_order_line_id);
        const productId = ol?.product_id ?? '';
        return {
          lineId: l.purchase_order_line_id,
          productId,
          sku: products.get(productId)?.sku ?? '',
          quantity: fromMilli(l.quantity_milli),
        };
      }),
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** What the audit log keeps of an order. */
export function orderAuditSnapshot(o: PurchaseOrder): Record<string, unknown> {
  return {
    number: o.number,
    supplierId: o.supplierId,
    status: o.status,
    netCents: o.netCents,
    expectedDate: o.expectedDate,
    note: o.note,
    sentTo: o.sentTo,
    cancelReason: o.cancelReason,
    // language-neutral (the history shows it as it is): "SKU: received/ordered × price in cents"
    lines: o.lines.map((l) => `${l.sku}: ${l.received}/${l.quantity} × ${l.unitPriceCents} ct`).join('; '),
  };
}
