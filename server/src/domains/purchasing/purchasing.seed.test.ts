import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor';
import { createTestUser } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { seedCatalog } from '../catalog';
import { seedInventory } from '../inventory';
import { seedPurchasing } from './purchasing.seed';

describe.each(DIALECTS)('demo purchasing (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-11-26T09:00:00.000Z' });
  });
  afterAll(() => t?.close());

  it('seeds approval limits and four orders (received, partly received, sent, draft) with a consistent ledger; runs once', async () => {
    const actor = systemActor('seed');
    await seedCatalog(t.ctx, actor);
    // the stock seed's products below their reorder point get replenishment drafts first
    await seedInventory(t.ctx, actor);
    await t.ctx.dispatcher.drain();
    const drafted = await t.ctx.db.selectFrom('purchase_orders').select(['id', 'supplier_id']).execute();
    const purchasing = (await createTestUser(t, { role: 'purchasing', name: 'Michael Weber' })).user;
    const manager = (await createTestUser(t, { role: 'manager', name: 'Thomas Becker' })).user;
    const demo = { users: { purchasing: purchasing.id, manager: manager.id } };
    await seedPurchasing(t.ctx, actor, demo);
    await t.ctx.dispatcher.drain();
    const db = t.ctx.db;

    const limits = await db
      .selectFrom('purchase_approval_limits')
      .selectAll()
      .orderBy('limit_cents')
      .execute();
    expect(limits.map((l) => [l.user_id, Number(l.limit_cents)])).toEqual([
      [purchasing.id, 500_000],
      [manager.id, 2_500_000],
    ]);

    const orders = await db
      .selectFrom('purchase_orders')
      .innerJoin('companies', 'companies.id', 'purchase_orders.supplier_id')
      .select([
        'purchase_orders.status',
        'companies.name',
        'purchase_orders.expected_date',
        'purchase_orders.sent_to',
      ])
      .orderBy('purchase_orders.number')
      .execute();
    expect(
      orders
        .filter((o) => o.status !== 'draft')
        .map((o) => [o.status, o.name])
        .sort(),
    ).toEqual([
      ['partially_received', 'Kugellager Hofmann KG'],
      ['received', 'Rhein-Schmierstoffe GmbH'],
      ['sent', 'Kugellager Hofmann KG'],
    ]);
    expect(orders.filter((o) => o.status === 'draft').map((o) => o.name)).toContain(
      'Hansa Hydraulik & Antriebstechnik GmbH',
    );
    expect(orders.find((o) => o.status === 'sent')).toMatchObject({
      expected_date: '2026-12-03',
      sent_to: 'vertrieb@kugellager-hofmann.example',
    });

    // stock levels agree with the ledger, and show what came in and what is on order
    const levels = await db.selectFrom('stock_levels').selectAll().execute();
    const moves = await db.selectFrom('stock_moves').selectAll().execute();
    for (const l of levels) {
      const own = moves.filter((m) => m.product_id === l.product_id && m.warehouse_id === l.warehouse_id);
      const sum = (k: 'on_hand_delta_milli' | 'on_order_delta_milli') =>
        own.reduce((s, m) => s + Number(m[k]), 0);
      expect(Number(l.on_hand_milli)).toBe(sum('on_hand_delta_milli'));
      expect(Number(l.on_order_milli)).toBe(sum('on_order_delta_milli'));
    }
    const sku = async (s: string) => {
      const p = await db.selectFrom('products').select('id').where('sku', '=', s).executeTakeFirstOrThrow();
      const l = levels.find((x) => x.product_id === p.id);
      return [Number(l?.on_hand_milli ?? 0) / 1000, Number(l?.on_order_milli ?? 0) / 1000];
    };
    const initial = async (s: string) => {
      const p = await db.selectFrom('products').select('id').where('sku', '=', s).executeTakeFirstOrThrow();
      const counted = moves.filter((m) => m.product_id === p.id && m.kind === 'count');
      return counted.reduce((n, m) => n + Number(m.on_hand_delta_milli), 0) / 1000;
    };
    expect(await sku('VM-2001')).toEqual([(await initial('VM-2001')) + 200, 0]);
    expect(await sku('ET-1010')).toEqual([(await initial('ET-1010')) + 4, 6]);
    // the demo product below its reorder point stays below it: nothing of it is on order
    expect(await sku('ET-1013')).toEqual([await initial('ET-1013'), 0]);
    expect((await sku('ET-1001'))[1]).toBe(100);
    expect((await sku('ET-1016'))[1]).toBe(0);
    const mails = await db.selectFrom('mail_outbox').select('to_address').execute();
    expect(mails.filter((m) => m.to_address.endsWith('.example'))).toHaveLength(3);

    const count = (await db.selectFrom('purchase_orders').select('id').execute()).length;
    expect(count).toBeGreaterThanOrEqual(Math.max(4, drafted.length));
    await seedPurchasing(t.ctx, actor, demo);
    await t.ctx.dispatcher.drain();
    expect(await db.selectFrom('purchase_orders').select('id').execute()).toHaveLength(count);
  });
});
