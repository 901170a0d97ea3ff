import type { z } from 'zod';
import type {
  ReplenishmentList,
  ReplenishmentQuery,
  ReplenishmentSuggestion,
} from '../../../../contracts/purchasing';
import type { Actor } from '../../platform/actor';
import { businessDate } from '../../platform/clock';
import type { Db, DbOrTx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import { getCompanyNames } from '../companies';
import { getDefaultWarehouse, getWarehouse, listBelowReorderPoint, listReorderPairs } from '../inventory';
import { getOpenDealDemand } from '../sales';
import { explanationsFor } from './replenishment.causes';
import { dec } from './replenishment.engine';
import { addDays, type ReplenishmentDeps } from './replenishment.evaluate';
import {
  CHUNK,
  chunked,
  findPairsWithReplenishmentLines,
  getReplenishmentSettings,
  type ReplenishmentSettings,
  type StockPair,
} from './replenishment.repository';
import { evaluateForSuggestions, type ReplenishResult, replenish } from './replenishment.service';

/** Pipeline demand of deals expected to close this far ahead is looked at (each product then by its lead time). */
const PIPELINE_HORIZON_DAYS = 3660;

/**
 * The pairs a pass looks at: those below their reorder point (one set-based query), with pipeline
 * demand counted also those in open deals, and — when writing — those holding a replenishment line
 * (it may have to shrink or go).
 */
async function candidatePairs(
  db: DbOrTx,
  deps: ReplenishmentDeps,
  settings: ReplenishmentSettings,
  scope: { warehouseId?: string | undefined; productIds?: readonly string[] | undefined },
  withLines: boolean,
): Promise<Map<string, string[]>> {
  const pairs: StockPair[] = await listBelowReorderPoint(db, scope);
  if (withLines) pairs.push(...(await findPairsWithReplenishmentLines(db, scope)));
  // open deals reserve in the default warehouse only: their demand counts there and nowhere else
  const pipelineWarehouse = settings.countPipelineDemand ? (await getDefaultWarehouse(db)).id : null;
  if (
    pipelineWarehouse !== null &&
    (scope.warehouseId === undefined || scope.warehouseId === pipelineWarehouse)
  ) {
    const today = businessDate(deps.clock.now(), deps.config.timezone);
    const demand = await getOpenDealDemand(
      db,
      scope.productIds ?? null,
      addDays(today, PIPELINE_HORIZON_DAYS),
    );
    const ids = [...new Set(demand.map((d) => d.productId))];
    pairs.push(...(await listReorderPairs(db, ids, pipelineWarehouse)));
  }
  const byWarehouse = new Map<string, Set<string>>();
  for (const p of pairs) {
    const set = byWarehouse.get(p.warehouseId) ?? new Set<string>();
    set.add(p.productId);
    byWarehouse.set(p.warehouseId, set);
  }
  return new Map([...byWarehouse].map(([w, ids]) => [w, [...ids].sort()]));
}

export interface PassResult extends ReplenishResult {}

/**
 * The full replenishment pass (nightly job, POST /api/replenishment/run): finds the products below
 * their reorder point with one set-based query and writes only those (500 products a transaction).
 */
export async function runReplenishmentPass(
  ctx: { db: Db } & ReplenishmentDeps,
  actor: Actor,
  scope: { warehouseId?: string | undefined; productIds?: readonly string[] | undefined } = {},
): Promise<PassResult> {
  await requireWarehouse(ctx.db, scope.warehouseId);
  const settings = await getReplenishmentSettings(ctx.db);
  const byWarehouse = await candidatePairs(ctx.db, ctx, settings, scope, true);
  const total: PassResult = { checked: 0, linesWritten: 0, linesRemoved: 0, purchaseOrderIds: [] };
  const orders = new Set<string>();
  for (const [warehouseId, ids] of [...byWarehouse].sort(([a], [b]) => a.localeCompare(b))) {
    for (const chunk of chunked(ids, CHUNK)) {
      const r = await ctx.db
        .transaction()
        .execute((trx) => replenish(trx, ctx, actor, warehouseId, chunk, { settings }));
      total.checked += r.checked;
      total.linesWritten += r.linesWritten;
      total.linesRemoved += r.linesRemoved;
      for (const id of r.purchaseOrderIds) orders.add(id);
    }
  }
  total.purchaseOrderIds = [...orders].sort();
  return total;
}

/** The warehouse asked for must exist (404 naming `warehouseId`). */
export async function requireWarehouse(db: DbOrTx, warehouseId: string | undefined): Promise<void> {
  if (warehouseId === undefined || (await getWarehouse(db, warehouseId))) return;
  throw new AppError(
    'not_found',
    'purchasing.warehouse_not_found',
    `Warehouse ${warehouseId} does not exist`,
    [{ path: 'warehouseId', message: 'No such warehouse' }],
  );
}

const NO_SUPPLIER = 'The product has no supplier: add one to the product to order it';

function encodeCursor(sku: string, id: string): string {
  return Buffer.from(JSON.stringify([sku, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // the error below
  }
  throw new AppError(
    'bad_request',
    'list.bad_cursor',
    'The cursor is not valid; start again from the first page',
  );
}

/**
 * GET /api/replenishment: the products below their reorder point now (in the warehouse asked for,
 * else the default one), by SKU, each with what Kontor would order and the draft line holding it.
 */
export async function listReplenishmentSuggestions(
  ctx: { db: Db } & ReplenishmentDeps,
  actor: Actor,
  query: ReplenishmentQuery,
): Promise<z.infer<typeof ReplenishmentList>> {
  await requireWarehouse(ctx.db, query.warehouseId);
  const warehouseId = query.warehouseId ?? (await getDefaultWarehouse(ctx.db)).id;
  const settings = await getReplenishmentSettings(ctx.db);
  const ids = (await candidatePairs(ctx.db, ctx, settings, { warehouseId }, false)).get(warehouseId) ?? [];
  let rows = await evaluateForSuggestions(ctx.db, ctx, warehouseId, ids, settings);
  if (query.supplierId) rows = rows.filter((r) => r.supplier?.companyId === query.supplierId);
  const key = (sku: string, id: string) => `${sku.toLowerCase()}\u0000${id}`;
  rows.sort((a, b) => key(a.product.sku, a.productId).localeCompare(key(b.product.sku, b.productId)));
  if (query.cursor) {
    const [sku, id] = decodeCursor(query.cursor);
    const after = key(sku, id);
    rows = rows.filter((r) => key(r.product.sku, r.productId).localeCompare(after) > 0);
  }
  const page = rows.slice(0, query.limit);
  const names = await getCompanyNames(
    ctx.db,
    page.flatMap((r) => (r.supplier ? [r.supplier.companyId] : [])),
  );
  // deals are named for the caller, as far as they may see them
  const explanations = await explanationsFor(ctx.db, actor, page);
  const items: ReplenishmentSuggestion[] = page.map((r, i) => {
    const price = r.supplier ? (r.supplier.purchasePriceCents ?? r.product.purchasePriceCents ?? 0) : null;
    return {
      productId: r.productId,
      sku: r.product.sku,
      productName: r.product.name,
      unit: r.product.unit,
      warehouseId,
      supplierId: r.supplier?.companyId ?? null,
      supplierName: r.supplier ? (names.get(r.supplier.companyId) ?? null) : null,
      quantity: r.supplier ? dec(r.numbers.quantityMilli) : null,
      unitPriceCents: price,
      explanation: explanations[i] ?? r.explanation,
      draftPurchaseOrderId: r.line?.purchase_order_id ?? null,
      draftPurchaseOrderNumber: r.line?.number ?? null,
      draftQuantity: r.line ? dec(Number(r.line.quantity_milli)) : null,
      blockedReason: r.supplier ? null : NO_SUPPLIER,
    };
  });
  const last = page[page.length - 1];
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.product.sku, last.productId) : null,
  };
}
