import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../../../contracts/catalog';
import type { Company } from '../../../../contracts/companies';
import { systemActor } from '../../platform/actor';
import { publish } from '../../platform/events/publish';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { poster, requester } from '../companies/companies-test-helpers';
import { repointedSupplierRows } from './on-company-merged.handler';
import type { ProductSupplierRow } from './products.repository';

describe.each(DIALECTS)('product suppliers follow merged companies (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let req: ReturnType<typeof requester>;
  let post: ReturnType<typeof poster>;

  const company = (name: string) =>
    post<Company>(admin, '/api/companies?allowDuplicate=true', { name, roles: ['supplier'] });
  const product = (sku: string, suppliers: object[]) =>
    post<Product>(admin, '/api/products', { sku, name: sku, salesPriceCents: 100, suppliers });
  const get = async (id: string) => (await req(admin, 'GET', `/api/products/${id}`)).json<Product>();
  const merge = async (target: Company, source: Company) => {
    const res = await req(admin, 'POST', `/api/companies/${target.id}/merge`, {
      sourceId: source.id,
      version: target.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    return t.ctx.dispatcher.drain();
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    req = requester(t);
    post = poster(t);
    admin = await createUserAndLogin(t, { role: 'admin', name: 'Katrin Hoffmann' });
  });
  afterAll(() => t?.close());

  it('re-points the supplier rows of the merged-away company, keeping one row per product, once', async () => {
    const kept = await company('Hansa Hydraulik GmbH');
    const duplicate = await company('Hansa Hydraulik');
    const other = await company('Kugellager Hofmann KG');
    // only the duplicate supplies it
    const a = await product('MRG-A', [
      { companyId: other.id, preferred: true },
      { companyId: duplicate.id, supplierSku: 'D-A', leadTimeDays: 4 },
    ]);
    // both supply it, the duplicate is preferred: the kept company's row stays and becomes preferred
    const b = await product('MRG-B', [
      { companyId: kept.id, supplierSku: 'K-B', leadTimeDays: 2 },
      { companyId: duplicate.id, supplierSku: 'D-B', preferred: true },
      { companyId: other.id },
    ]);
    // both supply it, the kept one is preferred
    const c = await product('MRG-C', [
      { companyId: duplicate.id, supplierSku: 'D-C' },
      { companyId: kept.id, supplierSku: 'K-C', preferred: true },
    ]);
    const untouched = await product('MRG-D', [{ companyId: other.id }]);

    const drained = await merge(kept, duplicate);
    expect(drained.dead).toBe(0);
    const delivery = await t.ctx.db
      .selectFrom('event_deliveries')
      .select(['status'])
      .where('subscriber', '=', 'catalog.repoint-suppliers')
      .executeTakeFirstOrThrow();
    expect(delivery.status).toBe('done');

    const pa = await get(a.id);
    expect(pa.version).toBe(2);
    expect(pa.suppliers.map((s) => [s.companyId, s.supplierSku, s.leadTimeDays, s.preferred])).toEqual([
      [other.id, null, 0, true],
      [kept.id, 'D-A', 4, false],
    ]);
    const pb = await get(b.id);
    expect(pb.preferredSupplierId).toBe(kept.id);
    expect(pb.suppliers.map((s) => [s.companyId, s.supplierSku, s.preferred])).toEqual([
      [kept.id, 'K-B', true],
      [other.id, null, false],
    ]);
    const pc = await get(c.id);
    expect(pc.suppliers.map((s) => [s.companyId, s.supplierSku, s.preferred])).toEqual([
      [kept.id, 'K-C', true],
    ]);
    expect((await get(untouched.id)).version).toBe(1);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['origin'])
      .where('entity_id', '=', b.id)
      .where('action', '=', 'update')
      .execute();
    expect(audit.map((x) => x.origin)).toEqual(['event:company.merged']);

    // the suppliers can be changed again
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/products/${pb.id}/suppliers`,
      headers: admin.headers,
      payload: {
        version: pb.version,
        suppliers: pb.suppliers.map((s) => ({ companyId: s.companyId, preferred: s.preferred })),
      },
    });
    expect(put.statusCode, put.body).toBe(200);

    // the same merge again (a second delivery) changes nothing
    await t.ctx.db.transaction().execute((trx) =>
      publish(trx, t.ctx.clock, systemActor('test'), 'company.merged', {
        targetId: kept.id,
        sourceId: duplicate.id,
      }),
    );
    expect((await t.ctx.dispatcher.drain()).dead).toBe(0);
    expect(await get(a.id)).toMatchObject({ version: 2 });
    expect(await get(c.id)).toMatchObject({ version: pc.version });
  });
});

describe('repointedSupplierRows', () => {
  const row = (company_id: string, position: number, preferred = 0): ProductSupplierRow => ({
    id: `r${position}`,
    product_id: 'p',
    company_id,
    supplier_sku: null,
    purchase_price_cents: null,
    min_order_qty_milli: 1000,
    pack_size_milli: 1000,
    lead_time_days: 0,
    preferred,
    position,
    created_at: 'then',
    updated_at: 'then',
  });

  it('is null when the merged-away company does not supply the product', () => {
    expect(repointedSupplierRows([row('x', 0, 1)], 'src', 'dst', 'now')).toBeNull();
  });

  it('keeps the surviving row, preferred if either was, and renumbers positions', () => {
    const rows = repointedSupplierRows([row('dst', 1), row('src', 0, 1), row('x', 2)], 'src', 'dst', 'now');
    expect(rows?.map((r) => [r.company_id, r.position, r.preferred])).toEqual([
      ['dst', 0, 1],
      ['x', 1, 0],
    ]);
  });
});
