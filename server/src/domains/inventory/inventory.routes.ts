import { z } from 'zod';
import { IdParams, Problem } from '../../../../contracts/common';
import {
  CreateDelivery,
  CreateStockAdjustment,
  CreateStockCount,
  CreateWarehouse,
  DealStock,
  Delivery,
  DeliveryList,
  DeliveryListQuery,
  InventorySettings,
  PutReorderSetting,
  ReorderSetting,
  ReorderSettingList,
  StockChangeResult,
  StockList,
  StockListQuery,
  StockMoveList,
  StockMoveListQuery,
  UpdateInventorySettings,
  UpdateWarehouse,
  Warehouse,
  WarehouseList,
} from '../../../../contracts/inventory';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import { getDealStock, getDelivery, listDeliveries } from './deliveries.queries';
import { createDelivery } from './deliveries.service';
import { deleteReorderSetting, listReorderSettings, putReorderSetting } from './reorder-settings.service';
import { createAdjustment, createCount, getStockList, getStockMoves } from './stock.service';
import {
  createWarehouse,
  listWarehouses,
  readInventorySettings,
  updateInventorySettings,
  updateWarehouse,
} from './warehouses.service';

const WarehouseQuery = z.object({ warehouseId: z.uuid().optional() });

export function inventoryRoutes(app: App, ctx: AppContext) {
  // ─── warehouses and settings ───────────────────────────────────────────────────────────────────
  app.get(
    '/api/warehouses',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Warehouses',
        description: 'All warehouses, the default one first.',
        response: { 200: WarehouseList },
      },
    },
    async (request) => {
      requirePermission(request, 'stock.read', 'see stock');
      return listWarehouses(ctx);
    },
  );

  app.post(
    '/api/warehouses',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Create a warehouse',
        description:
          'Codes are unique regardless of case (422 `inventory.warehouse_code_taken`). `isDefault: true` makes it the one default warehouse.',
        body: CreateWarehouse,
        response: { 201: Warehouse, 422: Problem },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'inventory.settings', 'manage warehouses');
      return reply.status(201).send(await createWarehouse(ctx, actor, request.body));
    },
  );

  app.patch(
    '/api/warehouses/:id',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Change a warehouse',
        description:
          'Send `version` (409 when stale). `isDefault: true` moves the default here; the default warehouse cannot be un-defaulted or deactivated (make another the default).',
        params: IdParams,
        body: UpdateWarehouse,
        response: { 200: Warehouse, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'inventory.settings', 'manage warehouses');
      return updateWarehouse(ctx, actor, request.params.id, request.body);
    },
  );

  app.get(
    '/api/inventory/settings',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Inventory settings',
        response: { 200: InventorySettings },
      },
    },
    async (request) => {
      requirePermission(request, 'stock.read', 'see stock');
      return readInventorySettings(ctx);
    },
  );

  app.patch(
    '/api/inventory/settings',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Change the inventory settings',
        description:
          '`allowBackOrders`: allow available stock below zero (else such moves and wins are refused with 409 `stock.insufficient`). `deliverOnInvoiceIssue`: issuing an invoice delivers its stock-tracked lines. Send `version`.',
        body: UpdateInventorySettings,
        response: { 200: InventorySettings, 409: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'inventory.settings', 'change the inventory settings');
      return updateInventorySettings(ctx, actor, request.body);
    },
  );

  // ─── stock ─────────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/stock',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Stock per product in a warehouse',
        description:
          'Stock-tracked products (inactive ones while they have stock) with on hand, reserved, on order, available, projected, reorder settings and value (on hand × preferred supplier price, else purchase price). `q` searches SKU and name; `belowReorderPoint=true` only those below; `sort` sku, name, onHand, available, projected, value (`-` descending).',
        querystring: StockListQuery,
        response: { 200: StockList },
      },
    },
    async (request) => {
      requirePermission(request, 'stock.read', 'see stock');
      return getStockList(ctx, request.query);
    },
  );

  app.get(
    '/api/stock/moves',
    {
      schema: {
        tags: ['inventory'],
        summary: "A product's stock moves",
        description:
          'Newest first, each with the levels right after it (`onHandAfter`, `reservedAfter`, `onOrderAfter`) and a label of its source (deal title, delivery number; none yet for purchase orders).',
        querystring: StockMoveListQuery,
        response: { 200: StockMoveList },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'stock.read', 'see stock');
      return getStockMoves(ctx, actor, request.query);
    },
  );

  app.post(
    '/api/stock/adjustments',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Adjust stock with a reason',
        description:
          'Adds `quantityChange` (negative: removes) to on hand. 409 `stock.insufficient` when it would make available stock negative and back orders are not allowed; 422 for services. Raises `stock.changed`.',
        body: CreateStockAdjustment,
        response: { 201: StockChangeResult, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'stock.write', 'adjust stock');
      return reply.status(201).send(await createAdjustment(ctx, actor, request.body));
    },
  );

  app.post(
    '/api/stock/counts',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Book an inventory count',
        description:
          'Each product’s on hand becomes the counted quantity through a `count` move of the difference (none when it matches). 422 naming the line for services, unknown or repeated products.',
        body: CreateStockCount,
        response: { 201: StockChangeResult, 422: Problem },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'stock.write', 'count stock');
      return reply.status(201).send(await createCount(ctx, actor, request.body));
    },
  );

  // ─── reorder settings ──────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/products/:id/reorder-settings',
    {
      schema: {
        tags: ['inventory'],
        summary: "A product's reorder settings (per warehouse)",
        params: IdParams,
        response: { 200: ReorderSettingList },
      },
    },
    async (request) => {
      requirePermission(request, 'stock.read', 'see stock');
      return listReorderSettings(ctx, request.params.id);
    },
  );

  app.put(
    '/api/products/:id/reorder-settings',
    {
      schema: {
        tags: ['inventory'],
        summary: "Set a product's reorder settings for a warehouse",
        description:
          'Reorder point and either `maxLevel` or `reorderQty`. Replacing existing settings needs their `version` (409 otherwise). Stock-tracked products only (422). Raises `stock.changed` so purchasing re-checks the product.',
        params: IdParams,
        body: PutReorderSetting,
        response: { 200: ReorderSetting, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'stock.write', 'change reorder settings');
      return putReorderSetting(ctx, actor, request.params.id, request.body);
    },
  );

  app.delete(
    '/api/products/:id/reorder-settings',
    {
      schema: {
        tags: ['inventory'],
        summary: "Remove a product's reorder settings for a warehouse",
        description: 'The default warehouse unless `warehouseId` is given. Idempotent.',
        params: IdParams,
        querystring: WarehouseQuery,
        response: { 204: z.null().describe('Removed') },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'stock.write', 'change reorder settings');
      await deleteReorderSetting(ctx, actor, request.params.id, request.query.warehouseId);
      return reply.status(204).send(null);
    },
  );

  // ─── deliveries ────────────────────────────────────────────────────────────────────────────────
  app.post(
    '/api/deliveries',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Deliver goods of a won deal or an issued invoice',
        description:
          'From a deal: its open reservation (all, or the quantities in `lines`). From an invoice: its stock-tracked lines still undelivered, using the deal’s reservation when the invoice came from one. 422 `deliveries.over_delivery` naming the line when more than is open; 409 `stock.insufficient` when unreserved goods are short and back orders are not allowed. Raises `delivery.created`.',
        body: CreateDelivery,
        response: { 201: Delivery, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'deliveries.write', 'deliver goods');
      return reply.status(201).send(await createDelivery(ctx, actor, request.body));
    },
  );

  app.get(
    '/api/deliveries',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Deliveries',
        description: 'Newest first; `dealId` or `invoiceId` filter.',
        querystring: DeliveryListQuery,
        response: { 200: DeliveryList },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'stock.read', 'see deliveries');
      return listDeliveries(ctx, actor, request.query);
    },
  );

  app.get(
    '/api/deliveries/:id',
    {
      schema: {
        tags: ['inventory'],
        summary: 'One delivery',
        params: IdParams,
        response: { 200: Delivery, 404: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'stock.read', 'see deliveries');
      return getDelivery(ctx, actor, request.params.id);
    },
  );

  app.get(
    '/api/deals/:id/stock',
    {
      schema: {
        tags: ['inventory'],
        summary: "A deal's reservations and deliveries",
        description: '404 for deals the caller cannot see (their company is not visible to them).',
        params: IdParams,
        response: { 200: DealStock, 404: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'stock.read', 'see stock');
      return getDealStock(ctx, actor, request.params.id);
    },
  );
}
