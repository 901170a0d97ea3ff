import type { Selectable } from 'kysely';
import type {
  InventorySettings,
  ReorderSetting,
  StockLevel,
  StockMove,
  Warehouse,
} from '../../../../contracts/inventory';
import { toBool } from '../../platform/db/database';
import type { InventorySettingsTable, ReorderSettingsTable, WarehousesTable } from './inventory.tables';

/** Thousandths (storage) ↔ decimal quantities (API), like deal and invoice lines. */
export const fromMilli = (milli: number | string | bigint) => Number(milli) / 1000;
export const toMilli = (qty: number) => Math.round(qty * 1000);

export function toWarehouse(row: Selectable<WarehousesTable>): Warehouse {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    street: row.street,
    postalCode: row.postal_code,
    city: row.city,
    isDefault: toBool(row.is_default),
    active: toBool(row.active),
    version: row.version,
  };
}

export function toInventorySettings(row: Selectable<InventorySettingsTable>): InventorySettings {
  return {
    allowBackOrders: toBool(row.allow_back_orders),
    deliverOnInvoiceIssue: toBool(row.deliver_on_invoice_issue),
    version: row.version,
  };
}

export function toReorderSetting(row: Selectable<ReorderSettingsTable>): ReorderSetting {
  return {
    productId: row.product_id,
    warehouseId: row.warehouse_id,
    reorderPoint: fromMilli(row.reorder_point_milli),
    maxLevel: row.max_level_milli === null ? null : fromMilli(row.max_level_milli),
    reorderQty: row.reorder_qty_milli === null ? null : fromMilli(row.reorder_qty_milli),
    version: row.version,
  };
}

/** A row of the stock list query (stock.repository.ts). */
export interface StockRow {
  product_id: string;
  sku: string;
  name: string;
  unit: string;
  warehouse_id: string;
  on_hand: number | string;
  reserved: number | string;
  on_order: number | string;
  reorder_point: number | string | null;
  max_level: number | string | null;
  reorder_qty: number | string | null;
  value_cents: number | string;
  updated_at: string | null;
}

export function toStockLevel(r: StockRow): StockLevel {
  const onHand = Number(r.on_hand);
  const reserved = Number(r.reserved);
  const onOrder = Number(r.on_order);
  const projected = onHand - reserved + onOrder;
  const point = r.reorder_point === null ? null : Number(r.reorder_point);
  return {
    productId: r.product_id,
    sku: r.sku,
    productName: r.name,
    unit: r.unit,
    warehouseId: r.warehouse_id,
    onHand: fromMilli(onHand),
    reserved: fromMilli(reserved),
    onOrder: fromMilli(onOrder),
    available: fromMilli(onHand - reserved),
    projected: fromMilli(projected),
    reorderPoint: point === null ? null : fromMilli(point),
    maxLevel: r.max_level === null ? null : fromMilli(r.max_level),
    reorderQty: r.reorder_qty === null ? null : fromMilli(r.reorder_qty),
    belowReorderPoint: point !== null && projected < point,
    valueCents: Number(r.value_cents),
    updatedAt: r.updated_at,
  };
}

/** A ledger row with its running sums (stock.repository.ts listMoves). */
export interface MoveRow {
  id: string;
  product_id: string;
  warehouse_id: string;
  kind: StockMove['kind'];
  on_hand_delta_milli: number | string;
  reserved_delta_milli: number | string;
  on_order_delta_milli: number | string;
  on_hand_after: number | string;
  reserved_after: number | string;
  on_order_after: number | string;
  source_type: StockMove['sourceType'];
  source_id: string;
  reason: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

export function toStockMove(r: MoveRow, labels: Map<string, string>, users: Map<string, string>): StockMove {
  return {
    id: r.id,
    productId: r.product_id,
    warehouseId: r.warehouse_id,
    kind: r.kind,
    onHandDelta: fromMilli(r.on_hand_delta_milli),
    reservedDelta: fromMilli(r.reserved_delta_milli),
    onOrderDelta: fromMilli(r.on_order_delta_milli),
    onHandAfter: fromMilli(r.on_hand_after),
    reservedAfter: fromMilli(r.reserved_after),
    onOrderAfter: fromMilli(r.on_order_after),
    sourceType: r.source_type,
    sourceId: r.source_id,
    sourceLabel: labels.get(`${r.source_type}:${r.source_id}`) ?? null,
    reason: (r.reason as StockMove['reason']) ?? null,
    note: r.note,
    createdBy: r.created_by,
    createdByName: r.created_by ? (users.get(r.created_by) ?? null) : null,
    createdAt: r.created_at,
  };
}
