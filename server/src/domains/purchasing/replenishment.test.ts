import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../../../contracts/common';
import type { Company } from '../../../../contracts/companies';
import type { ReplenishmentRunResult, ReplenishmentSuggestion } from '../../../../contracts/purchasing';
import type { DealDetail } from '../../../../contracts/sales';
import { systemActor } from '../../platform/actor';
import { runJob } from '../../platform/jobs/run-job';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { DIALECTS } from '../../testing/test-db';
import { findOrCreateDraft } from './draft-orders';
import {
  customer,
  type Fixture,
  fixture,
  move,
  openDeal,
  ordersOf,
  product,
  reorder,
  setPurchasingSettings,
  supplier,
} from './replenishment-test-helpers';

const STAGE = {
  lead: '0190a000-0000-7000-8000-00000000a101',
  angebot: '0190a000-0000-7000-8000-00000000a103',
  verhandlung: '0190a000-0000-7000-8000-00000000a104',
};

describe.each(DIALECTS)('replenishment (%s)', (dialect) => {
  let f: Fixture;
  let hansa: Company;
  let krause: Company;
  let sales: TestSession;
  let accounting: TestSession;

  const terms = (companyId: string, t: Partial<Record<string, unknown>> = {}) => ({
    companyId,
    supplierSku: 'H-1',
    purchasePriceCents: 1500,
    minOrderQty: 1,
    packSize: 1,
    leadTimeDays: 7,
    ...t,
  });
  const suggestions = async (query = '') => {
    const res = await f.req(f.admin, 'GET', `/api/replenishment${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: ReplenishmentSuggestion[]; nextCursor: string | null }>();
  };
  const run = async (body: object) => {
    const res = await f.req(f.admin, 'POST', '/api/replenishment/run', body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ReplenishmentRunResult>();
  };
  const dealOf = async (id: string) => (await f.req(f.admin, 'GET', `/api/deals/${id}`)).json<DealDetail>();
  /** Wins the deal through the API and delivers its events (inventory reserves its lines). */
  const win = async (deal: DealDetail) => {
    const res = await f.req(f.admin, 'POST', `/api/deals/${deal.id}/win`, { version: deal.version });
    expect(res.statusCode, res.body).toBe(200);
    await f.t.ctx.dispatcher.drain();
    return res.json<DealDetail>();
  };
  /** The id of the deal's reservation move. */
  const reservationOf = async (dealId: string) =>
    (
      await f.t.ctx.db
        .selectFrom('stock_moves')
        .select('id')
        .where('source_id', '=', dealId)
        .where('kind', '=', 'reservation')
        .executeTakeFirstOrThrow()
    ).id;
  const linesOf = async (productId: string) =>
    f.t.ctx.db
      .selectFrom('purchase_order_lines as l')
      .innerJoin('purchase_orders as o', 'o.id', 'l.purchase_order_id')
      .select(['l.quantity_milli', 'o.status', 'o.supplier_id', 'l.origin'])
      .where('l.product_id', '=', productId)
      .execute();

  beforeAll(async () => {
    f = await fixture(dialect);
    sales = await createUserAndLogin(f.t, { role: 'sales' });
    accounting = await createUserAndLogin(f.t, { role: 'accounting' });
    hansa = await supplier(f, 'Hansa Hydraulik GmbH');
    krause = await customer(f, 'Bäckerei Krause');
  });
  afterAll(() => f?.t.close());

  it('stock 12, reorder point 10, max 30: winning a deal for 5 makes a draft to the preferred supplier for 23, explained', async () => {
    const p = await product(f, { sku: 'HP-100', name: 'Hydraulikpumpe', suppliers: [terms(hansa.id)] });
    await reorder(f, p.id, { point: 10, max: 30 });
    await move(f, p.id, 'adjustment', 12);
    expect(await ordersOf(f, hansa.id)).toEqual([]); // 12 ≥ 10: nothing

    // the deal is won: inventory reserves the 5 (deal.won), the reservation's stock.changed checks
    const deal = await openDeal(f, krause.id, p.id, 5, { title: 'Krause Pumpen' });
    const won = await win(deal);
    const moveId = await reservationOf(deal.id);

    const [draft, ...more] = await ordersOf(f, hansa.id);
    expect(more).toEqual([]);
    expect(draft).toMatchObject({ status: 'draft', origin: 'replenishment', netCents: 23 * 1500 });
    expect(draft!.number).toMatch(/^BE-2026-\d{5}$/);
    expect(draft!.lines).toHaveLength(1);
    const line = draft!.lines[0]!;
    expect(line).toMatchObject({
      productId: p.id,
      quantity: 23,
      unitPriceCents: 1500,
      netCents: 34500,
      origin: 'replenishment',
      supplierSku: 'H-1',
    });
    expect(line.explanation).toMatchObject({
      warehouseId: f.warehouseId,
      onHand: 12,
      reserved: 5,
      onOrder: 0,
      pipelineDemand: 0,
      projected: 7,
      reorderPoint: 10,
      maxLevel: 30,
      reorderQty: null,
      needed: 23,
      minOrderQty: 1,
      packSize: 1,
      quantity: 23,
      leadTimeDays: 7,
      causes: [
        {
          kind: 'move',
          label: 'reservation',
          moveId,
          sourceType: 'deal',
          sourceId: deal.id,
          // stored by the deal's id only: the title is put in when read, for who may see the deal
          sourceLabel: null,
          quantity: 5,
        },
      ],
    });
    const shown = await f.req(f.admin, 'GET', `/api/purchase-orders/${draft!.id}`);
    expect(shown.json<{ lines: Array<{ explanation: unknown }> }>().lines[0]!.explanation).toMatchObject({
      causes: [{ kind: 'move', sourceId: deal.id, sourceLabel: 'Krause Pumpen' }],
    });
    expect(line.explanation!.summary).toBe(
      'Projected 7 (on hand 12 − reserved 5 + on order 0) < reorder point 10: up to max. level 30 → 23',
    );
    const created = await f.t.ctx.db
      .selectFrom('outbox')
      .select('payload')
      .where('type', '=', 'po.created')
      .execute();
    expect(created.map((e) => JSON.parse(e.payload))).toContainEqual({
      purchaseOrderId: draft!.id,
      number: draft!.number,
      supplierId: hansa.id,
      origin: 'replenishment',
    });

    // the suggestion lists it with the draft line
    const list = await suggestions();
    const s = list.items.find((i) => i.productId === p.id);
    expect(s).toMatchObject({
      sku: 'HP-100',
      productName: 'Hydraulikpumpe',
      supplierId: hansa.id,
      supplierName: 'Hansa Hydraulik GmbH',
      quantity: 23,
      unitPriceCents: 1500,
      draftPurchaseOrderId: draft!.id,
      draftPurchaseOrderNumber: draft!.number,
      draftQuantity: 23,
      blockedReason: null,
      explanation: { projected: 7, quantity: 23, causes: [{ moveId }] },
    });

    // a re-check of the same shortfall orders nothing more
    const again = await run({ productIds: [p.id] });
    expect(again).toMatchObject({ checked: 1, linesWritten: 0, purchaseOrderIds: [draft!.id] });
    const [same] = await ordersOf(f, hansa.id);
    expect(same!.lines.map((l) => l.quantity)).toEqual([23]);
    expect(same!.lines[0]!.explanation!.causes).toHaveLength(1);

    // another won deal: the line is SET to the new shortfall (30 − 5 = 25), the causes add up
    const deal2 = await openDeal(f, krause.id, p.id, 2, { title: 'Krause Nachschub' });
    await win(deal2);
    const second = await reservationOf(deal2.id);
    const [after] = await ordersOf(f, hansa.id);
    expect(after!.id).toBe(draft!.id);
    expect(after!.lines).toHaveLength(1);
    expect(after!.lines[0]).toMatchObject({ quantity: 25, netCents: 25 * 1500 });
    expect(after!.netCents).toBe(25 * 1500);
    expect(after!.version).toBeGreaterThan(draft!.version);
    expect(after!.lines[0]!.explanation!.causes.map((c) => c.moveId)).toEqual([moveId, second]);

    // both deals reopened, their reservations released: nothing is needed any more, the line and its empty draft go
    for (const d of [won, await dealOf(deal2.id)]) {
      const res = await f.req(f.admin, 'POST', `/api/deals/${d.id}/reopen`, { version: d.version });
      expect(res.statusCode, res.body).toBe(200);
    }
    await f.t.ctx.dispatcher.drain();
    expect(await ordersOf(f, hansa.id)).toEqual([]);
    expect((await suggestions()).items.find((i) => i.productId === p.id)).toBeUndefined();
  });

  it('reorder quantity: as many times as it takes to get back to the reorder point', async () => {
    const sup = await supplier(f, 'Rohr & Co KG');
    const p = await product(f, { suppliers: [terms(sup.id, { purchasePriceCents: 199 })] });
    await reorder(f, p.id, { point: 10, qty: 8 });
    await move(f, p.id, 'adjustment', 3); // projected 3: once 8 → 11
    let [d] = await ordersOf(f, sup.id);
    expect(d!.lines[0]).toMatchObject({ quantity: 8, netCents: 1592 });
    expect(d!.lines[0]!.explanation).toMatchObject({ needed: 8, reorderQty: 8, maxLevel: null });
    expect(d!.lines[0]!.explanation!.summary).toContain('reorder quantity 8 × 1 → 8');
    await move(f, p.id, 'adjustment', -2.5); // projected 0.5: twice → 16
    [d] = await ordersOf(f, sup.id);
    expect(d!.lines[0]).toMatchObject({ quantity: 16 });
    expect(d!.lines[0]!.explanation!.summary).toContain('reorder quantity 8 × 2 → 16');
  });

  it('rounds up to the minimum order quantity and to whole packs (also fractional packs)', async () => {
    const sup = await supplier(f, 'Pack & Partner GmbH');
    const small = await product(f, { suppliers: [terms(sup.id, { minOrderQty: 20, packSize: 6 })] });
    const fraction = await product(f, { suppliers: [terms(sup.id, { minOrderQty: 1, packSize: 2.5 })] });
    await reorder(f, small.id, { point: 10, max: 12 });
    await reorder(f, fraction.id, { point: 10, max: 30 });
    await move(f, small.id, 'adjustment', 9); // needs 3 → minimum 20 → packs of 6: 24
    await move(f, fraction.id, 'adjustment', 7); // needs 23 → packs of 2.5: 25

    const [d, ...more] = await ordersOf(f, sup.id);
    expect(more).toEqual([]); // one draft per supplier, across products
    const bySku = new Map(d!.lines.map((l) => [l.productId, l]));
    expect(bySku.get(small.id)).toMatchObject({ quantity: 24 });
    expect(bySku.get(small.id)!.explanation).toMatchObject({
      needed: 3,
      minOrderQty: 20,
      packSize: 6,
      quantity: 24,
    });
    expect(bySku.get(small.id)!.explanation!.summary).toBe(
      'Projected 9 (on hand 9 − reserved 0 + on order 0) < reorder point 10: up to max. level 12 → 3, minimum order 20 → 20, packs of 6 → 24',
    );
    expect(bySku.get(fraction.id)).toMatchObject({ quantity: 25 });
    expect(bySku.get(fraction.id)!.explanation!.summary).toContain(
      'up to max. level 30 → 23, packs of 2.5 → 25',
    );
    expect(d!.netCents).toBe((24 + 25) * 1500);
  });

  it('gives each supplier one draft: products of two suppliers make two drafts, a third product joins its supplier’s', async () => {
    const a = await supplier(f, 'Alpha Zulieferer GmbH');
    const b = await supplier(f, 'Beta Zulieferer GmbH');
    const pa1 = await product(f, { suppliers: [terms(a.id)] });
    const pa2 = await product(f, {
      suppliers: [terms(a.id, { preferred: true }), terms(b.id, { preferred: false })],
    });
    const pb = await product(f, {
      suppliers: [terms(b.id, { preferred: true }), terms(a.id, { preferred: false })],
    });
    for (const p of [pa1, pa2, pb]) await reorder(f, p.id, { point: 5, max: 10 });
    for (const p of [pa1, pa2, pb]) await move(f, p.id, 'adjustment', 1);
    const [da, ...moreA] = await ordersOf(f, a.id);
    const [db, ...moreB] = await ordersOf(f, b.id);
    expect(moreA).toEqual([]);
    expect(moreB).toEqual([]);
    expect(da!.lines.map((l) => l.productId).sort()).toEqual([pa1.id, pa2.id].sort());
    expect(db!.lines.map((l) => l.productId)).toEqual([pb.id]);
    expect(da!.lines.every((l) => l.quantity === 9)).toBe(true);
  });

  it('counts approved orders as on order: no second draft; drafts do not count', async () => {
    const sup = await supplier(f, 'Gamma Lager GmbH');
    const p = await product(f, { suppliers: [terms(sup.id)] });
    await reorder(f, p.id, { point: 10, max: 30 });
    await move(f, p.id, 'adjustment', 12);
    await move(f, p.id, 'reservation', 6);
    const [draft] = await ordersOf(f, sup.id);
    expect(draft!.lines[0]!.quantity).toBe(24);

    const result = await run({ productIds: [p.id], approve: true });
    expect(result).toMatchObject({
      linesWritten: 0,
      purchaseOrderIds: [draft!.id],
      approvedIds: [draft!.id],
      notApproved: [],
    });
    await f.t.ctx.dispatcher.drain();
    const level = await f.t.ctx.db
      .selectFrom('stock_levels')
      .select('on_order_milli')
      .where('product_id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(Number(level.on_order_milli)).toBe(24_000);

    // another sale: projected 12 − 7 + 24 = 29 ≥ 10, nothing new
    await move(f, p.id, 'reservation', 1);
    const orders = await ordersOf(f, sup.id);
    expect(orders.map((o) => o.status)).toEqual(['approved']);
    expect((await run({ productIds: [p.id] })).linesWritten).toBe(0);
    expect(await ordersOf(f, sup.id)).toHaveLength(1);
    expect((await suggestions()).items.find((i) => i.productId === p.id)).toBeUndefined();
  });

  it('a product without a supplier is suggested with the reason and ordered nowhere', async () => {
    const p = await product(f, { sku: 'NO-SUP', suppliers: [] });
    await reorder(f, p.id, { point: 4, max: 10 });
    await move(f, p.id, 'adjustment', 1);
    expect(await linesOf(p.id)).toEqual([]);
    const s = (await suggestions()).items.find((i) => i.productId === p.id);
    expect(s).toMatchObject({
      sku: 'NO-SUP',
      supplierId: null,
      supplierName: null,
      quantity: null,
      unitPriceCents: null,
      draftPurchaseOrderId: null,
      explanation: { projected: 1, needed: 9 },
    });
    expect(s!.blockedReason).toContain('no supplier');
    const r = await run({ productIds: [p.id] });
    expect(r).toMatchObject({ checked: 1, linesWritten: 0, purchaseOrderIds: [] });
  });

  it('leaves a manual line alone and orders nothing more for that product in the draft', async () => {
    const sup = await supplier(f, 'Delta Handel GmbH');
    const p = await product(f, { suppliers: [terms(sup.id)] });
    const draft = await f.t.ctx.db.transaction().execute((trx) =>
      findOrCreateDraft(trx, f.t.ctx, systemActor('test'), {
        supplierId: sup.id,
        warehouseId: f.warehouseId,
        origin: 'manual',
      }),
    );
    await f.t.ctx.db
      .insertInto('purchase_order_lines')
      .values({
        id: crypto.randomUUID(),
        purchase_order_id: draft.id,
        position: 1,
        product_id: p.id,
        supplier_sku: null,
        description: 'von Hand',
        quantity_milli: 3000,
        received_milli: 0,
        unit_price_cents: 100,
        net_cents: 300,
        vat_rate: 19,
        origin: 'manual',
        explanation: null,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .execute();
    await reorder(f, p.id, { point: 10, max: 30 });
    await move(f, p.id, 'adjustment', 2);
    const [d] = await ordersOf(f, sup.id);
    expect(d!.lines).toMatchObject([{ origin: 'manual', quantity: 3, netCents: 300 }]);
    const s = (await suggestions()).items.find((i) => i.productId === p.id);
    expect(s).toMatchObject({ quantity: 28, draftPurchaseOrderId: draft.id, draftQuantity: 3 });
  });

  it('skips inactive products and drafts nothing while automatic drafting is off', async () => {
    const sup = await supplier(f, 'Epsilon GmbH');
    const inactive = await product(f, { suppliers: [terms(sup.id)] });
    await f.t.ctx.db.updateTable('products').set({ active: 0 }).where('id', '=', inactive.id).execute();
    await reorder(f, inactive.id, { point: 10, max: 30 });
    await move(f, inactive.id, 'adjustment', 1);
    expect(await ordersOf(f, sup.id)).toEqual([]);
    expect((await suggestions()).items.find((i) => i.productId === inactive.id)).toBeUndefined();

    const manual = await product(f, { suppliers: [terms(sup.id)] });
    await reorder(f, manual.id, { point: 10, max: 30 });
    await setPurchasingSettings(f, { autoDraft: false });
    try {
      await move(f, manual.id, 'adjustment', 4);
      expect(await ordersOf(f, sup.id)).toEqual([]);
      expect((await suggestions(`?supplierId=${sup.id}`)).items).toMatchObject([
        { productId: manual.id, quantity: 26 },
      ]);
      // the nightly job (or run-job) writes it
      const jobRun = await runJob(f.t.ctx, 'purchasing.replenishment', { asOf: '2026-11-27' });
      expect(jobRun.status).toBe('succeeded');
      expect(jobRun.summary).toMatch(/products checked, \d+ lines written/);
      const [d] = await ordersOf(f, sup.id);
      expect(d!.lines).toMatchObject([{ productId: manual.id, quantity: 26 }]);
    } finally {
      await setPurchasingSettings(f, { autoDraft: true });
    }
  });

  it('counts open deals expected within the lead time when the option is on, and re-checks on stage changes', async () => {
    const sup = await supplier(f, 'Zeta Technik GmbH');
    const p = await product(f, { suppliers: [terms(sup.id, { leadTimeDays: 14 })] });
    await reorder(f, p.id, { point: 10, max: 30 });
    await move(f, p.id, 'adjustment', 20);
    const soon: DealDetail = await openDeal(f, krause.id, p.id, 30, {
      title: 'Krause Großauftrag',
      stageId: STAGE.angebot,
      expectedCloseDate: '2026-12-05',
    });
    await openDeal(f, krause.id, p.id, 100, {
      title: 'Später',
      stageId: STAGE.verhandlung,
      expectedCloseDate: '2027-02-01',
    });
    await f.t.ctx.dispatcher.drain();
    expect(await ordersOf(f, sup.id)).toEqual([]); // option off: 20 ≥ 10
    expect((await suggestions()).items.find((i) => i.productId === p.id)).toBeUndefined();

    await setPurchasingSettings(f, { countPipelineDemand: true });
    try {
      // 30 × 50 % = 15 within 14 days; the deal of February is beyond the lead time
      const s = (await suggestions(`?supplierId=${sup.id}`)).items;
      expect(s).toMatchObject([
        {
          productId: p.id,
          quantity: 25,
          explanation: {
            onHand: 20,
            pipelineDemand: 15,
            projected: 5,
            needed: 25,
            causes: [{ kind: 'deal', label: 'Angebot', sourceType: 'deal', sourceId: soon.id, quantity: 15 }],
          },
        },
      ]);
      expect(s[0]!.explanation.summary).toContain('− pipeline demand 15');
      const r = await run({ productIds: [p.id] });
      expect(r.linesWritten).toBe(1);
      let [d] = await ordersOf(f, sup.id);
      expect(d!.lines).toMatchObject([{ quantity: 25 }]);

      // the deal goes back to Lead (10 %): 3 expected, projected 17 ≥ 10 — the line goes
      const res = await f.req(f.admin, 'PATCH', `/api/deals/${soon.id}`, {
        version: soon.version,
        stageId: STAGE.lead,
      });
      expect(res.statusCode, res.body).toBe(200);
      await f.t.ctx.dispatcher.drain();
      expect(await ordersOf(f, sup.id)).toEqual([]);

      // to Verhandlung (75 %): 22.5 expected, projected −2.5 → 32.5, whole units (pack 1): 33
      const again = await f.req(f.admin, 'PATCH', `/api/deals/${soon.id}`, {
        version: res.json<DealDetail>().version,
        stageId: STAGE.verhandlung,
      });
      expect(again.statusCode, again.body).toBe(200);
      await f.t.ctx.dispatcher.drain();
      [d] = await ordersOf(f, sup.id);
      expect(d!.lines).toMatchObject([{ quantity: 33 }]);
      expect(d!.lines[0]!.explanation).toMatchObject({ pipelineDemand: 22.5, projected: -2.5, needed: 32.5 });
    } finally {
      await setPurchasingSettings(f, { countPipelineDemand: false });
    }
  });

  it('needs purchaseOrders.read to see suggestions and purchaseOrders.write to run', async () => {
    expect((await f.req(sales, 'GET', '/api/replenishment')).statusCode).toBe(403);
    expect((await f.req(accounting, 'GET', '/api/replenishment')).statusCode).toBe(200);
    const denied = await f.req(accounting, 'POST', '/api/replenishment/run', {});
    expect(denied.statusCode).toBe(403);
    const bad = await f.req(f.admin, 'POST', '/api/replenishment/run', { productIds: ['nope'] });
    expect(bad.statusCode).toBe(400);
    const cursor = await f.req(f.admin, 'GET', '/api/replenishment?cursor=garbage');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json<Problem>().code).toBe('list.bad_cursor');
  });

  it('pages suggestions by SKU', async () => {
    const all = await suggestions('?limit=500');
    expect(all.items.length).toBeGreaterThanOrEqual(3);
    const first = await suggestions('?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const rest = await suggestions(`?limit=500&cursor=${first.nextCursor}`);
    expect([...first.items, ...rest.items].map((i) => i.productId)).toEqual(
      all.items.map((i) => i.productId),
    );
    const skus = all.items.map((i) => i.sku.toLowerCase());
    expect(skus).toEqual([...skus].sort());
  });
});
