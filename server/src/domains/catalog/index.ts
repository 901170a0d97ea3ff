import type { DbOrTx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import type { DomainModule } from '../../platform/module';
import { catalogRoutes } from './catalog.routes';
import { subscribeCatalogMergeRepointing } from './on-company-merged.handler';
import { fromMilli } from './products.mappers';
import { findProductsByIds, findSuppliersOfProducts } from './products.repository';
import './automation';

/**
 * The product catalog (issue 6): products, prices, VAT rates, units and supplier data. Owns the
 * `products` and `product_suppliers` tables; raises `product.created` and `product.updated`.
 * Inventory (reorder settings per product and warehouse, stock) and purchasing read products
 * through the functions below.
 */
export const catalogModule: DomainModule = {
  name: 'catalog',
  routes: catalogRoutes,
  subscribers(ctx) {
    subscribeCatalogMergeRepointing(ctx);
  },
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

/**
 * Lines (of a deal or an invoice) that name a catalog product: each product must exist, else a 422
 * with `code` naming the line (`lines.<i>.productId`). Inactive products are accepted — a line keeps
 * its product when that is retired later, and deal lines carry theirs over to the invoice (the
 * pickers offer active products only).
 */
export async function assertLineProductsExist(
  db: DbOrTx,
  lines: readonly { productId?: string | null | undefined }[],
  code: string,
): Promise<void> {
  const ids = lines.flatMap((l) => (l.productId ? [l.productId] : []));
  if (ids.length === 0) return;
  const found = await getProductSummaries(db, ids);
  lines.forEach((l, i) => {
    if (l.productId && !found.has(l.productId)) {
      throw new AppError('unprocessable', code, `Line ${i + 1}: product ${l.productId} does not exist`, [
        { path: `lines.${i}.productId`, message: 'No such product' },
      ]);
    }
  });
}

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

/** A product's suppliers (purchasing: the preferred one gets the draft purchase order). */
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
export {
  applyProductUpdate,
  loadProduct,
  newProductRow,
  supplierUpsertRows,
  upsertProductSupplier,
} from './products.service';
export { fromMilli };
