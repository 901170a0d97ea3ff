import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { seedCatalog } from '../catalog';
import { getDefaultWarehouse, getStockPositions } from './inventory.reads';
import { seedInventory } from './inventory.seed';
import { checkStockLevels } from './stock-check';

describe.each(DIALECTS)('demo stock (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedCatalog(t.ctx, systemActor('seed'));
  });
  afterAll(() => t?.close());

  it('gives the stock products an initial count and most of them reorder settings; one just below its point; seeding twice adds nothing', async () => {
    await seedInventory(t.ctx, systemActor('seed'));
    await seedInventory(t.ctx, systemActor('seed'));
    const db = t.ctx.db;
    const stock = await db.selectFrom('products').select(['id', 'sku']).where('kind', '=', 'stock').execute();
    const warehouse = await getDefaultWarehouse(db);
    const positions = await getStockPositions(
      db,
      stock.map((p) => p.id),
      warehouse.id,
    );
    const moves = await db.selectFrom('stock_moves').selectAll().execute();
    expect(moves).toHaveLength(stock.length);
    expect(moves.every((m) => m.kind === 'count' && m.note === 'Anfangsbestand')).toBe(true);
    for (const p of stock) expect(positions.get(p.id)?.onHandMilli, p.sku).toBeGreaterThan(0);
    const withPoint = [...positions.values()].filter((x) => x.reorderPointMilli !== null);
    expect(withPoint.length).toBeGreaterThan(stock.length * 0.75);
    const below = withPoint.filter((x) => x.projectedMilli < (x.reorderPointMilli as number));
    expect(below.map((x) => stock.find((p) => p.id === x.productId)?.sku)).toEqual(['ET-1013']);
    expect(positions.get(below[0]?.productId as string)).toMatchObject({
      onHandMilli: 4000,
      reorderPointMilli: 5000,
      maxLevelMilli: 12000,
    });
    expect(await db.selectFrom('stock_reservations').selectAll().execute()).toEqual([]);
    expect(await checkStockLevels(db)).toEqual([]);
  });
});
