import type {
  CreateStockAdjustment,
  CreateStockCount,
  StockChangeResult,
  StockListQuery,
  StockMoveListQuery,
} from '../../../../contracts/inventory';
import type { Actor } from '../../platform/actor';
import type { DbOrTx, Tx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { dialectOf } from '../../platform/search/dialect';
import { getProductSummaries, type ProductSummary } from '../catalog';
import { getUserNames } from '../identity';
import type { InventoryDeps } from './inventory.deps';
import { toMilli, toStockLevel, toStockMove } from './inventory.mappers';
import { getInventorySettings, sourceLabels } from './inventory.reads';
import { listMoves, listStock, stockRowsOf } from './stock.repository';
import { type AppliedStockMove, applyStockMoves } from './stock-ledger';
import { resolveWarehouse } from './warehouses.service';

/**
 * Products that may have stock: they exist and are stock-tracked (inactive ones too). A service or
 * an unknown product is a 422 naming its field (`path(i)`).
 */
export async function stockProducts(
  db: DbOrTx,
  ids: readonly string[],
  path: (i: number) => string,
  code = 'inventory.not_stock_tracked',
): Promise<Map<string, ProductSummary>> {
  const products = await getProductSummaries(db, ids);
  ids.forEach((id, i) => {
    const p = products.get(id);
    if (!p) {
      throw new AppError('unprocessable', 'inventory.unknown_product', `Product ${id} does not exist`, [
        { path: path(i), message: 'No such product' },
      ]);
    }
    if (p.kind !== 'stock') {
      throw new AppError(
        'unprocessable',
        code,
        `${p.sku} (${p.name}) is a service: only stock-tracked products have stock`,
        [{ path: path(i), message: `${p.sku} is not stock-tracked` }],
      );
    }
  });
  return products;
}

export async function getStockList(deps: InventoryDeps, query: StockListQuery) {
  const warehouseId = await resolveWarehouse(deps.db, query.warehouseId);
  const page = await listStock(
    deps.db,
    {
      warehouseId,
      q: query.q,
      productId: query.productId,
      belowReorderPoint:
        query.belowReorderPoint === undefined ? undefined : query.belowReorderPoint === 'true',
    },
    { sort: query.sort, limit: query.limit, cursor: query.cursor },
  );
  return { items: page.items.map(toStockLevel), nextCursor: page.nextCursor };
}

/**
 * A product's moves. Reservations and releases name their deal only for people who may see the deal
 * (sales' rule: own, team or all); others get no label (the screen shows the kind of source).
 */
export async function getStockMoves(deps: InventoryDeps, actor: Actor, query: StockMoveListQuery) {
  const warehouseId = await resolveWarehouse(deps.db, query.warehouseId);
  const page = await listMoves(
    deps.db,
    { productId: query.productId, warehouseId, kind: query.kind },
    { limit: query.limit, cursor: query.cursor },
  );
  const [labels, users] = await Promise.all([
    sourceLabels(deps.db, page.items, actor),
    getUserNames(
      deps.db,
      page.items.flatMap((m) => (m.created_by ? [m.created_by] : [])),
    ),
  ]);
  return { items: page.items.map((m) => toStockMove(m, labels, users)), nextCursor: page.nextCursor };
}

/** The moves just written and the products' levels now, as the API shows them. */
async function changeResult(
  trx: Tx,
  warehouseId: string,
  applied: readonly AppliedStockMove[],
  productIds: readonly string[],
): Promise<StockChangeResult> {
  const ids = applied.map((m) => m.id);
  const moves = ids.length ? await listMovesByIds(trx, warehouseId, ids) : [];
  const rows = await stockRowsOf(trx, warehouseId, productIds);
  return { moves, levels: rows.map(toStockLevel) };
}

async function listMovesByIds(trx: Tx, warehouseId: string, ids: readonly string[]) {
  const byProduct = new Map<string, string[]>();
  const rows = await trx
    .selectFrom('stock_moves')
    .select(['id', 'product_id'])
    .where('id', 'in', [...ids])
    .execute();
  for (const r of rows) byProduct.set(r.product_id, [...(byProduct.get(r.product_id) ?? []), r.id]);
  const wanted = new Set(ids);
  const out = [];
  for (const [productId, own] of byProduct) {
    const page = await listMoves(trx, { productId, warehouseId }, { limit: own.length });
    out.push(...page.items.filter((m) => wanted.has(m.id)));
  }
  const users = await getUserNames(
    trx,
    out.flatMap((m) => (m.created_by ? [m.created_by] : [])),
  );
  return out.sort((a, b) => (a.id < b.id ? -1 : 1)).map((m) => toStockMove(m, new Map(), users));
}

/** A change of on hand with a reason; refused (409) when it would make available stock negative without back orders. */
export async function createAdjustment(
  deps: InventoryDeps,
  actor: Actor,
  input: CreateStockAdjustment,
): Promise<StockChangeResult> {
  return deps.db.transaction().execute(async (trx) => {
    const warehouseId = await resolveWarehouse(trx, input.warehouseId);
    await stockProducts(trx, [input.productId], () => 'productId');
    const settings = await getInventorySettings(trx);
    const adjustmentId = uuidv7();
    const applied = await applyStockMoves(
      trx,
      deps,
      actor,
      [
        {
          productId: input.productId,
          warehouseId,
          kind: 'adjustment',
          onHandDelta: toMilli(input.quantityChange),
          reservedDelta: 0,
          onOrderDelta: 0,
          sourceType: 'adjustment',
          sourceId: adjustmentId,
          reason: input.reason,
          note: input.note ?? null,
        },
      ],
      { negativeAvailable: settings.allowBackOrders ? 'allow' : 'refuse' },
    );
    return changeResult(trx, warehouseId, applied, [input.productId]);
  });
}

/**
 * An inventory count: each product's on hand becomes the counted quantity through a `count` move of
 * the difference (none when it matches). Counts record what is there, so they are never refused.
 */
export async function createCount(
  deps: InventoryDeps,
  actor: Actor,
  input: CreateStockCount,
): Promise<StockChangeResult> {
  return deps.db.transaction().execute(async (trx) => {
    const warehouseId = await resolveWarehouse(trx, input.warehouseId);
    const ids = input.lines.map((l) => l.productId);
    const seen = new Map<string, number>();
    ids.forEach((id, i) => {
      if (seen.has(id)) {
        throw new AppError(
          'unprocessable',
          'inventory.duplicate_count_line',
          `Line ${i + 1} counts a product twice`,
          [
            {
              path: `lines.${i}.productId`,
              message: `Counted in line ${(seen.get(id) as number) + 1} already`,
            },
          ],
        );
      }
      seen.set(id, i);
    });
    await stockProducts(trx, ids, (i) => `lines.${i}.productId`);
    const current = await lockedOnHand(trx, warehouseId, ids, deps.clock.now().toISOString());
    const countId = uuidv7();
    const moves = input.lines.flatMap((l) => {
      const diff = toMilli(l.counted) - (current.get(l.productId) ?? 0);
      if (diff === 0) return [];
      return [
        {
          productId: l.productId,
          warehouseId,
          kind: 'count' as const,
          onHandDelta: diff,
          reservedDelta: 0,
          onOrderDelta: 0,
          sourceType: 'count' as const,
          sourceId: countId,
          note: input.note ?? (input.countedOn ? `Counted on ${input.countedOn}` : null),
        },
      ];
    });
    const applied = await applyStockMoves(trx, deps, actor, moves, { negativeAvailable: 'allow' });
    return changeResult(trx, warehouseId, applied, ids);
  });
}

/**
 * On hand of the products, locked (PostgreSQL, in product order) so the difference holds: missing
 * level rows are made first (zeros, `on conflict do nothing`), so two first counts of a product
 * queue on its row instead of both counting from zero.
 */
async function lockedOnHand(trx: Tx, warehouseId: string, ids: readonly string[], now: string) {
  const postgres = dialectOf(trx) === 'postgres';
  if (postgres) {
    await trx
      .insertInto('stock_levels')
      .values(
        [...ids].sort().map((productId) => ({
          product_id: productId,
          warehouse_id: warehouseId,
          on_hand_milli: 0,
          reserved_milli: 0,
          on_order_milli: 0,
          last_move_id: null,
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['product_id', 'warehouse_id']).doNothing())
      .execute();
  }
  let q = trx
    .selectFrom('stock_levels')
    .select(['product_id', 'on_hand_milli'])
    .where('warehouse_id', '=', warehouseId)
    .where('product_id', 'in', [...ids])
    .orderBy('product_id');
  if (postgres) q = q.forUpdate();
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.product_id, Number(r.on_hand_milli)]));
}
