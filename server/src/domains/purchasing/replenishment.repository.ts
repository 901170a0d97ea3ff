import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/database';
import { toBool } from '../../platform/db/database';
import { dialectOf } from '../../platform/search/dialect';
import type { StockPair } from '../inventory';
import type { PurchaseOrderLinesTable } from './purchasing.tables';

/** Ids per `in (…)` list (SQLite's bound-parameter limit stays far away). */
export const CHUNK = 500;

export function chunked<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface ReplenishmentSettings {
  autoDraft: boolean;
  countPipelineDemand: boolean;
}

export async function getReplenishmentSettings(db: DbOrTx): Promise<ReplenishmentSettings> {
  const row = await db
    .selectFrom('purchasing_settings')
    .select(['auto_draft', 'count_pipeline_demand'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return {
    autoDraft: toBool(row?.auto_draft ?? 1),
    countPipelineDemand: toBool(row?.count_pipeline_demand ?? 0),
  };
}

/** Pairs that have a replenishment line in a draft (the pass re-checks them: shrink or remove). */
export async function findPairsWithReplenishmentLines(
  db: DbOrTx,
  scope: { warehouseId?: string | undefined; productIds?: readonly string[] | undefined },
): Promise<StockPair[]> {
  const run = (productIds: readonly string[] | null) => {
    let q = db
      .selectFrom('purchase_order_lines as l')
      .innerJoin('purchase_orders as o', 'o.id', 'l.purchase_order_id')
      .select(['l.product_id as productId', 'o.warehouse_id as warehouseId'])
      .where('o.status', '=', 'draft')
      .where('l.origin', '=', 'replenishment');
    if (scope.warehouseId) q = q.where('o.warehouse_id', '=', scope.warehouseId);
    if (productIds) q = q.where('l.product_id', 'in', [...productIds]);
    return q.execute();
  };
  if (!scope.productIds) return run(null);
  const out: StockPair[] = [];
  for (const chunk of chunked([...new Set(scope.productIds)])) out.push(...(await run(chunk)));
  return out;
}

export interface DraftLineRow
  extends Pick<
    PurchaseOrderLinesTable,
    | 'id'
    | 'purchase_order_id'
    | 'product_id'
    | 'quantity_milli'
    | 'unit_price_cents'
    | 'net_cents'
    | 'vat_rate'
    | 'supplier_sku'
    | 'origin'
    | 'explanation'
  > {
  supplier_id: string;
  number: string;
}

/** Lines of draft orders of the warehouse for these products (manual and replenishment). */
export async function findDraftLines(
  db: DbOrTx,
  productIds: readonly string[],
  warehouseId: string,
): Promise<DraftLineRow[]> {
  const out: DraftLineRow[] = [];
  for (const chunk of chunked([...new Set(productIds)])) {
    const rows = await db
      .selectFrom('purchase_order_lines as l')
      .innerJoin('purchase_orders as o', 'o.id', 'l.purchase_order_id')
      .select([
        'l.id',
        'l.purchase_order_id',
        'l.product_id',
        'l.quantity_milli',
        'l.unit_price_cents',
        'l.net_cents',
        'l.vat_rate',
        'l.supplier_sku',
        'l.origin',
        'l.explanation',
        'o.supplier_id',
        'o.number',
      ])
      .where('l.product_id', 'in', chunk)
      .where('o.warehouse_id', '=', warehouseId)
      .where('o.status', '=', 'draft')
      .orderBy('l.id')
      .execute();
    out.push(...rows);
  }
  return out;
}

/**
 * PostgreSQL: transaction-scoped advisory locks, in one statement and in one global order —
 * products (`replenish:p:<product>|<warehouse>`) before suppliers (`replenish:s:<supplier>|<warehouse>`),
 * each sorted — so concurrent checks of the same product or the same supplier's draft queue behind
 * each other and cannot deadlock among themselves. SQLite: the write transaction is already alone.
 */
export async function lockForReplenishment(
  trx: Tx,
  warehouseId: string,
  productIds: readonly string[],
  supplierIds: readonly string[],
): Promise<void> {
  if (dialectOf(trx) !== 'postgres') return;
  const keys = [
    ...[...new Set(productIds)].sort().map((p) => `replenish:p:${p}|${warehouseId}`),
    ...[...new Set(supplierIds)].sort().map((s) => `replenish:s:${s}|${warehouseId}`),
  ];
  if (keys.length === 0) return;
  // ordinality keeps the order above (the lock calls run in it)
  await sql`select count(pg_advisory_xact_lock(hashtext(k.key)))
    from unnest(${sql.val(keys)}::text[]) with ordinality as k(key, n)`.execute(trx);
}

/** PostgreSQL: locks the open drafts of these suppliers in the warehouse, by supplier (FOR UPDATE). */
export async function lockDrafts(
  trx: Tx,
  warehouseId: string,
  supplierIds: readonly string[],
): Promise<void> {
  if (dialectOf(trx) !== 'postgres' || supplierIds.length === 0) return;
  for (const chunk of chunked([...new Set(supplierIds)].sort())) {
    await trx
      .selectFrom('purchase_orders')
      .select('id')
      .where('warehouse_id', '=', warehouseId)
      .where('status', '=', 'draft')
      .where('supplier_id', 'in', chunk)
      .orderBy('supplier_id')
      .forUpdate()
      .execute();
  }
}

export async function nextLinePosition(trx: Tx, purchaseOrderId: string): Promise<number> {
  const row = await trx
    .selectFrom('purchase_order_lines')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('purchase_order_id', '=', purchaseOrderId)
    .executeTakeFirst();
  return Number(row?.p ?? 0) + 1;
}

export async function deleteLines(trx: Tx, ids: readonly string[]): Promise<void> {
  for (const chunk of chunked(ids)) {
    await trx.deleteFrom('purchase_order_lines').where('id', 'in', chunk).execute();
  }
}

/**
 * After lines changed: each draft's net total is the sum of its lines, its version and updated_at
 * move on; a draft made by replenishment that has no lines left is deleted. Returns the ids of the
 * drafts deleted.
 */
export async function settleDrafts(trx: Tx, ids: readonly string[], now: string): Promise<Set<string>> {
  const deleted = new Set<string>();
  for (const id of [...new Set(ids)].sort()) {
    const sum = await trx
      .selectFrom('purchase_order_lines')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum<number | string | null>('net_cents').as('net')])
      .where('purchase_order_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(sum.n) === 0) {
      const gone = await trx
        .deleteFrom('purchase_orders')
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .where('origin', '=', 'replenishment')
        .executeTakeFirst();
      if (Number(gone.numDeletedRows) === 1) {
        deleted.add(id);
        continue;
      }
    }
    await trx
      .updateTable('purchase_orders')
      .set({ net_cents: Number(sum.net ?? 0), version: sql`version + 1`, updated_at: now })
      .where('id', '=', id)
      .execute();
  }
  return deleted;
}

export type { StockPair };
