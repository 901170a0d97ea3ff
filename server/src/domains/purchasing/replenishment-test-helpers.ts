import type { Product } from '../../../../contracts/catalog';
import type { Company } from '../../../../contracts/companies';
import type { ReplenishmentExplanation } from '../../../../contracts/purchasing';
import type { DealDetail } from '../../../../contracts/sales';
import { systemActor } from '../../platform/actor';
import type { Dialect } from '../../platform/db/database';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { applyStockMoves, getDefaultWarehouse } from '../inventory';

export interface Fixture {
  t: TestApp;
  admin: TestSession;
  warehouseId: string;
  req: (
    s: TestSession,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload?: object,
  ) => Promise<{
    statusCode: number;
    body: string;
    json: <T>() => T;
  }>;
}

export async function fixture(dialect: Dialect): Promise<Fixture> {
  const t = await createTestApp(dialect);
  const admin = await createUserAndLogin(t, { role: 'admin', name: 'Katrin Hoffmann' });
  const warehouseId = (await getDefaultWarehouse(t.ctx.db)).id;
  const req: Fixture['req'] = (s, method, url, payload) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  return { t, admin, warehouseId, req };
}

export async function supplier(f: Fixture, name: string): Promise<Company> {
  const res = await f.req(f.admin, 'POST', '/api/companies?allowDuplicate=true', {
    name,
    roles: ['supplier'],
  });
  if (res.statusCode !== 201) throw new Error(`company: ${res.statusCode} ${res.body}`);
  return res.json<Company>();
}

export async function customer(f: Fixture, name: string): Promise<Company> {
  const res = await f.req(f.admin, 'POST', '/api/companies?allowDuplicate=true', {
    name,
    roles: ['customer'],
  });
  if (res.statusCode !== 201) throw new Error(`company: ${res.statusCode} ${res.body}`);
  return res.json<Company>();
}

let skuCounter = 0;

/** A stock product through the API; `suppliers` as POST /api/products takes them. */
export async function product(
  f: Fixture,
  input: {
    sku?: string;
    name?: string;
    purchasePriceCents?: number | null;
    kind?: 'stock' | 'service';
    suppliers?: object[];
  },
): Promise<Product> {
  skuCounter += 1;
  const res = await f.req(f.admin, 'POST', '/api/products', {
    sku: input.sku ?? `RP-${skuCounter}`,
    name: input.name ?? `Produkt ${skuCounter}`,
    unit: 'C62',
    salesPriceCents: 5000,
    purchasePriceCents: input.purchasePriceCents === undefined ? 2000 : input.purchasePriceCents,
    vatRate: 19,
    kind: input.kind ?? 'stock',
    suppliers: input.suppliers ?? [],
  });
  if (res.statusCode !== 201) throw new Error(`product: ${res.statusCode} ${res.body}`);
  return res.json<Product>();
}

/** Reorder settings of a product in the default warehouse (quantities in units). */
export async function reorder(
  f: Fixture,
  productId: string,
  s: { point: number; max?: number | null; qty?: number | null },
): Promise<void> {
  const row = {
    reorder_point_milli: Math.round(s.point * 1000),
    max_level_milli: s.max == null ? null : Math.round(s.max * 1000),
    reorder_qty_milli: s.qty == null ? null : Math.round(s.qty * 1000),
    updated_at: new Date().toISOString(),
  };
  await f.t.ctx.db
    .insertInto('reorder_settings')
    .values({ product_id: productId, warehouse_id: f.warehouseId, version: 1, ...row })
    .onConflict((oc) => oc.columns(['product_id', 'warehouse_id']).doUpdateSet(row))
    .execute();
}

/** A stock move through the ledger (raises stock.changed), then the events delivered. */
export async function move(
  f: Fixture,
  productId: string,
  kind: 'adjustment' | 'reservation' | 'release',
  quantity: number,
  source: { type: 'deal' | 'adjustment'; id: string } = { type: 'adjustment', id: crypto.randomUUID() },
  opts: { drain?: boolean } = {},
): Promise<string> {
  const milli = Math.round(quantity * 1000);
  const [applied] = await f.t.ctx.db.transaction().execute((trx) =>
    applyStockMoves(
      trx,
      f.t.ctx,
      systemActor('test'),
      [
        {
          productId,
          warehouseId: f.warehouseId,
          kind,
          onHandDelta: kind === 'adjustment' ? milli : 0,
          reservedDelta: kind === 'reservation' ? milli : kind === 'release' ? -milli : 0,
          onOrderDelta: 0,
          sourceType: source.type,
          sourceId: source.id,
          reason: kind === 'adjustment' ? 'correction' : null,
        },
      ],
      { negativeAvailable: 'allow' },
    ),
  );
  if (opts.drain !== false) await f.t.ctx.dispatcher.drain();
  return applied!.id;
}

export async function setPurchasingSettings(
  f: Fixture,
  s: { autoDraft?: boolean; countPipelineDemand?: boolean },
): Promise<void> {
  await f.t.ctx.db
    .updateTable('purchasing_settings')
    .set({
      ...(s.autoDraft === undefined ? {} : { auto_draft: s.autoDraft ? 1 : 0 }),
      ...(s.countPipelineDemand === undefined
        ? {}
        : { count_pipeline_demand: s.countPipelineDemand ? 1 : 0 }),
    })
    .where('id', '=', 1)
    .execute();
}

export interface DraftView {
  id: string;
  number: string;
  status: string;
  origin: string;
  netCents: number;
  version: number;
  lines: Array<{
    productId: string;
    quantity: number;
    unitPriceCents: number;
    netCents: number;
    origin: string;
    supplierSku: string | null;
    explanation: ReplenishmentExplanation | null;
  }>;
}

/** The purchase orders of a supplier (any status) with their lines, straight from the tables. */
export async function ordersOf(f: Fixture, supplierId: string): Promise<DraftView[]> {
  const orders = await f.t.ctx.db
    .selectFrom('purchase_orders')
    .selectAll()
    .where('supplier_id', '=', supplierId)
    .orderBy('id')
    .execute();
  const out: DraftView[] = [];
  for (const o of orders) {
    const lines = await f.t.ctx.db
      .selectFrom('purchase_order_lines')
      .selectAll()
      .where('purchase_order_id', '=', o.id)
      .orderBy('position')
      .execute();
    out.push({
      id: o.id,
      number: o.number,
      status: o.status,
      origin: o.origin,
      netCents: Number(o.net_cents),
      version: o.version,
      lines: lines.map((l) => ({
        productId: l.product_id,
        quantity: Number(l.quantity_milli) / 1000,
        unitPriceCents: Number(l.unit_price_cents),
        netCents: Number(l.net_cents),
        origin: l.origin,
        supplierSku: l.supplier_sku,
        explanation: l.explanation ? (JSON.parse(l.explanation) as ReplenishmentExplanation) : null,
      })),
    });
  }
  return out;
}

/** An open deal with one line of the product, through the API. */
export async function openDeal(
  f: Fixture,
  companyId: string,
  productId: string,
  quantity: number,
  opts: { title?: string; stageId?: string; expectedCloseDate?: string } = {},
): Promise<DealDetail> {
  const res = await f.req(f.admin, 'POST', '/api/deals', {
    title: opts.title ?? `Auftrag ${quantity}`,
    companyId,
    expectedCloseDate: opts.expectedCloseDate ?? '2026-12-31',
    ...(opts.stageId ? { stageId: opts.stageId } : {}),
    lines: [{ productId, description: 'Ware', quantity, unitPriceCents: 5000 }],
  });
  if (res.statusCode !== 201) throw new Error(`deal: ${res.statusCode} ${res.body}`);
  return res.json<DealDetail>();
}
