import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DealDetail } from '../../../../contracts/sales';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { makeCompany, postDeal } from '../sales/sales-test-helpers';
import { getDefaultWarehouse, getInventorySettings, getStockPositions, listMovesForCauses } from './index';
import { addStock, makeProduct, requester } from './inventory-test-helpers';
import { checkStockLevels } from './stock-check';

describe.each(DIALECTS)(
  'inventory reads for purchasing and reporting; concurrent changes (%s)',
  (dialect) => {
    let t: TestApp;
    let admin: TestSession;
    let req: ReturnType<typeof requester>;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      req = requester(t);
      admin = await createUserAndLogin(t, { role: 'admin' });
    });
    afterAll(() => t?.close());

    it('stock positions (zeros without a level), default warehouse, settings, moves as causes with labels', async () => {
      const warehouse = await getDefaultWarehouse(t.ctx.db);
      expect(warehouse).toMatchObject({ code: 'HL', isDefault: true });
      expect(await getInventorySettings(t.ctx.db)).toMatchObject({
        allowBackOrders: false,
        deliverOnInvoiceIssue: false,
      });

      const p = await makeProduct(t, admin);
      const none = await makeProduct(t, admin);
      await addStock(t, admin, p.id, 12);
      const put = await req(admin, 'PUT', `/api/products/${p.id}/reorder-settings`, {
        reorderPoint: 10,
        maxLevel: 20,
      });
      expect(put.statusCode, put.body).toBe(200);
      const companyId = await makeCompany(t, 'Kunde', admin);
      const deal = await postDeal(t, admin, {
        title: 'Fünf Pumpen',
        companyId,
        lines: [{ productId: p.id, description: 'Pumpe', quantity: 5, unitPriceCents: 100 }],
      });
      const won = await req(admin, 'POST', `/api/deals/${deal.id}/win`, { version: deal.version });
      expect(won.statusCode, won.body).toBe(200);
      await t.ctx.dispatcher.drain();

      const positions = await getStockPositions(t.ctx.db, [p.id, none.id], warehouse.id);
      expect(positions.get(p.id)).toMatchObject({
        onHandMilli: 12_000,
        reservedMilli: 5_000,
        onOrderMilli: 0,
        availableMilli: 7_000,
        projectedMilli: 7_000,
        reorderPointMilli: 10_000,
        maxLevelMilli: 20_000,
        reorderQtyMilli: null,
      });
      expect(positions.get(none.id)).toMatchObject({
        onHandMilli: 0,
        projectedMilli: 0,
        reorderPointMilli: null,
      });

      const changed = await t.ctx.db
        .selectFrom('outbox')
        .select('payload')
        .where('type', '=', 'stock.changed')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const moveIds = (JSON.parse(changed.payload) as { moveIds: string[] }).moveIds;
      const causes = await listMovesForCauses(t.ctx.db, moveIds);
      expect(causes).toEqual([
        expect.objectContaining({
          productId: p.id,
          kind: 'reservation',
          reservedDeltaMilli: 5_000,
          sourceType: 'deal',
          sourceId: (won.json() as DealDetail).id,
          sourceLabel: 'Fünf Pumpen',
        }),
      ]);
      const below = await t.ctx.db
        .selectFrom('outbox')
        .select('payload')
        .where('type', '=', 'stock.below_minimum')
        .execute();
      expect(below.map((b) => JSON.parse(b.payload))).toContainEqual({
        productId: p.id,
        warehouseId: warehouse.id,
        projectedMilli: 7_000,
        reorderPointMilli: 10_000,
      });
    });

    it('concurrent adjustments of the same products lose no update', async () => {
      const a = await makeProduct(t, admin);
      const b = await makeProduct(t, admin);
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          req(admin, 'POST', '/api/stock/adjustments', {
            productId: i % 2 ? a.id : b.id,
            quantityChange: 1.5,
            reason: 'found',
          }),
        ),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
      const warehouse = await getDefaultWarehouse(t.ctx.db);
      const positions = await getStockPositions(t.ctx.db, [a.id, b.id], warehouse.id);
      expect(positions.get(a.id)?.onHandMilli).toBe(9_000);
      expect(positions.get(b.id)?.onHandMilli).toBe(9_000);
      expect(await checkStockLevels(t.ctx.db)).toEqual([]);
    });
  },
);
