import type { Product } from '../../../../contracts/catalog';
import type { DomainEvent, EventType } from '../../../../contracts/events';
import type { InventorySettings, StockChangeResult, StockLevel } from '../../../../contracts/inventory';
import { systemActor } from '../../platform/actor';
import type { Db, Tx } from '../../platform/db/database';
import type { TestSession } from '../../testing/auth-helpers';
import type { TestApp } from '../../testing/test-app';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** `app.inject` as a session, JSON in and out. */
export function requester(t: TestApp) {
  return (
    s: TestSession,
    method: Method,
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) => t.app.inject({ method, url, headers: { ...s.headers, ...headers }, ...(payload ? { payload } : {}) });
}

let skuCounter = 0;

/** A product through the catalog API (stock-tracked unless `kind` says otherwise). */
export async function makeProduct(
  t: TestApp,
  s: TestSession,
  input: { sku?: string; name?: string; kind?: 'stock' | 'service'; purchasePriceCents?: number | null } = {},
): Promise<Product> {
  skuCounter += 1;
  const res = await requester(t)(s, 'POST', '/api/products', {
    sku: input.sku ?? `T-${skuCounter}`,
    name: input.name ?? `Testteil ${skuCounter}`,
    unit: input.kind === 'service' ? 'HUR' : 'C62',
    salesPriceCents: 1000,
    purchasePriceCents: input.purchasePriceCents === undefined ? 400 : input.purchasePriceCents,
    vatRate: 19,
    kind: input.kind ?? 'stock',
  });
  if (res.statusCode !== 201) throw new Error(`POST /api/products: ${res.statusCode} ${res.body}`);
  return res.json<Product>();
}

/** Books on hand by an adjustment ("found"). */
export async function addStock(t: TestApp, s: TestSession, productId: string, quantity: number) {
  const res = await requester(t)(s, 'POST', '/api/stock/adjustments', {
    productId,
    quantityChange: quantity,
    reason: 'found',
  });
  if (res.statusCode !== 201) throw new Error(`adjustment: ${res.statusCode} ${res.body}`);
  return res.json<StockChangeResult>();
}

/** The product's row of GET /api/stock. */
export async function stockOf(t: TestApp, s: TestSession, productId: string): Promise<StockLevel> {
  const res = await requester(t)(s, 'GET', `/api/stock?productId=${productId}`);
  if (res.statusCode !== 200) throw new Error(`GET /api/stock: ${res.statusCode} ${res.body}`);
  const item = res.json<{ items: StockLevel[] }>().items[0];
  if (!item) throw new Error(`no stock row for ${productId}`);
  return item;
}

export async function setInventorySettings(
  t: TestApp,
  s: TestSession,
  change: { allowBackOrders?: boolean; deliverOnInvoiceIssue?: boolean },
) {
  const req = requester(t);
  const current = (await req(s, 'GET', '/api/inventory/settings')).json<InventorySettings>();
  const res = await req(s, 'PATCH', '/api/inventory/settings', { version: current.version, ...change });
  if (res.statusCode !== 200) throw new Error(`settings: ${res.statusCode} ${res.body}`);
  return res.json<InventorySettings>();
}

/** The newest outbox event of `type` matching `match`, as a subscriber receives it. */
export async function latestEvent(
  t: TestApp,
  type: EventType,
  match: (payload: Record<string, unknown>) => boolean,
): Promise<DomainEvent> {
  const rows = await t.ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('type', '=', type)
    .orderBy('id', 'desc')
    .execute();
  const row = rows.find((r) => match(JSON.parse(r.payload) as Record<string, unknown>));
  if (!row) throw new Error(`no ${type} event matched`);
  return {
    id: row.id,
    type: row.type as EventType,
    payload: JSON.parse(row.payload),
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    origin: row.origin,
  };
}

/** Runs the subscriber `name` on `event` in the given transaction, as the dispatcher would. */
export async function handleIn(t: TestApp, trx: Tx, name: string, event: DomainEvent): Promise<void> {
  const sub = t.ctx.events.byName(name);
  if (!sub) throw new Error(`no subscriber ${name}`);
  await sub.handler(event, {
    trx,
    db: trx as unknown as Db,
    clock: t.ctx.clock,
    config: t.ctx.config,
    actor: systemActor(`event:${event.type}`),
  });
}

/**
 * Delivers the newest outbox event of `type` matching `match` to the subscriber `name` again, as the
 * dispatcher would after a crash (its own transaction): handlers must do nothing the second time.
 */
export async function redeliver(
  t: TestApp,
  name: string,
  type: EventType,
  match: (payload: Record<string, unknown>) => boolean,
): Promise<void> {
  const event = await latestEvent(t, type, match);
  await t.ctx.db.transaction().execute((trx) => handleIn(t, trx, name, event));
}
