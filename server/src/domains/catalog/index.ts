import type { DbOrTx } from '../../platform/db/database';
import type { DomainModule } from '../../platform/module';
import { catalogRoutes } from './catalog.routes';
import { fromMilli } from './products.mappers';
import { findProductsByIds, findSuppliersOfProducts } from './products.repository';

/**
 * The product catalog (issue 6): products, prices, VAT rates, units and supplier data. Owns the
 * `products` and `product_suppliers` tables; raises `product.created` and `product.updated`.
 * Inventory (reorder settings per product and warehouse, stock) and purchasing read products
 * through the functions below.
 */
export const catalogModule: DomainModule = {
  name: 'catalog',
  routes: catalogRoutes,
};

// ─── public read functions for other domains ──────────────────────────────────────────────────────

/** What a deal or invoice line, a stock move or a purchase order line needs of a product. */
export interface ProductSummary {
  id: string;
  sku: string;
  name: string;
  unit: string;
  salesPriceCents: number;
  purchasePriceCents: number | null;
  vatRate: number;
  kind: 'stock' | 'service';
  active: boolean;
}

/** Products by id (inactive ones too: old documents refer to them); missing ids are left out. */
export async function getProductSummaries(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, ProductSummary>> {
  const rows = await findProductsByIds(db, [...new Set(ids)]);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        sku: r.sku,
        name: r.name,
        unit: r.unit,
        salesPriceCents: Number(r.sales_price_cents),
        purchasePriceCents: r.purchase_price_cents === null ? null : Number(r.purchase_price_cents),
        vatRate: r.vat_rate,
        kind: r.kind,
        active: r.active === 1,
      },
    ]),
  );
}

/** A product's suppliers (purchasing: the preferred one gets the draft purchase order). */
export interface ProductSupplierTerms {
  productId: string;
  companyId: string;
  supplierSku: string | null;
  purchasePriceCents: number | null;
  /** In thousandths of the product's unit, like line quantities. */
  minOrderQtyMilli: number;
  packSizeMilli: number;
  leadTimeDays: number;
  preferred: boolean;
}

export async function getProductSuppliers(
  db: DbOrTx,
  productIds: readonly string[],
): Promise<ProductSupplierTerms[]> {
  const rows = await findSuppliersOfProducts(db, [...new Set(productIds)]);
  return rows.map((r) => ({
    productId: r.product_id,
    companyId: r.company_id,
    supplierSku: r.supplier_sku,
    purchasePriceCents: r.purchase_price_cents === null ? null : Number(r.purchase_price_cents),
    minOrderQtyMilli: Number(r.min_order_qty_milli),
    packSizeMilli: Number(r.pack_size_milli),
    leadTimeDays: r.lead_time_days,
    preferred: r.preferred === 1,
  }));
}

export type { CatalogDeps } from './catalog.deps';
export { seedCatalog } from './catalog.seed';
export { supplierRows } from './product-suppliers';
export { productAuditSnapshot, toProduct } from './products.mappers';
export {
  findProductsBySkuKeys,
  insertProductSuppliers,
  insertProducts,
  skuKey,
} from './products.repository';
export { applyProductUpdate, loadProduct, newProductRow, upsertProductSupplier } from './products.service';
export { fromMilli };
