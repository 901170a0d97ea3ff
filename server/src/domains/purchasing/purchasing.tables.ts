/** The purchasing tables (migration 2026_11_27_0110_create_purchasing). Quantities in thousandths. */
export interface PurchaseOrdersTable {
  id: string;
  number: string;
  supplier_id: string;
  warehouse_id: string;
  status: 'draft' | 'approved' | 'sent' | 'partially_received' | 'received' | 'cancelled';
  origin: 'manual' | 'replenishment';
  currency: string;
  net_cents: number;
  expected_date: string | null;
  note: string | null;
  approved_by: string | null;
  approved_at: string | null;
  sent_at: string | null;
  sent_to: string | null;
  received_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  follow_up_raised_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PurchaseOrderLinesTable {
  id: string;
  purchase_order_id: string;
  position: number;
  product_id: string;
  supplier_sku: string | null;
  description: string;
  quantity_milli: number;
  received_milli: number;
  unit_price_cents: number;
  net_cents: number;
  vat_rate: number;
  origin: 'manual' | 'replenishment';
  /** JSON of contracts/purchasing.ts ReplenishmentExplanation. */
  explanation: string | null;
  created_at: string;
  updated_at: string;
}

export interface GoodsReceiptsTable {
  id: string;
  purchase_order_id: string;
  received_on: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

export interface GoodsReceiptLinesTable {
  id: string;
  goods_receipt_id: string;
  purchase_order_line_id: string;
  quantity_milli: number;
}

export interface PurchaseOrderNumberSeriesTable {
  series: string;
  next_number: number;
}

export interface PurchaseApprovalLimitsTable {
  user_id: string;
  limit_cents: number | null;
  updated_at: string;
}

export interface PurchasingSettingsTable {
  id: number;
  auto_draft: number;
  count_pipeline_demand: number;
  follow_up_team_id: string | null;
  updated_at: string;
  version: number;
}

declare module '../../platform/db/database' {
  interface Database {
    purchase_orders: PurchaseOrdersTable;
    purchase_order_lines: PurchaseOrderLinesTable;
    goods_receipts: GoodsReceiptsTable;
    goods_receipt_lines: GoodsReceiptLinesTable;
    purchase_order_number_series: PurchaseOrderNumberSeriesTable;
    purchase_approval_limits: PurchaseApprovalLimitsTable;
    purchasing_settings: PurchasingSettingsTable;
  }
}
