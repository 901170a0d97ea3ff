import type { ListResponse } from '../../../../contracts/common';
import type {
  CreatePurchaseOrder,
  GoodsReceipt,
  PurchaseOrder,
  PurchaseOrderLineInput,
  PurchaseOrderListItem,
  PurchaseOrderListQuery,
  UpdatePurchaseOrder,
} from '../../../../contracts/purchasing';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import type { DbOrTx, Tx } from '../../platform/db/database';
import { parseSort } from '../../platform/db/pagination';
import { AppError, type FieldError, notFound, staleVersion } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { getProductSummaries, getProductSuppliers } from '../catalog';
import { getCompanySummaries } from '../companies';
import { getDefaultWarehouse, getWarehouse } from '../inventory';
import { findOrCreateDraft } from './draft-orders';
import {
  fromMilli,
  lineNet,
  orderAuditSnapshot,
  toGoodsReceipt,
  toListItems,
  toMilli,
  toPurchaseOrders,
} from './purchase-orders.mappers';
import {
  findLinesOfOrders,
  findOrder,
  findReceiptLines,
  findReceiptsOfOrder,
  listOrders as listOrderRows,
  lockOrder,
  OPEN_STATUSES,
  PO_SORT_COLUMNS,
  type PurchaseOrderLineRow,
  type PurchaseOrderRow,
  replaceLines,
  updateOrder,
} from './purchase-orders.repository';
import { type PurchasingDeps, todayOf } from './purchasing.deps';

/** Audit entity type of purchase orders. */
export const PO_ENTITY = 'purchase_order';

/** An order as the API shows it (deals in explanations as far as `viewer` may see them), else 404. */
export async function loadOrder(
  db: DbOrTx,
  id: string,
  today: string,
  viewer?: Actor,
): Promise<PurchaseOrder> {
  const row = await findOrder(db, id);
  if (!row) throw notFound('purchase_order', id);
  return (await toPurchaseOrders(db, [row], today, viewer))[0] as PurchaseOrder;
}

/** GET /api/purchase-orders/:id, as `actor` may see it (the deals behind replenishment lines). */
export function getPurchaseOrder(deps: PurchasingDeps, id: string, actor?: Actor): Promise<PurchaseOrder> {
  return loadOrder(deps.db, id, todayOf(deps), actor);
}

export async function listPurchaseOrders(
  deps: PurchasingDeps,
  query: PurchaseOrderListQuery,
): Promise<ListResponse<PurchaseOrderListItem>> {
  const today = todayOf(deps);
  const page = await listOrderRows(
    deps.db,
    {
      statuses: query.status === 'open' ? OPEN_STATUSES : query.status ? [query.status] : undefined,
      supplierId: query.supplierId,
      productId: query.productId,
      overdueBefore: query.overdue === 'true' ? today : undefined,
      notOverdueBefore: query.overdue === 'false' ? today : undefined,
      q: query.q || undefined,
    },
    { sort: parseSort(query.sort, PO_SORT_COLUMNS), limit: query.limit, cursor: query.cursor },
  );
  return { items: await toListItems(deps.db, page.items, today), nextCursor: page.nextCursor };
}

const invalid = (code: string, message: string, errors: FieldError[]) =>
  new AppError('unprocessable', code, message, errors);

/** The supplier must exist, not be merged away and have the supplier role (422 otherwise). */
export async function checkSupplier(db: DbOrTx, supplierId: string): Promise<string> {
  const company = (await getCompanySummaries(db, [supplierId])).get(supplierId);
  const path = 'supplierId';
  if (!company) {
    throw invalid('purchase_orders.invalid_supplier', `Company ${supplierId} does not exist`, [
      { path, message: 'No such company' },
    ]);
  }
  if (company.mergedIntoId) {
    throw invalid(
      'purchase_orders.invalid_supplier',
      `${company.name} was merged into another company; order from that one`,
      [{ path, message: 'The company was merged into another one' }],
    );
  }
  if (!company.roles.includes('supplier')) {
    throw invalid(
      'purchase_orders.invalid_supplier',
      `${company.name} is not a supplier; give the company the supplier role first`,
      [{ path, message: 'Not a supplier' }],
    );
  }
  return company.name;
}

/** The warehouse exists and is active (422 otherwise). */
async function checkWarehouse(db: DbOrTx, warehouseId: string): Promise<void> {
  const warehouse = await getWarehouse(db, warehouseId);
  if (!warehouse?.active) {
    throw invalid(
      'purchase_orders.invalid_warehouse',
      warehouse ? `The warehouse ${warehouse.name} is not active` : `Warehouse ${warehouseId} does not exist`,
      [{ path: 'warehouseId', message: warehouse ? 'The warehouse is not active' : 'No such warehouse' }],
    );
  }
}

type LineInput = Omit<PurchaseOrderLineInput, 'quantity'> & { quantity: number };

/**
 * The rows of an order's lines from the input: each product exists and is active, appears once;
 * the unit price defaults to the supplier's price for the product, else the product's purchase
 * price, else 422 asking for one. Nothing is written here.
 */
export async function lineRows(
  db: DbOrTx,
  order: { id: string; supplierId: string },
  inputs: readonly LineInput[],
  now: string,
  keep: ReadonlyMap<string, PurchaseOrderLineRow> = new Map(),
): Promise<PurchaseOrderLineRow[]> {
  const ids = inputs.map((l) => l.productId);
  const [products, terms] = await Promise.all([getProductSummaries(db, ids), getProductSuppliers(db, ids)]);
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  const rows: PurchaseOrderLineRow[] = [];
  inputs.forEach((input, i) => {
    const product = products.get(input.productId);
    const path = `lines.${i}`;
    if (!product) {
      errors.push({ path: `${path}.productId`, message: `Product ${input.productId} does not exist` });
      return;
    }
    if (!product.active) {
      errors.push({ path: `${path}.productId`, message: `${product.sku} is deactivated` });
      return;
    }
    const first = seen.get(input.productId);
    if (first !== undefined) {
      errors.push({
        path: `${path}.productId`,
        message: `${product.sku} is already in line ${first + 1}; change that line's quantity`,
      });
      return;
    }
    seen.set(input.productId, i);
    const term = terms.find((t) => t.productId === input.productId && t.companyId === order.supplierId);
    const price = input.unitPriceCents ?? term?.purchasePriceCents ?? product.purchasePriceCents;
    if (price === null || price === undefined) {
      errors.push({
        path: `${path}.unitPriceCents`,
        message: `${product.sku} has no purchase price: give the unit price`,
      });
      return;
    }
    const quantityMilli = toMilli(input.quantity);
    const kept = keep.get(input.productId);
    rows.push({
      id: kept?.id ?? uuidv7(),
      purchase_order_id: order.id,
      position: i,
      product_id: input.productId,
      supplier_sku: term?.supplierSku ?? null,
      description: input.description ?? product.name,
      quantity_milli: quantityMilli,
      received_milli: 0,
      unit_price_cents: price,
      net_cents: lineNet(quantityMilli, price),
      vat_rate: product.vatRate,
      origin: kept && kept.quantity_milli === quantityMilli ? kept.origin : 'manual',
      explanation: kept && kept.quantity_milli === quantityMilli ? kept.explanation : null,
      created_at: kept?.created_at ?? now,
      updated_at: now,
    });
  });
  if (errors.length) {
    throw invalid(
      'purchase_orders.invalid_lines',
      `The lines are not valid — ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      errors,
    );
  }
  return rows;
}

const netOf = (rows: readonly PurchaseOrderLineRow[]) => rows.reduce((s, r) => s + Number(r.net_cents), 0);

/**
 * A manual draft to a supplier for a warehouse (default: the default warehouse). One supplier has
 * one draft per warehouse: when there is one already, 409 `purchase_orders.draft_exists` names it
 * (add the lines there). Raises `po.created`.
 */
export async function createPurchaseOrder(
  deps: PurchasingDeps,
  actor: Actor,
  input: CreatePurchaseOrder,
): Promise<PurchaseOrder> {
  const today = todayOf(deps);
  return deps.db.transaction().execute(async (trx) => {
    await checkSupplier(trx, input.supplierId);
    const warehouseId = input.warehouseId ?? (await getDefaultWarehouse(trx)).id;
    if (input.warehouseId) await checkWarehouse(trx, input.warehouseId);
    const draft = await findOrCreateDraft(trx, deps, actor, {
      supplierId: input.supplierId,
      warehouseId,
      origin: 'manual',
    });
    if (!draft.created) {
      throw new AppError(
        'conflict',
        'purchase_orders.draft_exists',
        `The supplier already has the draft ${draft.number} for this warehouse; add the lines there`,
        [{ path: 'supplierId', message: `Draft ${draft.number} exists (id ${draft.id})` }],
      );
    }
    const now = deps.clock.now().toISOString();
    const lines = await lineRows(
      trx,
      { id: draft.id, supplierId: input.supplierId },
      (input.lines ?? []) as LineInput[],
      now,
    );
    await replaceLines(trx, draft.id, lines);
    await trx
      .updateTable('purchase_orders')
      .set({
        net_cents: netOf(lines),
        expected_date: input.expectedDate ?? null,
        note: input.note ?? null,
        updated_at: now,
      })
      .where('id', '=', draft.id)
      .execute();
    const order = await loadOrder(trx, draft.id, today, actor);
    await recordAudit(trx, deps.clock, actor, {
      entityType: PO_ENTITY,
      entityId: order.id,
      label: order.number,
      before: null,
      after: orderAuditSnapshot(order),
    });
    return order;
  });
}

/** Refuses an action on an order in the wrong status (409 naming the status). */
export function requireStatus(
  row: PurchaseOrderRow,
  allowed: readonly PurchaseOrderRow['status'][],
  action: string,
): void {
  if (allowed.includes(row.status)) return;
  throw new AppError(
    'conflict',
    'purchase_orders.wrong_status',
    `${action} is not possible: the purchase order ${row.number} is ${row.status.replace('_', ' ')}`,
  );
}

/** Loads the order for a change (locked on PostgreSQL) and checks its version. */
export async function orderForChange(trx: Tx, id: string, version: number | undefined) {
  const row = await lockOrder(trx, id);
  if (!row) throw notFound('purchase_order', id);
  if (version !== undefined && row.version !== version) throw staleVersion('purchase_order', id);
  return row;
}

/** Changes a draft (optimistic on `version`); `lines` replaces all its lines. */
export async function updatePurchaseOrder(
  deps: PurchasingDeps,
  actor: Actor,
  id: string,
  input: UpdatePurchaseOrder,
): Promise<PurchaseOrder> {
  const today = todayOf(deps);
  return deps.db.transaction().execute(async (trx) => {
    const row = await orderForChange(trx, id, input.version);
    requireStatus(row, ['draft'], 'Editing');
    const before = await loadOrder(trx, id, today);
    const now = deps.clock.now().toISOString();
    let net = Number(row.net_cents);
    if (input.lines !== undefined) {
      const existing = await findLinesOfOrders(trx, [id]);
      const lines = await lineRows(
        trx,
        { id, supplierId: row.supplier_id },
        input.lines as LineInput[],
        now,
        new Map(existing.map((l) => [l.product_id, l])),
      );
      await replaceLines(trx, id, lines);
      net = netOf(lines);
    }
    const ok = await updateOrder(trx, id, row.version, {
      net_cents: net,
      ...(input.expectedDate !== undefined ? { expected_date: input.expectedDate ?? null } : {}),
      ...(input.note !== undefined ? { note: input.note ?? null } : {}),
      updated_at: now,
    });
    if (!ok) throw staleVersion('purchase_order', id);
    const after = await loadOrder(trx, id, today, actor);
    await recordAudit(trx, deps.clock, actor, {
      entityType: PO_ENTITY,
      entityId: id,
      label: after.number,
      before: orderAuditSnapshot(before),
      after: orderAuditSnapshot(after),
    });
    return after;
  });
}

/** The goods receipts of an order, oldest first. */
export async function listGoodsReceipts(
  deps: PurchasingDeps,
  id: string,
): Promise<{ items: GoodsReceipt[] }> {
  const order = await findOrder(deps.db, id);
  if (!order) throw notFound('purchase_order', id);
  const receipts = await findReceiptsOfOrder(deps.db, id);
  const [lines, orderLines] = await Promise.all([
    findReceiptLines(
      deps.db,
      receipts.map((r) => r.id),
    ),
    findLinesOfOrders(deps.db, [id]),
  ]);
  const products = await getProductSummaries(
    deps.db,
    orderLines.map((l) => l.product_id),
  );
  const byId = new Map(orderLines.map((l) => [l.id, l]));
  return { items: receipts.map((r) => toGoodsReceipt(r, lines, byId, products)) };
}

export { fromMilli };
