import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Company } from '../../../../contracts/companies';
import { systemActor } from '../../platform/actor';
import type { Tx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { DIALECTS } from '../../testing/test-db';
import type { ActionContext } from '../automation';
import { actionOf, recordTypeOf } from '../automation/registry';
import { replenish } from './replenishment.service';
import {
  type Fixture,
  fixture,
  move,
  ordersOf,
  product,
  reorder,
  setPurchasingSettings,
  supplier,
} from './replenishment-test-helpers';

describe.each(DIALECTS)('purchasing for automation rules (%s)', (dialect) => {
  let f: Fixture;
  let nord: Company;

  const terms = (companyId: string) => ({
    companyId,
    supplierSku: 'EN-1',
    purchasePriceCents: 1500,
    minOrderQty: 1,
    packSize: 1,
    leadTimeDays: 3,
  });
  const inTrx = <T>(fn: (trx: Tx) => Promise<T>) => f.t.ctx.db.transaction().execute(fn);
  function actionContext(trx: Tx, productId: string): ActionContext {
    return {
      trx,
      clock: f.t.clock,
      config: f.t.ctx.config,
      log: f.t.ctx.log,
      actor: systemActor('rule:test@1'),
      rule: { id: 'test', name: 'Test', version: 1 },
      run: { id: uuidv7(), reason: 'Test', triggerKey: 'test', eventId: null },
      actionRunId: uuidv7(),
      actionIndex: 0,
      root: { type: 'product', id: productId },
      scope: {},
      resolveAssignee: async () => ({ userId: null, teamId: null }),
      render: (s) => s,
      explanation: 'Regel „Test“',
    };
  }
  const suggest = actionOf('create_po_suggestion')!;
  const describeFor = (productId: string) =>
    suggest.describe(
      { ...actionContext(null as never, productId), db: f.t.ctx.db },
      { kind: 'create_po_suggestion' },
    );
  const execute = (productId: string) =>
    inTrx((trx) => suggest.execute(actionContext(trx, productId), { kind: 'create_po_suggestion' }));

  beforeAll(async () => {
    f = await fixture(dialect);
    // only the rule's action drafts here, not the stock.changed handler
    await setPurchasingSettings(f, { autoDraft: false });
    nord = await supplier(f, 'Elektro Nord');
  });
  afterAll(() => f?.t.close());

  it('create_po_suggestion: says what it would order, puts the line in the supplier’s draft once', async () => {
    expect(suggest.recordTypes).toEqual(['product']);
    expect(await suggest.validate?.(f.t.ctx.db, { kind: 'create_po_suggestion' }, 'deal')).toMatch(/product/);
    const p = await product(f, { sku: 'ET-1013', name: 'Schütz 3-polig', suppliers: [terms(nord.id)] });
    await reorder(f, p.id, { point: 10, max: 30 });
    await move(f, p.id, 'adjustment', 7);
    expect(await describeFor(p.id)).toEqual({
      description: '23 × ET-1013 bei Elektro Nord in einen neuen Entwurf',
      problem: null,
    });
    const result = await execute(p.id);
    const [draft] = await ordersOf(f, nord.id);
    expect(result).toEqual({ entityType: 'purchase_order', entityId: draft!.id, label: draft!.number });
    expect(draft).toMatchObject({ status: 'draft', origin: 'replenishment' });
    expect(draft!.lines).toEqual([
      expect.objectContaining({ productId: p.id, quantity: 23, origin: 'replenishment' }),
    ]);
    expect(draft!.lines[0]!.explanation).not.toBeNull();
    expect(await describeFor(p.id)).toEqual({
      description: `23 × ET-1013 bei Elektro Nord in den Entwurf ${draft!.number}`,
      problem: null,
    });
    // again (a second event): the same draft and line, nothing more ordered — and the run claims
    // no draft, as it made none (provenance shows only who made it)
    expect(await execute(p.id)).toBeNull();
    const after = await ordersOf(f, nord.id);
    expect(after).toHaveLength(1);
    expect(after[0]!.lines.map((l) => l.quantity)).toEqual([23]);

    // a supplier's draft someone else made: the line joins it, and the run claims no draft
    const sued = await supplier(f, 'Elektro Süd');
    const first = await product(f, { sku: 'ES-1', name: 'Kabel', suppliers: [terms(sued.id)] });
    await reorder(f, first.id, { point: 5, max: 10 });
    await inTrx((trx) => replenish(trx, f.t.ctx, systemActor('test'), f.warehouseId, [first.id]));
    const other = await product(f, { sku: 'ES-2', name: 'Stecker', suppliers: [terms(sued.id)] });
    await reorder(f, other.id, { point: 5, max: 10 });
    expect(await execute(other.id)).toBeNull();
    const joined = await ordersOf(f, sued.id);
    expect(joined).toHaveLength(1);
    expect(joined[0]!.lines.map((l) => [l.productId, l.quantity])).toEqual([
      [first.id, 10],
      [other.id, 10],
    ]);
  });

  it('create_po_suggestion: enough stock orders nothing; no supplier or no reorder point is the problem', async () => {
    const enough = await product(f, { sku: 'ET-2000', suppliers: [terms(nord.id)] });
    await reorder(f, enough.id, { point: 5 });
    await move(f, enough.id, 'adjustment', 8);
    expect(await describeFor(enough.id)).toEqual({
      description: 'ET-2000: voraussichtlich 8 ≥ Meldebestand 5 – nichts zu bestellen',
      problem: null,
    });
    expect(await execute(enough.id)).toBeNull();

    const orphan = await product(f, { sku: 'ET-3000', name: 'Klemme' });
    await reorder(f, orphan.id, { point: 5 });
    expect((await describeFor(orphan.id)).problem).toBe(
      'ET-3000 (Klemme) hat keinen bevorzugten Lieferanten',
    );
    const refused = await execute(orphan.id).catch((e) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({
      status: 422,
      message: 'ET-3000 (Klemme) hat keinen bevorzugten Lieferanten',
    });

    const unset = await product(f, { sku: 'ET-4000', name: 'Relais', suppliers: [terms(nord.id)] });
    expect((await describeFor(unset.id)).problem).toBe(
      'ET-4000 (Relais) hat in diesem Lager keinen Meldebestand',
    );
    const service = await product(f, { sku: 'SV-1', name: 'Montage', kind: 'service' });
    expect((await describeFor(service.id)).problem).toBe('SV-1 (Montage) ist kein Lagerartikel');
  });

  it('record type purchase_order: values, label, recent, contact', async () => {
    const type = recordTypeOf('purchase_order')!;
    const [draft] = await ordersOf(f, nord.id);
    const values = (await type.load(f.t.ctx.db, [draft!.id, uuidv7()])).get(draft!.id)!;
    expect(values).toMatchObject({
      number: draft!.number,
      status: 'draft',
      origin: 'replenishment',
      supplierId: nord.id,
      netCents: 23 * 1500,
      expectedDate: null,
      overdue: false,
    });
    expect(type.label(values)).toBe(draft!.number);
    expect(type.ownerField).toBe('approvedBy');
    expect(await type.recent!(f.t.ctx.db, 5)).toContain(draft!.id);
    // a draft expected on no date; only open orders have a due delivery
    expect(await type.findByDate!(f.t.ctx.db, 'expectedDate', '2026-12-01', null, 10)).toEqual([]);
    expect(await type.contact!(f.t.ctx.db, values)).toBeNull();
    expect(await type.contact!(f.t.ctx.db, { ...values, sentTo: 'bestellung@elektro-nord.example' })).toEqual(
      {
        email: 'bestellung@elektro-nord.example',
        name: 'Elektro Nord',
        locale: 'de',
      },
    );
  });
});
