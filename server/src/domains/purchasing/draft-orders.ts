import { sql } from 'kysely';
import type { Actor } from '../../platform/actor';
import { businessDate, type Clock } from '../../platform/clock';
import type { Tx } from '../../platform/db/database';
import { publish } from '../../platform/events/publish';
import { uuidv7 } from '../../platform/ids';
import { dialectOf } from '../../platform/search/dialect';
import type { PurchaseOrdersTable } from './purchasing.tables';

/**
 * Purchase order numbers `BE-2026-00001`: one counter row per year (of the business date in the
 * company time zone), incremented in the creating
 * transaction (row lock on PostgreSQL). Unlike invoice numbers they need not be gapless: a draft
 * that lost the race for its supplier (see findOrCreateDraft) leaves its number unused.
 */
export async function nextPurchaseOrderNumber(trx: Tx, year: number): Promise<string> {
  const series = `po:${year}`;
  await trx
    .insertInto('purchase_order_number_series')
    .values({ series, next_number: 1 })
    .onConflict((oc) => oc.column('series').doNothing())
    .execute();
  const row = await trx
    .updateTable('purchase_order_number_series')
    .set({ next_number: sql`next_number + 1` })
    .where('series', '=', series)
    .returning('next_number')
    .executeTakeFirstOrThrow();
  return `BE-${year}-${String(Number(row.next_number) - 1).padStart(5, '0')}`;
}

export interface DraftRef {
  id: string;
  number: string;
  version: number;
  created: boolean;
}

/**
 * The supplier's open draft for the warehouse, made when there is none: one supplier gets one draft
 * (partial unique index `purchase_orders_one_draft`). On PostgreSQL the draft row is locked
 * (`FOR UPDATE`) so concurrent replenishment checks that add lines to it queue behind each other;
 * two that both find no draft meet at the unique index — the second insert does nothing and reads
 * the first one's draft. Raises `po.created` for a new draft.
 */
export async function findOrCreateDraft(
  trx: Tx,
  deps: { clock: Clock; config: { timezone: string } },
  actor: Actor,
  target: { supplierId: string; warehouseId: string; origin: PurchaseOrdersTable['origin'] },
): Promise<DraftRef> {
  const existing = await findDraft(trx, target.supplierId, target.warehouseId);
  if (existing) return { ...existing, created: false };

  const now = deps.clock.now();
  // the year of the business date in the company time zone (1 Jan 00:30 in Berlin is the new year)
  const year = Number(businessDate(now, deps.config.timezone).slice(0, 4));
  const number = await nextPurchaseOrderNumber(trx, year);
  const id = uuidv7();
  const inserted = await trx
    .insertInto('purchase_orders')
    .values({
      id,
      number,
      supplier_id: target.supplierId,
      warehouse_id: target.warehouseId,
      status: 'draft',
      origin: target.origin,
      currency: 'EUR',
      net_cents: 0,
      expected_date: null,
      note: null,
      approved_by: null,
      approved_at: null,
      sent_at: null,
      sent_to: null,
      received_at: null,
      cancelled_at: null,
      cancel_reason: null,
      follow_up_raised_at: null,
      created_by: actor.userId,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      version: 1,
    })
    .onConflict((oc) =>
      oc.columns(['supplier_id', 'warehouse_id']).where(sql<boolean>`status = 'draft'`).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const winner = await findDraft(trx, target.supplierId, target.warehouseId);
    if (!winner) throw new Error(`draft purchase order for supplier ${target.supplierId} vanished`);
    return { ...winner, created: false };
  }
  await publish(trx, deps.clock, actor, 'po.created', {
    purchaseOrderId: id,
    number,
    supplierId: target.supplierId,
    origin: target.origin,
  });
  return { id, number, version: 1, created: true };
}

async function findDraft(trx: Tx, supplierId: string, warehouseId: string) {
  let q = trx
    .selectFrom('purchase_orders')
    .select(['id', 'number', 'version'])
    .where('supplier_id', '=', supplierId)
    .where('warehouse_id', '=', warehouseId)
    .where('status', '=', 'draft');
  if (dialectOf(trx) === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}
