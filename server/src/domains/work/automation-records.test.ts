import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateProduct } from '../../../../contracts/catalog';
import { CreateCompany } from '../../../../contracts/companies';
import { systemActor } from '../../platform/actor';
import type { Tx } from '../../platform/db/database';
import { createTestUser } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import type { ActionContext } from '../automation';
import { recordTypeOf } from '../automation/registry';
import { createProduct } from '../catalog/products.service';
import { createCompany } from '../companies';
import { insertTask } from './work-test-helpers';

describe.each(DIALECTS)('record types task and product for rules (%s)', (dialect) => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp(dialect, { now: '2026-12-01T09:00:00.000Z' });
  });
  afterEach(() => t?.close());

  it('task: loads fields, finds open tasks by due date, updates through the tasks service', async () => {
    const def = recordTypeOf('task')!;
    expect(def).toMatchObject({ ownerField: 'assigneeId', teamField: 'teamId' });
    const anna = (await createTestUser(t, { role: 'sales', name: 'Anna Schmidt' })).user;
    const a = await insertTask(t.ctx.db, {
      subject: 'Anrufen',
      assignee_id: anna.id,
      due_date: '2026-12-05',
    });
    await insertTask(t.ctx.db, { subject: 'Done', due_date: '2026-12-05', status: 'done' });
    const values = (await def.load(t.ctx.db, [a, 'missing'])).get(a)!;
    expect(values).toMatchObject({
      id: a,
      subject: 'Anrufen',
      status: 'open',
      dueDate: '2026-12-05',
      assigneeId: anna.id,
    });
    expect(def.label(values)).toBe('Anrufen');
    expect(await def.findByDate!(t.ctx.db, 'dueDate', '2026-12-05', null, 10)).toEqual([a]);
    expect(await def.recent!(t.ctx.db, 5)).toHaveLength(2);

    const ctx = (trx: Tx) =>
      ({
        trx,
        clock: t.clock,
        config: t.ctx.config,
        actor: systemActor('rule:r@1'),
      }) as unknown as ActionContext;
    await t.ctx.db.transaction().execute((trx) => def.update!(ctx(trx), a, 'priority', 'high'));
    await t.ctx.db.transaction().execute((trx) => def.update!(ctx(trx), a, 'dueDate', '2026-12-09'));
    const row = await t.ctx.db.selectFrom('tasks').selectAll().where('id', '=', a).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ priority: 'high', due_date: '2026-12-09', version: 3 });
    await expect(
      t.ctx.db.transaction().execute((trx) => def.update!(ctx(trx), a, 'priority', 'urgent')),
    ).rejects.toMatchObject({ code: 'automation.bad_value' });
    await expect(
      t.ctx.db.transaction().execute((trx) => def.update!(ctx(trx), a, 'subject', 'x')),
    ).rejects.toMatchObject({ code: 'automation.field_not_updatable' });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('origin')
      .where('entity_id', '=', a)
      .execute();
    expect(audit.map((r) => r.origin)).toEqual(['rule:r@1', 'rule:r@1']);
  });

  it('product: loads money in cents and the preferred supplier', async () => {
    const actor = systemActor('test');
    const supplier = await createCompany(
      t.ctx,
      actor,
      CreateCompany.parse({ name: 'Hydraulik Nord', roles: ['supplier'] }),
    );
    const product = await createProduct(
      t.ctx,
      actor,
      CreateProduct.parse({
        sku: 'HY-100',
        name: 'Hydraulikpumpe',
        salesPriceCents: 129_900,
        suppliers: [{ companyId: supplier.id, preferred: true }],
      }),
    );
    const def = recordTypeOf('product')!;
    const values = (await def.load(t.ctx.db, [product.id])).get(product.id)!;
    expect(values).toMatchObject({
      sku: 'HY-100',
      kind: 'stock',
      active: true,
      salesPriceCents: 129_900,
      preferredSupplierId: supplier.id,
    });
    expect(def.label(values)).toBe('Hydraulikpumpe (HY-100)');
    expect(def.related).toEqual([{ name: 'preferredSupplier', type: 'company', via: 'preferredSupplierId' }]);
    expect(await def.recent!(t.ctx.db, 5)).toEqual([product.id]);
  });
});
