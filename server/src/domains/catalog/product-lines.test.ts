import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invoice } from '../../../../contracts/billing';
import type { Product } from '../../../../contracts/catalog';
import type { Problem } from '../../../../contracts/common';
import type { DealDetail } from '../../../../contracts/sales';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { poster, requester } from '../companies/companies-test-helpers';
import { makeCompany } from '../sales/sales-test-helpers';

/** Deal and invoice lines that name a catalog product (issue 6 item 1): kept, and checked to exist. */
describe.each(DIALECTS)('deal and invoice lines with products (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let req: ReturnType<typeof requester>;
  let post: ReturnType<typeof poster>;
  let companyId: string;
  let pump: Product;
  let retired: Product;
  const MISSING = '01900000-0000-7000-8000-000000000000';

  const errorPaths = (body: string) => (JSON.parse(body) as Problem).errors?.map((e) => e.path) ?? [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    req = requester(t);
    post = poster(t);
    admin = await createUserAndLogin(t, { role: 'admin', name: 'Katrin Hoffmann' });
    companyId = await makeCompany(t, 'Bäckerei Krause', admin);
    pump = await post<Product>(admin, '/api/products', {
      sku: 'HP-100',
      name: 'Hydraulikpumpe 8 cm³',
      unit: 'C62',
      salesPriceCents: 38900,
      vatRate: 19,
    });
    retired = await post<Product>(admin, '/api/products', {
      sku: 'OLD-1',
      name: 'Altes Modell',
      salesPriceCents: 1000,
      vatRate: 7,
    });
    const res = await req(admin, 'DELETE', `/api/products/${retired.id}`);
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(() => t?.close());

  it('a deal line keeps its product through create, change and the invoice made from the deal', async () => {
    const deal = await post<DealDetail>(admin, '/api/deals', {
      title: 'Pumpen',
      companyId,
      expectedCloseDate: '2027-02-15',
      lines: [
        { productId: pump.id, description: 'Hydraulikpumpe 8 cm³', quantity: 2, unitPriceCents: 37000 },
        { description: 'Montage', quantity: 1, unitPriceCents: 15000 },
      ],
    });
    expect(deal.lines.map((l) => l.productId)).toEqual([pump.id, null]);
    // the price was changed by hand: the line still names the product
    expect(deal.lines[0]).toMatchObject({ unitPriceCents: 37000, netCents: 74000 });

    const res = await req(admin, 'PATCH', `/api/deals/${deal.id}`, {
      version: deal.version,
      lines: [
        { productId: pump.id, description: 'Pumpe', quantity: 3, unitPriceCents: 38900 },
        // a retired product on a line is still accepted (lines saved before keep theirs)
        { productId: retired.id, description: 'Altes Modell', quantity: 1, unitPriceCents: 1000, vatRate: 7 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const changed = res.json<DealDetail>();
    expect(changed.lines.map((l) => l.productId)).toEqual([pump.id, retired.id]);
    expect((await req(admin, 'GET', `/api/deals/${deal.id}`)).json<DealDetail>().lines[0]!.productId).toBe(
      pump.id,
    );

    // the pump has no stock: winning needs back orders allowed (inventory refuses the win otherwise)
    const settings = (await req(admin, 'GET', '/api/inventory/settings')).json<{ version: number }>();
    const allowed = await req(admin, 'PATCH', '/api/inventory/settings', {
      version: settings.version,
      allowBackOrders: true,
    });
    expect(allowed.statusCode, allowed.body).toBe(200);
    const won = await req(admin, 'POST', `/api/deals/${deal.id}/win`, { version: changed.version });
    expect(won.statusCode, won.body).toBe(200);
    const invoice = await post<Invoice>(admin, `/api/deals/${deal.id}/invoice`, {});
    expect(invoice.lines.map((l) => l.productId)).toEqual([pump.id, retired.id]);
  });

  it('an invoice line keeps its product through create and change', async () => {
    const invoice = await post<Invoice>(admin, '/api/invoices', {
      companyId,
      lines: [
        { productId: pump.id, description: 'Hydraulikpumpe 8 cm³', quantity: 1, unitPriceCents: 38900 },
        { description: 'Fracht', quantity: 1, unitPriceCents: 2500 },
      ],
    });
    expect(invoice.lines.map((l) => l.productId)).toEqual([pump.id, null]);
    const res = await req(admin, 'PATCH', `/api/invoices/${invoice.id}`, {
      version: invoice.version,
      lines: [
        { description: 'Fracht', quantity: 1, unitPriceCents: 2500 },
        { productId: pump.id, description: 'Pumpe (Sonderpreis)', quantity: 2, unitPriceCents: 35000 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const got = (await req(admin, 'GET', `/api/invoices/${invoice.id}`)).json<Invoice>();
    expect(got.lines.map((l) => [l.productId, l.description, l.unitPriceCents])).toEqual([
      [null, 'Fracht', 2500],
      [pump.id, 'Pumpe (Sonderpreis)', 35000],
    ]);
  });

  it('refuses an unknown product with a 422 naming the line, and writes nothing', async () => {
    const before = (await req(admin, 'GET', '/api/deals?limit=100')).json<{ items: unknown[] }>().items
      .length;
    let res = await req(admin, 'POST', '/api/deals', {
      title: 'Falsch',
      companyId,
      expectedCloseDate: '2027-02-15',
      lines: [
        { description: 'Frei', quantity: 1, unitPriceCents: 100 },
        { productId: MISSING, description: 'Weg', quantity: 1, unitPriceCents: 100 },
      ],
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(errorPaths(res.body)).toEqual(['lines.1.productId']);
    expect((await req(admin, 'GET', '/api/deals?limit=100')).json<{ items: unknown[] }>().items).toHaveLength(
      before,
    );

    const deal = await post<DealDetail>(admin, '/api/deals', {
      title: 'Richtig',
      companyId,
      expectedCloseDate: '2027-02-15',
      lines: [{ productId: pump.id, description: 'Pumpe', quantity: 1, unitPriceCents: 38900 }],
    });
    res = await req(admin, 'PATCH', `/api/deals/${deal.id}`, {
      version: deal.version,
      lines: [{ productId: MISSING, description: 'Weg', quantity: 1, unitPriceCents: 100 }],
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(errorPaths(res.body)).toEqual(['lines.0.productId']);
    const unchanged = (await req(admin, 'GET', `/api/deals/${deal.id}`)).json<DealDetail>();
    expect(unchanged.lines.map((l) => l.productId)).toEqual([pump.id]);
    expect(unchanged.version).toBe(deal.version);

    res = await req(admin, 'POST', '/api/invoices', {
      companyId,
      lines: [{ productId: MISSING, description: 'Weg', quantity: 1, unitPriceCents: 100 }],
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(errorPaths(res.body)).toEqual(['lines.0.productId']);

    const invoice = await post<Invoice>(admin, '/api/invoices', {
      companyId,
      lines: [{ description: 'Frei', quantity: 1, unitPriceCents: 100 }],
    });
    res = await req(admin, 'PATCH', `/api/invoices/${invoice.id}`, {
      version: invoice.version,
      lines: [
        { description: 'Frei', quantity: 1, unitPriceCents: 100 },
        { productId: MISSING, description: 'Weg', quantity: 1, unitPriceCents: 100 },
      ],
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(errorPaths(res.body)).toEqual(['lines.1.productId']);
    const same = (await req(admin, 'GET', `/api/invoices/${invoice.id}`)).json<Invoice>();
    expect(same.lines).toHaveLength(1);
    expect(same.version).toBe(invoice.version);
  });
});
