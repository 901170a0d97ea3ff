import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StockMove } from '../../../../contracts/inventory';
import type { DealDetail } from '../../../../contracts/sales';
import { systemActor } from '../../platform/actor';
import { uuidv7 } from '../../platform/ids';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { findOrCreateDraft } from '../purchasing';
import { makeCompany, postDeal } from '../sales/sales-test-helpers';
import { getDefaultWarehouse } from './inventory.reads';
import { addStock, makeProduct, requester, setInventorySettings } from './inventory-test-helpers';
import { checkStockLevels } from './stock-check';
import { applyStockMoves } from './stock-ledger';

describe.each(DIALECTS)('stock levels rebuilt from the ledger (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let req: ReturnType<typeof requester>;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    req = requester(t);
    admin = await createUserAndLogin(t, { role: 'admin' });
  });
  afterAll(() => t?.close());

  it('after adjustments, counts, wins, losses, reopenings, deliveries and purchasing moves the levels equal the sums of the moves', async () => {
    const companyId = await makeCompany(t, 'Rebuild GmbH', admin);
    const products = [];
    for (let i = 0; i < 4; i++) products.push(await makeProduct(t, admin));
    const [a, b, c, d] = products.map((p) => p.id) as [string, string, string, string];
    await addStock(t, admin, a, 20);
    await addStock(t, admin, b, 7.5);
    await addStock(t, admin, c, 3);
    const count = await req(admin, 'POST', '/api/stock/counts', {
      lines: [
        { productId: a, counted: 18 },
        { productId: d, counted: 2 },
      ],
    });
    expect(count.statusCode, count.body).toBe(201);
    await setInventorySettings(t, admin, { allowBackOrders: true });

    const deal = async (title: string, lines: Array<[string, number]>) =>
      postDeal(t, admin, {
        title,
        companyId,
        lines: lines.map(([productId, quantity]) => ({
          productId,
          description: title,
          quantity,
          unitPriceCents: 100,
        })),
      });
    const post = async (url: string, body: object) => {
      const res = await req(admin, 'POST', url, body);
      expect(res.statusCode, res.body).toBeLessThan(300);
      await t.ctx.dispatcher.drain();
      return res.json<DealDetail>();
    };
    const d1 = await deal('Eins', [
      [a, 5],
      [b, 2.25],
    ]);
    const w1 = await post(`/api/deals/${d1.id}/win`, { version: d1.version });
    const d2 = await deal('Zwei', [
      [c, 6],
      [a, 1],
    ]);
    const w2 = await post(`/api/deals/${d2.id}/win`, { version: d2.version });
    await post(`/api/deals/${w2.id}/lose`, { version: w2.version, reason: 'Preis' });
    const d3 = await deal('Drei', [[d, 1]]);
    const w3 = await post(`/api/deals/${d3.id}/win`, { version: d3.version });
    const r3 = await post(`/api/deals/${w3.id}/reopen`, { version: w3.version });
    await post(`/api/deals/${r3.id}/win`, { version: r3.version });
    await post('/api/deliveries', { dealId: w1.id, lines: [{ productId: a, quantity: 3 }] });
    await post('/api/deliveries', { dealId: d3.id });

    const warehouse = await getDefaultWarehouse(t.ctx.db);
    const supplier = await req(admin, 'POST', '/api/companies?allowDuplicate=true', {
      name: 'Lieferant',
      roles: ['supplier'],
    });
    expect(supplier.statusCode, supplier.body).toBe(201);
    const draft = await t.ctx.db.transaction().execute((trx) =>
      findOrCreateDraft(trx, t.ctx, systemActor('test'), {
        supplierId: supplier.json<{ id: string }>().id,
        warehouseId: warehouse.id,
        origin: 'manual',
      }),
    );
    const poId = draft.id;
    await t.ctx.db.transaction().execute((trx) =>
      applyStockMoves(
        trx,
        t.ctx,
        systemActor('test'),
        [
          {
            productId: a,
            warehouseId: warehouse.id,
            kind: 'order',
            onHandDelta: 0,
            reservedDelta: 0,
            onOrderDelta: 10_000,
            sourceType: 'purchase_order',
            sourceId: poId,
            dedupeKey: `order:${poId}:a`,
          },
          {
            productId: c,
            warehouseId: warehouse.id,
            kind: 'order',
            onHandDelta: 0,
            reservedDelta: 0,
            onOrderDelta: 4_000,
            sourceType: 'purchase_order',
            sourceId: poId,
            dedupeKey: `order:${poId}:c`,
          },
          {
            productId: a,
            warehouseId: warehouse.id,
            kind: 'receipt',
            onHandDelta: 6_000,
            reservedDelta: 0,
            onOrderDelta: -6_000,
            sourceType: 'goods_receipt',
            sourceId: uuidv7(),
          },
          {
            productId: c,
            warehouseId: warehouse.id,
            kind: 'order_cancel',
            onHandDelta: 0,
            reservedDelta: 0,
            onOrderDelta: -4_000,
            sourceType: 'purchase_order',
            sourceId: poId,
          },
          // a retried move with an existing dedupe key changes nothing
          {
            productId: a,
            warehouseId: warehouse.id,
            kind: 'order',
            onHandDelta: 0,
            reservedDelta: 0,
            onOrderDelta: 10_000,
            sourceType: 'purchase_order',
            sourceId: poId,
            dedupeKey: `order:${poId}:a`,
          },
        ],
        { negativeAvailable: 'allow' },
      ),
    );

    expect(await checkStockLevels(t.ctx.db)).toEqual([]);
    const orders = (await req(admin, 'GET', `/api/stock/moves?productId=${a}&kind=order`)).json<{
      items: StockMove[];
    }>();
    expect(orders.items.map((m) => [m.onOrderDelta, m.onOrderAfter, m.sourceLabel])).toEqual([
      [10, 10, draft.number],
    ]);
    const levels = await t.ctx.db
      .selectFrom('stock_levels')
      .select(['product_id', 'on_hand_milli', 'reserved_milli', 'on_order_milli'])
      .where('product_id', 'in', [a, b, c, d])
      .execute();
    const of = (id: string) => levels.find((l) => l.product_id === id);
    // a: 20 → count 18, reserved 5 then 3 delivered, ordered 10, received 6
    expect(of(a)).toMatchObject({ on_hand_milli: 21_000, reserved_milli: 2_000, on_order_milli: 4_000 });
    expect(of(b)).toMatchObject({ on_hand_milli: 7_500, reserved_milli: 2_250, on_order_milli: 0 });
    expect(of(c)).toMatchObject({ on_hand_milli: 3_000, reserved_milli: 0, on_order_milli: 0 });
    expect(of(d)).toMatchObject({ on_hand_milli: 1_000, reserved_milli: 0, on_order_milli: 0 });

    // the check finds a level that does not follow from the ledger
    await t.ctx.db
      .updateTable('stock_levels')
      .set({ reserved_milli: sql`reserved_milli + 1` })
      .where('product_id', '=', b)
      .execute();
    expect(await checkStockLevels(t.ctx.db)).toEqual([
      {
        productId: b,
        warehouseId: warehouse.id,
        stored: { onHandMilli: 7_500, reservedMilli: 2_251, onOrderMilli: 0 },
        ledger: { onHandMilli: 7_500, reservedMilli: 2_250, onOrderMilli: 0 },
      },
    ]);
  });
});
