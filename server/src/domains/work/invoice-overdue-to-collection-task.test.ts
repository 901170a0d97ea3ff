import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { BillingSettings, Invoice } from '../../../../contracts/billing';
import type { Team } from '../../../../contracts/identity';
import type { TaskList } from '../../../../contracts/work';
import { FixedClock } from '../../platform/clock';
import { uuidv7 } from '../../platform/ids';
import { asOfInstant, runJob } from '../../platform/jobs/run-job';
import { createUserAndLogin, loginAs, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { sweepDueInvoices } from '../billing/due-sweep.service';
import { makeCompany } from '../sales/sales-test-helpers';
import { saveWorkDefaults } from './work-defaults.repository';

type Method = 'GET' | 'POST' | 'PATCH';

const SELLER = {
  sellerName: 'Muster Maschinenbau GmbH',
  street: 'Industriestraße 12',
  postalCode: '20095',
  city: 'Hamburg',
  country: 'DE',
  vatId: 'DE123456789',
  iban: 'DE89370400440532013000',
};

describe.each(DIALECTS)('overdue invoice → collection task (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let accounting: TestSession;
  let julia: TestSession;
  let lukas: TestSession;
  let teamId: string;
  let juliasCompany: string;
  let lukasCompany: string;

  const req = (s: TestSession, method: Method, url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

  /** An issued invoice of 238,00 € gross (due 14 days after `issueDate`). */
  async function issued(
    issueDate: string,
    s: TestSession = julia,
    companyId = juliasCompany,
  ): Promise<Invoice> {
    const d = await req(s, 'POST', '/api/invoices', {
      companyId,
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
    return run;
  }

  const tasksOf = (invoiceId: string) =>
    t.ctx.db.selectFrom('tasks').selectAll().where('invoice_id', '=', invoiceId).execute();
  const overdueEvents = async (invoiceId: string) =>
    (await t.ctx.db.selectFrom('outbox').select('payload').where('type', '=', 'invoice.overdue').execute())
      .map((r) => JSON.parse(r.payload))
      .filter((p) => p.invoiceId === invoiceId);

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-11-26T09:00:00.000Z' });
    admin = await createUserAndLogin(t, { role: 'admin' });
    accounting = await createUserAndLogin(t, { role: 'accounting' });
    julia = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    lukas = await createUserAndLogin(t, { role: 'sales', name: 'Lukas Wagner' });
    teamId = (await req(admin, 'POST', '/api/teams', { name: 'Vertrieb & Inkasso' })).json<Team>().id;
    for (const u of [julia, accounting])
      await req(admin, 'POST', `/api/teams/${teamId}/members`, { userId: u.user.id });
    julia = { ...(await loginAs(t, julia.user.email, julia.password)), password: julia.password };
    accounting = {
      ...(await loginAs(t, accounting.user.email, accounting.password)),
      password: accounting.password,
    };
    const s = (await req(admin, 'GET', '/api/billing/settings')).json<BillingSettings>();
    const res = await req(admin, 'PATCH', '/api/billing/settings', {
      version: s.version,
      ...SELLER,
      graceDays: 3,
      collectionsTeamId: teamId,
    });
    expect(res.statusCode, res.body).toBe(200);
    juliasCompany = await makeCompany(t, 'Hansen Maschinenbau', julia);
    lukasCompany = await makeCompany(t, 'Huber Präzisionstechnik', lukas);
  });
  afterAll(() => t?.close());

  it('marks an invoice overdue the day after due date + grace and makes one collection task; twice → still one', async () => {
    const a = await issued('2026-11-02'); // due 2026-11-16, overdue from 2026-11-20 (grace 3)
    const b = await issued('2026-11-05'); // due 2026-11-19, still within grace on 2026-11-20
    expect(a.dueDate).toBe('2026-11-16');

    await sweep('2026-11-19');
    expect(await tasksOf(a.id)).toEqual([]);
    expect((await req(julia, 'GET', `/api/invoices/${a.id}`)).json<Invoice>().overdueSince).toBeNull();

    const run = await sweep('2026-11-20');
    expect(run.summary).toContain('1 invoices newly overdue');
    await sweep('2026-11-20');
    await sweep('2026-11-21');

    const tasks = await tasksOf(a.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      type: 'collection',
      status: 'open',
      team_id: teamId,
      assignee_id: julia.user.id,
      company_id: juliasCompany,
      origin: 'system',
      origin_ref: `invoice-overdue:${a.id}`,
      origin_label: `Rechnung ${a.number} überfällig`,
      due_date: '2026-11-20',
      priority: 'high',
    });
    expect(tasks[0]!.subject).toBe(
      `Zahlung einfordern: Rechnung ${a.number} – 238,00 € offen, 4 Tage überfällig`,
    );
    expect(await overdueEvents(a.id)).toEqual([
      {
        invoiceId: a.id,
        number: a.number,
        companyId: juliasCompany,
        ownerId: julia.user.id,
        // the invoice's team: Julia's (her only team here)
        teamId,
        openCents: 23_800,
        dueDate: '2026-11-16',
        daysOverdue: 4,
        overdueSince: '2026-11-20',
      },
    ]);
    // not yet overdue (within grace on the 20th; the 21st is still within): untouched
    expect(await tasksOf(b.id)).toEqual([]);
    expect(await overdueEvents(b.id)).toEqual([]);

    const inv = (await req(julia, 'GET', `/api/invoices/${a.id}`)).json<Invoice>();
    expect(inv).toMatchObject({ overdue: true, overdueSince: '2026-11-20', version: a.version });

    // the invoice's tasks through the API, with its number
    const list = await req(julia, 'GET', `/api/tasks?invoiceId=${a.id}`);
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json<z.infer<typeof TaskList>>().items;
    expect(items.map((x) => [x.invoiceId, x.invoiceNumber, x.type])).toEqual([
      [a.id, a.number, 'collection'],
    ]);
    // Lukas sees neither the invoice nor its task
    expect((await req(lukas, 'GET', `/api/tasks?invoiceId=${a.id}`)).json<{ items: [] }>().items).toEqual([]);

    // a call logged on the invoice page links to the invoice and its company; others' invoices are unknown
    const call = await req(julia, 'POST', '/api/tasks', {
      type: 'call',
      subject: 'Zahlung angemahnt',
      invoiceId: a.id,
      done: true,
    });
    expect(call.statusCode, call.body).toBe(201);
    expect(call.json()).toMatchObject({ invoiceId: a.id, invoiceNumber: a.number, companyId: juliasCompany });
    const foreign = await req(lukas, 'POST', '/api/tasks', { type: 'call', subject: 'x', invoiceId: a.id });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().detail).toBe(`Invoice ${a.id} does not exist`);
    expect(await tasksOf(a.id)).toHaveLength(2);
  });

  it('a second delivery of the same event makes no second task', async () => {
    const c = await issued('2026-11-01');
    await sweep('2026-11-25');
    const [event] = await t.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('type', '=', 'invoice.overdue')
      .where('payload', 'like', `%${c.id}%`)
      .execute();
    await t.ctx.db
      .insertInto('outbox')
      .values({ ...event!, id: uuidv7(), dispatched_at: null })
      .execute();
    const drained = await t.ctx.dispatcher.drain();
    expect(drained.dead + drained.retrying).toBe(0);
    expect(await tasksOf(c.id)).toHaveLength(1);
  });

  it('a sweep that crashes half-way and runs again marks and tasks each invoice once', async () => {
    const d = await issued('2026-10-01', lukas, lukasCompany); // owner Lukas is not in the team
    const e = await issued('2026-10-02', lukas, lukasCompany);
    const deps = {
      db: t.ctx.db,
      dialect: t.ctx.dialect,
      config: t.ctx.config,
      clock: new FixedClock(asOfInstant('2026-11-26', 'Europe/Berlin')),
    };
    await expect(
      sweepDueInvoices(deps, {
        batchSize: 1,
        afterBatch: () => {
          throw new Error('worker died');
        },
      }),
    ).rejects.toThrow('worker died');
    expect((await overdueEvents(d.id)).length + (await overdueEvents(e.id)).length).toBe(1);
    const again = await sweepDueInvoices(deps, { batchSize: 1 });
    expect(again.marked).toBe(1);
    await t.ctx.dispatcher.drain();
    for (const inv of [d, e]) {
      expect(await overdueEvents(inv.id)).toHaveLength(1);
      const tasks = await tasksOf(inv.id);
      expect(tasks).toHaveLength(1);
      // the owner is not in the collections team: the team's task, to claim
      expect(tasks[0]).toMatchObject({ team_id: teamId, assignee_id: null });
    }
  });

  it('two sweeps at once (two transactions) raise one event and one task per invoice', async () => {
    const f = await issued('2026-10-05');
    const g = await issued('2026-10-06');
    const clock = new FixedClock(asOfInstant('2026-11-27', 'Europe/Berlin'));
    const deps = { db: t.ctx.db, dialect: t.ctx.dialect, config: t.ctx.config, clock };
    const results = await Promise.all([
      sweepDueInvoices(deps, { batchSize: 1 }),
      sweepDueInvoices(deps, { batchSize: 1 }),
      sweepDueInvoices(deps),
    ]);
    expect(results.reduce((s, r) => s + r.marked, 0)).toBe(2);
    await t.ctx.dispatcher.drain();
    for (const inv of [f, g]) {
      expect(await overdueEvents(inv.id)).toHaveLength(1);
      expect(await tasksOf(inv.id)).toHaveLength(1);
    }
  });

  it('paying the invoice in full closes its collection task with a note; cancelling cancels it', async () => {
    const h = await issued('2026-10-10');
    const k = await issued('2026-10-11');
    await sweep('2026-11-28');
    const pay = await req(accounting, 'POST', `/api/invoices/${h.id}/payments`, {
      amountCents: 23_800,
      date: '2026-11-26',
      reference: h.number,
    });
    expect(pay.statusCode, pay.body).toBe(201);
    await t.ctx.dispatcher.drain();
    await t.ctx.dispatcher.drain();
    const [task] = await tasksOf(h.id);
    expect(task).toMatchObject({ status: 'done', completed_by: null });
    expect(task!.completed_at).not.toBeNull();
    expect(task!.notes).toMatch(/Zahlung eingegangen am 26\.11\.2026\.$/);
    const completed = (
      await t.ctx.db.selectFrom('outbox').select('payload').where('type', '=', 'task.completed').execute()
    ).filter((r) => JSON.parse(r.payload).taskId === task!.id);
    expect(completed).toHaveLength(1);
    // the paid invoice keeps the date it became overdue
    expect((await req(julia, 'GET', `/api/invoices/${h.id}`)).json<Invoice>()).toMatchObject({
      status: 'paid',
      overdue: false,
      overdueSince: '2026-11-28',
    });

    const cancel = await req(accounting, 'POST', `/api/invoices/${k.id}/cancel`, {
      version: (await req(accounting, 'GET', `/api/invoices/${k.id}`)).json<Invoice>().version,
      reason: 'Falscher Kunde',
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    await t.ctx.dispatcher.drain();
    const [cancelled] = await tasksOf(k.id);
    expect(cancelled).toMatchObject({ status: 'cancelled' });
    expect(cancelled!.notes).toMatch(/Rechnung storniert\.$/);
    // the credit note is no invoice to collect
    await sweep('2026-12-31');
    const credit = cancel.json<{ creditNote: Invoice }>().creditNote;
    expect(await overdueEvents(credit.id)).toEqual([]);
    expect(await overdueEvents(h.id)).toHaveLength(1);
  });

  // last: it changes the company's reminder defaults for the tests after it
  it('a team collection task reminds at the company default time (rule work.reminders)', async () => {
    const m = await issued('2026-10-12', lukas, lukasCompany); // owner Lukas is not in the team
    await saveWorkDefaults(t.ctx.db, { allDayReminderTime: '07:30' }, null, '2026-11-26T09:00:00.000Z');
    await sweep('2026-11-29');
    const [task] = await tasksOf(m.id);
    expect(task).toMatchObject({ team_id: teamId, assignee_id: null, due_date: '2026-11-29' });
    // 07:30 in Berlin (winter time), not the shipped 09:00
    expect(new Date(task!.reminder_at!).toISOString()).toBe('2026-11-29T06:30:00.000Z');
  });
});
