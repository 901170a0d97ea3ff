import { type Kysely, sql } from 'kysely';
import { uuidv7 } from 'uuidv7';

/**
 * Inventory domain (issue 6): warehouses, the stock-move ledger, stock levels kept from it,
 * reservations of won deals, deliveries, reorder settings per product and warehouse.
 *
 * - Every change of stock is a row in `stock_moves` with the deltas it makes to on hand, reserved
 *   and on order (thousandths of the product's unit, like deal and invoice lines). `stock_levels`
 *   holds their sums per product and warehouse, updated in the move's transaction; a test rebuilds
 *   the levels from the ledger and compares. Available = on hand − reserved (not stored).
 * - `stock_moves.dedupe_key` (unique, nullable) makes a move written by an event handler or a
 *   retried request exist once.
 * - A won deal has at most one open reservation (partial unique index on deal_id where open):
 *   a second delivery of `deal.won` finds it and does nothing; reopening releases it, winning again
 *   makes a new one.
 * - Reorder settings (reorder point, and a maximum level or a fixed reorder quantity) are per
 *   product and warehouse, so they live here with the warehouses rather than in the catalog.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('warehouses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    /** lower(trim(code)), unique. */
    .addColumn('code_key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('street', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('city', 'text')
    /** Exactly one default warehouse: reservations, deliveries and replenishment use it. */
    .addColumn('is_default', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('warehouses_one_default')
    .on('warehouses')
    .column('is_default')
    .unique()
    .where(sql<boolean>`is_default = 1`)
    .execute();

  await db.schema
    .createTable('stock_levels')
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
    .addColumn('on_hand_milli', 'bigint', (c) => c.notNull())
    .addColumn('reserved_milli', 'bigint', (c) => c.notNull())
    .addColumn('on_order_milli', 'bigint', (c) => c.notNull())
    /** The newest move counted in (its id; uuidv7 orders by time). */
    .addColumn('last_move_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_levels_pk', ['product_id', 'warehouse_id'])
    .execute();
  await db.schema
    .createIndex('stock_levels_warehouse')
    .on('stock_levels')
    .columns(['warehouse_id', 'product_id'])
    .execute();

  await db.schema
    .createTable('stock_moves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
    /** receipt | delivery | reservation | release | adjustment | count | order | order_cancel */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('on_hand_delta_milli', 'bigint', (c) => c.notNull())
    .addColumn('reserved_delta_milli', 'bigint', (c) => c.notNull())
    .addColumn('on_order_delta_milli', 'bigint', (c) => c.notNull())
    /** deal | delivery | purchase_order | goods_receipt | adjustment | count */
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    /** The document line the move belongs to (deal line, PO line …), when there is one. */
    .addColumn('source_line_id', 'text')
    /** Adjustments: damaged | lost | found | correction | other. */
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('stock_moves_history')
    .on('stock_moves')
    .columns(['product_id', 'warehouse_id', 'id'])
    .execute();
  await db.schema
    .createIndex('stock_moves_source')
    .on('stock_moves')
    .columns(['source_type', 'source_id'])
    .execute();

  await db.schema
    .createTable('stock_reservations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
    /** open | delivered | released */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('stock_reservations_one_open')
    .on('stock_reservations')
    .column('deal_id')
    .unique()
    .where(sql<boolean>`status = 'open'`)
    .execute();
  await db.schema
    .createIndex('stock_reservations_deal')
    .on('stock_reservations')
    .columns(['deal_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('stock_reservation_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reservation_id', 'text', (c) => c.notNull().references('stock_reservations.id'))
    .addColumn('deal_line_id', 'text')
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('quantity_milli', 'bigint', (c) => c.notNull())
    /** Delivered so far; the rest (quantity − delivered − released) is still reserved. */
    .addColumn('delivered_milli', 'bigint', (c) => c.notNull())
    .addColumn('released_milli', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('stock_reservation_lines_reservation')
    .on('stock_reservation_lines')
    .columns(['reservation_id', 'product_id'])
    .execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** LS-2026-00001: the number on the delivery note. */
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
    .addColumn('deal_id', 'text')
    .addColumn('invoice_id', 'text')
    .addColumn('reservation_id', 'text')
    .addColumn('company_id', 'text')
    .addColumn('delivered_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    /** `invoice:<id>` for the automatic delivery on issue (once per invoice), else null. */
    .addColumn('source_key', 'text', (c) => c.unique())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('deliveries_deal')
    .on('deliveries')
    .columns(['deal_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('deliveries_invoice')
    .on('deliveries')
    .columns(['invoice_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('delivery_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('delivery_id', 'text', (c) => c.notNull().references('deliveries.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('quantity_milli', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('delivery_lines_delivery')
    .on('delivery_lines')
    .columns(['delivery_id', 'position'])
    .execute();

  await db.schema
    .createTable('delivery_number_series')
    .addColumn('series', 'text', (c) => c.primaryKey())
    .addColumn('next_number', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('reorder_settings')
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
    .addColumn('reorder_point_milli', 'bigint', (c) => c.notNull())
    /** Exactly one of max level / reorder quantity is set. */
    .addColumn('max_level_milli', 'bigint')
    .addColumn('reorder_qty_milli', 'bigint')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('reorder_settings_pk', ['product_id', 'warehouse_id'])
    .execute();
  await db.schema
    .createIndex('reorder_settings_warehouse')
    .on('reorder_settings')
    .columns(['warehouse_id', 'product_id'])
    .execute();

  await db.schema
    .createTable('inventory_settings')
    /** Always 1. */
    .addColumn('id', 'integer', (c) => c.primaryKey())
    /**
     * 0: a move that would make available stock negative is refused (409), and so is winning a deal
     * whose stock-tracked lines exceed what is available (the reservation is made from `deal.won`).
     */
    .addColumn('allow_back_orders', 'integer', (c) => c.notNull())
    /** 1: issuing an invoice delivers its stock-tracked lines (once per invoice). */
    .addColumn('deliver_on_invoice_issue', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  const now = new Date().toISOString();
  const q = db as Kysely<Record<string, Record<string, unknown>>>;
  await q
    .insertInto('warehouses')
    .values({
      id: uuidv7(),
      code: 'HL',
      code_key: 'hl',
      name: 'Hauptlager',
      street: null,
      postal_code: null,
      city: null,
      is_default: 1,
      active: 1,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  // Back orders refused by default (the issue): winning a deal needs its stock available.
  await q
    .insertInto('inventory_settings')
    .values({ id: 1, allow_back_orders: 0, deliver_on_invoice_issue: 0, updated_at: now, version: 1 })
    .execute();
}
