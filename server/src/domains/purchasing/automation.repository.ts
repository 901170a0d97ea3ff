import type { Selectable } from 'kysely';
import type { DbOrTx } from '../../platform/db/database';
import type { PurchaseOrdersTable } from './purchasing.tables';

/** What the automation engine reads of purchase orders (record type `purchase_order`). */

const CHUNK = 500;

export type PurchaseOrderRow = Selectable<PurchaseOrdersTable>;

/** Orders still to be delivered (a date trigger on the expected date is about these). */
export const OPEN_ORDER_STATUSES = ['approved', 'sent', 'partially_received'] as const;

/** Purchase orders by id, set-based: one query per 500 ids. */
export async function findOrdersByIds(db: DbOrTx, ids: readonly string[]): Promise<PurchaseOrderRow[]> {
  const unique = [...new Set(ids)];
  const out: PurchaseOrderRow[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) {
    out.push(
      ...(await db
        .selectFrom('purchase_orders')
        .selectAll()
        .where('id', 'in', unique.slice(i, i + CHUNK))
        .execute()),
    );
  }
  return out;
}

/** Ids of open orders expected on `date`, in id order after `after` (index `purchase_orders_status`). */
export async function findOpenOrderIdsExpectedOn(
  db: DbOrTx,
  date: string,
  after: string | null,
  limit: number,
): Promise<string[]> {
  let q = db
    .selectFrom('purchase_orders')
    .select('id')
    .where('status', 'in', [...OPEN_ORDER_STATUSES])
    .where('expected_date', '=', date);
  if (after) q = q.where('id', '>', after);
  const rows = await q.orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** The newest orders (dry runs without a chosen record). */
export async function findRecentOrderIds(db: DbOrTx, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('purchase_orders')
    .select('id')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The number of a purchase order by id (the draft a suggestion lands in). */
export async function findOrderNumber(db: DbOrTx, id: string): Promise<string | null> {
  const row = await db.selectFrom('purchase_orders').select('number').where('id', '=', id).executeTakeFirst();
  return row?.number ?? null;
}

/** The supplier's open draft for the warehouse (where a suggestion would land), or null. */
export async function findDraftNumber(
  db: DbOrTx,
  supplierId: string,
  warehouseId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('purchase_orders')
    .select('number')
    .where('supplier_id', '=', supplierId)
    .where('warehouse_id', '=', warehouseId)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return row?.number ?? null;
}

/** Ids of the drafts of a warehouse (one per supplier at most): was a suggestion's draft there before? */
export async function findDraftIdsIn(db: DbOrTx, warehouseId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('purchase_orders')
    .select('id')
    .where('warehouse_id', '=', warehouseId)
    .where('status', '=', 'draft')
    .execute();
  return new Set(rows.map((r) => r.id));
}
