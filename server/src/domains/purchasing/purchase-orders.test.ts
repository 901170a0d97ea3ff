import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../../../contracts/catalog';
import type { Problem } from '../../../../contracts/common';
import type { Company } from '../../../../contracts/companies';
import type {
  ApprovalLimit,
  GoodsReceipt,
  PurchaseOrder,
  PurchaseOrderListItem,
  PurchasingSettings,
} from '../../../../contracts/purchasing';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { eventsOf, poster } from '../companies/companies-test-helpers';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const requester = (t: TestApp) => (s: TestSession, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

import { getDefaultWarehouse, getStockPositions } from '../inventory';
import { getOpenPurchaseOrderSummary } from './purchasing.reads';

type Page = { items: PurchaseOrderListItem[]; nextCursor: string | null };

describe.each(DIALECTS)('purchase orders over the API (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let buyer: TestSession;
  let manager: TestSession;
  let sales: TestSession;
  let req: ReturnType<typeof requester>;
  let post: ReturnType<typeof poster>;
  let hydraulik: Company;
  let lager: Company;
  let customer: Company;
  let pump: Product;
  let hose: Product;
  let bearing: Product;
  let noPrice: Product;
  let warehouseId: string;

  const stock = async (productId: string) =>
    (await getStockPositions(t.ctx.db, [productId], warehouseId)).get(productId)!;
  const order = async (id: string) => {
    const res = await req(buyer, 'GET', `/api/purchase-orders/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PurchaseOrder>();
  };
  const product = (body: object) => post<Product>(admin, '/api/products', body);
  const draftFor = async (supplierId: string, lines: object[], s = buyer) => {
    const res = await req(s, 'POST', '/api/purchase-orders', { supplierId, lines });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<PurchaseOrder>();
  };
  const action = (s: TestSession, id: string, verb: string, body: object) =>
    req(s, 'POST', `/api/purchase-orders/${id}/${verb}`, body);

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-11-26T09:00:00.000Z' });
    req = requester(t);
    post = poster(t);
    admin = await createUserAndLogin(t, { role: 'admin', name: 'Katrin Hoffmann' });
    buyer = await createUserAndLogin(t, { role: 'purchasing', name: 'Michael Weber' });
    manager = await createUserAndLogin(t, { role: 'manager', name: 'Thomas Becker' });
    sales = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    const company = (name: string, roles: string[]) =>
      post<Company>(admin, '/api/companies?allowDuplicate=true', { name, roles });
    hydraulik = await company('Hansa Hydraulik GmbH', ['supplier']);
    lager = await company('Kugellager Hofmann KG', ['supplier']);
    customer = await company('Bäckerei Krause', ['customer']);
    pump = await product({
      sku: 'HP-8',
      name: 'Hydraulikpumpe 8 cm³',
      salesPriceCents: 38900,
      purchasePriceCents: 21400,
      kind: 'stock',
      suppliers: [
        { companyId: hydraulik.id, supplierSku: 'HH-8', purchasePriceCents: 21000, leadTimeDays: 10 },
      ],
    });
    hose = await product({
      sku: 'HS-10',
      name: 'Hydraulikschlauch DN10',
      unit: 'MTR',
      salesPriceCents: 1480,
      purchasePriceCents: 620,
      kind: 'stock',
      suppliers: [{ companyId: hydraulik.id, leadTimeDays: 4 }],
    });
    bearing = await product({
      sku: 'KL-6204',
      name: 'Rillenkugellager 6204',
      salesPriceCents: 1290,
      purchasePriceCents: 540,
      kind: 'stock',
      suppliers: [{ companyId: lager.id, purchasePriceCents: 500, leadTimeDays: 5 }],
    });
    noPrice = await product({ sku: 'NP-1', name: 'Ohne Einkaufspreis', salesPriceCents: 100, kind: 'stock' });
    warehouseId = (await getDefaultWarehouse(t.ctx.db)).id;
    const limit = await req(admin, 'PUT', `/api/purchasing/approval-limits/${buyer.user.id}`, {
      limitCents: 500_000,
    });
    expect(limit.statusCode, limit.body).toBe(200);
  });
  afterAll(() => t?.close());

  it('walks a purchase order from draft to received: on order, then on hand', async () => {
    const draft = await draftFor(hydraulik.id, [
      { productId: pump.id, quantity: 4 },
      { productId: hose.id, quantity: 12.5 },
    ]);
    expect(draft).toMatchObject({
      status: 'draft',
      origin: 'manual',
      supplierName: 'Hansa Hydraulik GmbH',
      warehouseId,
      netCents: 4 * 21000 + 12.5 * 620,
      vatCents: Math.round((4 * 21000 + 12.5 * 620) * 0.19),
      expectedDate: null,
      version: 1,
      lines: [
        { sku: 'HP-8', supplierSku: 'HH-8', quantity: 4, unitPriceCents: 21000, netCents: 84000, open: 4 },
        { sku: 'HS-10', unit: 'MTR', quantity: 12.5, unitPriceCents: 620, netCents: 7750 },
      ],
    });
    expect(draft.number).toMatch(/^BE-2026-\d{5}$/);
    expect(await eventsOf(t, 'po.created')).toContainEqual(
      expect.objectContaining({ purchaseOrderId: draft.id, origin: 'manual' }),
    );
    expect((await stock(pump.id)).onOrderMilli).toBe(0);

    const approved = await action(buyer, draft.id, 'approve', { version: draft.version });
    expect(approved.statusCode, approved.body).toBe(200);
    const a = approved.json<PurchaseOrder>();
    // expected: today + the longest lead time of the lines' supplier terms (10 days)
    expect(a).toMatchObject({
      status: 'approved',
      approvedBy: buyer.user.id,
      approvedByName: 'Michael Weber',
    });
    expect(a.expectedDate).toBe('2026-12-06');
    expect(await stock(pump.id)).toMatchObject({ onOrderMilli: 4000, onHandMilli: 0 });
    expect((await stock(hose.id)).onOrderMilli).toBe(12500);
    expect(await eventsOf(t, 'po.approved')).toContainEqual(
      expect.objectContaining({ purchaseOrderId: draft.id, netCents: 91750 }),
    );

    const noAddress = await action(buyer, draft.id, 'send', { version: a.version });
    expect(noAddress.statusCode).toBe(422);
    expect(noAddress.json<Problem>()).toMatchObject({
      code: 'purchase_orders.no_recipient',
      errors: [{ path: 'to' }],
    });

    const sent = await action(buyer, draft.id, 'send', { version: a.version, to: 'auftrag@hansa.example' });
    expect(sent.statusCode, sent.body).toBe(200);
    const s = sent.json<PurchaseOrder>();
    expect(s).toMatchObject({ status: 'sent', sentTo: 'auftrag@hansa.example' });
    const mails = await t.ctx.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', 'auftrag@hansa.example')
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(draft.number);
    const attachments = await t.ctx.db
      .selectFrom('mail_attachments')
      .select(['filename', 'content_type'])
      .where('mail_id', '=', mails[0]!.id)
      .execute();
    expect(attachments).toEqual([
      { filename: `Bestellung-${draft.number}.pdf`, content_type: 'application/pdf' },
    ]);

    const pdf = await req(buyer, 'GET', `/api/purchase-orders/${draft.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const [pumpLine, hoseLine] = s.lines;
    const tooMuch = await action(buyer, draft.id, 'receipts', {
      lines: [{ lineId: pumpLine!.id, quantity: 5 }],
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json<Problem>()).toMatchObject({
      code: 'purchase_orders.invalid_receipt',
      errors: [{ path: 'lines.0.quantity' }],
    });
    expect(tooMuch.json<Problem>().detail).toContain('only 4 still open');
    const allZero = await action(buyer, draft.id, 'receipts', {
      lines: [{ lineId: pumpLine!.id, quantity: 0 }],
    });
    expect(allZero.statusCode).toBe(422);

    const first = await action(buyer, draft.id, 'receipts', {
      note: 'Teillieferung',
      lines: [
        { lineId: pumpLine!.id, quantity: 2 },
        { lineId: hoseLine!.id, quantity: 12.5 },
      ],
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<GoodsReceipt>()).toMatchObject({
      receivedOn: '2026-11-26',
      note: 'Teillieferung',
      lines: [
        { lineId: pumpLine!.id, sku: 'HP-8', quantity: 2 },
        { lineId: hoseLine!.id, sku: 'HS-10', quantity: 12.5 },
      ],
    });
    expect(await stock(pump.id)).toMatchObject({ onHandMilli: 2000, onOrderMilli: 2000 });
    expect(await stock(hose.id)).toMatchObject({ onHandMilli: 12500, onOrderMilli: 0 });
    const partly = await order(draft.id);
    expect(partly.status).toBe('partially_received');
    expect(partly.lines.map((l) => [l.received, l.open])).toEqual([
      [2, 2],
      [12.5, 0],
    ]);
    // (closing a partly received order short: purchase-order-close-short.test.ts)
    const stale = await action(buyer, draft.id, 'cancel', {
      version: partly.version - 1,
      reason: 'zu spät',
    });
    expect(stale.statusCode).toBe(409);

    const rest = await action(buyer, draft.id, 'receipts', {
      lines: [{ lineId: pumpLine!.id, quantity: 2 }],
    });
    expect(rest.statusCode, rest.body).toBe(201);
    const done = await order(draft.id);
    expect(done).toMatchObject({ status: 'received', overdue: false });
    expect(done.receivedAt).not.toBeNull();
    expect(await stock(pump.id)).toMatchObject({ onHandMilli: 4000, onOrderMilli: 0 });
    const received = (await eventsOf(t, 'po.received')).filter((e) => e.purchaseOrderId === draft.id);
    expect(received.map((e) => e.complete)).toEqual([false, true]);

    const receipts = await req(buyer, 'GET', `/api/purchase-orders/${draft.id}/receipts`);
    expect(receipts.json<{ items: GoodsReceipt[] }>().items).toHaveLength(2);
    const moves = await t.ctx.db
      .selectFrom('stock_moves')
      .select(['kind', 'on_hand_delta_milli', 'on_order_delta_milli'])
      .where('product_id', '=', pump.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(moves.map((m) => [m.kind, Number(m.on_hand_delta_milli), Number(m.on_order_delta_milli)])).toEqual(
      [
        ['order', 0, 4000],
        ['receipt', 2000, -2000],
        ['receipt', 2000, -2000],
      ],
    );
    const audit = await req(admin, 'GET', `/api/audit?entityType=purchase_order&entityId=${draft.id}`);
    expect(audit.statusCode, audit.body).toBe(200);
    expect(JSON.stringify(audit.json())).toContain('received');
    // the next order to the supplier goes to the same address by default
    const next = await draftFor(hydraulik.id, [{ productId: pump.id, quantity: 1 }]);
    expect(next.supplierEmail).toBe('auftrag@hansa.example');
    await action(buyer, next.id, 'cancel', { version: next.version, reason: 'Test' });
  });

  it('refuses bad drafts with a message naming the field, and writes nothing', async () => {
    const before = await t.ctx.db.selectFrom('purchase_orders').select('id').execute();
    const notSupplier = await req(buyer, 'POST', '/api/purchase-orders', {
      supplierId: customer.id,
      lines: [],
    });
    expect(notSupplier.statusCode).toBe(422);
    expect(notSupplier.json<Problem>()).toMatchObject({
      code: 'purchase_orders.invalid_supplier',
      errors: [{ path: 'supplierId' }],
    });
    const twice = await req(buyer, 'POST', '/api/purchase-orders', {
      supplierId: lager.id,
      lines: [
        { productId: bearing.id, quantity: 1 },
        { productId: bearing.id, quantity: 2 },
      ],
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.json<Problem>()).toMatchObject({
      code: 'purchase_orders.invalid_lines',
      errors: [{ path: 'lines.1.productId' }],
    });
    const priceless = await req(buyer, 'POST', '/api/purchase-orders', {
      supplierId: lager.id,
      lines: [{ productId: noPrice.id, quantity: 1 }],
    });
    expect(priceless.statusCode).toBe(422);
    expect(priceless.json<Problem>().errors).toEqual([
      { path: 'lines.0.unitPriceCents', message: 'NP-1 has no purchase price: give the unit price' },
    ]);
    const noWarehouse = await req(buyer, 'POST', '/api/purchase-orders', {
      supplierId: lager.id,
      warehouseId: '019355d4-0000-7000-8000-000000000000',
      lines: [],
    });
    expect(noWarehouse.statusCode).toBe(422);
    expect(noWarehouse.json<Problem>()).toMatchObject({ errors: [{ path: 'warehouseId' }] });
    const badQty = await req(buyer, 'POST', '/api/purchase-orders', {
      supplierId: lager.id,
      lines: [{ productId: bearing.id, quantity: 1.2345 }],
    });
    expect(badQty.statusCode).toBe(400);
    const forbidden = await req(sales, 'POST', '/api/purchase-orders', { supplierId: lager.id, lines: [] });
    expect(forbidden.statusCode).toBe(403);
    expect(await t.ctx.db.selectFrom('purchase_orders').select('id').execute()).toHaveLength(before.length);
  });

  it('keeps one draft per supplier: a second one is 409 naming the first; drafts change with their version', async () => {
    const draft = await draftFor(lager.id, [{ productId: noPrice.id, quantity: 3, unitPriceCents: 250 }]);
    const again = await req(buyer, 'POST', '/api/purchase-orders', { supplierId: lager.id, lines: [] });
    expect(again.statusCode).toBe(409);
    expect(again.json<Problem>()).toMatchObject({ code: 'purchase_orders.draft_exists' });
    expect(again.json<Problem>().detail).toContain(draft.number);

    const changed = await req(buyer, 'PATCH', `/api/purchase-orders/${draft.id}`, {
      version: draft.version,
      note: 'Bitte mit Lieferschein',
      expectedDate: '2026-12-10',
      lines: [{ productId: bearing.id, quantity: 100 }],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<PurchaseOrder>()).toMatchObject({
      version: 2,
      netCents: 50000,
      note: 'Bitte mit Lieferschein',
      expectedDate: '2026-12-10',
      lines: [{ sku: 'KL-6204', quantity: 100, unitPriceCents: 500 }],
    });
    const stale = await req(buyer, 'PATCH', `/api/purchase-orders/${draft.id}`, { version: 1, note: 'x' });
    expect(stale.statusCode).toBe(409);

    // cancelling a draft frees the supplier for a new one, and moves nothing
    const cancelled = await action(buyer, draft.id, 'cancel', { version: 2, reason: 'Doppelt angelegt' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json<PurchaseOrder>()).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Doppelt angelegt',
    });
    expect((await stock(bearing.id)).onOrderMilli).toBe(0);
    const noReason = await action(buyer, draft.id, 'cancel', { version: 3, reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    const edited = await req(buyer, 'PATCH', `/api/purchase-orders/${draft.id}`, { version: 3, note: 'x' });
    expect(edited.statusCode).toBe(409);
    expect(edited.json<Problem>().code).toBe('purchase_orders.wrong_status');
  });

  it('approves within the approval limit only; cancelling an approved order takes it off order', async () => {
    const empty = await draftFor(lager.id, []);
    const noLines = await action(buyer, empty.id, 'approve', { version: empty.version });
    expect(noLines.statusCode).toBe(422);
    expect(noLines.json<Problem>().code).toBe('purchase_orders.empty');

    const big = await req(buyer, 'PATCH', `/api/purchase-orders/${empty.id}`, {
      version: empty.version,
      lines: [{ productId: bearing.id, quantity: 2000 }],
    });
    const o = big.json<PurchaseOrder>();
    expect(o.netCents).toBe(1_000_000);
    const over = await action(buyer, o.id, 'approve', { version: o.version });
    expect(over.statusCode).toBe(403);
    expect(over.json<Problem>()).toMatchObject({ code: 'purchase_orders.over_approval_limit' });
    expect(over.json<Problem>().detail).toContain('10.000,00 €');
    expect(over.json<Problem>().detail).toContain('5.000,00 €');
    const noLimit = await action(manager, o.id, 'approve', { version: o.version });
    expect(noLimit.statusCode).toBe(403);
    expect(noLimit.json<Problem>().code).toBe('purchase_orders.no_approval_limit');
    expect((await stock(bearing.id)).onOrderMilli).toBe(0);

    const limits = await req(buyer, 'GET', '/api/purchasing/approval-limits');
    expect(limits.statusCode, limits.body).toBe(200);
    const items = limits.json<{ items: ApprovalLimit[] }>().items;
    expect(items.find((i) => i.userId === buyer.user.id)).toMatchObject({
      limitCents: 500_000,
      canApprove: true,
    });
    expect(items.find((i) => i.userId === manager.user.id)).toMatchObject({ canApprove: false });
    expect(items.find((i) => i.userId === admin.user.id)).toMatchObject({
      limitCents: null,
      canApprove: true,
    });
    expect(items.some((i) => i.userId === sales.user.id)).toBe(false);
    const notAllowed = await req(buyer, 'PUT', `/api/purchasing/approval-limits/${manager.user.id}`, {
      limitCents: null,
    });
    expect(notAllowed.statusCode).toBe(403);
    const salesLimit = await req(admin, 'PUT', `/api/purchasing/approval-limits/${sales.user.id}`, {
      limitCents: 1,
    });
    expect(salesLimit.statusCode).toBe(422);
    const put = await req(admin, 'PUT', `/api/purchasing/approval-limits/${manager.user.id}`, {
      limitCents: null,
    });
    expect(put.statusCode, put.body).toBe(200);

    const ok = await action(manager, o.id, 'approve', { version: o.version });
    expect(ok.statusCode, ok.body).toBe(200);
    const approved = ok.json<PurchaseOrder>();
    expect(approved.expectedDate).toBe('2026-12-01');
    expect((await stock(bearing.id)).onOrderMilli).toBe(2_000_000);
    const twice = await action(manager, o.id, 'approve', { version: approved.version });
    expect(twice.statusCode).toBe(409);

    const cancelled = await action(buyer, o.id, 'cancel', {
      version: approved.version,
      reason: 'Lieferant insolvent',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect((await stock(bearing.id)).onOrderMilli).toBe(0);
    expect(await eventsOf(t, 'po.cancelled')).toContainEqual(
      expect.objectContaining({ purchaseOrderId: o.id }),
    );
    const receiveCancelled = await action(buyer, o.id, 'receipts', {
      lines: [{ lineId: approved.lines[0]!.id, quantity: 1 }],
    });
    expect(receiveCancelled.statusCode).toBe(409);

    const removed = await req(admin, 'DELETE', `/api/purchasing/approval-limits/${manager.user.id}`);
    expect(removed.statusCode).toBe(204);
  });

  it('lists with filters, search, sort and keyset paging; open orders by supplier for reports', async () => {
    // an approved order to Kugellager, expected in the past → overdue
    const d = await draftFor(lager.id, [{ productId: bearing.id, quantity: 10 }]);
    const patched = await req(buyer, 'PATCH', `/api/purchase-orders/${d.id}`, {
      version: d.version,
      expectedDate: '2026-11-20',
    });
    const approved = await action(buyer, d.id, 'approve', { version: patched.json<PurchaseOrder>().version });
    expect(approved.json<PurchaseOrder>()).toMatchObject({ expectedDate: '2026-11-20', overdue: true });

    const list = async (query: string) => {
      const res = await req(buyer, 'GET', `/api/purchase-orders${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Page>();
    };
    expect((await list('?status=open')).items.map((i) => i.id)).toEqual([d.id]);
    expect((await list('?overdue=true')).items.map((i) => i.id)).toEqual([d.id]);
    expect((await list('?overdue=false')).items.map((i) => i.id)).not.toContain(d.id);
    expect((await list('?status=received')).items.map((i) => i.supplierName)).toEqual([
      'Hansa Hydraulik GmbH',
    ]);
    expect((await list(`?productId=${pump.id}`)).items.every((i) => i.supplierId === hydraulik.id)).toBe(
      true,
    );
    expect((await list('?q=hofmann')).items.every((i) => i.supplierId === lager.id)).toBe(true);
    expect((await list(`?q=${d.number}`)).items.map((i) => i.id)).toEqual([d.id]);
    const bySupplier = (await list('?sort=supplier&limit=500')).items.map((i) => i.supplierName);
    expect(bySupplier).toEqual([...bySupplier].sort());
    expect((await list('?limit=500')).items[0]!.lineCount).toBeGreaterThanOrEqual(0);

    for (const sort of ['number', '-number', 'expectedDate', '-expectedDate', 'supplier', '-netCents']) {
      const all = (await list(`?sort=${sort}&limit=500`)).items.map((i) => i.id);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await list(`?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        paged.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged, sort).toEqual(all);
      expect(all.length).toBeGreaterThan(4);
    }
    const byNumber = (await list('?sort=number&limit=500')).items.map((i) => i.number);
    expect(byNumber).toEqual([...byNumber].sort());
    const byDate = (await list('?sort=expectedDate&limit=500')).items.map((i) => i.expectedDate);
    expect(byDate[0]).toBe('2026-11-20');
    expect(byDate[byDate.length - 1]).toBeNull();
    const badSort = await req(buyer, 'GET', '/api/purchase-orders?sort=color');
    expect(badSort.statusCode).toBe(400);
    expect((await req(sales, 'GET', '/api/purchase-orders')).statusCode).toBe(403);

    const summary = await getOpenPurchaseOrderSummary(t.ctx.db, '2026-11-26');
    expect(summary).toEqual([
      expect.objectContaining({
        supplierId: lager.id,
        orderCount: 1,
        overdueCount: 1,
        netCents: 5000,
        openNetCents: 5000,
        nextExpectedDate: '2026-11-20',
      }),
    ]);
  });

  it('never receives more than ordered, even when two receipts arrive at once', async () => {
    const draft = await draftFor(hydraulik.id, [{ productId: hose.id, quantity: 10 }]);
    const approved = (
      await action(buyer, draft.id, 'approve', { version: draft.version })
    ).json<PurchaseOrder>();
    const lineId = approved.lines[0]!.id;
    const before = await stock(hose.id);
    const results = await Promise.all([
      action(buyer, draft.id, 'receipts', { lines: [{ lineId, quantity: 7 }] }),
      action(buyer, draft.id, 'receipts', { lines: [{ lineId, quantity: 7 }] }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    const after = await stock(hose.id);
    expect(after.onHandMilli - before.onHandMilli).toBe(7000);
    expect(after.onOrderMilli - before.onOrderMilli).toBe(-7000);
    expect((await order(draft.id)).lines[0]).toMatchObject({ received: 7, open: 3 });
  });

  it('keeps the purchasing settings with a version; only admins change them', async () => {
    const got = await req(buyer, 'GET', '/api/purchasing/settings');
    expect(got.statusCode, got.body).toBe(200);
    const s = got.json<PurchasingSettings>();
    expect(s).toMatchObject({ autoDraft: true, countPipelineDemand: false, followUpTeamId: null });
    expect((await req(buyer, 'PATCH', '/api/purchasing/settings', { version: s.version })).statusCode).toBe(
      403,
    );
    const unknownTeam = await req(admin, 'PATCH', '/api/purchasing/settings', {
      version: s.version,
      followUpTeamId: '019355d4-0000-7000-8000-000000000000',
    });
    expect(unknownTeam.statusCode).toBe(422);
    const changed = await req(admin, 'PATCH', '/api/purchasing/settings', {
      version: s.version,
      countPipelineDemand: true,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<PurchasingSettings>()).toMatchObject({
      countPipelineDemand: true,
      version: s.version + 1,
    });
    const stale = await req(admin, 'PATCH', '/api/purchasing/settings', {
      version: s.version,
      autoDraft: false,
    });
    expect(stale.statusCode).toBe(409);
    await req(admin, 'PATCH', '/api/purchasing/settings', {
      version: s.version + 1,
      countPipelineDemand: false,
    });
  });
});
