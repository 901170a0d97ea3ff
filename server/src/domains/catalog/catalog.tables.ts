/** The catalog tables (migration 2026_11_26_2400_create_catalog). */
export interface ProductsTable {
  id: string;
  sku: string;
  /** lower(trim(sku)), unique: SKUs are unique regardless of case. */
  sku_key: string;
  name: string;
  /** lower(name), for case-insensitive search and sort. */
  name_key: string;
  description: string | null;
  unit: string;
  sales_price_cents: number;
  purchase_price_cents: number | null;
  vat_rate: number;
  kind: 'stock' | 'service';
  active: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ProductSuppliersTable {
  id: string;
  product_id: string;
  company_id: string;
  supplier_sku: string | null;
  purchase_price_cents: number | null;
  min_order_qty_milli: number;
  pack_size_milli: number;
  lead_time_days: number;
  preferred: number;
  position: number;
  created_at: string;
  updated_at: string;
}

declare module '../../platform/db/database' {
  interface Database {
    products: ProductsTable;
    product_suppliers: ProductSuppliersTable;
  }
}
