/** The inventory tables (migration 2026_11_27_0100_create_inventory). Quantities in thousandths. */
export interface WarehousesTable {
  id: string;
  code: string;
  code_key: string;
  name: string;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  is_default: number;
  active: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface StockLevelsTable {
  product_id: string;
  warehouse_id: string;
  on_hand_milli: number;
  reserved_milli: number;
  on_order_milli: number;
  last_move_id: string | null;
  updated_at: string;
}

export interface StockMovesTable {
  id: string;
  product_id: string;
  warehouse_id: string;
  kind:
    | 'receipt'
    | 'delivery'
    | 'reservation'
    | 'release'
    | 'adjustment'
    | 'count'
    | 'order'
    | 'order_cancel';
  on_hand_delta_milli: number;
  reserved_delta_milli: number;
  on_order_delta_milli: number;
  source_type: 'deal' | 'delivery' | 'purchase_order' | 'goods_receipt' | 'adjustment' | 'count';
  source_id: string;
  source_line_id: string | null;
  reason: string | null;
  note: string | null;
  dedupe_key: string | null;
  created_by: string | null;
  created_at: string;
}

export interface StockReservationsTable {
  id: string;
  deal_id: string;
  warehouse_id: string;
  status: 'open' | 'delivered' | 'released';
  created_at: string;
  closed_at: string | null;
}

export interface StockReservationLinesTable {
  id: string;
  reservation_id: string;
  deal_line_id: string | null;
  product_id: string;
  quantity_milli: number;
  delivered_milli: number;
  released_milli: number;
}

export interface DeliveriesTable {
  id: string;
  number: string;
  warehouse_id: string;
  deal_id: string | null;
  invoice_id: string | null;
  reservation_id: string | null;
  company_id: string | null;
  delivered_on: string;
  note: string | null;
  source_key: string | null;
  created_by: string | null;
  created_at: string;
}

export interface DeliveryLinesTable {
  id: string;
  delivery_id: string;
  position: number;
  product_id: string;
  quantity_milli: number;
}

export interface DeliveryNumberSeriesTable {
  series: string;
  next_number: number;
}

export interface ReorderSettingsTable {
  product_id: string;
  warehouse_id: string;
  reorder_point_milli: number;
  max_level_milli: number | null;
  reorder_qty_milli: number | null;
  updated_at: string;
  version: number;
}

export interface InventorySettingsTable {
  id: number;
  allow_back_orders: number;
  deliver_on_invoice_issue: number;
  updated_at: string;
  version: number;
}

declare module '../../platform/db/database' {
  interface Database {
    warehouses: WarehousesTable;
    stock_levels: StockLevelsTable;
    stock_moves: StockMovesTable;
    stock_reservations: StockReservationsTable;
    stock_reservation_lines: StockReservationLinesTable;
    deliveries: DeliveriesTable;
    delivery_lines: DeliveryLinesTable;
    delivery_number_series: DeliveryNumberSeriesTable;
    reorder_settings: ReorderSettingsTable;
    inventory_settings: InventorySettingsTable;
  }
}
