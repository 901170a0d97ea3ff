import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BillingSettings, Invoice } from '../../../../contracts/billing';
import type { DunningNotice, DunningSettings } from '../../../../contracts/dunning';
import type { Team } from '../../../../contracts/identity';
import { FixedClock } from '../../platform/clock';
import { asOfInstant, runJob } from '../../platform/jobs/run-job';
import { createUserAndLogin, loginAs, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { makeCompany } from '../sales/sales-test-helpers';
import { collectionTaskRef } from '../work/on-invoice-overdue.handler';
import { findSystemTask } from '../work/tasks.repository';
import { sweepDueInvoices } from './due-sweep.service';

// lets a test hide the collection task from invoice.dunned's lookup (a race with invoice.overdue)
vi.mock('../work/tasks.repository', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../work/tasks.repository')>();
  return { ...mod, findSystemTask: vi.fn(mod.findSystemTask) };
});

type Method = 'GET' | 'POST' | 'PATCH';

const SELLER = {
  sellerName: 'Muster Maschinenbau GmbH',
  street: 'Industriestraße 12',
  postalCode: '20095',
  city: 'Hamburg',
  country: 'DE',
  vatId: 'DE123456789',
  iban: 'DE89370400440532013000',
  bic: 'COBADEFFXXX',
};

describe.each(DIALECTS)(
  'due sweep: dunning levels, notices, letters and the collection task (%s)',
  (dialect) => {
    let t: TestApp;
    let admin: TestSession;
    let accounting: TestSession;
    let julia: TestSession;
    let lukas: TestSession;
    let teamId: string;
    let company: string;

    const req = (s: TestSession, method: Method, url: string, payload?: object) =>
      t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

    /** An issued invoice of 238,00 € gross, due 14 days after `issueDate`. */
    async function issued(issueDate: string, extra: object = {}): Promise<Invoice> {
      const d = await req(julia, 'POST', '/api/invoices', {
        companyId: company,
        lines: [{ description: 'Wartung', quantity: 2, unitPriceCents: 10_000 }],
        ...extra,
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
      return run;
    }

    const sweepDeps = (asOf: string) => ({
      db: t.ctx.db,
      dialect: t.ctx.dialect,
      config: t.ctx.config,
      clock: new FixedClock(asOfInstant(asOf, 'Europe/Berlin')),
    });

    const notices = async (invoiceId: string, s: TestSession = julia) => {
      const res = await req(s, 'GET', `/api/invoices/${invoiceId}/dunning-notices`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: DunningNotice[] }>().items;
    };
    const invoice = async (id: string) => (await req(julia, 'GET', `/api/invoices/${id}`)).json<Invoice>();
    const tasksOf = (invoiceId: string) =>
      t.ctx.db.selectFrom('tasks').selectAll().where('invoice_id', '=', invoiceId).execute();
    const dunnedEvents = async (invoiceId: string) =>
      (await t.ctx.db.selectFrom('outbox').select('payload').where('type', '=', 'invoice.dunned').execute())
        .map((r) => JSON.parse(r.payload))
        .filter((p) => p.invoiceId === invoiceId);
    const settings = async () =>
      (await req(admin, 'GET', '/api/billing/dunning-settings')).json<DunningSettings>();
    async function patchSettings(patch: object) {
      const res = await req(admin, 'PATCH', '/api/billing/dunning-settings', {
        version: (await settings()).version,
        ...patch,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<DunningSettings>();
    }

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
      const s = (await req(admin, 'GET', '/api/billing/settings')).json<BillingSettings>();
      const res = await req(admin, 'PATCH', '/api/billing/settings', {
        version: s.version,
        ...SELLER,
        graceDays: 3,
        collectionsTeamId: teamId,
      });
      expect(res.statusCode, res.body).toBe(200);
      company = await makeCompany(t, 'Hansen Maschinenbau', julia);
    });
    afterAll(() => t?.close());

    it('has the seeded schedule; validates and audits changes; only billing admins change it', async () => {
      const s = await settings();
      expect(s).toMatchObject({
        enabled: true,
        baseRatePercent: 1.27,
        b2bInterestPercent: 10.27,
        b2cInterestPercent: 6.27,
      });
      expect(
        s.levels.map((l) => [l.level, l.name, l.daysAfterDue, l.feeCents, l.chargeInterest, l.chargeLumpSum]),
      ).toEqual([
        [1, 'Zahlungserinnerung', 7, 0, false, false],
        [2, '1. Mahnung', 21, 0, true, true],
        [3, '2. Mahnung', 35, 500, true, true],
        [4, 'Letzte Mahnung', 49, 500, true, true],
      ]);
      // everyone who reads invoices reads the settings; only admins and accounting change them
      expect((await req(julia, 'GET', '/api/billing/dunning-settings')).statusCode).toBe(200);
      const purchasing = await createUserAndLogin(t, { role: 'purchasing' });
      expect((await req(purchasing, 'GET', '/api/billing/dunning-settings')).statusCode).toBe(403);
      const denied = await req(julia, 'PATCH', '/api/billing/dunning-settings', {
        version: s.version,
        enabled: false,
      });
      expect(denied.statusCode).toBe(403);

      const levels = s.levels.map(
        ({
          level,
          name,
          daysAfterDue,
          paymentDays,
          feeCents,
          chargeInterest,
          chargeLumpSum,
          letterText,
        }) => ({
          level,
          name,
          daysAfterDue,
          paymentDays,
          feeCents,
          chargeInterest,
          chargeLumpSum,
          letterText,
        }),
      );
      const bad = await req(admin, 'PATCH', '/api/billing/dunning-settings', {
        version: s.version,
        levels: levels.map((l) => (l.level === 3 ? { ...l, daysAfterDue: 21 } : l)),
      });
      expect(bad.statusCode, bad.body).toBe(422);
      expect(bad.json().errors).toEqual([
        { path: 'levels.2.daysAfterDue', message: expect.stringContaining('Level 3') },
      ]);
      const wrongOrder = await req(admin, 'PATCH', '/api/billing/dunning-settings', {
        version: s.version,
        levels: [levels[1], levels[0], levels[2], levels[3]],
      });
      expect(wrongOrder.statusCode).toBe(422);
      expect((await settings()).version).toBe(s.version); // nothing written

      const negative = await patchSettings({ baseRatePercent: -10 });
      expect(negative).toMatchObject({
        baseRatePercent: -10,
        b2bInterestPercent: 0,
        b2cInterestPercent: 0,
        version: s.version + 1,
      });
      const stale = await req(admin, 'PATCH', '/api/billing/dunning-settings', {
        version: s.version,
        enabled: false,
      });
      expect(stale.statusCode).toBe(409);
      const back = await patchSettings({
        baseRatePercent: 1.27,
        levels: levels.map((l) => (l.level === 1 ? { ...l, paymentDays: 10 } : l)),
      });
      expect(back.baseRatePercent).toBe(1.27);
      const audit = await t.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'changes'])
        .where('entity_type', '=', 'dunning_settings')
        .execute();
      expect(audit.length).toBe(2);
      expect(audit[0]!.changes).toContain('baseRatePercent');
    });

    it('moves an invoice up the schedule one level per run, with the §288 amounts, letters and one task', async () => {
      const a = await issued('2026-11-02'); // due 2026-11-16
      expect(a.dueDate).toBe('2026-11-16');

      await sweep('2026-11-22'); // overdue (grace 3), 6 days: no notice yet
      expect(await notices(a.id)).toEqual([]);
      const first = await sweep('2026-11-23'); // 7 days: payment reminder
      expect(first.summary).toMatch(/dunning notices \(.*level 1: /);
      await sweep('2026-11-23'); // twice the same day
      await sweep('2026-12-06'); // 20 days: not yet level 2
      let list = await notices(a.id);
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({
        invoiceNumber: a.number,
        level: 1,
        levelName: 'Zahlungserinnerung',
        noticeDate: '2026-11-23',
        paymentDeadline: '2026-12-03',
        daysOverdue: 7,
        openCents: 23_800,
        feeCents: 0,
        interestRatePercent: 0,
        interestCents: 0,
        lumpSumCents: 0,
        totalCents: 23_800,
      });
      expect(await invoice(a.id)).toMatchObject({
        dunningLevel: 1,
        lastDunnedOn: '2026-11-23',
        version: a.version,
      });
      let [task] = await tasksOf(a.id);
      expect(task).toMatchObject({
        status: 'open',
        due_date: '2026-11-23',
        assignee_id: julia.user.id,
        team_id: teamId,
      });
      expect(task!.subject).toBe(
        `Zahlung einfordern (Zahlungserinnerung): Rechnung ${a.number} – 238,00 € bis 03.12.2026`,
      );

      // someone ticks the task off although the invoice is unpaid: the next level opens it again
      const done = await req(julia, 'POST', `/api/tasks/${task!.id}/complete`, { version: task!.version });
      expect(done.statusCode, done.body).toBe(200);

      await sweep('2026-12-07'); // 21 days: 1st dunning notice with interest and lump sum
      list = await notices(a.id);
      expect(list.map((n) => n.level)).toEqual([1, 2]);
      // 238,00 € × 10,27 % × 21 / 365 = 1,41 €; + 40,00 € lump sum
      expect(list[1]).toMatchObject({
        levelName: '1. Mahnung',
        daysOverdue: 21,
        interestRatePercent: 10.27,
        interestCents: 141,
        lumpSumCents: 4000,
        feeCents: 0,
        totalCents: 27_941,
        paymentDeadline: '2026-12-17',
      });
      const tasks = await tasksOf(a.id);
      expect(tasks).toHaveLength(1);
      task = tasks[0];
      expect(task).toMatchObject({
        status: 'open',
        due_date: '2026-12-07',
        completed_at: null,
        assignee_id: julia.user.id,
      });
      expect(task!.subject).toBe(
        `Zahlung einfordern (1. Mahnung): Rechnung ${a.number} – 279,41 € bis 17.12.2026`,
      );
      expect(task!.notes).toContain('Wieder geöffnet');
      expect(task!.notes).toContain(
        'Verzugspauschale 40,00 €; Gesamtbetrag 279,41 €, zahlbar bis 17.12.2026.',
      );

      await sweep('2026-12-20'); // 34 days
      await sweep('2026-12-21'); // 35 days: 2nd notice, fee 5 €, lump sum shown again (once)
      await sweep('2027-01-03');
      await sweep('2027-01-04'); // 49 days: final notice, fees 10 €
      await sweep('2027-03-01'); // nothing after the last level
      list = await notices(a.id);
      expect(
        list.map((n) => [n.level, n.noticeDate, n.feeCents, n.interestCents, n.lumpSumCents, n.totalCents]),
      ).toEqual([
        [1, '2026-11-23', 0, 0, 0, 23_800],
        [2, '2026-12-07', 0, 141, 4000, 27_941],
        [3, '2026-12-21', 500, 234, 4000, 28_534],
        [4, '2027-01-04', 1000, 328, 4000, 29_128],
      ]);
      expect(await dunnedEvents(a.id)).toHaveLength(4);
      expect(await tasksOf(a.id)).toHaveLength(1);
      expect(await invoice(a.id)).toMatchObject({ dunningLevel: 4, lastDunnedOn: '2027-01-04' });

      // the invoice's history (audit trail) shows each notice
      const history = await req(admin, 'GET', `/api/audit?entityType=invoice&entityId=${a.id}`);
      expect(history.statusCode, history.body).toBe(200);
      expect(history.body).toContain('Letzte Mahnung vom 04.01.2027');
      // and the company's timeline
      const timeline = await req(julia, 'GET', `/api/companies/${company}/timeline?kinds=invoice_dunned`);
      expect(timeline.statusCode, timeline.body).toBe(200);
      expect(timeline.body).toContain(`Letzte Mahnung for invoice ${a.number}: 291,28 € due by 2027-01-11`);

      // the letter: a PDF with the level and the total, the same bytes on every download
      const pdf = await req(julia, 'GET', `/api/dunning-notices/${list[3]!.id}/pdf`);
      expect(pdf.statusCode, pdf.body).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const raw = pdf.rawPayload.toString('latin1');
      expect(raw.startsWith('%PDF-')).toBe(true);
      expect(raw).toContain(`(Letzte Mahnung zur Rechnung ${a.number})`);
      expect(raw).toContain('(Gesamtbetrag EUR 291.28; zahlbar bis 2027-01-11)');
      const again = await req(julia, 'GET', `/api/dunning-notices/${list[3]!.id}/pdf`);
      expect(again.rawPayload.equals(pdf.rawPayload)).toBe(true);
      // Lukas sees neither the invoice nor its letters
      expect((await req(lukas, 'GET', `/api/dunning-notices/${list[3]!.id}/pdf`)).statusCode).toBe(404);
      expect((await req(lukas, 'GET', `/api/invoices/${a.id}/dunning-notices`)).statusCode).toBe(404);

      // the invoice list filters by level
      const level4 = (await req(julia, 'GET', '/api/invoices?dunningLevel=4')).json<{ items: Invoice[] }>();
      expect(level4.items.map((i) => i.id)).toContain(a.id);
      expect(level4.items.every((i) => i.dunningLevel === 4)).toBe(true);
    });

    it('an invoice long overdue gets one level per run, spaced by the schedule', async () => {
      const b = await issued('2026-08-01'); // due 2026-08-15
      await sweep('2026-11-26');
      expect((await notices(b.id)).map((n) => n.level)).toEqual([1]);
      await sweep('2026-11-27');
      await sweep('2026-12-09'); // 13 days after level 1: too early for level 2
      expect((await notices(b.id)).map((n) => n.level)).toEqual([1]);
      await sweep('2026-12-10');
      expect((await notices(b.id)).map((n) => [n.level, n.noticeDate])).toEqual([
        [1, '2026-11-26'],
        [2, '2026-12-10'],
      ]);
    });

    it('a consumer pays base + 5 points and no lump sum', async () => {
      const c = await issued('2026-09-01', { buyerIsConsumer: true }); // due 2026-09-15
      await sweep('2026-09-22'); // 7 days: reminder
      await sweep('2026-10-06'); // 21 days: 1st notice
      const [, second] = await notices(c.id);
      // 238,00 € × 6,27 % × 21 / 365 = 0,86 €
      expect(second).toMatchObject({
        interestRatePercent: 6.27,
        interestCents: 86,
        lumpSumCents: 0,
        totalCents: 23_886,
      });
    });

    it('writes nothing while dunning is off or the invoice is blocked; the collection task comes anyway', async () => {
      const d = await issued('2026-10-01'); // due 2026-10-15
      const e = await issued('2026-10-01');
      await patchSettings({ enabled: false });
      const off = await sweep('2026-10-25');
      expect(off.summary).toContain('dunning off');
      expect(await notices(d.id)).toEqual([]);
      expect(await tasksOf(d.id)).toHaveLength(1);
      await patchSettings({ enabled: true });

      // a sales person may not block; accounting may
      const inv = await invoice(d.id);
      expect(
        (
          await req(julia, 'POST', `/api/invoices/${d.id}/dunning-block`, {
            blocked: true,
            version: inv.version,
          })
        ).statusCode,
      ).toBe(403);
      const block = await req(accounting, 'POST', `/api/invoices/${d.id}/dunning-block`, {
        blocked: true,
        version: inv.version,
      });
      expect(block.statusCode, block.body).toBe(200);
      expect(block.json<Invoice>()).toMatchObject({ dunningBlocked: true, version: inv.version + 1 });
      const staleBlock = await req(accounting, 'POST', `/api/invoices/${d.id}/dunning-block`, {
        blocked: false,
        version: inv.version,
      });
      expect(staleBlock.statusCode).toBe(409);

      await sweep('2026-10-26');
      expect(await notices(d.id)).toEqual([]);
      expect((await notices(e.id)).map((n) => n.level)).toEqual([1]);

      const unblock = await req(accounting, 'POST', `/api/invoices/${d.id}/dunning-block`, {
        blocked: false,
        version: inv.version + 1,
      });
      expect(unblock.statusCode, unblock.body).toBe(200);
      await sweep('2026-10-27');
      expect((await notices(d.id)).map((n) => [n.level, n.noticeDate])).toEqual([[1, '2026-10-27']]);
      const history = await req(admin, 'GET', `/api/audit?entityType=invoice&entityId=${d.id}`);
      expect(history.body).toContain('dunningBlocked');
    });

    it('paid between two levels: no further level, the task closes with a note', async () => {
      const f = await issued('2026-07-01'); // due 2026-07-15
      await sweep('2026-07-22');
      expect((await notices(f.id)).map((n) => n.level)).toEqual([1]);
      const pay = await req(accounting, 'POST', `/api/invoices/${f.id}/payments`, {
        amountCents: 23_800,
        date: '2026-07-30',
        reference: f.number,
      });
      expect(pay.statusCode, pay.body).toBe(201);
      await t.ctx.dispatcher.drain();
      await t.ctx.dispatcher.drain();
      await sweep('2026-08-05');
      await sweep('2026-09-30');
      expect((await notices(f.id)).map((n) => n.level)).toEqual([1]);
      const [task] = await tasksOf(f.id);
      expect(task).toMatchObject({ status: 'done' });
      // the day the payment was recorded (the clock's today)
      expect(task!.notes).toMatch(/Zahlung eingegangen am 26\.11\.2026\.$/);
      // a paid invoice cannot be blocked
      const paid = await invoice(f.id);
      const block = await req(accounting, 'POST', `/api/invoices/${f.id}/dunning-block`, {
        blocked: true,
        version: paid.version,
      });
      expect(block.statusCode).toBe(409);
    });

    it('a crash half-way and a rerun, and two sweeps at once, write each level and task once', async () => {
      const g = await issued('2026-06-01'); // due 2026-06-15
      const h = await issued('2026-06-02'); // due 2026-06-16
      await sweep('2026-06-20'); // overdue, no notice yet
      let calls = 0;
      await expect(
        sweepDueInvoices(sweepDeps('2026-06-23'), {
          batchSize: 1,
          afterBatch: (_n, step) => {
            if (step === 'dunning' && ++calls === 1) throw new Error('worker died');
          },
        }),
      ).rejects.toThrow('worker died');
      const partly = (await notices(g.id)).length + (await notices(h.id)).length;
      expect(partly).toBe(1);
      const rerun = await sweepDueInvoices(sweepDeps('2026-06-23'), { batchSize: 1 });
      expect(rerun.notices).toBe(1);
      await t.ctx.dispatcher.drain();

      // two (three) sweeps at once for the next level
      const results = await Promise.all([
        sweepDueInvoices(sweepDeps('2026-07-07'), { batchSize: 1 }),
        sweepDueInvoices(sweepDeps('2026-07-07'), { batchSize: 1 }),
        sweepDueInvoices(sweepDeps('2026-07-07')),
      ]);
      expect(results.reduce((s, r) => s + (r.noticesByLevel[2] ?? 0), 0)).toBe(2);
      await Promise.all([
        sweepDueInvoices(sweepDeps('2026-07-08')),
        sweepDueInvoices(sweepDeps('2026-07-08'), { batchSize: 1 }),
      ]);
      await t.ctx.dispatcher.drain();
      await t.ctx.dispatcher.drain();
      for (const inv of [g, h]) {
        expect((await notices(inv.id)).map((n) => n.level)).toEqual([1, 2]);
        expect(await dunnedEvents(inv.id)).toHaveLength(2);
        expect(await tasksOf(inv.id)).toHaveLength(1);
      }
    });

    it('a duplicate delivery of invoice.dunned changes the task once; dunning enabled later creates the task', async () => {
      const k = await issued('2026-05-01'); // due 2026-05-15
      await sweep('2026-05-22');
      const [event] = await t.ctx.db
        .selectFrom('outbox')
        .selectAll()
        .where('type', '=', 'invoice.dunned')
        .where('payload', 'like', `%${k.id}%`)
        .execute();
      const [before] = await tasksOf(k.id);
      await t.ctx.db
        .insertInto('outbox')
        .values({ ...event!, id: '01890a5d-ac96-774b-bcce-b30209900001', dispatched_at: null })
        .execute();
      const drained = await t.ctx.dispatcher.drain();
      expect(drained.dead + drained.retrying).toBe(0);
      const [after] = await tasksOf(k.id);
      expect(after!.version).toBe(before!.version);

      // a task deleted by hand (no task): the next level makes it again with the same origin
      await t.ctx.db.deleteFrom('tasks').where('invoice_id', '=', k.id).execute();
      await sweep('2026-06-05');
      const tasks = await tasksOf(k.id);
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({
        origin: 'system',
        origin_ref: `invoice-overdue:${k.id}`,
        due_date: '2026-06-05',
      });
      expect(tasks[0]!.subject).toContain('1. Mahnung');
    });

    it('invoice.dunned that finds no task but loses the insert to invoice.overdue still updates that task', async () => {
      const m = await issued('2026-04-01'); // due 2026-04-15
      await sweep('2026-04-22'); // overdue + reminder: the task
      const [before] = await tasksOf(m.id);
      expect(before!.notes).toContain(
        'Zahlungserinnerung (Stufe 1) vom 22.04.2026 erstellt – bitte versenden:',
      );
      // as on PostgreSQL when another worker's invoice.overdue handler commits the task between this
      // handler's lookup and its insert: the lookup sees nothing, the insert hits the existing task
      const { findSystemTask: findSystemTaskOriginal } =
        await vi.importActual<typeof import('../work/tasks.repository')>('../work/tasks.repository');
      let raced = false;
      vi.mocked(findSystemTask).mockImplementation(async (db, ref) => {
        if (ref === collectionTaskRef(m.id) && !raced) {
          raced = true;
          return undefined;
        }
        return findSystemTaskOriginal(db, ref);
      });
      try {
        await sweep('2026-05-06'); // 21 days: 1st notice
      } finally {
        vi.mocked(findSystemTask).mockImplementation(findSystemTaskOriginal);
      }
      expect(raced).toBe(true);
      const tasks = await tasksOf(m.id);
      expect(tasks).toHaveLength(1);
      expect(tasks[0]!.id).toBe(before!.id);
      expect(tasks[0]!.subject).toContain('(1. Mahnung)');
      expect(tasks[0]!.due_date).toBe('2026-05-06');
      expect(tasks[0]!.notes).toContain('1. Mahnung (Stufe 2) vom 06.05.2026 erstellt – bitte versenden:');
    });
  },
);
