import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database';
import { OPEN_STATUSES } from './purchase-orders.repository';

/**
 * Purchasing's read functions for other domains (reporting's managers' view, inventory's move
 * history). Amounts in cents, quantities in thousandths.
 */

export interface OpenPurchaseOrder {
  id: string;
  number: string;
  supplierId: string;
  status: 'approved' | 'sent' | 'partially_received';
  netCents: number;
  /** Net of what is still open (not yet received), rounded per line. */
  openNetCents: number;
  expectedDate: string | null;
  /** Past the expected date as of `today`. */
  overdue: boolean;
}

/** Open orders (approved, sent, partially received), by expected date (undated last). */
export async function getOpenPurchaseOrders(
  db: DbOrTx,
  today: string,
  filters: { supplierId?: string } = {},
): Promise<OpenPurchaseOrder[]> {
  let q = db
    .selectFrom('purchase_orders as po')
    .innerJoin('purchase_order_lines as l', 'l.purchase_order_id', 'po.id')
    .select(['po.id', 'po.number', 'po.supplier_id', 'po.status', 'po.net_cents', 'po.expected_date'])
    .select(
      sql<number | string>`sum((l.quantity_milli - l.received_milli) * l.unit_price_cents)`.as(
        'open_milli_cents',
      ),
    )
    .where('po.status', 'in', OPEN_STATUSES)
    .groupBy(['po.id', 'po.number', 'po.supplier_id', 'po.status', 'po.net_cents', 'po.expected_date']);
  if (filters.supplierId) q = q.where('po.supplier_id', '=', filters.supplierId);
  const rows = await q.execute();
  return rows
    .map((r) => ({
      id: r.id,
      number: r.number,
      supplierId: r.supplier_id,
      status: r.status as OpenPurchaseOrder['status'],
      netCents: Number(r.net_cents),
      openNetCents: Math.round(Number(r.open_milli_cents ?? 0) / 1000),
      expectedDate: r.expected_date,
      overdue: r.expected_date !== null && r.expected_date < today,
    }))
    .sort(
      (a, b) =>
        (a.expectedDate ?? '9999-12-31').localeCompare(b.expectedDate ?? '9999-12-31') ||
        a.number.localeCompare(b.number),
    );
}

export interface OpenPurchaseOrdersBySupplier {
  supplierId: string;
  orderCount: number;
  overdueCount: number;
  netCents: number;
  openNetCents: number;
  /** The earliest expected date of the supplier's open orders. */
  nextExpectedDate: string | null;
  orders: OpenPurchaseOrder[];
}

/** Open purchase orders grouped by supplier (managers' view: "open POs by supplier and expected date"). */
export async function getOpenPurchaseOrderSummary(
  db: DbOrTx,
  today: string,
): Promise<OpenPurchaseOrdersBySupplier[]> {
  const orders = await getOpenPurchaseOrders(db, today);
  const bySupplier = new Map<string, OpenPurchaseOrdersBySupplier>();
  for (const o of orders) {
    const s = bySupplier.get(o.supplierId) ?? {
      supplierId: o.supplierId,
      orderCount: 0,
      overdueCount: 0,
      netCents: 0,
      openNetCents: 0,
      nextExpectedDate: null,
      orders: [],
    };
    s.orderCount++;
    if (o.overdue) s.overdueCount++;
    s.netCents += o.netCents;
    s.openNetCents += o.openNetCents;
    if (o.expectedDate && (!s.nextExpectedDate || o.expectedDate < s.nextExpectedDate))
      s.nextExpectedDate = o.expectedDate;
    s.orders.push(o);
    bySupplier.set(o.supplierId, s);
  }
  return [...bySupplier.values()].sort(
    (a, b) =>
      (a.nextExpectedDate ?? '9999-12-31').localeCompare(b.nextExpectedDate ?? '9999-12-31') ||
      a.supplierId.localeCompare(b.supplierId),
  );
}

/** Purchase order numbers by id (labels of ledger moves; ids that do not exist are missing). */
export async function getPurchaseOrderNumbers(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('purchase_orders')
    .select(['id', 'number'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.number]));
}

/** The order numbers of goods receipts by receipt id (labels of `receipt` moves). */
export async function getGoodsReceiptLabels(
  db: DbOrTx,
  receiptIds: readonly string[],
): Promise<Map<string, string>> {
  if (receiptIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('goods_receipts as r')
    .innerJoin('purchase_orders as po', 'po.id', 'r.purchase_order_id')
    .select(['r.id', 'po.number', 'r.received_on'])
    .where('r.id', 'in', [...new Set(receiptIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, `Wareneingang ${r.number} (${r.received_on})`]));
}
