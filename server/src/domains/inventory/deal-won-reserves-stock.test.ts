import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingSettings, Invoice } from '../../../../contracts/billing';
import type { Problem } from '../../../../contracts/common';
import type { DealStock, Delivery, StockMove } from '../../../../contracts/inventory';
import type { DealDetail } from '../../../../contracts/sales';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { eventsOf } from '../companies/companies-test-helpers';
import { makeCompany, postDeal } from '../sales/sales-test-helpers';
import {
  addStock,
  makeProduct,
  redeliver,
  requester,
  setInventorySettings,
  stockOf,
} from './inventory-test-helpers';
import { checkStockLevels } from './stock-check';

const SELLER = {
  sellerName: 'Muster Maschinenbau GmbH',
  street: 'Industriestraße 12',
  postalCode: '20095',
  city: 'Hamburg',
  country: 'DE',
  vatId: 'DE123456789',
  iban: 'DE89370400440532013000',
};

describe.each(DIALECTS)('sales take stock: reservations and deliveries (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let purchasing: TestSession;
  let julia: TestSession;
  let req: ReturnType<typeof requester>;
  let companyId: string;

  const drain = () => t.ctx.dispatcher.drain();
  const deal = async (title: string, lines: Array<{ productId?: string; quantity: number }>) =>
    postDeal(t, julia, {
      title,
      companyId,
      lines: lines.map((l, i) => ({
        productId: l.productId ?? null,
        description: `Pos ${i + 1}`,
        quantity: l.quantity,
        unitPriceCents: 1000,
      })),
    });
  const win = (d: { id: string; version: number }) =>
    req(julia, 'POST', `/api/deals/${d.id}/win`, { version: d.version });
  const won = async (d: { id: string; version: number }) => {
    const res = await win(d);
    expect(res.statusCode, res.body).toBe(200);
    await drain();
    return res.json<DealDetail>();
  };
  const dealStock = async (id: string) =>
    (await req(julia, 'GET', `/api/deals/${id}/stock`)).json<DealStock>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    req = requester(t);
    admin = await createUserAndLogin(t, { role: 'admin' });
    purchasing = await createUserAndLogin(t, { role: 'purchasing' });
    julia = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    companyId = await makeCompany(t, 'Bäckerei Krause', julia);
    const s = (await req(admin, 'GET', '/api/billing/settings')).json<BillingSettings>();
    const res = await req(admin, 'PATCH', '/api/billing/settings', {
      version: s.version,
      ...SELLER,
      autoInvoiceOnWon: false,
    });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(() => t?.close());

  it('winning reserves the stock-tracked lines once (one move per line); the deal page shows it', async () => {
    const p = await makeProduct(t, admin, { sku: 'RES-1' });
    const service = await makeProduct(t, admin, { kind: 'service' });
    await addStock(t, purchasing, p.id, 12);
    const d = await deal('Ersatzteile Krause', [
      { productId: p.id, quantity: 3 },
      { productId: service.id, quantity: 2 },
      { quantity: 1 },
      { productId: p.id, quantity: 2 },
    ]);
    const w = await won(d);
    expect(await stockOf(t, julia, p.id)).toMatchObject({ onHand: 12, reserved: 5, available: 7 });

    const ds = await dealStock(d.id);
    expect(ds.reservations).toHaveLength(1);
    expect(ds.reservations[0]).toMatchObject({ status: 'open' });
    expect(ds.reservations[0]?.lines.map((l) => [l.sku, l.quantity, l.open, l.dealLineId])).toEqual(
      expect.arrayContaining([
        ['RES-1', 3, 3, w.lines[0]?.id],
        ['RES-1', 2, 2, w.lines[3]?.id],
      ]),
    );
    const moves = (await req(julia, 'GET', `/api/stock/moves?productId=${p.id}&kind=reservation`)).json<{
      items: StockMove[];
    }>();
    expect(moves.items).toHaveLength(2);
    expect(moves.items[0]).toMatchObject({
      sourceType: 'deal',
      sourceId: d.id,
      sourceLabel: 'Ersatzteile Krause',
    });

    // a second delivery of deal.won does nothing
    await redeliver(t, 'inventory.reserve-won-deal', 'deal.won', (e) => e.dealId === d.id);
    expect((await dealStock(d.id)).reservations).toHaveLength(1);
    expect((await stockOf(t, julia, p.id)).reserved).toBe(5);
    expect(await checkStockLevels(t.ctx.db)).toEqual([]);
  });

  it('refuses winning without back orders when available stock is short, naming SKU and numbers; allows it with back orders', async () => {
    const p = await makeProduct(t, admin, { sku: 'SHORT-1' });
    await addStock(t, purchasing, p.id, 4);
    const d = await deal('Zu viel', [
      { productId: p.id, quantity: 3 },
      { productId: p.id, quantity: 2 },
    ]);
    const res = await win(d);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json<Problem>().detail).toContain('SHORT-1: 4 available, 5 needed');
    const still = (await req(julia, 'GET', `/api/deals/${d.id}`)).json<DealDetail>();
    expect(still.status).toBe('open');

    await setInventorySettings(t, admin, { allowBackOrders: true });
    await won(still);
    expect(await stockOf(t, julia, p.id)).toMatchObject({ onHand: 4, reserved: 5, available: -1 });
    await setInventorySettings(t, admin, { allowBackOrders: false });
  });

  it('losing or reopening a won deal releases its reservation; winning again reserves anew', async () => {
    const p = await makeProduct(t, admin);
    await addStock(t, purchasing, p.id, 10);
    let d: DealDetail = await won(await deal('Hin und her', [{ productId: p.id, quantity: 4 }]));
    expect((await stockOf(t, julia, p.id)).reserved).toBe(4);

    const reopened = await req(julia, 'POST', `/api/deals/${d.id}/reopen`, { version: d.version });
    expect(reopened.statusCode, reopened.body).toBe(200);
    await drain();
    expect((await stockOf(t, julia, p.id)).reserved).toBe(0);
    d = await won(reopened.json<DealDetail>());
    expect((await stockOf(t, julia, p.id)).reserved).toBe(4);

    const lost = await req(julia, 'POST', `/api/deals/${d.id}/lose`, {
      version: d.version,
      reason: 'Zu teuer',
    });
    expect(lost.statusCode, lost.body).toBe(200);
    await drain();
    expect(await stockOf(t, julia, p.id)).toMatchObject({ onHand: 10, reserved: 0 });
    const ds = await dealStock(d.id);
    expect(ds.reservations.map((r) => r.status)).toEqual(['released', 'released']);
    const releases = (await req(julia, 'GET', `/api/stock/moves?productId=${p.id}&kind=release`)).json<{
      items: StockMove[];
    }>();
    expect(releases.items.map((m) => m.reservedDelta)).toEqual([-4, -4]);
    expect(await checkStockLevels(t.ctx.db)).toEqual([]);
  });

  it('delivers a won deal partly, refuses over-delivery naming the line, then the rest closes the reservation', async () => {
    const p = await makeProduct(t, admin, { sku: 'DEL-1' });
    const q = await makeProduct(t, admin, { sku: 'DEL-2' });
    await addStock(t, purchasing, p.id, 10);
    await addStock(t, purchasing, q.id, 10);
    const d = await won(
      await deal('Lieferung', [
        { productId: p.id, quantity: 5 },
        { productId: q.id, quantity: 1 },
      ]),
    );
    const first = await req(julia, 'POST', '/api/deliveries', {
      dealId: d.id,
      lines: [{ productId: p.id, quantity: 2 }],
    });
    expect(first.statusCode, first.body).toBe(201);
    const delivery = first.json<Delivery>();
    expect(delivery).toMatchObject({
      dealId: d.id,
      companyName: 'Bäckerei Krause',
      deliveredOn: '2026-11-26',
    });
    expect(delivery.number).toMatch(/^LS-2026-\d{5}$/);
    expect(delivery.lines).toEqual([expect.objectContaining({ sku: 'DEL-1', quantity: 2 })]);
    expect(await stockOf(t, julia, p.id)).toMatchObject({ onHand: 8, reserved: 3, available: 5 });

    const over = await req(julia, 'POST', '/api/deliveries', {
      dealId: d.id,
      lines: [{ productId: p.id, quantity: 4 }],
    });
    expect(over.statusCode).toBe(422);
    expect(over.json<Problem>().errors).toEqual([{ path: 'lines.0.quantity', message: 'At most 3 is open' }]);

    const rest = await req(
      julia,
      'POST',
      '/api/deliveries',
      { dealId: d.id },
      { 'idempotency-key': `rest-${dialect}` },
    );
    expect(rest.statusCode, rest.body).toBe(201);
    const again = await req(
      julia,
      'POST',
      '/api/deliveries',
      { dealId: d.id },
      { 'idempotency-key': `rest-${dialect}` },
    );
    expect(again.json<Delivery>().id).toBe(rest.json<Delivery>().id);
    expect(rest.json<Delivery>().lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['DEL-1', 3],
      ['DEL-2', 1],
    ]);
    expect(await stockOf(t, julia, p.id)).toMatchObject({ onHand: 5, reserved: 0 });
    const ds = await dealStock(d.id);
    expect(ds.reservations[0]?.status).toBe('delivered');
    expect(ds.deliveries).toHaveLength(2);
    expect((await req(julia, 'POST', '/api/deliveries', { dealId: d.id })).statusCode).toBe(422);
    const listed = (await req(julia, 'GET', `/api/deliveries?dealId=${d.id}`)).json<{ items: Delivery[] }>();
    expect(listed.items.map((x) => x.id)).toEqual([rest.json<Delivery>().id, delivery.id]);
    expect((await req(julia, 'GET', `/api/deliveries/${delivery.id}`)).json<Delivery>().number).toBe(
      delivery.number,
    );
    const created = (await eventsOf(t, 'delivery.created')).filter((e) => e.dealId === d.id);
    expect(created).toHaveLength(2);
    const moves = (await req(julia, 'GET', `/api/stock/moves?productId=${p.id}&kind=delivery`)).json<{
      items: StockMove[];
    }>();
    expect(moves.items[1]).toMatchObject({
      onHandDelta: -2,
      reservedDelta: -2,
      sourceLabel: delivery.number,
    });
    expect(await checkStockLevels(t.ctx.db)).toEqual([]);
  });

  it('issuing an invoice delivers its stock lines once when set (consuming the deal’s reservation); credit notes never deliver', async () => {
    await setInventorySettings(t, admin, { deliverOnInvoiceIssue: true });
    const p = await makeProduct(t, admin, { sku: 'INV-1' });
    await addStock(t, purchasing, p.id, 10);
    const d = await won(await deal('Mit Rechnung', [{ productId: p.id, quantity: 4 }]));
    const draft = await req(admin, 'POST', `/api/deals/${d.id}/invoice`);
    expect(draft.statusCode, draft.body).toBe(201);
    const issued = await req(admin, 'POST', `/api/invoices/${draft.json<Invoice>().id}/issue`, {
      version: draft.json<Invoice>().version,
    });
    expect(issued.statusCode, issued.body).toBe(200);
    await drain();
    expect(await stockOf(t, julia, p.id)).toMatchObject({ onHand: 6, reserved: 0 });
    const invoiceId = issued.json<Invoice>().id;
    const deliveries = (await req(julia, 'GET', `/api/deliveries?invoiceId=${invoiceId}`)).json<{
      items: Delivery[];
    }>();
    expect(deliveries.items).toHaveLength(1);
    expect(deliveries.items[0]).toMatchObject({ dealId: d.id, invoiceId });
    expect((await dealStock(d.id)).reservations[0]?.status).toBe('delivered');

    // the event again: nothing more
    const rows = await t.ctx.db
      .selectFrom('outbox')
      .select('id')
      .where('type', '=', 'invoice.issued')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    expect((await req(julia, 'POST', '/api/deliveries', { invoiceId })).statusCode).toBe(422);

    const cancelled = await req(admin, 'POST', `/api/invoices/${invoiceId}/cancel`, {
      version: issued.json<Invoice>().version,
      reason: 'Falsche Menge',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await drain();
    const credit = cancelled.json<{ creditNote: Invoice }>().creditNote;
    expect(
      (await req(julia, 'GET', `/api/deliveries?invoiceId=${credit.id}`)).json<{ items: Delivery[] }>().items,
    ).toEqual([]);
    expect((await req(julia, 'POST', '/api/deliveries', { invoiceId: credit.id })).statusCode).toBe(422);
    expect((await stockOf(t, julia, p.id)).onHand).toBe(6);
    await setInventorySettings(t, admin, { deliverOnInvoiceIssue: false });
  });

  it('delivers an invoice without a deal as a plain outgoing move; short stock without back orders is 409 and writes nothing', async () => {
    const p = await makeProduct(t, admin, { sku: 'PLAIN-1' });
    await addStock(t, purchasing, p.id, 3);
    const draft = await req(admin, 'POST', '/api/invoices', {
      companyId,
      lines: [{ productId: p.id, description: 'Teil', quantity: 5, unitPriceCents: 1000 }],
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const issued = await req(admin, 'POST', `/api/invoices/${draft.json<Invoice>().id}/issue`, {
      version: draft.json<Invoice>().version,
    });
    expect(issued.statusCode, issued.body).toBe(200);
    const invoiceId = issued.json<Invoice>().id;
    const before = await t.ctx.db.selectFrom('deliveries').select('id').execute();
    const short = await req(julia, 'POST', '/api/deliveries', { invoiceId });
    expect(short.statusCode, short.body).toBe(409);
    expect((await t.ctx.db.selectFrom('deliveries').select('id').execute()).length).toBe(before.length);

    const part = await req(julia, 'POST', '/api/deliveries', {
      invoiceId,
      lines: [{ productId: p.id, quantity: 3 }],
    });
    expect(part.statusCode, part.body).toBe(201);
    expect(await stockOf(t, julia, p.id)).toMatchObject({ onHand: 0, reserved: 0 });
    const over = await req(julia, 'POST', '/api/deliveries', {
      invoiceId,
      lines: [{ productId: p.id, quantity: 3 }],
    });
    expect(over.statusCode).toBe(422);
    expect(over.json<Problem>().errors?.[0]?.path).toBe('lines.0.quantity');
    expect(await checkStockLevels(t.ctx.db)).toEqual([]);
  });

  it('the automatic delivery of an invoice that stock cannot cover is skipped whole (no rows, no dead event); open deals are not deliverable', async () => {
    await setInventorySettings(t, admin, { deliverOnInvoiceIssue: true });
    const p = await makeProduct(t, admin, { sku: 'AUTO-SHORT' });
    const q = await makeProduct(t, admin, { sku: 'AUTO-OK' });
    await addStock(t, purchasing, p.id, 1);
    await addStock(t, purchasing, q.id, 5);
    const draft = await req(admin, 'POST', '/api/invoices', {
      companyId,
      lines: [
        { productId: q.id, description: 'Genug', quantity: 2, unitPriceCents: 1000 },
        { productId: p.id, description: 'Zu wenig', quantity: 2, unitPriceCents: 1000 },
      ],
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const issued = await req(admin, 'POST', `/api/invoices/${draft.json<Invoice>().id}/issue`, {
      version: draft.json<Invoice>().version,
    });
    expect(issued.statusCode, issued.body).toBe(200);
    const result = await drain();
    expect(result.dead).toBe(0);
    const invoiceId = issued.json<Invoice>().id;
    expect(
      (await req(julia, 'GET', `/api/deliveries?invoiceId=${invoiceId}`)).json<{ items: Delivery[] }>().items,
    ).toEqual([]);
    expect((await stockOf(t, julia, q.id)).onHand).toBe(5);
    expect((await stockOf(t, julia, p.id)).onHand).toBe(1);
    await setInventorySettings(t, admin, { deliverOnInvoiceIssue: false });

    const open = await deal('Noch offen', [{ productId: q.id, quantity: 1 }]);
    const notWon = await req(julia, 'POST', '/api/deliveries', { dealId: open.id });
    expect(notWon.statusCode).toBe(422);
    expect(notWon.json<Problem>().errors).toEqual([{ path: 'dealId', message: 'The deal is not won' }]);
    const accounting = await createUserAndLogin(t, { role: 'accounting' });
    expect((await req(accounting, 'POST', '/api/deliveries', { invoiceId })).statusCode).toBe(403);
    expect((await req(julia, 'POST', '/api/deliveries', { invoiceId, dealId: open.id })).statusCode).toBe(
      400,
    );
    expect(await checkStockLevels(t.ctx.db)).toEqual([]);
  });

  it("a salesperson does not see or deliver another salesperson's deals", async () => {
    const p = await makeProduct(t, admin);
    await addStock(t, purchasing, p.id, 5);
    const d = await won(await deal('Nur für Julia', [{ productId: p.id, quantity: 1 }]));
    const delivered = await req(julia, 'POST', '/api/deliveries', {
      dealId: d.id,
      lines: [{ productId: p.id, quantity: 0.5 }],
    });
    expect(delivered.statusCode, delivered.body).toBe(201);
    const other = await createUserAndLogin(t, { role: 'sales' });
    expect((await req(other, 'GET', `/api/deals/${d.id}/stock`)).statusCode).toBe(404);
    expect((await req(other, 'POST', '/api/deliveries', { dealId: d.id })).statusCode).toBe(404);
    expect((await req(other, 'GET', `/api/deliveries/${delivered.json<Delivery>().id}`)).statusCode).toBe(
      404,
    );
    expect(
      (await req(other, 'GET', `/api/deliveries?dealId=${d.id}`)).json<{ items: Delivery[] }>().items,
    ).toEqual([]);
    expect(
      (await req(julia, 'GET', `/api/deliveries?dealId=${d.id}`)).json<{ items: Delivery[] }>().items,
    ).toHaveLength(1);
    expect((await req(admin, 'GET', `/api/deals/${d.id}/stock`)).statusCode).toBe(200);
  });
});
