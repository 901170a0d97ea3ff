import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../../../contracts/catalog';
import type { DealDetail } from '../../../../contracts/sales';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { getOpenDealDemand } from './pipeline-demand.query';
import { makeCompany, postDeal, requester } from './sales-test-helpers';

const STAGE = {
  qualifiziert: '0190a000-0000-7000-8000-00000000a102',
  verhandlung: '0190a000-0000-7000-8000-00000000a104',
};

describe.each(DIALECTS)('open deals’ demand for products (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let companyId: string;
  let pump: Product;
  let valve: Product;
  let other: Product;

  const newProduct = async (sku: string) => {
    const res = await requester(t)(admin, 'POST', '/api/products', { sku, name: sku, salesPriceCents: 1000 });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Product>();
  };
  const deal = (title: string, stageId: string, expectedCloseDate: string, lines: object[]) =>
    postDeal(t, admin, { title, companyId, stageId, expectedCloseDate, lines });
  const line = (p: Product, quantity: number) => ({
    productId: p.id,
    description: p.name,
    quantity,
    unitPriceCents: 1000,
  });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createUserAndLogin(t, { role: 'admin' });
    companyId = await makeCompany(t, 'Bäckerei Krause', admin);
    pump = await newProduct('P-1');
    valve = await newProduct('V-1');
    other = await newProduct('O-1');
  });
  afterAll(() => t?.close());

  it('lists open (not lost) deals’ lines of the products closing by the date, quantity × probability', async () => {
    const a = await deal('Pumpen Krause', STAGE.verhandlung, '2026-12-05', [
      line(pump, 3.333),
      line(valve, 2),
      { description: 'Montage', quantity: 1, unitPriceCents: 5000 },
    ]);
    const b = await deal('Ventile', STAGE.qualifiziert, '2026-12-10', [line(valve, 10)]);
    await deal('Zu spät', STAGE.verhandlung, '2027-01-15', [line(pump, 50)]);
    await deal('Anderes', STAGE.verhandlung, '2026-12-01', [line(other, 7)]);
    const lost: DealDetail = await deal('Verloren', STAGE.verhandlung, '2026-12-01', [line(pump, 40)]);
    const res = await requester(t)(admin, 'POST', `/api/deals/${lost.id}/lose`, {
      version: lost.version,
      reason: 'Zu teuer',
    });
    expect(res.statusCode, res.body).toBe(200);

    const demand = await getOpenDealDemand(t.ctx.db, [pump.id, valve.id], '2026-12-31');
    expect(demand).toEqual([
      ...[
        {
          dealId: a.id,
          dealTitle: 'Pumpen Krause',
          productId: pump.id,
          stageName: 'Verhandlung',
          probability: 75,
          expectedCloseDate: '2026-12-05',
          quantityMilli: 3333,
          expectedMilli: 2500, // 2499.75 → 2500
        },
        {
          dealId: a.id,
          dealTitle: 'Pumpen Krause',
          productId: valve.id,
          stageName: 'Verhandlung',
          probability: 75,
          expectedCloseDate: '2026-12-05',
          quantityMilli: 2000,
          expectedMilli: 1500,
        },
        {
          dealId: b.id,
          dealTitle: 'Ventile',
          productId: valve.id,
          stageName: 'Qualifiziert',
          probability: 25,
          expectedCloseDate: '2026-12-10',
          quantityMilli: 10_000,
          expectedMilli: 2500,
        },
      ].sort((x, y) => (x.productId === y.productId ? 0 : x.productId < y.productId ? -1 : 1)),
    ]);

    // the date limits it; null means every product
    expect((await getOpenDealDemand(t.ctx.db, [valve.id], '2026-12-05')).map((d) => d.dealId)).toEqual([
      a.id,
    ]);
    expect(await getOpenDealDemand(t.ctx.db, [], '2027-12-31')).toEqual([]);
    const all = await getOpenDealDemand(t.ctx.db, null, '2027-12-31');
    expect(all.map((d) => d.dealTitle).sort()).toEqual([
      'Anderes',
      'Pumpen Krause',
      'Pumpen Krause',
      'Ventile',
      'Zu spät',
    ]);
  });
});
