import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product, ProductListItem, ProductLookupItem } from '../../../../contracts/catalog';
import type { Problem } from '../../../../contracts/common';
import type { Company } from '../../../../contracts/companies';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { eventsOf, poster, requester } from '../companies/companies-test-helpers';

type Page = { items: ProductListItem[]; nextCursor: string | null };

describe.each(DIALECTS)('product catalog over the API (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let purchasing: TestSession;
  let sales: TestSession;
  let req: ReturnType<typeof requester>;
  let post: ReturnType<typeof poster>;
  let hydraulik: Company;
  let lager: Company;
  let customer: Company;

  const put = (s: TestSession, url: string, payload: object) =>
    t.app.inject({ method: 'PUT', url, headers: s.headers, payload });
  const list = async (s: TestSession, query = '') => {
    const res = await req(s, 'GET', `/api/products${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>();
  };
  const skus = async (query = '') => (await list(sales, query)).items.map((p) => p.sku);
  const company = (name: string, roles: string[]) =>
    post<Company>(admin, '/api/companies?allowDuplicate=true', { name, roles });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    req = requester(t);
    post = poster(t);
    admin = await createUserAndLogin(t, { role: 'admin', name: 'Katrin Hoffmann' });
    purchasing = await createUserAndLogin(t, { role: 'purchasing', name: 'Michael Weber' });
    sales = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    hydraulik = await company('Hansa Hydraulik GmbH', ['supplier']);
    lager = await company('Kugellager Hofmann KG', ['supplier', 'customer']);
    customer = await company('Bäckerei Krause', ['customer']);
  });
  afterAll(() => t?.close());

  it('creates a product with a supplier, audit entry and product.created; a single supplier is preferred', async () => {
    const res = await req(purchasing, 'POST', '/api/products', {
      sku: ' HP-100 ',
      name: 'Hydraulikpumpe 8 cm³',
      description: 'Zahnradpumpe',
      unit: 'c62',
      salesPriceCents: 38900,
      purchasePriceCents: 21400,
      vatRate: 19,
      kind: 'stock',
      suppliers: [
        {
          companyId: hydraulik.id,
          supplierSku: 'HH-8',
          purchasePriceCents: 21000,
          minOrderQty: 2.5,
          packSize: 5,
          leadTimeDays: 10,
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json<Product>();
    expect(p).toMatchObject({
      sku: 'HP-100',
      name: 'Hydraulikpumpe 8 cm³',
      unit: 'C62',
      salesPriceCents: 38900,
      purchasePriceCents: 21400,
      vatRate: 19,
      kind: 'stock',
      active: true,
      version: 1,
      preferredSupplierId: hydraulik.id,
      suppliers: [
        {
          companyId: hydraulik.id,
          companyName: 'Hansa Hydraulik GmbH',
          supplierSku: 'HH-8',
          purchasePriceCents: 21000,
          minOrderQty: 2.5,
          packSize: 5,
          leadTimeDays: 10,
          preferred: true,
        },
      ],
    });
    const audit = await req(admin, 'GET', `/api/audit?entityType=product&entityId=${p.id}`);
    expect(audit.statusCode, audit.body).toBe(200);
    expect(JSON.stringify(audit.json())).toContain('HP-100');
    expect(await eventsOf(t, 'product.created')).toContainEqual({
      productId: p.id,
      sku: 'HP-100',
      name: 'Hydraulikpumpe 8 cm³',
      kind: 'stock',
    });
    const got = await req(sales, 'GET', `/api/products/${p.id}`);
    expect(got.json<Product>().suppliers[0]?.minOrderQty).toBe(2.5);
  });

  it('refuses bad input with a message naming the field, and writes nothing', async () => {
    const before = (await list(admin, '?active=all&limit=500')).items.length;
    const dup = await req(admin, 'POST', '/api/products', {
      sku: 'hp-100',
      name: 'Kopie',
      salesPriceCents: 1,
    });
    expect(dup.statusCode).toBe(422);
    expect(dup.json<Problem>()).toMatchObject({ code: 'products.sku_taken', errors: [{ path: 'sku' }] });
    expect(dup.json<Problem>().detail).toContain('Hydraulikpumpe');

    const negative = await req(admin, 'POST', '/api/products', {
      sku: 'N-1',
      name: 'Neg',
      salesPriceCents: -5,
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json<Problem>().errors).toContainEqual({
      path: 'salesPriceCents',
      message: 'Prices cannot be negative',
    });

    const vat = await req(admin, 'POST', '/api/products', {
      sku: 'V-1',
      name: 'Vat',
      salesPriceCents: 5,
      vatRate: 16,
    });
    expect(vat.statusCode).toBe(400);
    expect(vat.json<Problem>().errors?.[0]?.path).toBe('vatRate');

    const notSupplier = await req(admin, 'POST', '/api/products', {
      sku: 'S-1',
      name: 'Teil',
      salesPriceCents: 100,
      suppliers: [{ companyId: customer.id }],
    });
    expect(notSupplier.statusCode).toBe(422);
    expect(notSupplier.json<Problem>()).toMatchObject({
      code: 'products.invalid_suppliers',
      errors: [{ path: 'suppliers.0.companyId', message: expect.stringContaining('is not a supplier') }],
    });

    const twoPreferred = await req(admin, 'POST', '/api/products', {
      sku: 'S-2',
      name: 'Teil',
      salesPriceCents: 100,
      suppliers: [
        { companyId: hydraulik.id, preferred: true },
        { companyId: lager.id, preferred: true },
      ],
    });
    expect(twoPreferred.statusCode).toBe(422);
    expect(twoPreferred.json<Problem>().errors).toEqual([
      { path: 'suppliers.1.preferred', message: 'Only one supplier can be preferred' },
    ]);

    const nonePreferred = await req(admin, 'POST', '/api/products', {
      sku: 'S-3',
      name: 'Teil',
      salesPriceCents: 100,
      suppliers: [{ companyId: hydraulik.id }, { companyId: lager.id }],
    });
    expect(nonePreferred.statusCode).toBe(422);
    expect(nonePreferred.json<Problem>().errors?.[0]?.path).toBe('suppliers');

    const twice = await req(admin, 'POST', '/api/products', {
      sku: 'S-4',
      name: 'Teil',
      salesPriceCents: 100,
      suppliers: [{ companyId: hydraulik.id, preferred: true }, { companyId: hydraulik.id }],
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.json<Problem>().errors?.[0]?.path).toBe('suppliers.1.companyId');

    expect((await list(admin, '?active=all&limit=500')).items.length).toBe(before);
  });

  it('two people creating the same SKU at once: one product, the other gets the 422', async () => {
    const results = await Promise.all(
      ['RACE-1', 'race-1 '].map((sku) =>
        req(admin, 'POST', '/api/products', { sku, name: `Gleichzeitig ${sku}`, salesPriceCents: 100 }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    expect(results.find((r) => r.statusCode === 422)?.json<Problem>().code).toBe('products.sku_taken');
    expect((await list(admin, '?q=race-1&active=all')).items).toHaveLength(1);
  });

  it('changes a product with its version; a stale version is 409; SKU changes stay unique', async () => {
    const p = await post<Product>(admin, '/api/products', {
      sku: 'KL-6204',
      name: 'Kugellager 6204',
      salesPriceCents: 1290,
    });
    await post<Product>(admin, '/api/products', {
      sku: 'KL-6306',
      name: 'Kugellager 6306',
      salesPriceCents: 2450,
    });
    const res = await req(purchasing, 'PATCH', `/api/products/${p.id}`, {
      version: 1,
      salesPriceCents: 1390,
      description: 'Mit Dichtscheiben',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Product>()).toMatchObject({
      salesPriceCents: 1390,
      description: 'Mit Dichtscheiben',
      version: 2,
    });
    const stale = await req(admin, 'PATCH', `/api/products/${p.id}`, { version: 1, salesPriceCents: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<Problem>().code).toBe('product.stale_version');
    const taken = await req(admin, 'PATCH', `/api/products/${p.id}`, { version: 2, sku: 'kl-6306' });
    expect(taken.statusCode).toBe(422);
    expect(taken.json<Problem>().code).toBe('products.sku_taken');
    const recase = await req(admin, 'PATCH', `/api/products/${p.id}`, { version: 2, sku: 'kl-6204' });
    expect(recase.statusCode, recase.body).toBe(200);
    expect(recase.json<Product>().sku).toBe('kl-6204');
    const updated = await eventsOf(t, 'product.updated');
    expect(updated).toContainEqual(
      expect.objectContaining({ productId: p.id, changed: ['description', 'salesPriceCents'] }),
    );
  });

  it('replaces the supplier list: supplier role, no company twice, exactly one preferred', async () => {
    const p = await post<Product>(admin, '/api/products', {
      sku: 'ZR-1200',
      name: 'Zahnriemen',
      salesPriceCents: 5800,
    });
    const url = `/api/products/${p.id}/suppliers`;
    const bad = await put(purchasing, url, {
      version: 1,
      suppliers: [{ companyId: hydraulik.id, preferred: true }, { companyId: customer.id }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<Problem>().errors).toEqual([
      {
        path: 'suppliers.1.companyId',
        message: 'Bäckerei Krause is not a supplier; give the company the supplier role first',
      },
    ]);
    const ok = await put(purchasing, url, {
      version: 1,
      suppliers: [
        { companyId: hydraulik.id, minOrderQty: 10, packSize: 10 },
        { companyId: lager.id, preferred: true, leadTimeDays: 3, purchasePriceCents: 2300 },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const product = ok.json<Product>();
    expect(product.version).toBe(2);
    expect(product.preferredSupplierId).toBe(lager.id);
    expect(product.suppliers.map((s) => [s.companyName, s.preferred])).toEqual([
      ['Hansa Hydraulik GmbH', false],
      ['Kugellager Hofmann KG', true],
    ]);
    const stale = await put(purchasing, url, { version: 1, suppliers: [] });
    expect(stale.statusCode).toBe(409);
    const cleared = await put(purchasing, url, { version: 2, suppliers: [] });
    expect(cleared.json<Product>()).toMatchObject({ suppliers: [], preferredSupplierId: null, version: 3 });
  });

  it('lets everyone read and only admin, manager and purchasing write', async () => {
    expect((await req(sales, 'GET', '/api/products')).statusCode).toBe(200);
    expect((await req(sales, 'GET', '/api/products/lookup?q=x')).statusCode).toBe(200);
    const denied = await req(sales, 'POST', '/api/products', { sku: 'X-1', name: 'X', salesPriceCents: 1 });
    expect(denied.statusCode).toBe(403);
    const accounting = await createUserAndLogin(t, { role: 'accounting', name: 'Sabine Fischer' });
    const p = (await list(accounting, '?q=KL-6306')).items[0]!;
    expect(
      (await req(accounting, 'PATCH', `/api/products/${p.id}`, { version: p.version, name: 'x' })).statusCode,
    ).toBe(403);
    expect((await req(accounting, 'DELETE', `/api/products/${p.id}`)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/products' })).statusCode).toBe(401);
  });

  it('lists with search, filters, sort and keyset pages', async () => {
    for (const [sku, name, kind, cents] of [
      ['DL-1', 'Servicetechniker vor Ort', 'service', 9800],
      ['DL-2', 'Inbetriebnahme', 'service', 11500],
      ['VM-1', 'Hydrauliköl HLP 46', 'stock', 490],
      ['VM-2', 'Getriebeöl CLP 220', 'stock', 740],
    ] as const) {
      await post(admin, '/api/products', {
        sku,
        name,
        kind,
        unit: kind === 'service' ? 'HUR' : 'LTR',
        salesPriceCents: cents,
        ...(sku === 'VM-1' ? { suppliers: [{ companyId: lager.id }] } : {}),
      });
    }
    expect(await skus('?q=öl')).toEqual(['VM-2', 'VM-1']);
    expect(await skus('?q=dl-')).toEqual(['DL-2', 'DL-1']);
    expect(await skus('?kind=service&sort=-salesPrice')).toEqual(['DL-2', 'DL-1']);
    expect(await skus(`?supplierId=${lager.id}&sort=sku`)).toEqual(['VM-1']);
    const withLager = (await list(sales, `?supplierId=${lager.id}`)).items[0]!;
    expect(withLager).toMatchObject({ preferredSupplierName: 'Kugellager Hofmann KG', supplierCount: 1 });

    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(sales, `?sort=sku&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      all.push(...page.items.map((p) => p.sku));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toEqual([...all].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(all).toEqual(await skus('?sort=sku&limit=500'));
    expect((await req(sales, 'GET', '/api/products?sort=colour')).statusCode).toBe(400);
  });

  it('deactivates instead of deleting; inactive products leave the lookup and the default list', async () => {
    const p = (await list(admin, '?q=VM-2')).items[0]!;
    const lookup = async (q: string) =>
      (await req(sales, 'GET', `/api/products/lookup?q=${encodeURIComponent(q)}`)).json<{
        items: ProductLookupItem[];
      }>().items;
    expect(await lookup('vm-2')).toEqual([
      {
        id: p.id,
        sku: 'VM-2',
        name: 'Getriebeöl CLP 220',
        description: null,
        unit: 'LTR',
        unitPriceCents: 740,
        vatRate: 19,
        kind: 'stock',
      },
    ]);
    // an exact SKU first, then SKUs beginning with the term, then names containing it
    expect((await lookup('vm')).map((i) => i.sku)).toEqual(['VM-2', 'VM-1']);
    expect((await lookup('kugellager')).map((i) => i.sku)).toEqual(['kl-6204', 'KL-6306']);

    const del = await req(admin, 'DELETE', `/api/products/${p.id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json<Product>()).toMatchObject({ active: false, version: p.version + 1 });
    expect((await req(admin, 'DELETE', `/api/products/${p.id}`)).json<Product>().version).toBe(p.version + 1);
    expect(await lookup('vm')).toHaveLength(1);
    expect(await skus('?q=VM')).toEqual(['VM-1']);
    expect(await skus('?q=VM&active=false')).toEqual(['VM-2']);
    expect((await req(sales, 'GET', `/api/products/${p.id}`)).json<Product>().active).toBe(false);
    const back = await req(admin, 'PATCH', `/api/products/${p.id}`, { version: p.version + 1, active: true });
    expect(back.json<Product>().active).toBe(true);
  });
});
