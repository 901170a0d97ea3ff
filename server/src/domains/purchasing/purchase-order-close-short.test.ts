import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../../../contracts/common';
import type { Company } from '../../../../contracts/companies';
import type { PurchaseOrder } from '../../../../contracts/purchasing';
import { systemActor } from '../../platform/actor';
import { runJob } from '../../platform/jobs/run-job';
import { bearer, createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { DIALECTS } from '../../testing/test-db';
import { eventsOf } from '../companies/companies-test-helpers';
import { getStockPositions } from '../inventory';
import { approvePurchaseOrder } from './purchase-orders.lifecycle';
import { type Fixture, fixture, ordersOf, product, reorder, supplier } from './replenishment-test-helpers';

describe.each(DIALECTS)('closing purchase orders, numbers and approvals (%s)', (dialect) => {
  let f: Fixture;
  let buyer: TestSession;
  let hansa: Company;

  const stock = async (productId: string) =>
    (await getStockPositions(f.t.ctx.db, [productId], f.warehouseId)).get(productId)!;
  const draft = async (supplierId: string, lines: object[], extra: object = {}) => {
    const res = await f.req(buyer, 'POST', '/api/purchase-orders', { supplierId, lines, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<PurchaseOrder>();
  };
  const action = (s: TestSession, id: string, verb: string, body: object) =>
    f.req(s, 'POST', `/api/purchase-orders/${id}/${verb}`, body);

  beforeAll(async () => {
    f = await fixture(dialect);
    buyer = await createUserAndLogin(f.t, { role: 'purchasing', name: 'Michael Weber' });
    const limit = await f.req(f.admin, 'PUT', `/api/purchasing/approval-limits/${buyer.user.id}`, {
      limitCents: null,
    });
    expect(limit.statusCode, limit.body).toBe(200);
    hansa = await supplier(f, 'Hansa Hydraulik GmbH');
  });
  afterAll(() => f?.t.close());

  it('closes a partially received order short: the rest goes off order, the task closes, the product is reordered', async () => {
    const p = await product(f, {
      suppliers: [{ companyId: hansa.id, purchasePriceCents: 1000, leadTimeDays: 5 }],
    });
    await reorder(f, p.id, { point: 80, max: 100 });
    const d = await draft(hansa.id, [{ productId: p.id, quantity: 100 }], { expectedDate: '2026-11-20' });
    const approved = (await action(buyer, d.id, 'approve', { version: d.version })).json<PurchaseOrder>();
    expect(approved.status).toBe('approved');
    await f.t.ctx.dispatcher.drain();
    // overdue: the sweep raises the purchase follow-up task
    const sweep = await runJob(f.t.ctx, 'follow-up-sweep', { asOf: '2026-11-26' });
    expect(sweep.status, sweep.error ?? '').toBe('succeeded');
    await f.t.ctx.dispatcher.drain();
    const task = () =>
      f.t.ctx.db
        .selectFrom('tasks')
        .select(['status', 'notes'])
        .where('type', '=', 'purchase_follow_up')
        .where('company_id', '=', hansa.id)
        .executeTakeFirst();
    expect((await task())?.status).toBe('open');

    const receipt = await action(buyer, d.id, 'receipts', {
      lines: [{ lineId: approved.lines[0]!.id, quantity: 60 }],
    });
    expect(receipt.statusCode, receipt.body).toBe(201);
    await f.t.ctx.dispatcher.drain();
    expect(await stock(p.id)).toMatchObject({ onHandMilli: 60_000, onOrderMilli: 40_000 });
    const partly = (await f.req(buyer, 'GET', `/api/purchase-orders/${d.id}`)).json<PurchaseOrder>();
    expect(partly.status).toBe('partially_received');

    const closed = await action(buyer, d.id, 'cancel', {
      version: partly.version,
      reason: 'Lieferant liefert den Rest nicht',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const o = closed.json<PurchaseOrder>();
    expect(o).toMatchObject({
      status: 'received',
      cancelReason: 'Lieferant liefert den Rest nicht',
      overdue: false,
      lines: [{ quantity: 100, received: 60, open: 0 }],
    });
    expect(o.cancelledAt).not.toBeNull();
    expect(o.receivedAt).not.toBeNull();
    await f.t.ctx.dispatcher.drain();
    expect(await stock(p.id)).toMatchObject({ onHandMilli: 60_000, onOrderMilli: 0 });
    const moves = await f.t.ctx.db
      .selectFrom('stock_moves')
      .select(['kind', 'on_order_delta_milli'])
      .where('product_id', '=', p.id)
      .where('kind', '=', 'order_cancel')
      .execute();
    expect(moves.map((m) => Number(m.on_order_delta_milli))).toEqual([-40_000]);
    expect(await eventsOf(f.t, 'po.cancelled')).toContainEqual(
      expect.objectContaining({ purchaseOrderId: d.id }),
    );
    expect((await task())?.status).toBe('cancelled');
    // not on order any more: projected 60 < 80 — replenishment drafts the product again (up to 100)
    const drafts = (await ordersOf(f, hansa.id)).filter((x) => x.status === 'draft');
    expect(drafts.flatMap((x) => x.lines)).toMatchObject([{ productId: p.id, quantity: 40 }]);
    // not open any more: neither in the open list nor to be closed again
    const open = (await f.req(buyer, 'GET', '/api/purchase-orders?status=open')).json<{
      items: PurchaseOrder[];
    }>();
    expect(open.items.map((i) => i.id)).not.toContain(d.id);
    const again = await action(buyer, d.id, 'cancel', { version: o.version, reason: 'nochmal' });
    expect(again.statusCode).toBe(409);
    expect(again.json<Problem>().code).toBe('purchase_orders.wrong_status');
    expect(await stock(p.id)).toMatchObject({ onOrderMilli: 0 });
    // the cancelled rest's draft is not needed for the next test
    for (const x of drafts) {
      await action(buyer, x.id, 'cancel', { version: x.version, reason: 'Test' });
    }
    await f.t.ctx.dispatcher.drain();
  });

  it('an API token approves within its user’s limit; only the system (no role) approves without one', async () => {
    const small = await createUserAndLogin(f.t, { role: 'purchasing', name: 'Anna Klein' });
    await f.req(f.admin, 'PUT', `/api/purchasing/approval-limits/${small.user.id}`, { limitCents: 1000 });
    const tokenRes = await f.req(small, 'POST', '/api/api-tokens', {
      name: 'ERP',
      scopes: ['purchasing:write'],
    });
    expect(tokenRes.statusCode, tokenRes.body).toBe(201);
    const token = tokenRes.json<{ token: string }>().token;
    const p = await product(f, { suppliers: [{ companyId: hansa.id, purchasePriceCents: 5000 }] });
    const d = await draft(hansa.id, [{ productId: p.id, quantity: 1 }]);
    const viaToken = await f.t.app.inject({
      method: 'POST',
      url: `/api/purchase-orders/${d.id}/approve`,
      headers: bearer(token),
      payload: { version: d.version },
    });
    expect(viaToken.statusCode, viaToken.body).toBe(403);
    expect(viaToken.json<Problem>().code).toBe('purchase_orders.over_approval_limit');

    // an actor with a role but no user is never unlimited
    await expect(
      approvePurchaseOrder(
        f.t.ctx,
        { userId: null, name: null, role: 'purchasing', teamIds: [], origin: null },
        d.id,
        d.version,
      ),
    ).rejects.toMatchObject({ code: 'purchase_orders.no_approval_limit' });
    // the system (seed, jobs) is not limited
    const bySystem = await approvePurchaseOrder(f.t.ctx, systemActor('seed'), d.id, d.version);
    expect(bySystem.status).toBe('approved');
    await action(buyer, d.id, 'cancel', { version: bySystem.version, reason: 'Test' });
  });

  it('numbers orders by the company’s business year: 1 January 00:30 in Berlin is the new year', async () => {
    const other = await supplier(f, 'Kugellager Hofmann KG');
    // 31 Dec 2025 23:30 UTC is 1 Jan 2026 00:30 in Berlin (the sessions stay valid going back)
    f.t.clock.set(new Date('2025-12-31T23:30:00.000Z'));
    const d = await draft(other.id, []);
    expect(d.number).toMatch(/^BE-2026-\d{5}$/);
  });
});
