import { z } from 'zod';
import { IdParams, Problem } from '../../../../contracts/common';
import {
  ApprovalLimit,
  ApprovalLimitList,
  CancelPurchaseOrder,
  CreateGoodsReceipt,
  CreatePurchaseOrder,
  GoodsReceipt,
  GoodsReceiptList,
  PurchaseOrder,
  PurchaseOrderAction,
  PurchaseOrderList,
  PurchaseOrderListQuery,
  PurchasingSettings,
  PutApprovalLimit,
  SendPurchaseOrder,
  UpdatePurchaseOrder,
  UpdatePurchasingSettings,
} from '../../../../contracts/purchasing';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import {
  approvePurchaseOrder,
  cancelPurchaseOrder,
  purchaseOrderPdf,
  sendPurchaseOrder,
} from './purchase-orders.lifecycle';
import { receiveGoods } from './purchase-orders.receive';
import {
  createPurchaseOrder,
  getPurchaseOrder,
  listGoodsReceipts,
  listPurchaseOrders,
  updatePurchaseOrder,
} from './purchase-orders.service';
import {
  deleteApprovalLimit,
  getPurchasingSettings,
  listApprovalLimits,
  putApprovalLimit,
  updatePurchasingSettings,
} from './purchasing-settings.service';

const UserParams = z.object({ userId: z.uuid() });

/** Purchase orders, goods receipts, approval limits and purchasing settings. */
export function purchasingRoutes(app: App, ctx: AppContext): void {
  const tags = ['purchasing'];

  app.get(
    '/api/purchase-orders',
    {
      schema: {
        tags,
        summary: 'Purchase orders',
        description:
          '`status` one status or `open` (approved, sent, partially received); `supplierId`; `productId` orders with a line for it; `overdue=true` open orders past their expected date; `q` number or supplier name; `sort` number, createdAt, expectedDate, netCents, supplier (`-` descending, default `-createdAt`).',
        querystring: PurchaseOrderListQuery,
        response: { 200: PurchaseOrderList },
      },
    },
    async (request) => {
      requirePermission(request, 'purchaseOrders.read', 'see purchase orders');
      return listPurchaseOrders(ctx, request.query);
    },
  );

  app.get(
    '/api/purchase-orders/:id',
    {
      schema: {
        tags,
        summary: 'One purchase order with its lines',
        params: IdParams,
        response: { 200: PurchaseOrder },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'purchaseOrders.read', 'see purchase orders');
      return getPurchaseOrder(ctx, request.params.id, actor);
    },
  );

  app.post(
    '/api/purchase-orders',
    {
      schema: {
        tags,
        summary: 'Create a draft purchase order',
        description:
          'To a company with the supplier role (422 `purchase_orders.invalid_supplier`). Lines: active products, each once; the unit price defaults to the supplier’s price for the product, else its purchase price (422 `purchase_orders.invalid_lines` when neither exists). One draft per supplier and warehouse: 409 `purchase_orders.draft_exists` names the existing one. Raises `po.created`.',
        body: CreatePurchaseOrder,
        response: { 201: PurchaseOrder, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'purchaseOrders.write', 'create purchase orders');
      return reply.status(201).send(await createPurchaseOrder(ctx, actor, request.body));
    },
  );

  app.patch(
    '/api/purchase-orders/:id',
    {
      schema: {
        tags,
        summary: 'Change a draft',
        description:
          'Drafts only (409 `purchase_orders.wrong_status` otherwise). `lines` replaces all lines. Send `version` (409 when stale).',
        params: IdParams,
        body: UpdatePurchaseOrder,
        response: { 200: PurchaseOrder, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'purchaseOrders.write', 'change purchase orders');
      return updatePurchaseOrder(ctx, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/purchase-orders/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve a draft',
        description:
          'Needs an approval limit covering the net total (403 `purchase_orders.over_approval_limit` / `no_approval_limit`; admins without a limit row may approve any). An API token approves as its user, within that user’s limit. The lines go on order; the expected date defaults to today + the longest supplier lead time. Raises `po.approved`.',
        params: IdParams,
        body: PurchaseOrderAction,
        response: { 200: PurchaseOrder, 403: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'purchaseOrders.approve', 'approve purchase orders');
      return approvePurchaseOrder(ctx, actor, request.params.id, request.body.version);
    },
  );

  app.post(
    '/api/purchase-orders/:id/send',
    {
      schema: {
        tags,
        summary: 'Send the order to the supplier by e-mail (PDF attached)',
        description:
          'Approved → sent (sent or partly received orders may be sent again). `to` defaults to the address the supplier’s last order went to; 422 `purchase_orders.no_recipient` without one. Raises `po.sent`.',
        params: IdParams,
        body: SendPurchaseOrder,
        response: { 200: PurchaseOrder, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'purchaseOrders.write', 'send purchase orders');
      return (await sendPurchaseOrder(ctx, actor, request.params.id, request.body)).order;
    },
  );

  app.post(
    '/api/purchase-orders/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel an order, or close a partially received one short',
        description:
          'With a `reason`; what is still open goes off order (quantity − received per line). A draft, approved or sent order becomes `cancelled`. A partially received order is closed short: it becomes `received` (nothing open any more) with `cancelledAt` and `cancelReason` saying why the rest will not come, so the product can be reordered. 409 `purchase_orders.wrong_status` for received or cancelled orders. Raises `po.cancelled` (the purchase follow-up task closes).',
        params: IdParams,
        body: CancelPurchaseOrder,
        response: { 200: PurchaseOrder, 409: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'purchaseOrders.write', 'cancel purchase orders');
      return cancelPurchaseOrder(ctx, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/purchase-orders/:id/receipts',
    {
      schema: {
        tags,
        summary: 'Book a goods receipt',
        description:
          'Received quantities per line, each at most what is still open (422 `purchase_orders.invalid_receipt` naming the line). Stock on hand rises, on order falls. The order becomes partially received or received. Raises `po.received`.',
        params: IdParams,
        body: CreateGoodsReceipt,
        response: { 201: GoodsReceipt, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'purchaseOrders.write', 'receive goods');
      const { receipt } = await receiveGoods(ctx, actor, request.params.id, request.body);
      return reply.status(201).send(receipt);
    },
  );

  app.get(
    '/api/purchase-orders/:id/receipts',
    {
      schema: {
        tags,
        summary: 'The goods receipts of an order',
        params: IdParams,
        response: { 200: GoodsReceiptList },
      },
    },
    async (request) => {
      requirePermission(request, 'purchaseOrders.read', 'see purchase orders');
      return listGoodsReceipts(ctx, request.params.id);
    },
  );

  app.get(
    '/api/purchase-orders/:id/pdf',
    {
      schema: {
        tags,
        summary: 'The purchase order as PDF',
        params: IdParams,
        querystring: z.object({ download: z.stringbool().optional() }),
        response: { 200: z.any().describe('application/pdf') },
      },
    },
    async (request, reply) => {
      requirePermission(request, 'purchaseOrders.read', 'see purchase orders');
      const doc = await purchaseOrderPdf(ctx, request.params.id);
      return reply
        .header('cache-control', 'private, no-store')
        .header(
          'content-disposition',
          `${request.query.download ? 'attachment' : 'inline'}; filename="${doc.filename}"`,
        )
        .type('application/pdf')
        .send(doc.body);
    },
  );

  app.get(
    '/api/purchasing/approval-limits',
    {
      schema: {
        tags,
        summary: 'Approval limits of the users who may approve',
        description:
          'Active admins, managers and purchasing users; `canApprove` false: no limit set (may not approve).',
        response: { 200: ApprovalLimitList },
      },
    },
    async (request) => {
      requirePermission(request, 'purchaseOrders.read', 'see approval limits');
      return listApprovalLimits(ctx);
    },
  );

  app.put(
    '/api/purchasing/approval-limits/:userId',
    {
      schema: {
        tags,
        summary: 'Set a user’s approval limit',
        description: '`limitCents` the largest net total the user may approve; `null` no limit.',
        params: UserParams,
        body: PutApprovalLimit,
        response: { 200: ApprovalLimit, 422: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'purchasing.settings', 'set approval limits');
      return putApprovalLimit(ctx, actor, request.params.userId, request.body);
    },
  );

  app.delete(
    '/api/purchasing/approval-limits/:userId',
    {
      schema: {
        tags,
        summary: 'Remove a user’s approval limit (they may no longer approve)',
        params: UserParams,
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'purchasing.settings', 'remove approval limits');
      await deleteApprovalLimit(ctx, actor, request.params.userId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/purchasing/settings',
    { schema: { tags, summary: 'Purchasing settings', response: { 200: PurchasingSettings } } },
    async (request) => {
      requirePermission(request, 'purchaseOrders.read', 'see the purchasing settings');
      return getPurchasingSettings(ctx);
    },
  );

  app.patch(
    '/api/purchasing/settings',
    {
      schema: {
        tags,
        summary: 'Change the purchasing settings',
        description:
          'Send `version` (409 when stale). `followUpTeamId` null: the team "Einkauf", else the approver.',
        body: UpdatePurchasingSettings,
        response: { 200: PurchasingSettings, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'purchasing.settings', 'change the purchasing settings');
      return updatePurchasingSettings(ctx, actor, request.body);
    },
  );
}
