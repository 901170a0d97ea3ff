import { toBool } from '../../platform/db/database';
import { type RecordValues, registerRecordType } from '../automation';

/**
 * What the catalog domain offers the automation engine (registered at module load; see
 * automation/registry.ts): the record type `product` — the root of `product.*` and
 * `stock.below_minimum` rules — with its preferred supplier as a related company.
 */
registerRecordType({
  type: 'product',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'sku', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'description', type: 'string' },
    { name: 'kind', type: 'enum', options: ['stock', 'service'] },
    { name: 'active', type: 'boolean' },
    { name: 'unit', type: 'string' },
    { name: 'salesPriceCents', type: 'money' },
    { name: 'purchasePriceCents', type: 'money' },
    { name: 'vatRate', type: 'number' },
    { name: 'preferredSupplierId', type: 'company' },
    { name: 'createdAt', type: 'string' },
  ],
  related: [{ name: 'preferredSupplier', type: 'company', via: 'preferredSupplierId' }],
  async load(db, ids) {
    const result = new Map<string, RecordValues>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      const [rows, preferred] = await Promise.all([
        db.selectFrom('products').selectAll().where('id', 'in', chunk).execute(),
        db
          .selectFrom('product_suppliers')
          .select(['product_id', 'company_id'])
          .where('product_id', 'in', chunk)
          .where('preferred', '=', 1)
          .execute(),
      ]);
      const supplierOf = new Map(preferred.map((p) => [p.product_id, p.company_id]));
      for (const row of rows) {
        result.set(row.id, {
          id: row.id,
          sku: row.sku,
          name: row.name,
          description: row.description,
          kind: row.kind,
          active: toBool(row.active),
          unit: row.unit,
          salesPriceCents: Number(row.sales_price_cents),
          purchasePriceCents: row.purchase_price_cents === null ? null : Number(row.purchase_price_cents),
          vatRate: Number(row.vat_rate),
          preferredSupplierId: supplierOf.get(row.id) ?? null,
          createdAt: row.created_at,
        });
      }
    }
    return result;
  },
  label: (v) => (v.sku ? `${v.name} (${v.sku})` : String(v.name ?? v.id)),
  async recent(db, limit) {
    const rows = await db
      .selectFrom('products')
      .select('id')
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  },
});
