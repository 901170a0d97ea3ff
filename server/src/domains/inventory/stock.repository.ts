import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database';
import { paginate, parseSort } from '../../platform/db/pagination';
import type { MoveRow, StockRow } from './inventory.mappers';

/** Sort fields of the stock list → columns of the inner query `s`. */
export const STOCK_SORT_COLUMNS: Record<string, string> = {
  sku: 's.sku_key',
  name: 's.name_key',
  onHand: 's.on_hand',
  available: 's.available',
  projected: 's.projected',
  value: 's.value_cents',
};

function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface StockListFilter {
  warehouseId: string;
  q?: string | undefined;
  productId?: string | undefined;
  productIds?: readonly string[] | undefined;
  belowReorderPoint?: boolean | undefined;
}

/**
 * Stock-tracked products with their level in the warehouse (zeros without a level row) and reorder
 * settings; inactive products only while they still have stock. Value = on hand × (preferred
 * supplier's price ?? the product's purchase price ?? 0), rounded to the cent.
 */
function stockQuery(db: DbOrTx, f: StockListFilter) {
  let inner = db
    .selectFrom('products as p')
    .leftJoin('stock_levels as sl', (j) =>
      j.onRef('sl.product_id', '=', 'p.id').on('sl.warehouse_id', '=', f.warehouseId),
    )
    .leftJoin('reorder_settings as rs', (j) =>
      j.onRef('rs.product_id', '=', 'p.id').on('rs.warehouse_id', '=', f.warehouseId),
    )
    .leftJoin('product_suppliers as ps', (j) =>
      j.onRef('ps.product_id', '=', 'p.id').on('ps.preferred', '=', 1),
    )
    .where('p.kind', '=', 'stock')
    .where((eb) =>
      eb.or([
        eb('p.active', '=', 1),
        eb('sl.on_hand_milli', '!=', 0),
        eb('sl.reserved_milli', '!=', 0),
        eb('sl.on_order_milli', '!=', 0),
      ]),
    )
    .select([
      'p.id as product_id',
      'p.sku',
      'p.sku_key',
      'p.name',
      'p.name_key',
      'p.unit',
      sql<string>`cast(${f.warehouseId} as text)`.as('warehouse_id'),
      sql<number>`coalesce(sl.on_hand_milli, 0)`.as('on_hand'),
      sql<number>`coalesce(sl.reserved_milli, 0)`.as('reserved'),
      sql<number>`coalesce(sl.on_order_milli, 0)`.as('on_order'),
      sql<number>`coalesce(sl.on_hand_milli, 0) - coalesce(sl.reserved_milli, 0)`.as('available'),
      sql<number>`coalesce(sl.on_hand_milli, 0) - coalesce(sl.reserved_milli, 0) + coalesce(sl.on_order_milli, 0)`.as(
        'projected',
      ),
      'rs.reorder_point_milli as reorder_point',
      'rs.max_level_milli as max_level',
      'rs.reorder_qty_milli as reorder_qty',
      sql<number>`(coalesce(sl.on_hand_milli, 0) * coalesce(ps.purchase_price_cents, p.purchase_price_cents, 0) + 500) / 1000`.as(
        'value_cents',
      ),
      'sl.updated_at',
    ]);
  if (f.q) {
    const pattern = likePattern(f.q);
    inner = inner.where((eb) =>
      eb.or([
        sql<boolean>`p.sku_key like ${pattern} escape '\\'`,
        sql<boolean>`p.name_key like ${pattern} escape '\\'`,
      ]),
    );
  }
  if (f.productId) inner = inner.where('p.id', '=', f.productId);
  if (f.productIds) inner = inner.where('p.id', 'in', f.productIds.length ? [...f.productIds] : ['']);
  let q = db.selectFrom(inner.as('s')).selectAll('s');
  if (f.belowReorderPoint === true) {
    q = q.where(sql<boolean>`s.reorder_point is not null and s.projected < s.reorder_point`);
  } else if (f.belowReorderPoint === false) {
    q = q.where(sql<boolean>`(s.reorder_point is null or s.projected >= s.reorder_point)`);
  }
  return q;
}

export async function listStock(
  db: DbOrTx,
  f: StockListFilter,
  page: { sort: string; limit: number; cursor?: string | undefined },
): Promise<{ items: StockRow[]; nextCursor: string | null }> {
  const sort = parseSort(page.sort, STOCK_SORT_COLUMNS);
  const field = sort.column.slice(2) as keyof StockRowWithKeys;
  const res = await paginate(stockQuery(db, f), {
    sort,
    idColumn: 's.product_id',
    limit: page.limit,
    cursor: page.cursor,
    key: (row) => ({ value: numericOrText((row as StockRowWithKeys)[field]), id: row.product_id }),
  });
  return { items: res.items as unknown as StockRow[], nextCursor: res.nextCursor };
}

type StockRowWithKeys = StockRow & {
  sku_key: string;
  name_key: string;
  available: number;
  projected: number;
};

const numericOrText = (v: unknown) => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v);

/** The stock rows of these products (all of them, no paging): what an adjustment or count wrote. */
export async function stockRowsOf(db: DbOrTx, warehouseId: string, productIds: readonly string[]) {
  const rows = await stockQuery(db, { warehouseId, productIds }).orderBy('s.sku_key').execute();
  return rows as unknown as StockRow[];
}

/**
 * A product's moves in a warehouse, newest first, with the levels right after each (running sums
 * over its whole ledger, by window function; filters apply after the sums).
 */
export async function listMoves(
  db: DbOrTx,
  f: { productId: string; warehouseId: string; kind?: string | undefined },
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: MoveRow[]; nextCursor: string | null }> {
  const running = db
    .selectFrom('stock_moves')
    .where('product_id', '=', f.productId)
    .where('warehouse_id', '=', f.warehouseId)
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
      'reason',
      'note',
      'created_by',
      'created_at',
      sql<number>`sum(on_hand_delta_milli) over (order by id rows unbounded preceding)`.as('on_hand_after'),
      sql<number>`sum(reserved_delta_milli) over (order by id rows unbounded preceding)`.as('reserved_after'),
      sql<number>`sum(on_order_delta_milli) over (order by id rows unbounded preceding)`.as('on_order_after'),
    ]);
  let q = db.selectFrom(running.as('m')).selectAll('m');
  if (f.kind) q = q.where('m.kind', '=', f.kind as MoveRow['kind']);
  const res = await paginate(q, {
    sort: { column: 'm.id', direction: 'desc' },
    idColumn: 'm.id',
    limit: page.limit,
    cursor: page.cursor,
    key: (row) => ({ value: row.id, id: row.id }),
  });
  return { items: res.items as unknown as MoveRow[], nextCursor: res.nextCursor };
}
