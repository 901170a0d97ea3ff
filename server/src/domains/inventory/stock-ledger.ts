import { sql } from 'kysely';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Tx } from '../../platform/db/database';
import { publish } from '../../platform/events/publish';
import { AppError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { dialectOf } from '../../platform/search/dialect';
import type { StockLevelsTable, StockMovesTable } from './inventory.tables';

/** One change of stock, in thousandths of the product's unit. */
export interface StockMoveInput {
  productId: string;
  warehouseId: string;
  kind: StockMovesTable['kind'];
  onHandDelta: number;
  reservedDelta: number;
  onOrderDelta: number;
  sourceType: StockMovesTable['source_type'];
  sourceId: string;
  sourceLineId?: string | null;
  reason?: string | null;
  note?: string | null;
  /** Unique: a move with a key that exists already is skipped (a retried handler or request). */
  dedupeKey?: string | null;
}

export interface AppliedStockMove extends StockMoveInput {
  id: string;
  createdAt: string;
}

export interface LedgerOptions {
  /**
   * `refuse`: a change that lowers available stock (on hand − reserved) below zero, or lowers on
   * hand below zero (a delivery out of a reservation lowers both on hand and reserved), is refused
   * with 409 `stock.insufficient`, naming the product and the numbers. The level rows are locked
   * first (PostgreSQL: `FOR UPDATE` in product order), so concurrent changes cannot both pass.
   * `allow`: back orders (and counts, which record what is there).
   */
  negativeAvailable: 'refuse' | 'allow';
}

const levelKey = (productId: string, warehouseId: string) => `${productId}|${warehouseId}`;

/**
 * The one way stock changes: writes the moves to the ledger and adds their deltas to the stock
 * levels, in the caller's transaction, then raises `stock.changed` (one per warehouse) and
 * `stock.below_minimum` for products whose projected stock crossed below their reorder point.
 *
 * Set-based: the moves go in with multi-row inserts and the levels change through one multi-row
 * upsert (`on conflict … do update`, rows in product order), so the number of queries does not grow
 * with the number of moves. On PostgreSQL the upsert locks the level rows in key order, so
 * concurrent changes of the same products serialise instead of losing an update, and cannot
 * deadlock on each other. Moves with a `dedupeKey` that exists already are skipped (and their deltas
 * not applied). Returns the moves written.
 */
export async function applyStockMoves(
  trx: Tx,
  deps: { clock: Clock },
  actor: Actor,
  moves: readonly StockMoveInput[],
  options: LedgerOptions,
): Promise<AppliedStockMove[]> {
  if (moves.length === 0) return [];
  const now = deps.clock.now().toISOString();
  if (options.negativeAvailable === 'refuse') await lockStockLevels(trx, moves);

  // One multi-row insert per chunk; moves whose dedupe key exists already come back missing.
  const rows = moves.map((m) => ({
    id: uuidv7(),
    product_id: m.productId,
    warehouse_id: m.warehouseId,
    kind: m.kind,
    on_hand_delta_milli: m.onHandDelta,
    reserved_delta_milli: m.reservedDelta,
    on_order_delta_milli: m.onOrderDelta,
    source_type: m.sourceType,
    source_id: m.sourceId,
    source_line_id: m.sourceLineId ?? null,
    reason: m.reason ?? null,
    note: m.note ?? null,
    dedupe_key: m.dedupeKey ?? null,
    created_by: actor.userId,
    created_at: now,
  }));
  const insertedIds = new Set<string>();
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    const inserted = await trx
      .insertInto('stock_moves')
      .values(chunk)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .execute();
    for (const r of inserted) insertedIds.add(r.id);
  }
  const applied: AppliedStockMove[] = [];
  moves.forEach((m, i) => {
    const id = (rows[i] as { id: string }).id;
    if (insertedIds.has(id)) applied.push({ ...m, id, createdAt: now });
  });
  if (applied.length === 0) return [];

  const sums = new Map<
    string,
    {
      productId: string;
      warehouseId: string;
      onHand: number;
      reserved: number;
      onOrder: number;
      lastMoveId: string;
    }
  >();
  for (const m of applied) {
    const k = levelKey(m.productId, m.warehouseId);
    const s = sums.get(k) ?? {
      productId: m.productId,
      warehouseId: m.warehouseId,
      onHand: 0,
      reserved: 0,
      onOrder: 0,
      lastMoveId: m.id,
    };
    s.onHand += m.onHandDelta;
    s.reserved += m.reservedDelta;
    s.onOrder += m.onOrderDelta;
    s.lastMoveId = m.id;
    sums.set(k, s);
  }

  // One upsert adds the sums to the levels (making missing rows). On PostgreSQL it takes the rows'
  // locks in key order, so concurrent changes of the same products queue without deadlocking.
  const ordered = [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
  const after = new Map<string, LevelNumbers>();
  for (let i = 0; i < ordered.length; i += 200) {
    const chunk = ordered.slice(i, i + 200);
    const updated = await trx
      .insertInto('stock_levels')
      .values(
        chunk.map((s) => ({
          product_id: s.productId,
          warehouse_id: s.warehouseId,
          on_hand_milli: s.onHand,
          reserved_milli: s.reserved,
          on_order_milli: s.onOrder,
          last_move_id: s.lastMoveId,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['product_id', 'warehouse_id']).doUpdateSet({
          on_hand_milli: sql`stock_levels.on_hand_milli + excluded.on_hand_milli`,
          reserved_milli: sql`stock_levels.reserved_milli + excluded.reserved_milli`,
          on_order_milli: sql`stock_levels.on_order_milli + excluded.on_order_milli`,
          last_move_id: sql`excluded.last_move_id`,
          updated_at: sql`excluded.updated_at`,
        }),
      )
      .returning(['product_id', 'warehouse_id', 'on_hand_milli', 'reserved_milli', 'on_order_milli'])
      .execute();
    for (const row of updated) after.set(levelKey(row.product_id, row.warehouse_id), toNumbers(row));
  }
  if (options.negativeAvailable === 'refuse') {
    for (const s of ordered) {
      const level = after.get(levelKey(s.productId, s.warehouseId)) as LevelNumbers;
      const availableChange = s.onHand - s.reserved;
      if (availableChange < 0 && level.onHand - level.reserved < 0) {
        throw await insufficient(trx, s.productId, level, -availableChange);
      }
      if (s.onHand < 0 && level.onHand < 0)
        throw await insufficientOnHand(trx, s.productId, level, -s.onHand);
    }
  }

  await raiseEvents(trx, deps.clock, actor, [...sums.values()], after, applied);
  return applied;
}

/**
 * Locks the stock level rows of these product+warehouse pairs for the rest of the transaction, in
 * key order (the order the ledger's upsert takes them, so lockers cannot deadlock). PostgreSQL only:
 * SQLite has one writer at a time. Rows that do not exist yet are not locked; the upsert's unique
 * index serialises their creation.
 */
export async function lockStockLevels(
  trx: Tx,
  pairs: ReadonlyArray<{ productId: string; warehouseId: string }>,
): Promise<void> {
  if (pairs.length === 0 || dialectOf(trx) !== 'postgres') return;
  const byWarehouse = new Map<string, Set<string>>();
  for (const p of pairs)
    byWarehouse.set(p.warehouseId, (byWarehouse.get(p.warehouseId) ?? new Set()).add(p.productId));
  const warehouses = [...byWarehouse.keys()];
  const products = [...new Set(pairs.map((p) => p.productId))];
  await trx
    .selectFrom('stock_levels')
    .select(['product_id', 'warehouse_id'])
    .where('product_id', 'in', products)
    .where('warehouse_id', 'in', warehouses)
    .orderBy('product_id')
    .orderBy('warehouse_id')
    .forUpdate()
    .execute();
}

interface LevelNumbers {
  onHand: number;
  reserved: number;
  onOrder: number;
}

function toNumbers(
  row: Pick<StockLevelsTable, 'on_hand_milli' | 'reserved_milli' | 'on_order_milli'>,
): LevelNumbers {
  return {
    onHand: Number(row.on_hand_milli),
    reserved: Number(row.reserved_milli),
    onOrder: Number(row.on_order_milli),
  };
}

async function insufficient(
  trx: Tx,
  productId: string,
  level: LevelNumbers,
  wanted: number,
): Promise<AppError> {
  const product = await trx
    .selectFrom('products')
    .select(['sku', 'name'])
    .where('id', '=', productId)
    .executeTakeFirst();
  const fmt = (milli: number) => String(milli / 1000);
  const availableBefore = level.onHand - level.reserved + wanted;
  const label = product ? `${product.sku} (${product.name})` : productId;
  return new AppError(
    'conflict',
    'stock.insufficient',
    `Not enough stock of ${label}: ${fmt(availableBefore)} available, ${fmt(wanted)} needed (back orders are not allowed)`,
    [{ path: productId, message: `${fmt(availableBefore)} available, ${fmt(wanted)} needed` }],
  );
}

async function insufficientOnHand(
  trx: Tx,
  productId: string,
  level: LevelNumbers,
  wanted: number,
): Promise<AppError> {
  const product = await trx
    .selectFrom('products')
    .select(['sku', 'name'])
    .where('id', '=', productId)
    .executeTakeFirst();
  const fmt = (milli: number) => String(milli / 1000);
  const onHandBefore = level.onHand + wanted;
  const label = product ? `${product.sku} (${product.name})` : productId;
  return new AppError(
    'conflict',
    'stock.insufficient',
    `Not enough stock of ${label}: ${fmt(onHandBefore)} on hand, ${fmt(wanted)} needed (back orders are not allowed)`,
    [{ path: productId, message: `${fmt(onHandBefore)} on hand, ${fmt(wanted)} needed` }],
  );
}

async function raiseEvents(
  trx: Tx,
  clock: Clock,
  actor: Actor,
  sums: ReadonlyArray<{
    productId: string;
    warehouseId: string;
    onHand: number;
    reserved: number;
    onOrder: number;
  }>,
  after: ReadonlyMap<string, LevelNumbers>,
  applied: readonly AppliedStockMove[],
): Promise<void> {
  const byWarehouse = new Map<string, AppliedStockMove[]>();
  for (const m of applied) byWarehouse.set(m.warehouseId, [...(byWarehouse.get(m.warehouseId) ?? []), m]);
  for (const [warehouseId, ms] of byWarehouse) {
    const first = ms[0] as AppliedStockMove;
    await publish(trx, clock, actor, 'stock.changed', {
      warehouseId,
      productIds: [...new Set(ms.map((m) => m.productId))],
      moveIds: ms.map((m) => m.id),
      sourceType: first.sourceType,
      sourceId: first.sourceId,
    });
  }

  const points = await trx
    .selectFrom('reorder_settings')
    .select(['product_id', 'warehouse_id', 'reorder_point_milli'])
    .where('product_id', 'in', [...new Set(sums.map((s) => s.productId))])
    .execute();
  for (const p of points) {
    const s = sums.find((x) => x.productId === p.product_id && x.warehouseId === p.warehouse_id);
    const level = after.get(levelKey(p.product_id, p.warehouse_id));
    if (!s || !level) continue;
    const point = Number(p.reorder_point_milli);
    const projectedAfter = level.onHand - level.reserved + level.onOrder;
    const projectedBefore = projectedAfter - (s.onHand - s.reserved + s.onOrder);
    if (projectedAfter < point && projectedBefore >= point) {
      await publish(trx, clock, actor, 'stock.below_minimum', {
        productId: p.product_id,
        warehouseId: p.warehouse_id,
        projectedMilli: projectedAfter,
        reorderPointMilli: point,
      });
    }
  }
}
