import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../../../contracts/catalog';
import type { Company } from '../../../../contracts/companies';
import type { StockLevel } from '../../../../contracts/inventory';
import type {
  PurchaseOrder,
  PurchaseOrderListItem,
  ReplenishmentSuggestion,
} from '../../../../contracts/purchasing';
import type { DealDetail } from '../../../../contracts/sales';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';

/**
 * Issue 6's "Done when" over the public API only, as the users of the roles do it: the buyer sets up a
 * supplier with a contact, a product (reorder point 10, max 30) and books 12; a salesperson wins a
 * deal for 5; the draft for 23 appears; the buyer approves it within the limit, sends it to the
 * contact's address (no address given), receives it: 35 on hand, 5 still reserved. What the other
 * tests check piece by piece (replenishment.test: the numbers and explanation; purchase-orders.test:
 * the order's lifecycle with manual drafts) is here one chain: the received order ends the shortfall —
 * neither the receipt nor the deal's delivery orders again — and the next shortfall gets a new draft.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

describe.each(DIALECTS)('stock to purchase order over the API (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let buyer: TestSession;
  let seller: TestSession;

  const req = async <T>(s: TestSession, method: Method, url: string, payload?: object, status = 200) => {
    const res = await t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    return res.json<T>();
  };
  /** Lets the event handlers run (deal.won → reservation → replenishment), as the server does after the answer. */
  const settle = () => t.ctx.dispatcher.drain();

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-11-26T09:00:00.000Z' });
    admin = await createUserAndLogin(t, { role: 'admin', name: 'Katrin Hoffmann' });
    buyer = await createUserAndLogin(t, { role: 'purchasing', name: 'Michael Weber' });
    seller = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    await req(admin, 'PUT', `/api/purchasing/approval-limits/${buyer.user.id}`, { limitCents: 500_000 });
  });
  afterAll(() => t?.close());

  it('12 in stock, reorder point 10, max 30: a deal for 5 drafts 23; approved, sent, received: 35 on hand, and nothing is ordered twice', async () => {
    // the buyer: supplier with a contact, product with the supplier preferred, reorder settings, stock 12
    const supplier = await req<Company>(
      buyer,
      'POST',
      '/api/companies?allowDuplicate=true',
      { name: 'Wälzlager Nord GmbH', roles: ['supplier'] },
      201,
    );
    await req(
      buyer,
      'POST',
      '/api/contacts',
      {
        companyId: supplier.id,
        firstName: 'Petra',
        lastName: 'Brandt',
        emails: [{ address: 'bestellung@waelzlager-nord.example', label: 'Büro' }],
      },
      201,
    );
    const product = await req<Product>(
      buyer,
      'POST',
      '/api/products',
      {
        sku: 'KL-6204',
        name: 'Kugellager 6204',
        unit: 'C62',
        salesPriceCents: 990,
        purchasePriceCents: 450,
        vatRate: 19,
        kind: 'stock',
        suppliers: [
          {
            companyId: supplier.id,
            supplierSku: 'WN-6204',
            purchasePriceCents: 420,
            minOrderQty: 1,
            packSize: 1,
            leadTimeDays: 5,
            preferred: true,
          },
        ],
      },
      201,
    );
    await req(buyer, 'PUT', `/api/products/${product.id}/reorder-settings`, {
      reorderPoint: 10,
      maxLevel: 30,
    });
    await req(
      buyer,
      'POST',
      '/api/stock/adjustments',
      { productId: product.id, quantityChange: 12, reason: 'found', note: 'Anfangsbestand' },
      201,
    );
    await settle();

    const stock = async () =>
      (await req<{ items: StockLevel[] }>(buyer, 'GET', `/api/stock?productId=${product.id}`)).items[0];
    const orders = async () =>
      (
        await req<{ items: PurchaseOrderListItem[] }>(
          buyer,
          'GET',
          `/api/purchase-orders?supplierId=${supplier.id}&sort=createdAt`,
        )
      ).items;
    const order = (id: string) => req<PurchaseOrder>(buyer, 'GET', `/api/purchase-orders/${id}`);
    const suggestion = async () =>
      (
        await req<{ items: ReplenishmentSuggestion[] }>(
          buyer,
          'GET',
          `/api/replenishment?supplierId=${supplier.id}`,
        )
      ).items.find((s) => s.productId === product.id);

    expect(await stock()).toMatchObject({ onHand: 12, reserved: 0, available: 12, belowReorderPoint: false });
    expect(await orders()).toEqual([]);

    // the salesperson wins a deal for 5
    const customer = await req<Company>(
      seller,
      'POST',
      '/api/companies?allowDuplicate=true',
      { name: 'Maschinenbau Krüger KG', roles: ['customer'] },
      201,
    );
    const deal = await req<DealDetail>(
      seller,
      'POST',
      '/api/deals',
      {
        title: 'Krüger Lager',
        companyId: customer.id,
        expectedCloseDate: '2026-12-15',
        lines: [{ productId: product.id, description: 'Kugellager 6204', quantity: 5, unitPriceCents: 990 }],
      },
      201,
    );
    await req(seller, 'POST', `/api/deals/${deal.id}/win`, { version: deal.version });
    await settle();

    expect(await stock()).toMatchObject({ onHand: 12, reserved: 5, available: 7, projected: 7 });
    const [listed, ...more] = await orders();
    expect(more).toEqual([]);
    const draft = await order(listed!.id);
    expect(draft).toMatchObject({
      status: 'draft',
      origin: 'replenishment',
      supplierEmail: 'bestellung@waelzlager-nord.example',
      netCents: 23 * 420,
      lines: [{ productId: product.id, quantity: 23, unitPriceCents: 420, supplierSku: 'WN-6204' }],
    });
    expect(draft.lines[0]!.explanation).toMatchObject({
      projected: 7,
      reorderPoint: 10,
      maxLevel: 30,
      quantity: 23,
    });
    expect(await suggestion()).toMatchObject({
      quantity: 23,
      draftPurchaseOrderId: draft.id,
      draftQuantity: 23,
    });

    // approved (96,60 € is within the buyer's 5.000 €): on order, the suggestion is gone
    const approved = await req<PurchaseOrder>(buyer, 'POST', `/api/purchase-orders/${draft.id}/approve`, {
      version: draft.version,
    });
    expect(approved).toMatchObject({ status: 'approved', approvedByName: 'Michael Weber' });
    await settle();
    expect(await stock()).toMatchObject({ onHand: 12, reserved: 5, onOrder: 23, projected: 30 });
    expect(await suggestion()).toBeUndefined();

    // sent without naming an address: to the supplier's contact, the PDF attached
    const sent = await req<PurchaseOrder>(buyer, 'POST', `/api/purchase-orders/${draft.id}/send`, {
      version: approved.version,
    });
    expect(sent).toMatchObject({ status: 'sent', sentTo: 'bestellung@waelzlager-nord.example' });
    const mails = await t.ctx.db
      .selectFrom('mail_outbox')
      .select(['id', 'subject'])
      .where('to_address', '=', 'bestellung@waelzlager-nord.example')
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(draft.number);
    const attachments = await t.ctx.db
      .selectFrom('mail_attachments')
      .select('content_type')
      .where('mail_id', '=', mails[0]!.id)
      .execute();
    expect(attachments.map((a) => a.content_type)).toEqual(['application/pdf']);

    // all 23 received: stock rises to 35, the deal's 5 stay reserved, nothing more is ordered
    await req(
      buyer,
      'POST',
      `/api/purchase-orders/${draft.id}/receipts`,
      { lines: [{ lineId: sent.lines[0]!.id, quantity: 23 }] },
      201,
    );
    await settle();
    expect(await order(draft.id)).toMatchObject({ status: 'received', lines: [{ received: 23, open: 0 }] });
    expect(await stock()).toMatchObject({
      onHand: 35,
      reserved: 5,
      onOrder: 0,
      available: 30,
      projected: 30,
    });
    expect((await orders()).map((o) => o.status)).toEqual(['received']);

    // the deal's 5 delivered: 30 on hand, 30 projected — still not below 10, still no new order
    await req(seller, 'POST', '/api/deliveries', { dealId: deal.id }, 201);
    await settle();
    expect(await stock()).toMatchObject({ onHand: 30, reserved: 0, available: 30, projected: 30 });
    expect((await orders()).map((o) => o.status)).toEqual(['received']);

    // the next shortfall (a deal for 25: projected 5) is a new draft, not the received order: 30 − 5 = 25
    const next = await req<DealDetail>(
      seller,
      'POST',
      '/api/deals',
      {
        title: 'Krüger Nachbestellung',
        companyId: customer.id,
        expectedCloseDate: '2026-12-15',
        lines: [{ productId: product.id, description: 'Kugellager 6204', quantity: 25, unitPriceCents: 990 }],
      },
      201,
    );
    await req(seller, 'POST', `/api/deals/${next.id}/win`, { version: next.version });
    await settle();
    const after = await orders();
    expect(after.map((o) => o.status)).toEqual(['received', 'draft']);
    expect((await order(after[1]!.id)).lines).toMatchObject([{ productId: product.id, quantity: 25 }]);
  });
});
