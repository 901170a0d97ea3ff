import { type Selectable, sql, type Updateable } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/database';
import { paginate, type SortSpec } from '../../platform/db/pagination';
import { dialectOf } from '../../platform/search/dialect';
import type {
  GoodsReceiptLinesTable,
  GoodsReceiptsTable,
  PurchaseOrderLinesTable,
  PurchaseOrdersTable,
} from './purchasing.tables';

export type PurchaseOrderRow = Selectable<PurchaseOrdersTable>;
export type PurchaseOrderLineRow = Selectable<PurchaseOrderLinesTable>;
export type GoodsReceiptRow = Selectable<GoodsReceiptsTable>;
export type GoodsReceiptLineRow = Selectable<GoodsReceiptLinesTable>;
/** A list row: the order, its supplier's name (for sort and search) and its line count. */
export type PurchaseOrderListRow = PurchaseOrderRow & { supplier_name: string; line_count: number | string };

/** Statuses in which goods are on order (counted on order in the ledger, followed up when late). */
export const OPEN_STATUSES = ['approved', 'sent', 'partially_received'] as const;

/** Sort fields of the list → columns. */
export const PO_SORT_COLUMNS: Record<string, string> = {
  number: 'o.number',
  createdAt: 'o.created_at',
  /** Undated orders last (ascending): the column is coalesced, so keyset paging never meets null. */
  expectedDate: 'o.expected_sort',
  netCents: 'o.net_cents',
  supplier: 'o.supplier_name',
};

export function findOrder(db: DbOrTx, id: string): Promise<PurchaseOrderRow | undefined> {
  return db.selectFrom('purchase_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The order, locked for the rest of the transaction on PostgreSQL (SQLite: the write lock). */
export function lockOrder(trx: Tx, id: string): Promise<PurchaseOrderRow | undefined> {
  let q = trx.selectFrom('purchase_orders').selectAll().where('id', '=', id);
  if (dialectOf(trx) === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

export function findLinesOfOrders(db: DbOrTx, orderIds: readonly string[]): Promise<PurchaseOrderLineRow[]> {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('purchase_order_lines')
    .selectAll()
    .where('purchase_order_id', 'in', orderIds)
    .orderBy('purchase_order_id')
    .orderBy('position')
    .execute();
}

export async function insertOrder(db: DbOrTx, row: PurchaseOrderRow): Promise<void> {
  await db.insertInto('purchase_orders').values(row).execute();
}

/** Optimistic update: false when the version did not match. */
export async function updateOrder(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Omit<Updateable<PurchaseOrdersTable>, 'id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('purchase_orders')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceLines(db: DbOrTx, orderId: string, rows: PurchaseOrderLineRow[]): Promise<void> {
  await db.deleteFrom('purchase_order_lines').where('purchase_order_id', '=', orderId).execute();
  if (rows.length) await db.insertInto('purchase_order_lines').values(rows).execute();
}

/** Adds a received quantity to a line unless that would exceed the ordered quantity (false then). */
export async function addReceived(db: DbOrTx, lineId: string, milli: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('purchase_order_lines')
    .set({ received_milli: sql`received_milli + ${milli}`, updated_at: now })
    .where('id', '=', lineId)
    .where(sql<boolean>`received_milli + ${milli} <= quantity_milli`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertReceipt(
  db: DbOrTx,
  receipt: GoodsReceiptRow,
  lines: GoodsReceiptLineRow[],
): Promise<void> {
  await db.insertInto('goods_receipts').values(receipt).execute();
  if (lines.length) await db.insertInto('goods_receipt_lines').values(lines).execute();
}

export function findReceiptsOfOrder(db: DbOrTx, orderId: string): Promise<GoodsReceiptRow[]> {
  return db
    .selectFrom('goods_receipts')
    .selectAll()
    .where('purchase_order_id', '=', orderId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findReceiptLines(db: DbOrTx, receiptIds: readonly string[]): Promise<GoodsReceiptLineRow[]> {
  if (receiptIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('goods_receipt_lines')
    .selectAll()
    .where('goods_receipt_id', 'in', receiptIds)
    .orderBy('id')
    .execute();
}

/** The address the supplier's most recent order was sent to (the default for the next one). */
export async function lastSentTo(db: DbOrTx, supplierIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (supplierIds.length === 0) return out;
  const rows = await db
    .selectFrom('purchase_orders')
    .select(['supplier_id', 'sent_to', 'sent_at'])
    .where('supplier_id', 'in', [...new Set(supplierIds)])
    .where('sent_to', 'is not', null)
    .orderBy('sent_at', 'desc')
    .execute();
  for (const r of rows) if (r.sent_to && !out.has(r.supplier_id)) out.set(r.supplier_id, r.sent_to);
  return out;
}

export interface PurchaseOrderFilters {
  statuses?: readonly PurchaseOrdersTable['status'][] | undefined;
  supplierId?: string | undefined;
  productId?: string | undefined;
  /** Business date: open orders expected before it. */
  overdueBefore?: string | undefined;
  /** Not overdue as of this date. */
  notOverdueBefore?: string | undefined;
  q?: string | undefined;
}

function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Purchase orders with their supplier's name — read from the companies table for sorting and
 * searching by supplier (a read-only join; companies has no public search to page through).
 */
export function listOrders(
  db: DbOrTx,
  filters: PurchaseOrderFilters,
  page: { sort: SortSpec; limit: number; cursor?: string | undefined },
) {
  let q = db
    .selectFrom('purchase_orders')
    .innerJoin('companies', 'companies.id', 'purchase_orders.supplier_id')
    .selectAll('purchase_orders')
    .select('companies.name as supplier_name')
    .select(sql<string>`coalesce(purchase_orders.expected_date, '9999-12-31')`.as('expected_sort'))
    .select((eb) =>
      eb
        .selectFrom('purchase_order_lines as l')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('l.purchase_order_id', '=', 'purchase_orders.id')
        .as('line_count'),
    );
  if (filters.statuses) q = q.where('purchase_orders.status', 'in', filters.statuses);
  if (filters.supplierId) q = q.where('purchase_orders.supplier_id', '=', filters.supplierId);
  if (filters.productId) {
    const productId = filters.productId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('purchase_order_lines as pl')
          .select('pl.id')
          .whereRef('pl.purchase_order_id', '=', 'purchase_orders.id')
          .where('pl.product_id', '=', productId),
      ),
    );
  }
  if (filters.overdueBefore) {
    q = q
      .where('purchase_orders.status', 'in', OPEN_STATUSES)
      .where('purchase_orders.expected_date', '<', filters.overdueBefore);
  }
  if (filters.notOverdueBefore) {
    const today = filters.notOverdueBefore;
    q = q.where((eb) =>
      eb.or([
        eb('purchase_orders.status', 'not in', OPEN_STATUSES),
        eb('purchase_orders.expected_date', 'is', null),
        eb('purchase_orders.expected_date', '>=', today),
      ]),
    );
  }
  if (filters.q) {
    const pattern = likePattern(filters.q);
    q = q.where(
      sql<boolean>`(lower(purchase_orders.number) like ${pattern} escape '\\' or lower(companies.name) like ${pattern} escape '\\')`,
    );
  }
  const field = page.sort.column.slice(2);
  const outer = db.selectFrom(q.as('o')).selectAll();
  return paginate(outer as never, {
    sort: page.sort,
    idColumn: 'o.id',
    limit: page.limit,
    cursor: page.cursor,
    key: (row: PurchaseOrderListRow) => ({
      value: (row as unknown as Record<string, unknown>)[field],
      id: row.id,
    }),
  }) as Promise<{ items: PurchaseOrderListRow[]; nextCursor: string | null }>;
}

/** Open orders (approved, sent, partially received) past their expected date whose follow-up is not raised. */
export function findFollowUpCandidates(db: DbOrTx, today: string, limit: number) {
  return db
    .selectFrom('purchase_orders')
    .select(['id', 'number', 'supplier_id', 'expected_date', 'approved_by'])
    .where('status', 'in', OPEN_STATUSES)
    .where('expected_date', '<', today)
    .where('follow_up_raised_at', 'is', null)
    .orderBy('expected_date')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Marks the follow-up raised unless another run did (conditional UPDATE): true when this call did. */
export async function markFollowUpRaised(db: DbOrTx, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('purchase_orders')
    .set({ follow_up_raised_at: now })
    .where('id', '=', id)
    .where('follow_up_raised_at', 'is', null)
    .where('status', 'in', OPEN_STATUSES)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
