import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { seedCatalog } from './catalog.seed';

describe.each(DIALECTS)('demo catalog (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t?.close());

  it('seeds ~50 products of a machine builder with three suppliers, one preferred each; runs once', async () => {
    await seedCatalog(t.ctx, systemActor('seed'));
    const db = t.ctx.db;
    const products = await db.selectFrom('products').selectAll().orderBy('sku').execute();
    expect(products).toHaveLength(50);
    expect(new Set(products.map((p) => p.sku_key)).size).toBe(50);
    expect(products.filter((p) => p.kind === 'service').length).toBeGreaterThanOrEqual(5);
    expect(products.find((p) => p.sku === 'VM-2001')).toMatchObject({ unit: 'LTR', sales_price_cents: 490 });
    expect(products.find((p) => p.sku === 'DL-3008')?.vat_rate).toBe(7);

    const suppliers = await db.selectFrom('companies').select(['id', 'name', 'role_supplier']).execute();
    expect(
      suppliers
        .filter((c) => c.role_supplier === 1)
        .map((c) => c.name)
        .sort(),
    ).toEqual([
      'Hansa Hydraulik & Antriebstechnik GmbH',
      'Kugellager Hofmann KG',
      'Rhein-Schmierstoffe GmbH',
    ]);
    const links = await db.selectFrom('product_suppliers').selectAll().execute();
    const stock = products.filter((p) => p.kind === 'stock');
    for (const p of stock) {
      const own = links.filter((l) => l.product_id === p.id);
      expect(own.length, p.sku).toBeGreaterThan(0);
      expect(
        own.filter((l) => l.preferred === 1),
        p.sku,
      ).toHaveLength(1);
    }
    const audit = await db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('entity_type', '=', 'product')
      .execute();
    expect(audit).toHaveLength(50);

    await seedCatalog(t.ctx, systemActor('seed'));
    expect(await db.selectFrom('products').select('id').execute()).toHaveLength(50);
  });
});
