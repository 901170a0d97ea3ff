import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../../../contracts/common';
import type {
  InventorySettings,
  ReorderSetting,
  StockChangeResult,
  StockLevel,
  StockMove,
  Warehouse,
} from '../../../../contracts/inventory';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { eventsOf } from '../companies/companies-test-helpers';
import { addStock, makeProduct, requester, setInventorySettings, stockOf } from './inventory-test-helpers';
import { checkStockLevels } from './stock-check';

type Page<T> = { items: T[]; nextCursor: string | null };

describe.each(DIALECTS)('warehouses, stock, adjustments, counts, reorder settings (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let purchasing: TestSession;
  let sales: TestSession;
  let req: ReturnType<typeof requester>;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    req = requester(t);
    admin = await createUserAndLogin(t, { role: 'admin', name: 'Katrin Hoffmann' });
    purchasing = await createUserAndLogin(t, { role: 'purchasing', name: 'Michael Weber' });
    sales = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
  });
  afterAll(() => t?.close());

  it('lists the seeded default warehouse; creates one with a unique code (any case); moves the default', async () => {
    const list = (await req(sales, 'GET', '/api/warehouses')).json<{ items: Warehouse[] }>();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ code: 'HL', name: 'Hauptlager', isDefault: true, active: true });
    const hl = list.items[0] as Warehouse;

    expect((await req(sales, 'POST', '/api/warehouses', { code: 'AL', name: 'Außenlager' })).statusCode).toBe(
      403,
    );
    const created = await req(purchasing, 'POST', '/api/warehouses', {
      code: ' AL ',
      name: 'Außenlager',
      city: 'Bremen',
    });
    expect(created.statusCode, created.body).toBe(201);
    const al = created.json<Warehouse>();
    expect(al).toMatchObject({ code: 'AL', city: 'Bremen', isDefault: false, version: 1 });

    const dup = await req(purchasing, 'POST', '/api/warehouses', { code: 'hl', name: 'Noch eins' });
    expect(dup.statusCode).toBe(422);
    expect(dup.json<Problem>()).toMatchObject({ errors: [{ path: 'code' }] });

    const moved = await req(admin, 'PATCH', `/api/warehouses/${al.id}`, { version: 1, isDefault: true });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = (await req(sales, 'GET', '/api/warehouses')).json<{ items: Warehouse[] }>().items;
    expect(after.filter((w) => w.isDefault).map((w) => w.code)).toEqual(['AL']);
    expect(after.find((w) => w.code === 'HL')?.version).toBe(hl.version + 1);

    const stale = await req(admin, 'PATCH', `/api/warehouses/${al.id}`, { version: 1, name: 'X' });
    expect(stale.statusCode).toBe(409);
    const undefault = await req(admin, 'PATCH', `/api/warehouses/${al.id}`, { version: 2, isDefault: false });
    expect(undefault.statusCode).toBe(422);
    // back to HL for the rest of the tests
    const back = await req(admin, 'PATCH', `/api/warehouses/${hl.id}`, {
      version: hl.version + 1,
      isDefault: true,
    });
    expect(back.statusCode, back.body).toBe(200);
  });

  it('reads and changes the settings with inventory.settings and a version', async () => {
    const s = (await req(sales, 'GET', '/api/inventory/settings')).json<InventorySettings>();
    expect(s).toMatchObject({ allowBackOrders: false, deliverOnInvoiceIssue: false });
    expect((await req(sales, 'PATCH', '/api/inventory/settings', { version: s.version })).statusCode).toBe(
      403,
    );
    const changed = await req(purchasing, 'PATCH', '/api/inventory/settings', {
      version: s.version,
      deliverOnInvoiceIssue: true,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<InventorySettings>()).toMatchObject({
      deliverOnInvoiceIssue: true,
      version: s.version + 1,
    });
    expect(
      (await req(purchasing, 'PATCH', '/api/inventory/settings', { version: s.version })).statusCode,
    ).toBe(409);
    await setInventorySettings(t, admin, { deliverOnInvoiceIssue: false });
  });

  it('adjusts stock with a reason; refuses negative available stock without back orders; services are 422', async () => {
    const p = await makeProduct(t, admin, { purchasePriceCents: 250 });
    const res = await req(purchasing, 'POST', '/api/stock/adjustments', {
      productId: p.id,
      quantityChange: 12.5,
      reason: 'found',
      note: 'Im Regal gefunden',
    });
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json<StockChangeResult>();
    expect(out.moves).toHaveLength(1);
    expect(out.moves[0]).toMatchObject({
      kind: 'adjustment',
      onHandDelta: 12.5,
      onHandAfter: 12.5,
      reason: 'found',
      note: 'Im Regal gefunden',
      createdByName: 'Michael Weber',
    });
    expect(out.levels[0]).toMatchObject({ productId: p.id, onHand: 12.5, available: 12.5, valueCents: 3125 });

    const short = await req(purchasing, 'POST', '/api/stock/adjustments', {
      productId: p.id,
      quantityChange: -13,
      reason: 'damaged',
    });
    expect(short.statusCode, short.body).toBe(409);
    expect(short.json<Problem & { code?: string }>().detail).toContain('12.5 available');
    expect((await stockOf(t, sales, p.id)).onHand).toBe(12.5);

    const noReason = await req(purchasing, 'POST', '/api/stock/adjustments', {
      productId: p.id,
      quantityChange: 1,
    });
    expect(noReason.statusCode).toBe(400);
    expect(
      (
        await req(sales, 'POST', '/api/stock/adjustments', {
          productId: p.id,
          quantityChange: 1,
          reason: 'found',
        })
      ).statusCode,
    ).toBe(403);

    const service = await makeProduct(t, admin, { kind: 'service' });
    const svc = await req(purchasing, 'POST', '/api/stock/adjustments', {
      productId: service.id,
      quantityChange: 1,
      reason: 'found',
    });
    expect(svc.statusCode).toBe(422);
    expect(svc.json<Problem>().errors).toEqual([
      { path: 'productId', message: expect.stringContaining(service.sku) },
    ]);

    await setInventorySettings(t, admin, { allowBackOrders: true });
    const back = await req(purchasing, 'POST', '/api/stock/adjustments', {
      productId: p.id,
      quantityChange: -13,
      reason: 'damaged',
    });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json<StockChangeResult>().levels[0]).toMatchObject({ onHand: -0.5, available: -0.5 });
    await setInventorySettings(t, admin, { allowBackOrders: false });
    expect(await checkStockLevels(t.ctx.db)).toEqual([]);
    const changed = (await eventsOf(t, 'stock.changed')).filter((e) =>
      (e.productIds as string[]).includes(p.id),
    );
    expect(changed).toHaveLength(2);
    expect(changed[0]).toMatchObject({ sourceType: 'adjustment' });
  });

  it('counts: a count move of the difference per line, none when equal; names bad lines', async () => {
    const a = await makeProduct(t, admin);
    const b = await makeProduct(t, admin);
    const c = await makeProduct(t, admin);
    await addStock(t, purchasing, a.id, 10);
    await addStock(t, purchasing, b.id, 5);
    const res = await req(purchasing, 'POST', '/api/stock/counts', {
      note: 'Inventur',
      lines: [
        { productId: a.id, counted: 8 },
        { productId: b.id, counted: 5 },
        { productId: c.id, counted: 3.25 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json<StockChangeResult>();
    expect(out.moves.map((m) => [m.productId, m.kind, m.onHandDelta, m.onHandAfter])).toEqual(
      expect.arrayContaining([
        [a.id, 'count', -2, 8],
        [c.id, 'count', 3.25, 3.25],
      ]),
    );
    expect(out.moves).toHaveLength(2);
    expect(out.levels.map((l) => [l.productId, l.onHand]).sort()).toEqual(
      [
        [a.id, 8],
        [b.id, 5],
        [c.id, 3.25],
      ].sort(),
    );

    const service = await makeProduct(t, admin, { kind: 'service' });
    const bad = await req(purchasing, 'POST', '/api/stock/counts', {
      lines: [
        { productId: a.id, counted: 1 },
        { productId: service.id, counted: 1 },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<Problem>().errors?.[0]?.path).toBe('lines.1.productId');
    const twice = await req(purchasing, 'POST', '/api/stock/counts', {
      lines: [
        { productId: a.id, counted: 1 },
        { productId: a.id, counted: 2 },
      ],
    });
    expect(twice.statusCode).toBe(422);
    expect((await stockOf(t, sales, a.id)).onHand).toBe(8);
  });

  it('reorder settings: put, replace with version (409 stale), delete; raises stock.changed; 422 for services', async () => {
    const p = await makeProduct(t, admin);
    await addStock(t, purchasing, p.id, 12);
    const url = `/api/products/${p.id}/reorder-settings`;
    const put = await req(purchasing, 'PUT', url, { reorderPoint: 10, maxLevel: 30 });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<ReorderSetting>()).toMatchObject({
      reorderPoint: 10,
      maxLevel: 30,
      reorderQty: null,
      version: 1,
    });
    expect((await stockOf(t, sales, p.id)).belowReorderPoint).toBe(false);

    const noVersion = await req(purchasing, 'PUT', url, { reorderPoint: 15, reorderQty: 20 });
    expect(noVersion.statusCode).toBe(409);
    const replaced = await req(purchasing, 'PUT', url, { reorderPoint: 15, reorderQty: 20, version: 1 });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json<ReorderSetting>()).toMatchObject({
      reorderPoint: 15,
      maxLevel: null,
      reorderQty: 20,
      version: 2,
    });
    expect(
      (await req(purchasing, 'PUT', url, { reorderPoint: 1, reorderQty: 2, version: 1 })).statusCode,
    ).toBe(409);
    expect((await req(purchasing, 'PUT', url, { reorderPoint: 10, maxLevel: 5 })).statusCode).toBe(400);

    const row = await stockOf(t, sales, p.id);
    expect(row).toMatchObject({ reorderPoint: 15, reorderQty: 20, belowReorderPoint: true });
    const below = (await req(sales, 'GET', '/api/stock?belowReorderPoint=true&limit=500')).json<
      Page<StockLevel>
    >();
    expect(below.items.map((i) => i.productId)).toContain(p.id);

    const list = (await req(sales, 'GET', url)).json<{ items: ReorderSetting[] }>();
    expect(list.items).toHaveLength(1);
    const events = (await eventsOf(t, 'stock.changed')).filter(
      (e) => e.sourceType === 'reorder_settings' && e.sourceId === p.id,
    );
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ productIds: [p.id], moveIds: [] });

    expect((await req(purchasing, 'DELETE', url)).statusCode).toBe(204);
    expect((await req(sales, 'GET', url)).json<{ items: ReorderSetting[] }>().items).toEqual([]);
    expect((await stockOf(t, sales, p.id)).belowReorderPoint).toBe(false);

    const service = await makeProduct(t, admin, { kind: 'service' });
    expect(
      (
        await req(purchasing, 'PUT', `/api/products/${service.id}/reorder-settings`, {
          reorderPoint: 1,
          maxLevel: 2,
        })
      ).statusCode,
    ).toBe(422);
  });

  it('lists stock: products without a level show zeros; value; search; sort; keyset paging', async () => {
    const zero = await makeProduct(t, admin, { sku: 'ZZ-NULL', name: 'Nullbestand' });
    const row = await stockOf(t, sales, zero.id);
    expect(row).toMatchObject({
      onHand: 0,
      reserved: 0,
      onOrder: 0,
      available: 0,
      projected: 0,
      valueCents: 0,
      reorderPoint: null,
      updatedAt: null,
    });
    const found = (await req(sales, 'GET', '/api/stock?q=nullbest')).json<Page<StockLevel>>();
    expect(found.items.map((i) => i.sku)).toEqual(['ZZ-NULL']);
    const service = await makeProduct(t, admin, { kind: 'service' });
    const all: StockLevel[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<StockLevel> = (
        await req(sales, 'GET', `/api/stock?sort=-onHand&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(all.map((i) => i.productId)).not.toContain(service.id);
    expect(new Set(all.map((i) => i.productId)).size).toBe(all.length);
    const onHands = all.map((i) => i.onHand);
    expect(onHands).toEqual([...onHands].sort((a, b) => b - a));
    const one = (await req(sales, 'GET', '/api/stock?limit=500')).json<Page<StockLevel>>();
    expect(one.items.length).toBe(all.length);
    expect((await req(sales, 'GET', '/api/stock?sort=color')).statusCode).toBe(400);
  });

  it("lists a product's moves newest first with running levels, paged", async () => {
    const p = await makeProduct(t, admin);
    await addStock(t, purchasing, p.id, 10);
    await addStock(t, purchasing, p.id, 5);
    await req(purchasing, 'POST', '/api/stock/counts', { lines: [{ productId: p.id, counted: 12 }] });
    const first = (await req(sales, 'GET', `/api/stock/moves?productId=${p.id}&limit=2`)).json<
      Page<StockMove>
    >();
    expect(first.items.map((m) => [m.kind, m.onHandDelta, m.onHandAfter])).toEqual([
      ['count', -3, 12],
      ['adjustment', 5, 15],
    ]);
    expect(first.nextCursor).not.toBeNull();
    const second = (
      await req(sales, 'GET', `/api/stock/moves?productId=${p.id}&limit=2&cursor=${first.nextCursor}`)
    ).json<Page<StockMove>>();
    expect(second.items.map((m) => [m.kind, m.onHandAfter])).toEqual([['adjustment', 10]]);
    expect(second.nextCursor).toBeNull();
    const counts = (await req(sales, 'GET', `/api/stock/moves?productId=${p.id}&kind=count`)).json<
      Page<StockMove>
    >();
    expect(counts.items.map((m) => m.onHandAfter)).toEqual([12]);
  });
});
