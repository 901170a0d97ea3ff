import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product, ProductListItem } from '../../../../contracts/catalog';
import type { Company } from '../../../../contracts/companies';
import type { ImportRowIssue } from '../../../../contracts/imports';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { eventsOf, poster, requester } from '../companies/companies-test-helpers';
import { importClient, tempDataDir } from './imports-test-helpers';

describe.each(DIALECTS)('CSV import of products (%s)', (dialect) => {
  const dataDir = tempDataDir();
  let t: TestApp;
  let purchasing: TestSession;
  let sales: TestSession;
  let req: ReturnType<typeof requester>;
  let post: ReturnType<typeof poster>;
  let imports: ReturnType<typeof importClient>;

  const product = async (sku: string) => {
    const item = (await req(purchasing, 'GET', `/api/products?q=${encodeURIComponent(sku)}&active=all`))
      .json<{ items: ProductListItem[] }>()
      .items.find((p) => p.sku.toLowerCase() === sku.toLowerCase());
    return item ? (await req(purchasing, 'GET', `/api/products/${item.id}`)).json<Product>() : undefined;
  };
  const countProducts = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('products')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp(dialect, { config: { dataDir } });
    await t.ctx.dispatcher.start();
    req = requester(t);
    post = poster(t);
    imports = importClient(t);
    purchasing = await createUserAndLogin(t, { role: 'purchasing', name: 'Michael Weber' });
    sales = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    await post<Company>(purchasing, '/api/companies', { name: 'Kugellager Hofmann KG', roles: ['supplier'] });
    await post<Company>(purchasing, '/api/companies', { name: 'Bäckerei Krause', roles: ['customer'] });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports a German Excel file: units, prices and suppliers; bad rows are rejected with reasons', async () => {
    const csv = [
      'Artikelnummer;Bezeichnung;Einheit;VK-Preis;EK-Preis;MwSt;Art;Lieferant;Bestellnummer;Mindestbestellmenge;Verpackungseinheit;Lieferzeit',
      'KL-6204;Rillenkugellager 6204;Stk;12,90;5,40;19 %;Lagerartikel;Kugellager Hofmann KG;KH-6204;10;10;5',
      'DL-1;Servicetechniker;Std;98,00;;19;Dienstleistung;;;;;',
      'ÖL-46;Hydrauliköl HLP 46;l;4,90;2,35;19;Lagerartikel;;;;;',
      ';Ohne Nummer;Stk;1,00;;19;;;;;;',
      'X-1;Negativ;Stk;-3,00;;19;;;;;;',
      'X-2;Steuer;Stk;3,00;;16;;;;;;',
      'X-3;Falscher Lieferant;Stk;3,00;;19;;Bäckerei Krause;;;;',
      'kl-6204;Doppelt;Stk;1,00;;19;;;;;;',
      'X-4;Unbekannter Lieferant;Stk;3,00;;19;;Niemand GmbH;;;;',
      'X-5;Komische Art;Stk;3,00;;19;Zauberei;;;;;',
    ].join('\r\n');
    const { upload, result } = await imports.run(purchasing, 'products', `${csv}\r\n`);
    expect(upload.suggestedMapping).toEqual({
      Artikelnummer: 'sku',
      Bezeichnung: 'name',
      Einheit: 'unit',
      'VK-Preis': 'salesPrice',
      'EK-Preis': 'purchasePrice',
      MwSt: 'vatRate',
      Art: 'kind',
      Lieferant: 'supplierName',
      Bestellnummer: 'supplierSku',
      Mindestbestellmenge: 'minOrderQty',
      Verpackungseinheit: 'packSize',
      Lieferzeit: 'leadTimeDays',
    });
    expect(result).toMatchObject({
      status: 'done',
      counts: { created: 3, updated: 0, skipped: 0, rejected: 7 },
    });
    const rejected = (await req(purchasing, 'GET', `/api/imports/${upload.id}/rejected?limit=20`)).json<{
      items: ImportRowIssue[];
    }>().items;
    expect(rejected.map((r) => [r.row, r.reasons.map((x) => x.field)])).toEqual([
      [5, ['sku']],
      [6, ['salesPrice']],
      [7, ['vatRate']],
      [8, ['supplierName']],
      [9, ['sku']],
      [10, ['supplierName']],
      [11, ['kind']],
    ]);
    expect(rejected[2]?.reasons[0]).toEqual({
      field: 'vatRate',
      column: 'MwSt',
      message: 'The VAT rate must be 19, 7 or 0 (percent)',
    });
    expect(rejected[3]?.reasons[0]?.message).toContain('Bäckerei Krause is not a supplier');
    expect(rejected[4]?.reasons[0]?.message).toContain('Row 2 has the same SKU');

    expect(await product('KL-6204')).toMatchObject({
      name: 'Rillenkugellager 6204',
      unit: 'C62',
      salesPriceCents: 1290,
      purchasePriceCents: 540,
      vatRate: 19,
      kind: 'stock',
      suppliers: [
        {
          companyName: 'Kugellager Hofmann KG',
          supplierSku: 'KH-6204',
          minOrderQty: 10,
          packSize: 10,
          leadTimeDays: 5,
          preferred: true,
        },
      ],
    });
    expect(await product('DL-1')).toMatchObject({ unit: 'HUR', kind: 'service', salesPriceCents: 9800 });
    expect(await product('ÖL-46')).toMatchObject({ unit: 'LTR', salesPriceCents: 490 });
    const audit = await req(
      purchasing,
      'GET',
      `/api/audit?entityType=product&entityId=${(await product('DL-1'))!.id}`,
    );
    expect(audit.body).toContain('Servicetechniker');
    expect(await eventsOf(t, 'import.completed')).toContainEqual(
      expect.objectContaining({ entityType: 'products', created: 3, rejected: 7 }),
    );
  });

  it('finds existing products by SKU: skipped, or updated with the changed fields', async () => {
    const csv =
      'SKU,Name,Price,Supplier,Lead time\nkl-6204,Rillenkugellager 6204,13.50,,\nDL-1,Servicetechniker,98.00,,\nNEU-1,Neu,1.00,,\n';
    const skipped = await imports.run(purchasing, 'products', csv);
    expect(skipped.result.counts).toEqual({ created: 1, updated: 0, skipped: 2, rejected: 0 });
    expect((await product('KL-6204'))?.salesPriceCents).toBe(1290);

    const csv2 =
      'SKU,Name,Price,Supplier,Lead time\nkl-6204,Rillenkugellager 6204,13.50,Kugellager Hofmann KG,7\nDL-1,Servicetechniker,98.00,,\n';
    const updated = await imports.run(purchasing, 'products', csv2, { duplicateMode: 'update' });
    expect(updated.result.counts).toEqual({ created: 0, updated: 1, skipped: 1, rejected: 0 });
    const p = await product('KL-6204');
    expect(p).toMatchObject({
      sku: 'KL-6204',
      salesPriceCents: 1350,
      suppliers: [{ leadTimeDays: 7, supplierSku: 'KH-6204', minOrderQty: 10 }],
    });

    const created = await imports.run(purchasing, 'products', 'SKU,Name\nDL-1,Zweimal\n', {
      duplicateMode: 'create',
    });
    expect(created.result.counts).toMatchObject({ created: 0, rejected: 1 });
  });

  it('a file of bad rows writes nothing, and only people who may write products import them', async () => {
    const before = await countProducts();
    const denied = await imports.upload(sales, 'products', 'SKU,Name\nA-1,A\n');
    expect(denied.statusCode).toBe(403);
    const { result } = await imports.run(
      purchasing,
      'products',
      'SKU,Name,Price\n,Ohne SKU,1.00\nB-1,,2.00\nB-2,Preis,abc\n',
    );
    expect(result).toMatchObject({ status: 'done', counts: { created: 0, updated: 0, rejected: 3 } });
    expect(await countProducts()).toBe(before);
  });
  it('a row whose supplier cannot be written writes nothing of the row', async () => {
    const gone = await post<Company>(purchasing, '/api/companies', {
      name: 'Alte Lieferanten GmbH',
      roles: ['supplier'],
    });
    const p = await post<Product>(purchasing, '/api/products', {
      sku: 'HW-1',
      name: 'Halbgeschrieben',
      salesPriceCents: 1000,
      suppliers: [{ companyId: gone.id }],
    });
    // the product's supplier loses its role: every change of the supplier list is refused
    const patched = await req(purchasing, 'PATCH', `/api/companies/${gone.id}`, {
      version: gone.version,
      roles: ['customer'],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const { result } = await imports.run(
      purchasing,
      'products',
      'SKU,Name,Price,Supplier\nHW-1,Neuer Name,20.00,Kugellager Hofmann KG\n',
      { duplicateMode: 'update' },
    );
    expect(result.counts).toMatchObject({ updated: 0, skipped: 1 });
    expect(await product('HW-1')).toMatchObject({
      name: 'Halbgeschrieben',
      salesPriceCents: 1000,
      version: p.version,
    });
  });

  it('a new product needs a name and a sales price; an update row only the columns it fills', async () => {
    await post<Product>(purchasing, '/api/products', {
      sku: 'UP-1',
      name: 'Nur Preis',
      salesPriceCents: 500,
    });
    const before = await countProducts();
    const { upload, result } = await imports.run(
      purchasing,
      'products',
      'SKU,Name,Price\nNP-1,Ohne Preis,\nNP-2,,3.00\nUP-1,,7.50\n',
      { duplicateMode: 'update' },
    );
    expect(result.counts).toMatchObject({ created: 0, updated: 1, rejected: 2 });
    const rejected = (await req(purchasing, 'GET', `/api/imports/${upload.id}/rejected?limit=20`)).json<{
      items: ImportRowIssue[];
    }>().items;
    expect(rejected.map((r) => [r.row, r.reasons.map((x) => [x.field, x.message])])).toEqual([
      [2, [['salesPrice', 'The sales price is missing: a new product needs one']]],
      [3, [['name', 'The name is missing: a new product needs one']]],
    ]);
    expect(await countProducts()).toBe(before);
    expect(await product('UP-1')).toMatchObject({ name: 'Nur Preis', salesPriceCents: 750, version: 2 });
  });
});
