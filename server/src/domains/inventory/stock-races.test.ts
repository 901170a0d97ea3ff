import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingSettings, Invoice } from '../../../../contracts/billing';
import type { Problem } from '../../../../contracts/common';
import type { DealStock, StockMove } from '../../../../contracts/inventory';
import type { DealDetail } from '../../../../contracts/sales';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { makeCompany, postDeal } from '../sales/sales-test-helpers';
import {
  addStock,
  handleIn,
  latestEvent,
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

/**
 * Stock must hold when things happen at once or out of order: wins without back orders reserve in
 * the winning transaction, deliveries and releases of one reservation queue, a re-won deal reserves
 * only what is still to deliver, the move list names only deals the reader may see. The tests of
 * truly parallel transactions run on PostgreSQL (SQLite has one writer).
 */
describe.each(DIALECTS)('stock under races and re-wins (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let purchasing: TestSession;
  let julia: TestSession;
  let req: ReturnType<typeof requester>;
  let companyId: string;

  const drain = () => t.ctx.dispatcher.drain();
  const deal = (title: string, productId: string, quantity: number, owner = julia, company = companyId) =>
    postDeal(t, owner, {
      title,
      companyId: company,
      lines: [{ productId, description: 'Teil', quantity, unitPriceCents: 1000 }],
    });
  const win = (d: { id: string; version: number }, s = julia) =>
    req(s, 'POST', `/api/deals/${d.id}/win`, { version: d.version });
  const won = async (d: { id: string; version: number }, s = julia) => {
    const res = await win(d, s);
    expect(res.statusCode, res.body).toBe(200);
    await drain();
    return res.json<DealDetail>();
  };
  const dealStock = async (id: string) =>
    (await req(admin, 'GET', `/api/deals/${id}/stock`)).json<DealStock>();
  const movesOfDeal = (dealId: string) =>
    t.ctx.db.selectFrom('stock_moves').select('id').where('source_id', '=', dealId).execute();

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

  it('without back orders the win reserves: a second win of the last units is refused before any handler ran', async () => {
    const p = await makeProduct(t, admin, { sku: 'RACE-WIN' });
    await addStock(t, purchasing, p.id, 12);
    const a = await deal('Erster', p.id, 10);
    const b = await deal('Zweiter', p.id, 10);
    const first = await win(a);
    expect(first.statusCode, first.body).toBe(200);
    // the deal.won handler of the first win has not run: the win itself reserved
    expect(await stockOf(t, julia, p.id)).toMatchObject({ onHand: 12, reserved: 10, available: 2 });
    const second = await win(b);
    expect(second.statusCode, second.body).toBe(409);
    expect(second.json<Problem>().detail).toContain('RACE-WIN: 2 available, 10 needed');
    expect((await req(julia, 'GET', `/api/deals/${b.id}`)).json<DealDetail>().status).toBe('open');
    expect(await movesOfDeal(b.id)).toEqual([]);
    expect((await dealStock(b.id)).reservations).toEqual([]);

    // the handler runs later and changes nothing: one reservation, one move
    await drain();
    await redeliver(t, 'inventory.reserve-won-deal', 'deal.won', (e) => e.dealId === a.id);
    expect((await dealStock(a.id)).reservations).toHaveLength(1);
    expect(await movesOfDeal(a.id)).toHaveLength(1);
    expect((await stockOf(t, julia, p.id)).reserved).toBe(10);
    expect(await checkStockLevels(t.ctx.db)).toEqual([]);
  });

  it('with back orders off a delivery cannot take on hand below zero, even out of a reservation', async () => {
    const p = await makeProduct(t, admin, { sku: 'NEG-HAND' });
    await addStock(t, purchasing, p.id, 2);
    await setInventorySettings(t, admin, { allowBackOrders: true });
    const d = await won(await deal('Rückstand', p.id, 5));
    await setInventorySettings(t, admin, { allowBackOrders: false });
    expect(await stockOf(t, julia, p.id)).toMatchObject({ onHand: 2, reserved: 5 });

    const all = await req(julia, 'POST', '/api/deliveries', { dealId: d.id });
    expect(all.statusCode, all.body).toBe(409);
    expect(all.json<Problem>()).toMatchObject({ detail: expect.stringContaining('NEG-HAND') });
    expect(all.json<Problem>().detail).toContain('2 on hand, 5 needed');
    expect(await stockOf(t, julia, p.id)).toMatchObject({ onHand: 2, reserved: 5 });

    const part = await req(julia, 'POST', '/api/deliveries', {
      dealId: d.id,
      lines: [{ productId: p.id, quantity: 2 }],
    });
    expect(part.statusCode, part.body).toBe(201);
    expect(await stockOf(t, julia, p.id)).toMatchObject({ onHand: 0, reserved: 3 });
    // a count still records what is there
    const count = await req(purchasing, 'POST', '/api/stock/counts', {
      lines: [{ productId: p.id, counted: 0 }],
    });
    expect(count.statusCode, count.body).toBe(201);
    expect(await checkStockLevels(t.ctx.db)).toEqual([]);
  });

  it('a delivered deal won again reserves only what was not delivered', async () => {
    const p = await makeProduct(t, admin, { sku: 'REWIN' });
    await addStock(t, purchasing, p.id, 20);

    // all delivered: winning again reserves nothing
    let d: DealDetail = await won(await deal('Geliefert', p.id, 5));
    const delivered = await req(julia, 'POST', '/api/deliveries', { dealId: d.id });
    expect(delivered.statusCode, delivered.body).toBe(201);
    let reopened = await req(julia, 'POST', `/api/deals/${d.id}/reopen`, { version: d.version });
    expect(reopened.statusCode, reopened.body).toBe(200);
    await drain();
    d = await won(reopened.json<DealDetail>());
    expect(await stockOf(t, julia, p.id)).toMatchObject({ onHand: 15, reserved: 0 });
    expect((await dealStock(d.id)).reservations.map((r) => r.status)).toEqual(['delivered']);

    // partly delivered: the rest is reserved again
    let e: DealDetail = await won(await deal('Teilweise', p.id, 5));
    const part = await req(julia, 'POST', '/api/deliveries', {
      dealId: e.id,
      lines: [{ productId: p.id, quantity: 2 }],
    });
    expect(part.statusCode, part.body).toBe(201);
    reopened = await req(julia, 'POST', `/api/deals/${e.id}/reopen`, { version: e.version });
    expect(reopened.statusCode, reopened.body).toBe(200);
    await drain();
    expect(await stockOf(t, julia, p.id)).toMatchObject({ onHand: 13, reserved: 0 });
    e = await won(reopened.json<DealDetail>());
    expect(await stockOf(t, julia, p.id)).toMatchObject({ onHand: 13, reserved: 3 });
    const res = (await dealStock(e.id)).reservations;
    expect(res.map((r) => [r.status, r.lines.map((l) => l.quantity)])).toEqual([
      ['open', [3]],
      ['released', [5]],
    ]);
    // with back orders the handler reserves the same way
    await setInventorySettings(t, admin, { allowBackOrders: true });
    reopened = await req(julia, 'POST', `/api/deals/${e.id}/reopen`, { version: e.version });
    expect(reopened.statusCode, reopened.body).toBe(200);
    await drain();
    await won(reopened.json<DealDetail>());
    expect(await stockOf(t, julia, p.id)).toMatchObject({ onHand: 13, reserved: 3 });
    await setInventorySettings(t, admin, { allowBackOrders: false });
    expect(await checkStockLevels(t.ctx.db)).toEqual([]);
  });

  it("the move list names a salesperson's own deals, not other people's", async () => {
    const p = await makeProduct(t, admin, { sku: 'VIS-1' });
    await addStock(t, purchasing, p.id, 10);
    const max = await createUserAndLogin(t, { role: 'sales', name: 'Max Weber' });
    const maxCompany = await makeCompany(t, 'Konditorei Weber', max);
    await won(await deal('Julias Auftrag', p.id, 1));
    await won(await deal('Geheimer Auftrag', p.id, 2, max, maxCompany), max);
    const labels = async (s: TestSession) =>
      (await req(s, 'GET', `/api/stock/moves?productId=${p.id}&kind=reservation`))
        .json<{ items: StockMove[] }>()
        .items.map((m) => m.sourceLabel)
        .sort();
    expect(await labels(julia)).toEqual(['Julias Auftrag', null].sort());
    expect(await labels(max)).toEqual(['Geheimer Auftrag', null].sort());
    expect(await labels(purchasing)).toEqual(['Geheimer Auftrag', 'Julias Auftrag']);
  });

  // ─── truly parallel transactions: PostgreSQL ─────────────────────────────────────────────────
  const pgIt = dialect === 'postgres' ? it : it.skip;

  pgIt('two concurrent wins of the last units: exactly one succeeds', async () => {
    const p = await makeProduct(t, admin, { sku: 'PAR-WIN' });
    await addStock(t, purchasing, p.id, 12);
    const deals = [await deal('Parallel 1', p.id, 10), await deal('Parallel 2', p.id, 10)];
    const results = await Promise.all(deals.map((d) => win(d)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    await drain();
    expect(await stockOf(t, julia, p.id)).toMatchObject({ onHand: 12, reserved: 10 });
    expect(await checkStockLevels(t.ctx.db)).toEqual([]);
  });

  pgIt(
    'two concurrent deliveries of the same open quantity: one delivers, stock goes down once',
    async () => {
      const p = await makeProduct(t, admin, { sku: 'PAR-DEL' });
      await addStock(t, purchasing, p.id, 10);
      const d = await won(await deal('Doppelt geliefert', p.id, 5));
      const results = await Promise.all(
        [1, 2].map(() =>
          req(julia, 'POST', '/api/deliveries', { dealId: d.id, lines: [{ productId: p.id, quantity: 5 }] }),
        ),
      );
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes[0]).toBe(201);
      expect([409, 422]).toContain(codes[1]);
      expect(await stockOf(t, julia, p.id)).toMatchObject({ onHand: 5, reserved: 0 });
      expect(await checkStockLevels(t.ctx.db)).toEqual([]);
    },
  );

  pgIt('a delivery racing the release of a lost deal: the reservation is used up exactly once', async () => {
    const p = await makeProduct(t, admin, { sku: 'PAR-REL' });
    await addStock(t, purchasing, p.id, 10);
    const d = await won(await deal('Rechnung und Verlust', p.id, 5));
    const draft = await req(admin, 'POST', `/api/deals/${d.id}/invoice`);
    expect(draft.statusCode, draft.body).toBe(201);
    const issued = await req(admin, 'POST', `/api/invoices/${draft.json<Invoice>().id}/issue`, {
      version: draft.json<Invoice>().version,
    });
    expect(issued.statusCode, issued.body).toBe(200);
    const current = (await req(julia, 'GET', `/api/deals/${d.id}`)).json<DealDetail>();
    const lost = await req(julia, 'POST', `/api/deals/${d.id}/lose`, {
      version: current.version,
      reason: 'Storno',
    });
    expect(lost.statusCode, lost.body).toBe(200);
    // the release handler and a delivery of the invoice at the same time
    const [delivery] = await Promise.all([
      req(julia, 'POST', '/api/deliveries', { invoiceId: issued.json<Invoice>().id }),
      redeliver(t, 'inventory.release-lost-deal', 'deal.lost', (e) => e.dealId === d.id),
    ]);
    expect(delivery.statusCode, delivery.body).toBe(201);
    const line = (await dealStock(d.id)).reservations[0]?.lines[0];
    expect(line && line.delivered + line.released).toBe(5);
    const level = await stockOf(t, julia, p.id);
    expect(level).toMatchObject({ onHand: 5, reserved: 0 });
    expect(await checkStockLevels(t.ctx.db)).toEqual([]);
  });

  pgIt(
    'won then lost while the reservation is being written: the release waits for it and releases it',
    async () => {
      await setInventorySettings(t, admin, { allowBackOrders: true });
      const p = await makeProduct(t, admin, { sku: 'PAR-LOST' });
      await addStock(t, purchasing, p.id, 10);
      const d = await deal('Gewonnen und verloren', p.id, 4);
      const winning = await win(d);
      expect(winning.statusCode, winning.body).toBe(200);
      const wonEvent = await latestEvent(t, 'deal.won', (e) => e.dealId === d.id);

      // the deal.won handler reads the deal as won and writes the reservation, not yet committed …
      let commit!: () => void;
      const gate = new Promise<void>((r) => {
        commit = r;
      });
      let written!: () => void;
      const reserved = new Promise<void>((r) => {
        written = r;
      });
      const reserving = t.ctx.db.transaction().execute(async (trx) => {
        await handleIn(t, trx, 'inventory.reserve-won-deal', wonEvent);
        written();
        await gate;
      });
      await reserved;
      // … when the deal is lost and the release handler runs
      const lost = await req(julia, 'POST', `/api/deals/${d.id}/lose`, {
        version: winning.json<DealDetail>().version,
        reason: 'Zu teuer',
      });
      expect(lost.statusCode, lost.body).toBe(200);
      const lostEvent = await latestEvent(t, 'deal.lost', (e) => e.dealId === d.id);
      const releasing = t.ctx.db
        .transaction()
        .execute((trx) => handleIn(t, trx, 'inventory.release-lost-deal', lostEvent));
      await new Promise((r) => setTimeout(r, 300));
      commit();
      await Promise.all([reserving, releasing]);

      expect(await stockOf(t, julia, p.id)).toMatchObject({ onHand: 10, reserved: 0 });
      expect((await dealStock(d.id)).reservations.map((r) => r.status)).toEqual(['released']);
      await setInventorySettings(t, admin, { allowBackOrders: false });
      expect(await checkStockLevels(t.ctx.db)).toEqual([]);
    },
  );

  pgIt(
    'two concurrent first counts of a product without stock: the second counts from the first',
    async () => {
      const p = await makeProduct(t, admin, { sku: 'PAR-COUNT' });
      const results = await Promise.all(
        [5, 7].map((counted) =>
          req(purchasing, 'POST', '/api/stock/counts', { lines: [{ productId: p.id, counted }] }),
        ),
      );
      expect(results.map((r) => r.statusCode)).toEqual([201, 201]);
      expect([5, 7]).toContain((await stockOf(t, julia, p.id)).onHand);
      expect(await checkStockLevels(t.ctx.db)).toEqual([]);
    },
  );
});
