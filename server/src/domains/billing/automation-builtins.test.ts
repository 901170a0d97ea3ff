import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rule } from '../../../../contracts/automation';
import type { BillingSettings, Invoice } from '../../../../contracts/billing';
import type { Team } from '../../../../contracts/identity';
import { systemActor } from '../../platform/actor';
import type { Tx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { runJob } from '../../platform/jobs/run-job';
import { createUserAndLogin, loginAs, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { type ActionContext, isBuiltinRuleEnabled, type ParamValue } from '../automation';
import { ensureBuiltinRuleRow } from '../automation/builtin-state';
import { actionOf, builtinRuleOf, recordTypeOf } from '../automation/registry';
import { actorOfSession, makeCompany, postDeal } from '../sales/sales-test-helpers';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

const SELLER = {
  sellerName: 'Muster Maschinenbau GmbH',
  street: 'Industriestraße 12',
  postalCode: '20095',
  city: 'Hamburg',
  country: 'DE',
  vatId: 'DE123456789',
  iban: 'DE89370400440532013000',
};

describe.each(DIALECTS)('billing’s built-in processes as rules (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let accounting: TestSession;
  let julia: TestSession;
  let teamId: string;
  let company: string;

  const req = (s: TestSession, method: Method, url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const def = (key: string) => {
    const d = builtinRuleOf(key);
    if (!d) throw new Error(`${key} is not registered`);
    return d;
  };
  const inTrx = <T>(fn: (trx: Tx) => Promise<T>) => t.ctx.db.transaction().execute(fn);
  const writeParams = (key: string, values: Record<string, ParamValue>) =>
    inTrx((trx) => def(key).writeParams(trx, actorOfSession(admin), t.clock, values));
  const setEnabled = (key: string, on: boolean) =>
    inTrx(async (trx) => {
      const d = def(key);
      if (d.enabled) return d.enabled.write(trx, actorOfSession(admin), t.clock, on);
      const row = await ensureBuiltinRuleRow(trx, t.clock, key);
      await trx
        .updateTable('automation_rules')
        .set({ enabled: on ? 1 : 0 })
        .where('id', '=', row.id)
        .execute();
    });

  /** An issued invoice of 238,00 € gross, due 14 days after `issueDate`. */
  async function issued(issueDate: string): Promise<Invoice> {
    const d = await req(julia, 'POST', '/api/invoices', {
      companyId: company,
      lines: [{ description: 'Wartung', quantity: 2, unitPriceCents: 10_000 }],
    });
    expect(d.statusCode, d.body).toBe(201);
    const res = await req(accounting, 'POST', `/api/invoices/${d.json<Invoice>().id}/issue`, {
      version: d.json<Invoice>().version,
      issueDate,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Invoice>();
  }
  async function sweep(asOf: string) {
    const run = await runJob(t.ctx, 'billing.due-sweep', { asOf });
    expect(run.status, run.error ?? '').toBe('succeeded');
    await t.ctx.dispatcher.drain();
    await t.ctx.dispatcher.drain();
  }
  const invoice = async (id: string) => (await req(julia, 'GET', `/api/invoices/${id}`)).json<Invoice>();
  const tasksOf = (invoiceId: string) =>
    t.ctx.db.selectFrom('tasks').selectAll().where('invoice_id', '=', invoiceId).execute();
  /** The runs of a built-in rule about a record, with their action runs. */
  async function runsOf(key: string, recordId: string) {
    const runs = await t.ctx.db
      .selectFrom('automation_runs as r')
      .innerJoin('automation_rules as rule', 'rule.id', 'r.rule_id')
      .select([
        'r.id',
        'r.trigger_key',
        'r.status',
        'r.reason',
        'r.event_id',
        'r.record_type',
        'r.record_label',
      ])
      .where('rule.builtin_key', '=', key)
      .where('r.record_id', '=', recordId)
      .execute();
    const actions = runs.length
      ? await t.ctx.db
          .selectFrom('automation_action_runs')
          .select(['run_id', 'kind', 'status', 'result_type', 'result_id'])
          .where(
            'run_id',
            'in',
            runs.map((r) => r.id),
          )
          .execute()
      : [];
    return runs.map((r) => ({ ...r, actions: actions.filter((a) => a.run_id === r.id) }));
  }
  function actionContext(trx: Tx, root: ActionContext['root']): ActionContext {
    return {
      trx,
      clock: t.clock,
      config: t.ctx.config,
      log: t.ctx.log,
      actor: systemActor('rule:test@1'),
      rule: { id: 'test', name: 'Test', version: 1 },
      run: { id: uuidv7(), reason: 'Test', triggerKey: 'test', eventId: null },
      actionRunId: uuidv7(),
      actionIndex: 0,
      root,
      scope: {},
      resolveAssignee: async () => ({ userId: null, teamId: null }),
      render: (s) => s,
      explanation: 'Regel „Test“',
    };
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-11-26T09:00:00.000Z' });
    admin = await createUserAndLogin(t, { role: 'admin' });
    accounting = await createUserAndLogin(t, { role: 'accounting' });
    julia = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    teamId = (await req(admin, 'POST', '/api/teams', { name: 'Vertrieb & Inkasso' })).json<Team>().id;
    for (const u of [julia, accounting])
      await req(admin, 'POST', `/api/teams/${teamId}/members`, { userId: u.user.id });
    julia = { ...(await loginAs(t, julia.user.email, julia.password)), password: julia.password };
    const s = (await req(admin, 'GET', '/api/billing/settings')).json<BillingSettings>();
    const res = await req(admin, 'PATCH', '/api/billing/settings', { version: s.version, ...SELLER });
    expect(res.statusCode, res.body).toBe(200);
    company = await makeCompany(t, 'Hansen Maschinenbau', julia);
  });
  afterAll(() => t?.close());

  it('the collection rule’s grace days and team are the billing settings; the due sweep follows them', async () => {
    await writeParams('billing.collection', { graceDays: 14, teamId });
    expect(await def('billing.collection').readParams(t.ctx.db)).toEqual({ graceDays: 14, teamId });
    const settings = (await req(admin, 'GET', '/api/billing/settings')).json<BillingSettings>();
    expect(settings).toMatchObject({ graceDays: 14, collectionsTeamId: teamId });
    // written through the settings service: versioned and audited as the admin
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'billing_settings')
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: admin.user.id });
    expect(audit.changes).toContain('graceDays');

    const a = await issued('2026-11-02'); // due 2026-11-16: on the 26th 10 days past due
    await sweep('2026-11-26');
    expect((await invoice(a.id)).overdueSince).toBeNull();
    expect(await tasksOf(a.id)).toEqual([]);

    await writeParams('billing.collection', { graceDays: 7 });
    expect((await def('billing.collection').readParams(t.ctx.db)).graceDays).toBe(7);
    await sweep('2026-11-26');
    expect(await invoice(a.id)).toMatchObject({ overdue: true, overdueSince: '2026-11-26' });
    const tasks = await tasksOf(a.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ type: 'collection', team_id: teamId, assignee_id: julia.user.id });

    // the task is a run of the rule: the event, the reason, the task
    const runs = await runsOf('billing.collection', a.id);
    expect(runs).toHaveLength(1);
    // made by the overdue event's handler, or by the first dunning notice's when that one was
    // delivered first (the same due sweep raised both): either way one run, naming that event
    const events = await t.ctx.db
      .selectFrom('outbox')
      .select(['id', 'type'])
      .where('type', 'in', ['invoice.overdue', 'invoice.dunned'])
      .where('payload', 'like', `%${a.id}%`)
      .execute();
    const event = events.find((e) => e.id === runs[0]!.event_id);
    expect(event).toBeDefined();
    expect(runs[0]).toMatchObject({
      trigger_key: `event:${event!.id}`,
      status: 'done',
      record_type: 'invoice',
      record_label: a.number,
    });
    expect(runs[0]!.reason).toMatch(
      new RegExp(`^Rechnung ${a.number} ist 10 Tage überfällig \\(offen 238,00 €\\)(: Zahlungserinnerung)?$`),
    );
    expect(runs[0]!.actions).toEqual([
      expect.objectContaining({
        kind: 'create_task',
        status: 'done',
        result_type: 'task',
        result_id: tasks[0]!.id,
      }),
    ]);
    // and its first dunning level (7 days after due) a run of "Mahnstufen"
    const dunning = await runsOf('billing.dunning', a.id);
    expect(dunning.map((r) => r.trigger_key)).toEqual([`dunning:${a.id}:1`]);
    expect(dunning[0]!.reason).toContain('Zahlungserinnerung');
    expect(dunning[0]!.actions).toEqual([
      expect.objectContaining({ kind: 'dunning_notice', result_type: 'dunning_notice' }),
    ]);

    // a second sweep and delivery record nothing twice
    await sweep('2026-11-26');
    expect(await runsOf('billing.collection', a.id)).toHaveLength(1);
    expect(await tasksOf(a.id)).toHaveLength(1);
  });

  it('a disabled collection rule: the invoice becomes overdue, no task, nothing recorded', async () => {
    await setEnabled('billing.collection', false);
    expect(await isBuiltinRuleEnabled(t.ctx.db, 'billing.collection')).toBe(false);
    const b = await issued('2026-11-03'); // due 11-17, grace 7 → overdue on the 25th
    await sweep('2026-11-27');
    expect(await invoice(b.id)).toMatchObject({ overdue: true, overdueSince: '2026-11-27' });
    // neither the overdue handler nor the dunning notice's makes a collection task
    expect(await tasksOf(b.id)).toEqual([]);
    expect(await runsOf('billing.collection', b.id)).toEqual([]);
    expect(await runsOf('billing.dunning', b.id)).toHaveLength(1);
    await setEnabled('billing.collection', true);
  });

  it('the dunning rule’s switch is the dunning settings’: off, invoices become overdue without notices', async () => {
    expect(await isBuiltinRuleEnabled(t.ctx.db, 'billing.dunning')).toBe(true);
    await setEnabled('billing.dunning', false);
    expect(await isBuiltinRuleEnabled(t.ctx.db, 'billing.dunning')).toBe(false);
    expect((await req(admin, 'GET', '/api/billing/dunning-settings')).json()).toMatchObject({
      enabled: false,
    });
    const c = await issued('2026-11-01'); // due 11-15
    await sweep('2026-11-28');
    expect(await invoice(c.id)).toMatchObject({ overdue: true, dunningLevel: 0 });
    expect(await tasksOf(c.id)).toHaveLength(1);
    expect(await runsOf('billing.dunning', c.id)).toEqual([]);
    await setEnabled('billing.dunning', true);
    await sweep('2026-11-28');
    expect((await runsOf('billing.dunning', c.id)).map((r) => r.trigger_key)).toEqual([`dunning:${c.id}:1`]);
    expect(def('billing.dunning').settingsPath).toBe('/admin/billing?tab=dunning');
  });

  it('deal won → invoice: the switch is autoInvoiceOnWon, the draft is a run of the rule', async () => {
    expect(await isBuiltinRuleEnabled(t.ctx.db, 'billing.deal-won-invoice')).toBe(false);
    await setEnabled('billing.deal-won-invoice', true);
    expect((await req(admin, 'GET', '/api/billing/settings')).json<BillingSettings>().autoInvoiceOnWon).toBe(
      true,
    );
    const deal = await postDeal(t, julia, {
      title: 'Wartung 2027',
      companyId: company,
      amountCents: 1_200_000,
    });
    const won = await req(julia, 'POST', `/api/deals/${deal.id}/win`, { version: deal.version });
    expect(won.statusCode, won.body).toBe(200);
    await t.ctx.dispatcher.drain();
    const [inv] = await t.ctx.db
      .selectFrom('invoices')
      .select(['id', 'status'])
      .where('deal_id', '=', deal.id)
      .execute();
    expect(inv).toMatchObject({ status: 'draft' });
    const runs = await runsOf('billing.deal-won-invoice', deal.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      record_type: 'deal',
      reason: 'Deal „Wartung 2027“ gewonnen (12.000,00 €)',
    });
    expect(runs[0]!.actions).toEqual([
      expect.objectContaining({
        kind: 'create_invoice_from_deal',
        result_type: 'invoice',
        result_id: inv!.id,
      }),
    ]);
    await setEnabled('billing.deal-won-invoice', false);
    expect((await req(admin, 'GET', '/api/billing/settings')).json<BillingSettings>().autoInvoiceOnWon).toBe(
      false,
    );
  });

  it('create_invoice_from_deal: describes, refuses an open deal, makes one draft however often it runs (later runs claim none)', async () => {
    const action = actionOf('create_invoice_from_deal')!;
    expect(action.recordTypes).toEqual(['deal']);
    expect(await action.validate?.(t.ctx.db, { kind: 'create_invoice_from_deal' }, 'invoice')).toMatch(
      /deal/,
    );
    const deal = await postDeal(t, julia, { title: 'Ersatzteile', companyId: company, amountCents: 50_000 });
    const root = { type: 'deal', id: deal.id };
    const describe = () =>
      action.describe(
        { ...actionContext(null as never, root), db: t.ctx.db },
        { kind: 'create_invoice_from_deal' },
      );
    expect((await describe()).problem).toBe(
      'Der Deal „Ersatzteile“ ist offen: nur gewonnene Deals werden berechnet',
    );
    const refused = await inTrx((trx) =>
      action.execute(actionContext(trx, root), { kind: 'create_invoice_from_deal' }).catch((e) => e),
    );
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('billing.deal_not_won');

    await req(julia, 'POST', `/api/deals/${deal.id}/win`, { version: deal.version });
    await t.ctx.dispatcher.drain();
    expect(await describe()).toEqual({
      description: 'Rechnungsentwurf für „Ersatzteile“ an Hansen Maschinenbau über 500,00 € (netto) anlegen',
      problem: null,
    });
    const first = await inTrx((trx) =>
      action.execute(actionContext(trx, root), { kind: 'create_invoice_from_deal' }),
    );
    const second = await inTrx((trx) =>
      action.execute(actionContext(trx, root), { kind: 'create_invoice_from_deal' }),
    );
    expect(first).toMatchObject({ entityType: 'invoice' });
    // the second run made nothing: it claims no invoice (provenance shows only who made it)
    expect(second).toBeNull();
    const rows = await t.ctx.db
      .selectFrom('invoices')
      .select(['id', 'status'])
      .where('deal_id', '=', deal.id)
      .execute();
    expect(rows).toEqual([{ id: first!.entityId, status: 'draft' }]);
    expect((await describe()).description).toMatch(/hat schon die Rechnung .* keine zweite$/);

    // a deal a person invoiced by hand: the rule's run links no invoice (it is the person's)
    const byHand = await postDeal(t, julia, { title: 'Schulung', companyId: company, amountCents: 80_000 });
    await req(julia, 'POST', `/api/deals/${byHand.id}/win`, { version: byHand.version });
    await t.ctx.dispatcher.drain();
    expect((await req(julia, 'POST', `/api/deals/${byHand.id}/invoice`)).statusCode).toBe(201);
    expect(
      await inTrx((trx) =>
        action.execute(actionContext(trx, { type: 'deal', id: byHand.id }), {
          kind: 'create_invoice_from_deal',
        }),
      ),
    ).toBeNull();
  });

  it('record type invoice: values, due-date lookup, contact', async () => {
    const type = recordTypeOf('invoice')!;
    const a = await issued('2026-11-10'); // due 11-24
    const values = (await type.load(t.ctx.db, [a.id, 'nope'])).get(a.id)!;
    expect(values).toMatchObject({
      number: a.number,
      status: 'issued',
      kind: 'invoice',
      companyId: company,
      ownerId: julia.user.id,
      grossCents: 23_800,
      openCents: 23_800,
      dueDate: '2026-11-24',
      overdue: false,
    });
    expect(type.label(values)).toBe(a.number);
    expect(await type.findByDate!(t.ctx.db, 'dueDate', '2026-11-24', null, 10)).toEqual([a.id]);
    expect(await type.findByDate!(t.ctx.db, 'dueDate', '2026-11-24', a.id, 10)).toEqual([]);
    expect(await type.findByDate!(t.ctx.db, 'issueDate', '2026-11-10', null, 10)).toEqual([a.id]);
    expect((await type.recent!(t.ctx.db, 1))[0]).toBe(a.id);
    expect(await type.contact!(t.ctx.db, { ...values, buyerEmail: 'buchhaltung@hansen.example' })).toEqual({
      email: 'buchhaltung@hansen.example',
      name: 'Hansen Maschinenbau',
      locale: 'de',
    });
  });

  it('refuses bad parameters with 422 naming the parameter, and writes nothing', async () => {
    const before = (await req(admin, 'GET', '/api/billing/settings')).json<BillingSettings>();
    for (const [values, path] of [
      [{ graceDays: 91 }, 'params.graceDays'],
      [{ graceDays: 2.5 }, 'params.graceDays'],
      [{ teamId: uuidv7() }, 'params.teamId'],
      [{ grace: 3 }, 'params.grace'],
    ] as const) {
      const err = await writeParams('billing.collection', values as Record<string, ParamValue>).catch(
        (e) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ status: 422, errors: [expect.objectContaining({ path })] });
    }
    const err = await writeParams('billing.dunning', { levels: 3 }).catch((e) => e);
    expect(err).toMatchObject({
      status: 422,
      errors: [{ path: 'params.levels', message: expect.any(String) }],
    });
    expect((await req(admin, 'GET', '/api/billing/settings')).json<BillingSettings>().version).toBe(
      before.version,
    );
  });

  it('through the API: PUT /api/rules/:id changes the collection rule’s grace days and the due sweep follows', async () => {
    const list = await req(admin, 'GET', '/api/rules');
    expect(list.statusCode, list.body).toBe(200);
    const rule = list.json<{ items: Rule[] }>().items.find((r) => r.builtin?.key === 'billing.collection')!;
    expect(rule).toMatchObject({
      name: 'Inkasso-Aufgabe bei überfälliger Rechnung',
      enabled: true,
      builtin: { values: { graceDays: 7, teamId } },
    });
    const put = await req(admin, 'PUT', `/api/rules/${rule.id}`, {
      version: rule.version,
      params: { graceDays: 14 },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<Rule>().builtin?.values).toMatchObject({ graceDays: 14 });

    const d = await issued('2026-11-12'); // due 11-26: on 12-06 10 days past due
    await sweep('2026-12-06');
    expect((await invoice(d.id)).overdueSince).toBeNull();
    const bad = await req(admin, 'PUT', `/api/rules/${rule.id}`, {
      version: put.json<Rule>().version,
      params: { graceDays: 91 },
    });
    expect(bad.statusCode, bad.body).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: 'params.graceDays' })]);
    const back = await req(admin, 'PUT', `/api/rules/${rule.id}`, {
      version: put.json<Rule>().version,
      params: { graceDays: 7 },
    });
    expect(back.statusCode, back.body).toBe(200);
    await sweep('2026-12-06');
    expect(await invoice(d.id)).toMatchObject({ overdue: true, overdueSince: '2026-12-06' });
    expect(await tasksOf(d.id)).toHaveLength(1);
    expect(await runsOf('billing.collection', d.id)).toHaveLength(1);
  });
});
