import { type Kysely, sql } from 'kysely';

/**
 * Catalog domain (issue 6): products and their suppliers.
 *
 * - `sku_key` is lower(trim(sku)) with a unique constraint: "AB-100" and "ab-100 " are the same SKU
 *   on both dialects (no collation or expression index needed), and imports look products up by it.
 * - Products are never deleted: invoice and deal lines, stock moves and purchase orders point at them;
 *   "delete" deactivates (`active` = 0).
 * - Supplier quantities (minimum order quantity, pack size) are thousandths of the product's unit,
 *   like invoice and deal lines (`quantity_milli`): 2.5 kg or 12.5 m are orderable quantities.
 * - One preferred supplier per product: a partial unique index on (product_id) where preferred = 1,
 *   so two concurrent edits cannot leave two preferred rows.
 * - Reorder settings per product and warehouse come with the inventory domain (their own table keyed
 *   by product_id and warehouse_id); nothing here needs to change for them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('sku_key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    /** lower(name): case-insensitive search and sort on both dialects. */
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    /** UN/ECE Recommendation 20 code: C62 piece, HUR hour, KGM kg, MTR metre, LTR litre … */
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('sales_price_cents', 'bigint', (c) => c.notNull())
    .addColumn('purchase_price_cents', 'bigint')
    /** 19, 7 or 0 (percent), like invoice lines. */
    .addColumn('vat_rate', 'integer', (c) => c.notNull())
    /** 'stock' (stock-tracked) or 'service'. */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  const productIndexes: Array<[string, string[]]> = [
    ['products_name', ['name_key', 'id']],
    ['products_sku', ['sku_key', 'id']],
    ['products_sales_price', ['sales_price_cents', 'id']],
    ['products_created', ['created_at', 'id']],
    ['products_updated', ['updated_at', 'id']],
    ['products_kind_active', ['kind', 'active', 'id']],
  ];
  for (const [name, columns] of productIndexes) {
    await db.schema.createIndex(name).on('products').columns(columns).execute();
  }

  await db.schema
    .createTable('product_suppliers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    /** A company with the supplier role. */
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('supplier_sku', 'text')
    .addColumn('purchase_price_cents', 'bigint')
    /** Thousandths of the product's unit. */
    .addColumn('min_order_qty_milli', 'bigint', (c) => c.notNull())
    .addColumn('pack_size_milli', 'bigint', (c) => c.notNull())
    .addColumn('lead_time_days', 'integer', (c) => c.notNull())
    .addColumn('preferred', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('product_suppliers_product_company', ['product_id', 'company_id'])
    .execute();
  await db.schema
    .createIndex('product_suppliers_one_preferred')
    .on('product_suppliers')
    .column('product_id')
    .unique()
    .where(sql<boolean>`preferred = 1`)
    .execute();
  await db.schema
    .createIndex('product_suppliers_company')
    .on('product_suppliers')
    .columns(['company_id', 'product_id'])
    .execute();

  await clearDanglingLineProducts(db);
}

/**
 * Before the catalog existed any UUID was accepted as a line's product_id; no product exists yet,
 * so every such id dangles and would make each later edit of the lines fail (422). Cleared on deal
 * lines and on the lines of draft invoices (issued invoices are immutable and keep theirs).
 */
export async function clearDanglingLineProducts(db: Kysely<unknown>): Promise<void> {
  await sql`update deal_lines set product_id = null where product_id is not null`.execute(db);
  await sql`update invoice_lines set product_id = null where product_id is not null and invoice_id in (select id from invoices where status = 'draft')`.execute(
    db,
  );
}
