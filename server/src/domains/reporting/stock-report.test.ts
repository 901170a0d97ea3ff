import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../../../contracts/catalog';
import { CreateCompany } from '../../../../contracts/companies';
import type { Team } from '../../../../contracts/identity';
import type { PipelinePurchases, StockReport } from '../../../../contracts/stock-report';
import { systemActor } from '../../platform/actor';
import { uuidv7 } from '../../platform/ids';
import { createUserAndLogin, loginAs, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { createCompany } from '../companies';
import { applyStockMoves, type StockMoveInput } from '../inventory';
import { defaultPipeline, makeCompany, postDeal } from '../sales/sales-test-helpers';

/**
 * The stock report and the pipeline purchases against a hand-made dataset. Today is 2026-11-26
 * (Berlin). Stock is written through the inventory's ledger (applyStockMoves: moves and levels
 * together); reorder settings and purchase orders as consistent rows (their `order` / `receipt`
 * moves through the ledger too).
 *
 *   product        unit cost                    HL: on hand  reserved  on order  reorder pt  value
 *   A-100 Schraube S1 2,50 € (product 2,00 €)       12          5         0         10        3000
 *   B-200 Kabel    product 1,99 €, no supplier       10.5        0        21         25        2090  (10.5 × 199 = 2089.5 → 2090)
 *   C-300 Dübel    no price at all                    4          0         2          7           0  (unpriced)
 *   D-400 Anker    S2 10,00 € (product 9,00 €)     no level row                        2           —
 *   E-500 Alt      inactive, S1                       1          0         0        100         250  (not below: inactive)
 *   S-1   Montage  service
 *   Warehouse W2: A-100 on hand 100, on order 1 → 25,000.
 *
 *   PO   supplier  status              expected    lines (ordered/received × price)     open
 *   PO1  S1        sent                2026-11-20  B-200 20/0 × 1,50                    3000   overdue
 *   PO2  S1        partially_received  2026-11-26  B-200 1.5/0.5 × 10,00                1000   due today: not overdue
 *   PO3  S2        approved            —           C-300 2/0 × 3,33                      666
 *   PO4  S2        draft               —           C-300 5 × 3,33                         —   (draft: not open)
 *   PO5  S1        received            2026-11-01  A-100 1/1 × 2,50                       —
 *   PO6  S2        cancelled           2026-11-01  D-400 3/0 × 10,00                      —
 *   PO7  S2        sent (W2)           2026-11-01  A-100 1/0 × 2,50                       —   (other warehouse)
 */
describe.each(DIALECTS)('stock report and pipeline purchases (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let purchaser: TestSession;
  let manager: TestSession;
  let julia: TestSession;
  let lukas: TestSession;
  let hl: string;
  let w2: string;
  const product: Record<string, Product> = {};
  const supplier: Record<string, string> = {};
  const po: Record<string, string> = {};

  const get = (s: TestSession, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers });
  const ok = async <T>(s: TestSession, url: string) => {
    const res = await get(s, url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const at = (instant: string) => t.clock.set(new Date(instant));

  async function moves(list: Array<Omit<StockMoveInput, 'sourceId'> & { sourceId?: string }>) {
    await t.ctx.db.transaction().execute((trx) =>
      applyStockMoves(
        trx,
        t.ctx,
        systemActor('test'),
        list.map((m) => ({ sourceId: uuidv7(), ...m })),
        { negativeAvailable: 'allow' },
      ),
    );
  }
  const stock = (sku: string, onHand: number, warehouseId = hl) =>
    moves([
      {
        productId: product[sku]!.id,
        warehouseId,
        kind: 'adjustment',
        onHandDelta: onHand,
        reservedDelta: 0,
        onOrderDelta: 0,
        sourceType: 'adjustment',
        reason: 'found',
      },
    ]);
  async function reorderPoint(sku: string, milli: number, warehouseId = hl) {
    await t.ctx.db
      .insertInto('reorder_settings')
      .values({
        product_id: product[sku]!.id,
        warehouse_id: warehouseId,
        reorder_point_milli: milli,
        max_level_milli: milli * 2,
        reorder_qty_milli: null,
        updated_at: '2026-11-26T09:00:00.000Z',
        version: 1,
      })
      .execute();
  }

  let poNumber = 0;
  /** A purchase order with its lines; approved and later ones put the open rest on order in the ledger. */
  async function order(
    key: string,
    supplierKey: string,
    status: 'draft' | 'approved' | 'sent' | 'partially_received' | 'received' | 'cancelled',
    expectedDate: string | null,
    lines: Array<{ sku: string; quantity: number; received: number; price: number }>,
    warehouseId = hl,
  ) {
    const id = uuidv7();
    po[key] = id;
    const now = '2026-11-20T09:00:00.000Z';
    const nets = lines.map((l) => Math.round((l.quantity * l.price) / 1000));
    await t.ctx.db
      .insertInto('purchase_orders')
      .values({
        id,
        number: `BE-2026-${String(++poNumber).padStart(5, '0')}`,
        supplier_id: supplier[supplierKey]!,
        warehouse_id: warehouseId,
        status,
        origin: 'manual',
        currency: 'EUR',
        net_cents: nets.reduce((a, b) => a + b, 0),
        expected_date: expectedDate,
        note: null,
        approved_by: null,
        approved_at: status === 'draft' ? null : now,
        sent_at: null,
        sent_to: null,
        received_at: null,
        cancelled_at: null,
        cancel_reason: null,
        follow_up_raised_at: null,
        created_by: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    const ledger: Parameters<typeof moves>[0] = [];
    for (const [i, l] of lines.entries()) {
      const lineId = uuidv7();
      const p = product[l.sku]!;
      await t.ctx.db
        .insertInto('purchase_order_lines')
        .values({
          id: lineId,
          purchase_order_id: id,
          position: i + 1,
          product_id: p.id,
          supplier_sku: null,
          description: p.name,
          quantity_milli: l.quantity,
          received_milli: l.received,
          unit_price_cents: l.price,
          net_cents: nets[i]!,
          vat_rate: 19,
          origin: 'manual',
          explanation: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      if (status === 'draft') continue;
      const base = { productId: p.id, warehouseId, sourceType: 'purchase_order' as const, sourceId: id };
      ledger.push({
        ...base,
        kind: 'order',
        onHandDelta: 0,
        reservedDelta: 0,
        onOrderDelta: l.quantity,
        sourceLineId: lineId,
      });
      if (l.received > 0) {
        ledger.push({
          ...base,
          kind: 'receipt',
          onHandDelta: l.received,
          reservedDelta: 0,
          onOrderDelta: -l.received,
          sourceLineId: lineId,
        });
      }
      if (status === 'cancelled' && l.quantity > l.received) {
        ledger.push({
          ...base,
          kind: 'order_cancel',
          onHandDelta: 0,
          reservedDelta: 0,
          onOrderDelta: -(l.quantity - l.received),
          sourceLineId: lineId,
        });
      }
    }
    await moves(ledger);
  }

  async function makeProduct(sku: string, body: Record<string, unknown>) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/products',
      headers: admin.headers,
      payload: { sku, salesPriceCents: 1000, ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    product[sku] = res.json<Product>();
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-11-26T09:00:00.000Z' });
    admin = await createUserAndLogin(t, { role: 'admin' });
    purchaser = await createUserAndLogin(t, { role: 'purchasing' });
    manager = await createUserAndLogin(t, { role: 'manager' });
    julia = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    lukas = await createUserAndLogin(t, { role: 'sales', name: 'Lukas Wagner' });
    const team = (
      await t.app.inject({
        method: 'POST',
        url: '/api/teams',
        headers: admin.headers,
        payload: { name: 'Vertrieb Nord' },
      })
    ).json<Team>();
    for (const u of [manager, julia]) {
      await t.app.inject({
        method: 'POST',
        url: `/api/teams/${team.id}/members`,
        headers: admin.headers,
        payload: { userId: u.user.id },
      });
    }
    manager = { ...(await loginAs(t, manager.user.email, manager.password)), password: manager.password };
    julia = { ...(await loginAs(t, julia.user.email, julia.password)), password: julia.password };

    // the report is read-only: no replenishment drafts appearing from the stock written below
    await t.ctx.db.updateTable('purchasing_settings').set({ auto_draft: 0 }).execute();

    hl = (
      await t.ctx.db
        .selectFrom('warehouses')
        .select('id')
        .where('is_default', '=', 1)
        .executeTakeFirstOrThrow()
    ).id;
    w2 = uuidv7();
    await t.ctx.db
      .insertInto('warehouses')
      .values({
        id: w2,
        code: 'W2',
        code_key: 'w2',
        name: 'Außenlager',
        street: null,
        postal_code: null,
        city: null,
        is_default: 0,
        active: 1,
        created_at: '2026-11-26T09:00:00.000Z',
        updated_at: '2026-11-26T09:00:00.000Z',
        version: 1,
      })
      .execute();

    for (const [key, name] of [
      ['S1', 'Schrauben Schmidt GmbH'],
      ['S2', 'Anker AG'],
    ] as const) {
      supplier[key] = (
        await createCompany(t.ctx, systemActor('test'), CreateCompany.parse({ name, roles: ['supplier'] }), {
          allowDuplicate: true,
        })
      ).id;
    }
    const pref = (key: string, price: number) => [
      { companyId: supplier[key], purchasePriceCents: price, preferred: true },
    ];
    await makeProduct('A-100', { name: 'Schraube', purchasePriceCents: 200, suppliers: pref('S1', 250) });
    await makeProduct('B-200', { name: 'Kabel', unit: 'MTR', purchasePriceCents: 199 });
    await makeProduct('C-300', { name: 'Dübel' });
    await makeProduct('D-400', { name: 'Anker', purchasePriceCents: 900, suppliers: pref('S2', 1000) });
    await makeProduct('E-500', { name: 'Alt', suppliers: pref('S1', 250) });
    await makeProduct('S-1', { name: 'Montage', kind: 'service' });

    await stock('A-100', 12_000);
    await moves([
      {
        productId: product['A-100']!.id,
        warehouseId: hl,
        kind: 'reservation',
        onHandDelta: 0,
        reservedDelta: 5_000,
        onOrderDelta: 0,
        sourceType: 'deal',
      },
    ]);
    await stock('B-200', 10_000);
    await stock('C-300', 4_000);
    await stock('E-500', 1_000);
    await stock('A-100', 100_000, w2);
    await reorderPoint('A-100', 10_000);
    await reorderPoint('B-200', 25_000);
    await reorderPoint('C-300', 7_000);
    await reorderPoint('D-400', 2_000);
    await reorderPoint('E-500', 100_000);
    await reorderPoint('A-100', 500_000, w2);
    await t.ctx.db
      .updateTable('products')
      .set({ active: 0 })
      .where('id', '=', product['E-500']!.id)
      .execute();

    await order('PO1', 'S1', 'sent', '2026-11-20', [
      { sku: 'B-200', quantity: 20_000, received: 0, price: 150 },
    ]);
    await order('PO2', 'S1', 'partially_received', '2026-11-26', [
      { sku: 'B-200', quantity: 1_500, received: 500, price: 1000 },
    ]);
    await order('PO3', 'S2', 'approved', null, [{ sku: 'C-300', quantity: 2_000, received: 0, price: 333 }]);
    await order('PO4', 'S2', 'draft', null, [{ sku: 'C-300', quantity: 5_000, received: 0, price: 333 }]);
    await order('PO5', 'S1', 'received', '2026-11-01', [
      { sku: 'A-100', quantity: 1_000, received: 1_000, price: 250 },
    ]);
    await order('PO6', 'S2', 'cancelled', '2026-11-01', [
      { sku: 'D-400', quantity: 3_000, received: 0, price: 1000 },
    ]);
    await order(
      'PO7',
      'S2',
      'sent',
      '2026-11-01',
      [{ sku: 'A-100', quantity: 1_000, received: 0, price: 250 }],
      w2,
    );
    // PO5 received one A-100 into HL: take it out again so A-100 stays at 12 on hand
    await stock('A-100', -1_000);
  });
  afterAll(() => t?.close());

  it('values the stock per product at the preferred supplier’s price, else the product’s, else 0', async () => {
    const r = await ok<StockReport>(admin, '/api/reports/stock');
    expect(r.asOf).toBe('2026-11-26');
    expect(r.warehouse.id).toBe(hl);
    // A-100 12 × 2,50 = 30,00; B-200 10.5 × 1,99 = 20,895 → 20,90; C-300 no price; E-500 inactive but in stock
    expect(r.value.top.map((x) => [x.sku, x.onHand, x.unitCostCents, x.valueCents])).toEqual([
      ['A-100', 12, 250, 3000],
      ['B-200', 10.5, 199, 2090],
      ['E-500', 1, 250, 250],
      ['C-300', 4, null, 0],
    ]);
    expect(r.value.totalCents).toBe(3000 + 2090 + 250);
    expect(r.value.inStockCount).toBe(4);
    expect(r.value.unpricedCount).toBe(1);
    // active stock-tracked: A, B, C, D (E inactive, S-1 a service)
    expect(r.value.trackedProductCount).toBe(4);

    const other = await ok<StockReport>(admin, `/api/reports/stock?warehouseId=${w2}`);
    expect(other.warehouse.code).toBe('W2');
    expect([other.value.totalCents, other.value.inStockCount]).toEqual([25_000, 1]);
  });

  it('lists the products below their reorder point with the numbers and the orders already under way', async () => {
    const r = await ok<StockReport>(admin, '/api/reports/stock');
    expect(r.belowReorderPoint.count).toBe(3);
    expect(
      r.belowReorderPoint.items.map((x) => [
        x.sku,
        x.onHand,
        x.reserved,
        x.onOrder,
        x.projected,
        x.reorderPoint,
        x.shortfall,
        x.preferredSupplierName,
      ]),
    ).toEqual([
      ['A-100', 12, 5, 0, 7, 10, 3, 'Schrauben Schmidt GmbH'],
      ['C-300', 4, 0, 2, 6, 7, 1, null],
      // no stock level row at all: 0 everywhere
      ['D-400', 0, 0, 0, 0, 2, 2, 'Anker AG'],
    ]);
    const c = r.belowReorderPoint.items[1]!;
    // the draft first, then the open order; PO6 (cancelled) is not under way for D-400
    expect(c.orders.map((o) => [o.purchaseOrderId, o.status])).toEqual([
      [po.PO4, 'draft'],
      [po.PO3, 'approved'],
    ]);
    expect(r.belowReorderPoint.items[0]!.orders).toEqual([]);
    expect(r.belowReorderPoint.items[2]!.orders).toEqual([]);

    const limited = await ok<StockReport>(admin, '/api/reports/stock?belowLimit=2');
    expect([limited.belowReorderPoint.count, limited.belowReorderPoint.items.length]).toEqual([3, 2]);
  });

  it('sums the open purchase orders per supplier and lists them by expected date', async () => {
    const r = await ok<StockReport>(admin, '/api/reports/stock');
    expect([r.openOrders.count, r.openOrders.openNetCents, r.openOrders.overdueCount]).toEqual([3, 4666, 1]);
    expect(
      r.openOrders.bySupplier.map((s) => [
        s.supplierName,
        s.count,
        s.openNetCents,
        s.earliestExpectedDate,
        s.overdueCount,
      ]),
    ).toEqual([
      ['Schrauben Schmidt GmbH', 2, 4000, '2026-11-20', 1],
      ['Anker AG', 1, 666, null, 0],
    ]);
    expect(
      r.openOrders.items.map((o) => [o.id, o.status, o.expectedDate, o.netCents, o.openNetCents, o.overdue]),
    ).toEqual([
      [po.PO1, 'sent', '2026-11-20', 3000, 3000, true],
      [po.PO2, 'partially_received', '2026-11-26', 1500, 1000, false],
      [po.PO3, 'approved', null, 666, 666, false],
    ]);
  });

  it('flags an order overdue once its expected day has passed in the company’s time zone', async () => {
    try {
      // 23:30 UTC on the 26th is already the 27th in Berlin: PO2 (expected the 26th) is now late
      at('2026-11-26T23:30:00.000Z');
      const r = await ok<StockReport>(admin, '/api/reports/stock');
      expect(r.asOf).toBe('2026-11-27');
      expect(r.openOrders.items.map((o) => o.overdue)).toEqual([true, true, false]);
      expect(r.openOrders.bySupplier[0]!.overdueCount).toBe(2);
      expect(r.openOrders.overdueCount).toBe(2);
      at('2026-11-26T22:30:00.000Z'); // 23:30 in Berlin: still the 26th
      expect((await ok<StockReport>(admin, '/api/reports/stock')).openOrders.overdueCount).toBe(1);
    } finally {
      at('2026-11-26T09:00:00.000Z');
    }
  });

  it('lets purchasing, managers and accounting see the stock report, not sales; refuses bad input', async () => {
    expect((await get(julia, '/api/reports/stock')).statusCode).toBe(403);
    expect((await get(julia, '/api/reports/pipeline-purchases')).statusCode).toBe(403);
    expect((await get(purchaser, '/api/reports/stock')).statusCode).toBe(200);
    expect((await get(manager, '/api/reports/stock')).statusCode).toBe(200);
    const missing = await get(admin, `/api/reports/stock?warehouseId=${uuidv7()}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ type: string }>().type).toContain('reports.warehouse_not_found');
    expect((await get(admin, '/api/reports/stock?belowLimit=0')).statusCode).toBe(400);
    expect((await get(admin, '/api/reports/pipeline-purchases?horizonDays=0')).statusCode).toBe(400);
    expect((await get(admin, '/api/reports/pipeline-purchases?horizonDays=abc')).statusCode).toBe(400);
  });

  describe('pipeline purchases', () => {
    const deal: Record<string, string> = {};
    beforeAll(async () => {
      const { stage } = await defaultPipeline(t, admin);
      const customerOf = {
        julia: await makeCompany(t, 'Kunde Nord GmbH', julia),
        lukas: await makeCompany(t, 'Kunde Süd GmbH', lukas),
      };
      const line = (sku: string, quantity: number) => ({
        productId: product[sku]!.id,
        description: product[sku]!.name,
        quantity,
        unitPriceCents: 1000,
      });
      // D1 Julia (team Nord), Angebot 50 %, closes in 14 days: A-100 10 → 5, B-200 3 → 1.5, a service
      deal.D1 = (
        await postDeal(t, julia, {
          title: 'D1 Nord',
          companyId: customerOf.julia,
          stageId: stage.Angebot,
          expectedCloseDate: '2026-12-10',
          lines: [line('A-100', 10), line('B-200', 3), line('S-1', 1)],
        })
      ).id;
      // D2 Lukas (no team), Verhandlung 75 %, past its date (still open, so still expected): A-100 4 → 3
      deal.D2 = (
        await postDeal(t, lukas, {
          title: 'D2 Lukas',
          companyId: customerOf.lukas,
          stageId: stage.Verhandlung,
          expectedCloseDate: '2026-11-01',
          lines: [line('A-100', 4)],
        })
      ).id;
      // D3 Lead 10 %, closes in March (beyond 30 days): A-100 100 → 10
      deal.D3 = (
        await postDeal(t, admin, {
          title: 'D3 später',
          companyId: customerOf.lukas,
          stageId: stage.Lead,
          expectedCloseDate: '2027-03-01',
          lines: [line('A-100', 100)],
        })
      ).id;
      // D5 Qualifiziert 25 %: C-300 0.333 → 0.08325 → 0.083
      deal.D5 = (
        await postDeal(t, julia, {
          title: 'D5 Dübel',
          companyId: customerOf.julia,
          stageId: stage.Qualifiziert,
          expectedCloseDate: '2026-12-01',
          lines: [line('C-300', 0.333)],
        })
      ).id;
    });

    it('sets the expected demand of the deals closing within 30 days against available stock and orders', async () => {
      const r = await ok<PipelinePurchases>(admin, '/api/reports/pipeline-purchases');
      expect([r.asOf, r.until, r.horizonDays, r.warehouse.id]).toEqual(['2026-11-26', '2026-12-26', 30, hl]);
      expect(
        r.items.map((x) => [
          x.sku,
          x.expectedDemand,
          x.available,
          x.onOrder,
          x.toBuy,
          x.unitCostCents,
          x.toBuyCents,
        ]),
      ).toEqual([
        // 5 + 3 = 8 expected, 12 − 5 = 7 available, nothing on order: buy 1 × 2,50
        ['A-100', 8, 7, 0, 1, 250, 250],
        ['B-200', 1.5, 10.5, 21, 0, 199, 0],
        ['C-300', 0.083, 4, 2, 0, null, 0],
      ]);
      expect([r.productCount, r.toBuyCount, r.toBuyCents]).toEqual([3, 1, 250]);
      expect(r.items[0]!.preferredSupplierName).toBe('Schrauben Schmidt GmbH');
      expect(
        r.items[0]!.deals.map((d) => [d.dealId, d.stageName, d.probability, d.quantity, d.expected]),
      ).toEqual([
        [deal.D1, 'Angebot', 50, 10, 5],
        [deal.D2, 'Verhandlung', 75, 4, 3],
      ]);
      expect(r.items[0]!.otherDeals).toEqual({ count: 0, expected: 0 });
    });

    it('counts deals further out with a longer horizon, and not those lost', async () => {
      const r = await ok<PipelinePurchases>(admin, '/api/reports/pipeline-purchases?horizonDays=120');
      expect(r.until).toBe('2027-03-26');
      const a = r.items.find((x) => x.sku === 'A-100')!;
      // + D3's 10: 18 expected − 7 available = 11 to buy × 2,50
      expect([a.expectedDemand, a.toBuy, a.toBuyCents]).toEqual([18, 11, 2750]);

      const lost = await t.ctx.db
        .selectFrom('pipeline_stages')
        .select('id')
        .where('kind', '=', 'lost')
        .executeTakeFirstOrThrow();
      await t.ctx.db
        .updateTable('deals')
        .set({ status: 'lost', stage_id: lost.id })
        .where('id', '=', deal.D2!)
        .execute();
      try {
        const after = await ok<PipelinePurchases>(admin, '/api/reports/pipeline-purchases');
        const a2 = after.items.find((x) => x.sku === 'A-100')!;
        // only D1's 5 left, 7 available: nothing to buy
        expect([a2.expectedDemand, a2.toBuy]).toEqual([5, 0]);
        expect(after.toBuyCount).toBe(0);
      } finally {
        const open = await t.ctx.db
          .selectFrom('pipeline_stages')
          .select('id')
          .where('name', '=', 'Verhandlung')
          .executeTakeFirstOrThrow();
        await t.ctx.db
          .updateTable('deals')
          .set({ status: 'open', stage_id: open.id })
          .where('id', '=', deal.D2!)
          .execute();
      }
    });

    it('counts every deal but lists only those the caller may see', async () => {
      // the manager of team Nord sees Julia's D1, not Lukas' D2; the demand is the same
      const r = await ok<PipelinePurchases>(manager, '/api/reports/pipeline-purchases');
      const a = r.items.find((x) => x.sku === 'A-100')!;
      expect([a.expectedDemand, a.toBuy]).toEqual([8, 1]);
      expect(a.deals.map((d) => d.dealId)).toEqual([deal.D1]);
      expect(a.otherDeals).toEqual({ count: 1, expected: 3 });
      expect((await get(purchaser, '/api/reports/pipeline-purchases')).statusCode).toBe(200);
    });
  });
});
