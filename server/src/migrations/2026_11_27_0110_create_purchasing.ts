import { type Kysely, sql } from 'kysely';

/**
 * Purchasing domain (issue 6): purchase orders to the company's suppliers, their lines (with the
 * explanation of a replenishment line), goods receipts, approval limits and settings.
 *
 * - Status: draft → approved → sent → partially_received → received, or cancelled (from draft,
 *   approved or sent). Approval counts the lines "on order" (inventory ledger moves of kind
 *   `order`); receipts move them to on hand; cancelling takes the rest off order.
 * - One supplier gets one draft per warehouse: a partial unique index on (supplier_id, warehouse_id)
 *   where status = 'draft'. Replenishment inserts a draft or finds the existing one; two concurrent
 *   checks that both try to insert meet at the index and the loser reads the winner's draft.
 * - One line per product in a purchase order (unique (purchase_order_id, product_id)): replenishment
 *   sets the line's quantity to what the shortfall needs now, so it never orders twice for it.
 * - `follow_up_raised_at` is set once by the daily follow-up sweep (conditional UPDATE) when the
 *   expected date passed unreceived: the purchase follow-up task is created exactly once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('purchase_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** BE-2026-00001, given when the draft is made. */
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('supplier_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    /** manual | replenishment */
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('net_cents', 'bigint', (c) => c.notNull())
    /** Business date the goods are expected (order date + the longest supplier lead time). */
    .addColumn('expected_date', 'text')
    .addColumn('note', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('sent_to', 'text')
    .addColumn('received_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('follow_up_raised_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('purchase_orders_one_draft')
    .on('purchase_orders')
    .columns(['supplier_id', 'warehouse_id'])
    .unique()
    .where(sql<boolean>`status = 'draft'`)
    .execute();
  const indexes: Array<[string, string[]]> = [
    ['purchase_orders_status', ['status', 'expected_date', 'id']],
    ['purchase_orders_supplier', ['supplier_id', 'status', 'id']],
    ['purchase_orders_created', ['created_at', 'id']],
  ];
  for (const [name, columns] of indexes) {
    await db.schema.createIndex(name).on('purchase_orders').columns(columns).execute();
  }

  await db.schema
    .createTable('purchase_order_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purchase_order_id', 'text', (c) => c.notNull().references('purchase_orders.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('supplier_sku', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity_milli', 'bigint', (c) => c.notNull())
    .addColumn('received_milli', 'bigint', (c) => c.notNull())
    .addColumn('unit_price_cents', 'bigint', (c) => c.notNull())
    .addColumn('net_cents', 'bigint', (c) => c.notNull())
    .addColumn('vat_rate', 'integer', (c) => c.notNull())
    /** manual | replenishment */
    .addColumn('origin', 'text', (c) => c.notNull())
    /** JSON (contracts/purchasing.ts ReplenishmentExplanation) for replenishment lines. */
    .addColumn('explanation', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('purchase_order_lines_product', ['purchase_order_id', 'product_id'])
    .execute();
  await db.schema
    .createIndex('purchase_order_lines_product_open')
    .on('purchase_order_lines')
    .columns(['product_id', 'purchase_order_id'])
    .execute();

  await db.schema
    .createTable('goods_receipts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purchase_order_id', 'text', (c) => c.notNull().references('purchase_orders.id'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('goods_receipts_order')
    .on('goods_receipts')
    .columns(['purchase_order_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('goods_receipt_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('goods_receipt_id', 'text', (c) => c.notNull().references('goods_receipts.id'))
    .addColumn('purchase_order_line_id', 'text', (c) => c.notNull().references('purchase_order_lines.id'))
    .addColumn('quantity_milli', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('goods_receipt_lines_receipt')
    .on('goods_receipt_lines')
    .columns(['goods_receipt_id'])
    .execute();

  await db.schema
    .createTable('purchase_order_number_series')
    .addColumn('series', 'text', (c) => c.primaryKey())
    .addColumn('next_number', 'integer', (c) => c.notNull())
    .execute();

  /** Per user: the largest net total they may approve; no row = may not approve (admins: no limit). */
  await db.schema
    .createTable('purchase_approval_limits')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    /** null: no limit. */
    .addColumn('limit_cents', 'bigint')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('purchasing_settings')
    /** Always 1. */
    .addColumn('id', 'integer', (c) => c.primaryKey())
    /** 1: replenishment runs on every stock change; 0: only suggestions (GET /api/replenishment). */
    .addColumn('auto_draft', 'integer', (c) => c.notNull())
    /** 1: open deals' expected demand (quantity × probability, closing within the lead time) counts. */
    .addColumn('count_pipeline_demand', 'integer', (c) => c.notNull())
    /** The team that gets purchase follow-up tasks (null: the team named "Einkauf", else the approver). */
    .addColumn('follow_up_team_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await (db as Kysely<Record<string, Record<string, unknown>>>)
    .insertInto('purchasing_settings')
    .values({
      id: 1,
      auto_draft: 1,
      count_pipeline_demand: 0,
      follow_up_team_id: null,
      updated_at: new Date().toISOString(),
      version: 1,
    })
    .execute();
}
