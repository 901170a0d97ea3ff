import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DealDetail } from '../../../../contracts/sales';
import { systemClock } from '../../platform/clock';
import { type DeliverySettings, runDelivery, runDeliveryBatch } from '../../platform/events/delivery';
import { relayOutbox } from '../../platform/events/relay';
import { DIALECTS } from '../../testing/test-db';
import {
  customer,
  type Fixture,
  fixture,
  move,
  openDeal,
  ordersOf,
  product,
  reorder,
  supplier,
} from './replenishment-test-helpers';

const SETTINGS: DeliverySettings = {
  retry: { maxAttempts: 5, baseDelayMs: 10, factor: 2 },
  timerClock: systemClock,
  batchSize: 500,
  // delivery rows for the batch subscribers too: the test runs them side by side itself
  inlineBatches: false,
};

/**
 * The PostgreSQL case: 20 deals with a line of the same product are won at the same time
 * (parallel transactions), their reservations and then the replenishment checks are delivered by
 * several deliveries at once (single ones and batches side by side) — exactly one draft for the
 * supplier with exactly one line for the summed shortfall. SQLite has one writer: nothing to race.
 */
describe.each(DIALECTS.filter((d) => d === 'postgres'))(
  'replenishment under concurrent wins (%s)',
  (dialect) => {
    let f: Fixture;

    beforeAll(async () => {
      f = await fixture(dialect);
    });
    afterAll(() => f?.t.close());

    /** The pending deliveries of a subscriber. */
    const pendingOf = async (subscriber: string) =>
      (
        await f.t.ctx.db
          .selectFrom('event_deliveries')
          .select('id')
          .where('subscriber', '=', subscriber)
          .where('status', '=', 'pending')
          .orderBy('id')
          .execute()
      ).map((r) => r.id);

    it('20 concurrent wins of one product make one draft line with the summed quantity', async () => {
      const sup = await supplier(f, 'Hansa Hydraulik GmbH');
      const buyer = await customer(f, 'Bäckerei Krause');
      const p = await product(f, {
        sku: 'HP-20',
        suppliers: [
          {
            companyId: sup.id,
            purchasePriceCents: 1000,
            minOrderQty: 10,
            packSize: 8,
            leadTimeDays: 5,
          },
        ],
      });
      await reorder(f, p.id, { point: 10, max: 30 });
      await move(f, p.id, 'adjustment', 12);
      const deals: DealDetail[] = [];
      for (let i = 0; i < 20; i++)
        deals.push(await openDeal(f, buyer.id, p.id, 0.5, { title: `Auftrag ${i + 1}` }));

      // 20 wins at once: parallel transactions on the pool
      const wins = await Promise.all(
        deals.map((d) => f.req(f.admin, 'POST', `/api/deals/${d.id}/win`, { version: d.version })),
      );
      expect(wins.map((w) => w.statusCode)).toEqual(Array(20).fill(200));

      // the reservations, delivered at the same time
      await relayOutbox(f.t.ctx, SETTINGS);
      const reserve = await pendingOf('inventory.reserve-won-deal');
      expect(reserve).toHaveLength(20);
      const reserved = await Promise.all(reserve.map((id) => runDelivery(f.t.ctx, SETTINGS, id)));
      expect(reserved).toEqual(Array(20).fill('done'));

      // the 20 stock.changed checks: five single deliveries and three batches of five, all at once
      await relayOutbox(f.t.ctx, SETTINGS);
      const checks = await pendingOf('purchasing.replenish');
      expect(checks).toHaveLength(20);
      const groups = [
        ...checks.slice(0, 5).map((id) => [id]),
        checks.slice(5, 10),
        checks.slice(10, 15),
        checks.slice(15),
      ];
      const outcomes = await Promise.all(
        groups.map((ids) =>
          ids.length === 1
            ? runDelivery(f.t.ctx, SETTINGS, ids[0]!)
            : runDeliveryBatch(f.t.ctx, SETTINGS, ids),
        ),
      );
      const done = outcomes.reduce<number>(
        (n, o) => n + (typeof o === 'string' ? (o === 'done' ? 1 : 0) : o.done),
        0,
      );
      expect(done).toBe(20);
      await f.t.ctx.dispatcher.drain();

      const level = await f.t.ctx.db
        .selectFrom('stock_levels')
        .select(['on_hand_milli', 'reserved_milli'])
        .where('product_id', '=', p.id)
        .executeTakeFirstOrThrow();
      expect([Number(level.on_hand_milli), Number(level.reserved_milli)]).toEqual([12_000, 10_000]);

      // projected 12 − 10 = 2 < 10: up to 30 → 28, minimum 10, packs of 8 → 32 — once
      const orders = await ordersOf(f, sup.id);
      expect(orders).toHaveLength(1);
      expect(orders[0]).toMatchObject({ status: 'draft', origin: 'replenishment', netCents: 32 * 1000 });
      expect(orders[0]!.lines).toHaveLength(1);
      expect(orders[0]!.lines[0]).toMatchObject({ productId: p.id, quantity: 32, netCents: 32_000 });
      const explanation = orders[0]!.lines[0]!.explanation!;
      expect(explanation).toMatchObject({ onHand: 12, reserved: 10, projected: 2, needed: 28, quantity: 32 });
      // every win's reservation is among the causes (20: all of them)
      expect(explanation.causes).toHaveLength(20);
      expect(new Set(explanation.causes.map((c) => c.sourceId))).toEqual(new Set(deals.map((d) => d.id)));
      const lines = await f.t.ctx.db
        .selectFrom('purchase_order_lines')
        .select('id')
        .where('product_id', '=', p.id)
        .execute();
      expect(lines).toHaveLength(1);
    });
  },
);
