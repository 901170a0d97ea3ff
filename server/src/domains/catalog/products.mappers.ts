import type {
  Product,
  ProductListItem,
  ProductLookupItem,
  ProductSupplier,
} from '../../../../contracts/catalog';
import { toBool } from '../../platform/db/database';
import type { ProductListRow, ProductRow, ProductSupplierRow } from './products.repository';

/** Thousandths (storage) ↔ decimal quantities (API), like invoice lines. */
export const fromMilli = (milli: number | string) => Number(milli) / 1000;
export const toMilli = (qty: number) => Math.round(qty * 1000);

export function toProductSupplier(row: ProductSupplierRow, names: Map<string, string>): ProductSupplier {
  return {
    companyId: row.company_id,
    companyName: names.get(row.company_id) ?? null,
    supplierSku: row.supplier_sku,
    purchasePriceCents: row.purchase_price_cents === null ? null : Number(row.purchase_price_cents),
    minOrderQty: fromMilli(row.min_order_qty_milli),
    packSize: fromMilli(row.pack_size_milli),
    leadTimeDays: row.lead_time_days,
    preferred: toBool(row.preferred),
  };
}

function productFields(row: ProductRow) {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    description: row.description,
    unit: row.unit,
    salesPriceCents: Number(row.sales_price_cents),
    purchasePriceCents: row.purchase_price_cents === null ? null : Number(row.purchase_price_cents),
    vatRate: row.vat_rate,
    kind: row.kind,
    active: toBool(row.active),
    currency: 'EUR' as const,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toProduct(
  row: ProductRow,
  suppliers: ProductSupplierRow[],
  names: Map<string, string>,
): Product {
  const list = suppliers.map((s) => toProductSupplier(s, names));
  return {
    ...productFields(row),
    suppliers: list,
    preferredSupplierId: list.find((s) => s.preferred)?.companyId ?? null,
  };
}

export function toProductListItem(row: ProductListRow, names: Map<string, string>): ProductListItem {
  return {
    ...productFields(row),
    preferredSupplierId: row.preferred_company_id,
    preferredSupplierName: row.preferred_company_id ? (names.get(row.preferred_company_id) ?? null) : null,
    supplierCount: Number(row.supplier_count),
  };
}

export function toLookupItem(row: ProductRow): ProductLookupItem {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    description: row.description,
    unit: row.unit,
    unitPriceCents: Number(row.sales_price_cents),
    vatRate: row.vat_rate,
    kind: row.kind,
  };
}

/** What the audit trail records of a product (suppliers as a compact list). */
export function productAuditSnapshot(p: Product): Record<string, unknown> {
  const { suppliers, createdAt: _c, updatedAt: _u, currency: _cur, preferredSupplierId: _p, ...rest } = p;
  return {
    ...rest,
    suppliers: suppliers.map((s) => ({
      companyId: s.companyId,
      supplierSku: s.supplierSku,
      purchasePriceCents: s.purchasePriceCents,
      minOrderQty: s.minOrderQty,
      packSize: s.packSize,
      leadTimeDays: s.leadTimeDays,
      preferred: s.preferred,
    })),
  };
}
