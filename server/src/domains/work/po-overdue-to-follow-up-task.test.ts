import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../../../contracts/catalog';
import type { Company } from '../../../../contracts/companies';
import type { Team } from '../../../../contracts/identity';
import type { PurchaseOrder, PurchasingSettings } from '../../../../contracts/purchasing';
import { runJob } from '../../platform/jobs/run-job';
import { createUserAndLogin, loginAs, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { eventsOf, poster } from '../companies/companies-test-helpers';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const requester = (t: TestApp) => (s: TestSession, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

import type { Tx } from '../../platform/db/database';
import { ensureBuiltinRuleRow } from '../automation/builtin-state';
import { builtinRuleOf } from '../automation/registry';
import { sweepPurchaseFollowUps } from '../purchasing';
import { actorOfSession } from '../sales/sales-test-helpers';
import { subscribeClosePurchaseFollowUps } from './on-po-closed.handler';
import { FOLLOW_UP_RULE, purchaseFollowUpRef, subscribePurchaseFollowUpTask } from './on-po-overdue.handler';

describe.each(DIALECTS)('overdue purchase order → purchase follow-up task (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let buyer: TestSession;
  let req: ReturnType<typeof requester>;
  let supplier: Company;
  let other: Company;
  let part: Product;
  let einkauf: string;

  const action = async (id: string, verb: string, body: object, status = 200) => {
    const res = await req(buyer, 'POST', `/api/purchase-orders/${id}/${verb}`, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  /** An approved order to the supplier, expected on `expectedDate`. */
  async function approvedOrder(expectedDate: string, supplierId = supplier.id): Promise<PurchaseOrder> {
    const res = await req(buyer, 'POST', '/api/purchase-orders', {
      supplierId,
      expectedDate,
      lines: [{ productId: part.id, quantity: 10 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const draft = res.json<PurchaseOrder>();
    return action(draft.id, 'approve', { version: draft.version }) as Promise<PurchaseOrder>;
  }
  const tasksOf = (orderId: string) =>
    t.ctx.db.selectFrom('tasks').selectAll().where('origin_ref', '=', purchaseFollowUpRef(orderId)).execute();
  async function sweep(asOf: string) {
    t.clock.set(new Date(`${asOf}T07:00:00.000Z`));
    const run = await runJob(t.ctx, 'follow-up-sweep', { asOf });
    expect(run.status, run.error ?? '').toBe('succeeded');
    await t.ctx.dispatcher.drain();
    return run;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-11-26T09:00:00.000Z' });
    // registered in work/index.ts once that wires them; here when it does not yet
    if (!t.ctx.events.byName('work.purchase-follow-up-task')) subscribePurchaseFollowUpTask(t.ctx);
    if (!t.ctx.events.byName('work.close-purchase-follow-up-received'))
      subscribeClosePurchaseFollowUps(t.ctx);
    req = requester(t);
    const post = poster(t);
    admin = await createUserAndLogin(t, { role: 'admin' });
    buyer = await createUserAndLogin(t, { role: 'purchasing', name: 'Michael Weber' });
    einkauf = (await post<Team>(admin, '/api/teams', { name: 'Einkauf' })).id;
    supplier = await post<Company>(admin, '/api/companies?allowDuplicate=true', {
      name: 'Hansa Hydraulik GmbH',
      roles: ['supplier'],
    });
    other = await post<Company>(admin, '/api/companies?allowDuplicate=true', {
      name: 'Kugellager Hofmann KG',
      roles: ['supplier'],
    });
    part = await post<Product>(admin, '/api/products', {
      sku: 'HP-8',
      name: 'Hydraulikpumpe',
      salesPriceCents: 38900,
      purchasePriceCents: 21400,
      kind: 'stock',
    });
    await req(admin, 'PUT', `/api/purchasing/approval-limits/${buyer.user.id}`, { limitCents: null });
  });
  afterAll(() => t?.close());

  it('makes one task for the team "Einkauf" however often and however concurrently the sweep runs', async () => {
    const order = await approvedOrder('2026-11-30');
    await sweep('2026-11-30'); // due today: not yet late
    expect(await tasksOf(order.id)).toHaveLength(0);

    t.clock.set(new Date('2026-12-01T07:00:00.000Z'));
    const runs = await Promise.all([
      sweepPurchaseFollowUps(t.ctx),
      sweepPurchaseFollowUps(t.ctx),
      sweepPurchaseFollowUps(t.ctx),
    ]);
    expect(runs.reduce((n, r) => n + r.raised, 0)).toBe(1);
    await sweep('2026-12-01');
    await sweep('2026-12-02');
    await t.ctx.dispatcher.drain();

    const overdue = (await eventsOf(t, 'po.overdue')).filter((e) => e.purchaseOrderId === order.id);
    expect(overdue).toEqual([
      {
        purchaseOrderId: order.id,
        number: order.number,
        supplierId: supplier.id,
        supplierName: 'Hansa Hydraulik GmbH',
        expectedDate: '2026-11-30',
        overdueSince: '2026-12-01',
        teamId: einkauf,
        assigneeId: null,
      },
    ]);
    const tasks = await tasksOf(order.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      type: 'purchase_follow_up',
      subject: `Lieferung ${order.number} von Hansa Hydraulik GmbH überfällig`,
      team_id: einkauf,
      assignee_id: null,
      company_id: supplier.id,
      due_date: '2026-12-01',
      status: 'open',
      origin: 'system',
    });
    const listed = await req(buyer, 'GET', '/api/purchase-orders?overdue=true');
    expect(listed.json<{ items: PurchaseOrder[] }>().items.map((i) => i.id)).toContain(order.id);

    // a partial receipt leaves it open; the rest closes it as done
    const line = order.lines[0]!;
    await action(order.id, 'receipts', { lines: [{ lineId: line.id, quantity: 4 }] }, 201);
    await t.ctx.dispatcher.drain();
    expect((await tasksOf(order.id))[0]!.status).toBe('open');
    await action(order.id, 'receipts', { lines: [{ lineId: line.id, quantity: 6 }] }, 201);
    await t.ctx.dispatcher.drain();
    const closed = (await tasksOf(order.id))[0]!;
    expect(closed.status).toBe('done');
    expect(closed.notes).toContain('Ware vollständig eingegangen');
  });

  it('gives the task to the settings’ team, or to the approver without a team; cancelling cancels it', async () => {
    const settings = (await req(admin, 'GET', '/api/purchasing/settings')).json<PurchasingSettings>();
    const lager = (await poster(t)<Team>(admin, '/api/teams', { name: 'Lager' })).id;
    const changed = await req(admin, 'PATCH', '/api/purchasing/settings', {
      version: settings.version,
      followUpTeamId: lager,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const toLager = await approvedOrder('2026-12-03', other.id);
    await sweep('2026-12-05');
    expect((await tasksOf(toLager.id))[0]).toMatchObject({ team_id: lager, due_date: '2026-12-05' });

    const current = await t.ctx.db
      .selectFrom('purchase_orders')
      .select('version')
      .where('id', '=', toLager.id)
      .executeTakeFirstOrThrow();
    await action(toLager.id, 'cancel', { version: current.version, reason: 'Lieferant kann nicht liefern' });
    await t.ctx.dispatcher.drain();
    expect((await tasksOf(toLager.id))[0]!.status).toBe('cancelled');

    // no team at all: the approver gets it
    await req(admin, 'PATCH', '/api/purchasing/settings', {
      version: settings.version + 1,
      followUpTeamId: null,
    });
    await t.ctx.db.updateTable('teams').set({ name: 'Einkauf (alt)' }).where('id', '=', einkauf).execute();
    const toApprover = await approvedOrder('2026-12-06', supplier.id);
    await sweep('2026-12-08');
    expect((await tasksOf(toApprover.id))[0]).toMatchObject({ team_id: null, assignee_id: buyer.user.id });
  });

  it('run-job --as-of makes the task due on that day, not on the day the job ran', async () => {
    const order = await approvedOrder('2026-12-03');
    t.clock.set(new Date('2026-12-20T07:00:00.000Z'));
    const run = await runJob(t.ctx, 'follow-up-sweep', { asOf: '2026-12-05' });
    expect(run.status, run.error ?? '').toBe('succeeded');
    await t.ctx.dispatcher.drain();
    expect((await tasksOf(order.id)).map((task) => task.due_date)).toEqual(['2026-12-05']);
  });

  it('is the built-in rule "Nachfassen bei überfälliger Bestellung": its team, its switch, its runs', async () => {
    const rule = builtinRuleOf(FOLLOW_UP_RULE)!;
    expect(rule).toMatchObject({ name: 'Nachfassen bei überfälliger Bestellung', defaultEnabled: true });
    const inTrx = <T>(fn: (trx: Tx) => Promise<T>) => t.ctx.db.transaction().execute(fn);
    // the earlier tests moved the clock past the sessions' lifetime: sign in again
    t.clock.set(new Date('2026-12-09T07:00:00.000Z'));
    admin = { ...(await loginAs(t, admin.user.email, admin.password)), password: admin.password };
    buyer = { ...(await loginAs(t, buyer.user.email, buyer.password)), password: buyer.password };
    const dispo = (await poster(t)<Team>(admin, '/api/teams', { name: 'Disposition' })).id;
    await inTrx((trx) => rule.writeParams(trx, actorOfSession(admin), t.clock, { teamId: dispo }));
    expect(await rule.readParams(t.ctx.db)).toEqual({ teamId: dispo });
    const settings = (await req(admin, 'GET', '/api/purchasing/settings')).json<PurchasingSettings>();
    expect(settings.followUpTeamId).toBe(dispo);
    const bad = await inTrx((trx) =>
      rule.writeParams(trx, actorOfSession(admin), t.clock, { teamId: crypto.randomUUID() }),
    ).catch((e) => e);
    expect(bad).toMatchObject({
      status: 422,
      errors: [{ path: 'params.teamId', message: expect.any(String) }],
    });

    // disabled: the order is still overdue (its event raised), but no task and no run
    const setEnabled = (on: boolean) =>
      inTrx(async (trx) => {
        const row = await ensureBuiltinRuleRow(trx, t.clock, FOLLOW_UP_RULE);
        await trx
          .updateTable('automation_rules')
          .set({ enabled: on ? 1 : 0 })
          .where('id', '=', row.id)
          .execute();
      });
    await setEnabled(false);
    const off = await approvedOrder('2026-12-10');
    await sweep('2026-12-12');
    expect((await eventsOf(t, 'po.overdue')).map((e) => e.purchaseOrderId)).toContain(off.id);
    expect(await tasksOf(off.id)).toEqual([]);
    const runsOf = (orderId: string) =>
      t.ctx.db.selectFrom('automation_runs').selectAll().where('record_id', '=', orderId).execute();
    expect(await runsOf(off.id)).toEqual([]);

    await setEnabled(true);
    t.clock.set(new Date('2026-12-12T07:00:00.000Z'));
    const on = await approvedOrder('2026-12-13');
    await sweep('2026-12-15');
    const [task] = await tasksOf(on.id);
    expect(task).toMatchObject({ team_id: dispo });
    const runs = await runsOf(on.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      record_type: 'purchase_order',
      record_label: on.number,
      status: 'done',
      reason: `Bestellung ${on.number} bei Hansa Hydraulik GmbH sollte bis 13.12.2026 geliefert sein`,
    });
    expect(runs[0]!.trigger_key).toBe(`event:${runs[0]!.event_id}`);
    const actions = await t.ctx.db
      .selectFrom('automation_action_runs')
      .select(['kind', 'result_type', 'result_id'])
      .where('run_id', '=', runs[0]!.id)
      .execute();
    expect(actions).toEqual([{ kind: 'create_task', result_type: 'task', result_id: task!.id }]);
  });
});
