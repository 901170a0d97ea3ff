import { type Actor, scopeOf } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db/database';
import { toBool } from '../../platform/db/database';
import { getMemberIdsOfTeams } from '../identity';
import { getDealRefs } from '../sales';
import type { StockMovesTable } from './inventory.tables';

/**
 * The inventory's read functions for other domains (purchasing, reporting) and its own services.
 * Quantities in thousandths (`…Milli`), like the ledger.
 */

export interface WarehouseSummary {
  id: string;
  code: string;
  name: string;
  isDefault: boolean;
  active: boolean;
}

type WarehouseRow = { id: string; code: string; name: string; is_default: number; active: number };

function toWarehouseSummary(row: WarehouseRow): WarehouseSummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    isDefault: toBool(row.is_default),
    active: toBool(row.active),
  };
}

/** The default warehouse (reservations, deliveries and replenishment use it). */
export async function getDefaultWarehouse(db: DbOrTx): Promise<WarehouseSummary> {
  const row = await db
    .selectFrom('warehouses')
    .select(['id', 'code', 'name', 'is_default', 'active'])
    .where('is_default', '=', 1)
    .executeTakeFirst();
  if (!row) throw new Error('inventory: no default warehouse is set');
  return toWarehouseSummary(row);
}

/** A warehouse by id (inactive ones too), or null. */
export async function getWarehouse(db: DbOrTx, id: string): Promise<WarehouseSummary | null> {
  const row = await db
    .selectFrom('warehouses')
    .select(['id', 'code', 'name', 'is_default', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toWarehouseSummary(row) : null;
}

export interface InventorySettingsValues {
  allowBackOrders: boolean;
  deliverOnInvoiceIssue: boolean;
  version: number;
}

export async function getInventorySettings(db: DbOrTx): Promise<InventorySettingsValues> {
  const row = await db
    .selectFrom('inventory_settings')
    .select(['allow_back_orders', 'deliver_on_invoice_issue', 'version'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return {
    allowBackOrders: toBool(row?.allow_back_orders ?? 0),
    deliverOnInvoiceIssue: toBool(row?.deliver_on_invoice_issue ?? 0),
    version: row?.version ?? 1,
  };
}

/** A product's stock in one warehouse with its reorder settings (zeros when it has no level yet). */
export interface StockPosition {
  productId: string;
  warehouseId: string;
  onHandMilli: number;
  reservedMilli: number;
  onOrderMilli: number;
  /** onHand − reserved. */
  availableMilli: number;
  /** onHand − reserved + onOrder. */
  projectedMilli: number;
  reorderPointMilli: number | null;
  maxLevelMilli: number | null;
  reorderQtyMilli: number | null;
  /** The setting's version (null: no reorder settings). */
  reorderVersion: number | null;
}

/**
 * Stock positions of these products in a warehouse: one per product asked for (also products that
 * never had stock: zeros), in two indexed queries whatever the count.
 */
export async function getStockPositions(
  db: DbOrTx,
  productIds: readonly string[],
  warehouseId: string,
): Promise<Map<string, StockPosition>> {
  const ids = [...new Set(productIds)];
  const out = new Map<string, StockPosition>();
  if (ids.length === 0) return out;
  const [levels, settings] = await Promise.all([
    db
      .selectFrom('stock_levels')
      .select(['product_id', 'on_hand_milli', 'reserved_milli', 'on_order_milli'])
      .where('warehouse_id', '=', warehouseId)
      .where('product_id', 'in', ids)
      .execute(),
    db
      .selectFrom('reorder_settings')
      .select(['product_id', 'reorder_point_milli', 'max_level_milli', 'reorder_qty_milli', 'version'])
      .where('warehouse_id', '=', warehouseId)
      .where('product_id', 'in', ids)
      .execute(),
  ]);
  const levelOf = new Map(levels.map((l) => [l.product_id, l]));
  const settingOf = new Map(settings.map((s) => [s.product_id, s]));
  for (const id of ids) {
    const l = levelOf.get(id);
    const s = settingOf.get(id);
    const onHand = Number(l?.on_hand_milli ?? 0);
    const reserved = Number(l?.reserved_milli ?? 0);
    const onOrder = Number(l?.on_order_milli ?? 0);
    out.set(id, {
      productId: id,
      warehouseId,
      onHandMilli: onHand,
      reservedMilli: reserved,
      onOrderMilli: onOrder,
      availableMilli: onHand - reserved,
      projectedMilli: onHand - reserved + onOrder,
      reorderPointMilli: s ? Number(s.reorder_point_milli) : null,
      maxLevelMilli: s?.max_level_milli == null ? null : Number(s.max_level_milli),
      reorderQtyMilli: s?.reorder_qty_milli == null ? null : Number(s.reorder_qty_milli),
      reorderVersion: s ? s.version : null,
    });
  }
  return out;
}

/** A ledger move as the cause of something (a replenishment line's explanation). */
export interface MoveCause {
  id: string;
  productId: string;
  warehouseId: string;
  kind: StockMovesTable['kind'];
  onHandDeltaMilli: number;
  reservedDeltaMilli: number;
  onOrderDeltaMilli: number;
  sourceType: StockMovesTable['source_type'];
  sourceId: string;
  sourceLineId: string | null;
  /** Deal title or delivery number; null for purchasing's documents (purchasing names its own). */
  sourceLabel: string | null;
  createdAt: string;
}

/** Moves by id (missing ids are left out), oldest first, with a label of their source document. */
export async function listMovesForCauses(db: DbOrTx, moveIds: readonly string[]): Promise<MoveCause[]> {
  const ids = [...new Set(moveIds)];
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('stock_moves')
    .select([
      'id',
      'product_id',
      'warehouse_id',
      'kind',
      'on_hand_delta_milli',
      'reserved_delta_milli',
      'on_order_delta_milli',
      'source_type',
      'source_id',
      'source_line_id',
      'created_at',
    ])
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();
  const labels = await sourceLabels(db, rows);
  return rows.map((r) => ({
    id: r.id,
    productId: r.product_id,
    warehouseId: r.warehouse_id,
    kind: r.kind,
    onHandDeltaMilli: Number(r.on_hand_delta_milli),
    reservedDeltaMilli: Number(r.reserved_delta_milli),
    onOrderDeltaMilli: Number(r.on_order_delta_milli),
    sourceType: r.source_type,
    sourceId: r.source_id,
    sourceLineId: r.source_line_id,
    sourceLabel: labels.get(`${r.source_type}:${r.source_id}`) ?? null,
    createdAt: r.created_at,
  }));
}

/**
 * Person-readable names of moves' sources: deal titles (sales' `getDealTitles`), delivery numbers,
 * purchase order numbers and goods receipts (purchasing's `getPurchaseOrderNumbers` /
 * `getGoodsReceiptLabels`, imported when needed: purchasing imports this domain's index itself).
 */
export async function sourceLabels(
  db: DbOrTx,
  rows: ReadonlyArray<{ source_type: string; source_id: string }>,
  /** With an actor, deals the actor may not see get no label. */
  actor?: Actor,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const idsOf = (type: string) => [
    ...new Set(rows.filter((r) => r.source_type === type).map((r) => r.source_id)),
  ];
  const dealIds = idsOf('deal');
  const deliveryIds = idsOf('delivery');
  const orderIds = idsOf('purchase_order');
  const receiptIds = idsOf('goods_receipt');
  if (dealIds.length > 0) {
    const refs = await getDealRefs(db, dealIds);
    const visible = actor ? await visibleDeals(db, actor, [...refs.values()]) : null;
    for (const [id, ref] of refs) if (!visible || visible.has(id)) out.set(`deal:${id}`, ref.title);
  }
  if (deliveryIds.length > 0) {
    const ds = await db
      .selectFrom('deliveries')
      .select(['id', 'number'])
      .where('id', 'in', deliveryIds)
      .execute();
    for (const d of ds) out.set(`delivery:${d.id}`, d.number);
  }
  if (orderIds.length > 0 || receiptIds.length > 0) {
    const purchasing = await import('../purchasing');
    for (const [id, n] of await purchasing.getPurchaseOrderNumbers(db, orderIds))
      out.set(`purchase_order:${id}`, n);
    for (const [id, n] of await purchasing.getGoodsReceiptLabels(db, receiptIds))
      out.set(`goods_receipt:${id}`, n);
  }
  return out;
}

/**
 * The deals of these the actor may see, by sales' rule (`visibleTo` on owner and team): `all` every
 * deal, `own` the actor's, `team` the actor's, their team mates' and those assigned to their teams.
 */
async function visibleDeals(
  db: DbOrTx,
  actor: Actor,
  deals: ReadonlyArray<{ id: string; ownerId: string; teamId: string | null }>,
): Promise<Set<string>> {
  const scope = scopeOf(actor);
  if (scope === 'all') return new Set(deals.map((d) => d.id));
  if (!actor.userId) return new Set();
  if (scope === 'own') return new Set(deals.filter((d) => d.ownerId === actor.userId).map((d) => d.id));
  const mates = new Set([...(await getMemberIdsOfTeams(db, actor.teamIds)).values()].flat());
  const teams = new Set(actor.teamIds);
  return new Set(
    deals
      .filter(
        (d) =>
          d.ownerId === actor.userId || mates.has(d.ownerId) || (d.teamId !== null && teams.has(d.teamId)),
      )
      .map((d) => d.id),
  );
}
