import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingSettings, Invoice, Payment } from '../../../../contracts/billing';
import type { Team } from '../../../../contracts/identity';
import { createUserAndLogin, loginAs, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { makeCompany, makeContact, outboxEvents, postDeal } from '../sales/sales-test-helpers';
import { formatInvoiceNumber } from './numbering';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

const SELLER = {
  sellerName: 'Muster Maschinenbau GmbH',
  street: 'Industriestraße 12',
  postalCode: '20095',
  city: 'Hamburg',
  country: 'DE',
  vatId: 'DE 123 456 789',
  iban: 'DE89 3704 0044 0532 0130 00',
  bic: 'COBADEFFXXX',
};

describe('numbering', () => {
  it('formats year and zero-padded running number', () => {
    expect(formatInvoiceNumber('RE-{YYYY}-{NNNNN}', 2026, 7)).toBe('RE-2026-00007');
    expect(formatInvoiceNumber('{YY}/{NNN}', 2026, 1234)).toBe('26/1234');
  });
});

describe.each(DIALECTS)('invoices (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let accounting: TestSession;
  let manager: TestSession;
  let julia: TestSession;
  let lukas: TestSession;
  let juliasCompany: string;
  let juliasContact: string;
  let lukasCompany: string;

  const req = (s: TestSession, method: Method, url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

  async function draft(s: TestSession, body: object = {}): Promise<Invoice> {
    const res = await req(s, 'POST', '/api/invoices', {
      companyId: juliasCompany,
      lines: [{ description: 'Wartung', quantity: 2, unitPriceCents: 10_000 }],
      ...body,
    });
    if (res.statusCode !== 201) throw new Error(`POST /api/invoices: ${res.statusCode} ${res.body}`);
    return res.json<Invoice>();
  }

  async function issue(inv: Invoice, body: object = {}): Promise<Invoice> {
    const res = await req(accounting, 'POST', `/api/invoices/${inv.id}/issue`, {
      version: inv.version,
      ...body,
    });
    if (res.statusCode !== 200) throw new Error(`issue: ${res.statusCode} ${res.body}`);
    return res.json<Invoice>();
  }

  async function completeSettings() {
    const s = (await req(admin, 'GET', '/api/billing/settings')).json<BillingSettings>();
    const res = await req(admin, 'PATCH', '/api/billing/settings', { version: s.version, ...SELLER });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<BillingSettings>();
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createUserAndLogin(t, { role: 'admin' });
    accounting = await createUserAndLogin(t, { role: 'accounting' });
    manager = await createUserAndLogin(t, { role: 'manager' });
    julia = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    lukas = await createUserAndLogin(t, { role: 'sales', name: 'Lukas Wagner' });
    const team = (await req(admin, 'POST', '/api/teams', { name: 'Vertrieb Nord' })).json<Team>();
    for (const u of [manager, julia])
      await req(admin, 'POST', `/api/teams/${team.id}/members`, { userId: u.user.id });
    manager = { ...(await loginAs(t, manager.user.email, manager.password)), password: manager.password };
    julia = { ...(await loginAs(t, julia.user.email, julia.password)), password: julia.password };
    juliasCompany = await makeCompany(t, 'Hansen Maschinenbau', julia);
    juliasContact = await makeContact(t, juliasCompany, 'Hansen');
    lukasCompany = await makeCompany(t, 'Huber Präzisionstechnik', lukas);
  });
  afterAll(() => t?.close());

  it('drafts an invoice with EN 16931 totals and the buyer copied from the company', async () => {
    const inv = await draft(julia, {
      contactId: juliasContact,
      lines: [
        { description: 'Beratung', quantity: 1.5, unitPriceCents: 1235, unit: 'HUR' },
        { description: 'Fachbuch', quantity: 3, unitPriceCents: 1999, discountPercent: 12.5, vatRate: 7 },
        {
          description: 'Lizenz',
          quantity: 2,
          unitPriceCents: 10_000,
          vatRate: 0,
          vatCategory: 'AE',
          exemptionReason: 'Steuerschuldnerschaft des Leistungsempfängers',
        },
        { description: 'Beratung 2', quantity: 1.5, unitPriceCents: 1235 },
      ],
    });
    expect(inv).toMatchObject({
      kind: 'invoice',
      status: 'draft',
      number: null,
      companyId: juliasCompany,
      companyName: 'Hansen Maschinenbau',
      contactId: juliasContact,
      buyer: { name: 'Hansen Maschinenbau', country: 'DE' },
      paymentDays: 14,
      netCents: 28_953,
      vatCents: 1_071,
      grossCents: 30_024,
      openCents: 0,
      ownerId: julia.user.id,
    });
    expect(inv.lines.map((l) => l.netCents)).toEqual([1853, 5247, 20_000, 1853]);
    expect(inv.vatBreakdown).toEqual([
      { vatCategory: 'S', vatRate: 19, netCents: 3706, vatCents: 704, exemptionReason: null },
      { vatCategory: 'S', vatRate: 7, netCents: 5247, vatCents: 367, exemptionReason: null },
      {
        vatCategory: 'AE',
        vatRate: 0,
        netCents: 20_000,
        vatCents: 0,
        exemptionReason: 'Steuerschuldnerschaft des Leistungsempfängers',
      },
    ]);
    const stored = await t.ctx.db
      .selectFrom('invoices')
      .selectAll()
      .where('id', '=', inv.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.gross_cents)).toBe(30_024);
  });

  it('rejects bad input with clear messages and writes nothing', async () => {
    const before = await t.ctx.db
      .selectFrom('invoices')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const cases: Array<[object, RegExp]> = [
      [{ lines: [] }, /at least one line/],
      [
        { lines: [{ description: 'x', quantity: 1, unitPriceCents: 100, vatRate: 0 }] },
        /needs a VAT category/,
      ],
      [
        { lines: [{ description: 'x', quantity: 1, unitPriceCents: 100, vatRate: 0, vatCategory: 'AE' }] },
        /exemption reason/,
      ],
      [{ lines: [{ description: 'x', quantity: 1, unitPriceCents: 1.5 }] }, /whole cents/],
      [{ contactId: await makeContact(t, lukasCompany, 'Huber') }, /another company/],
      [{ companyId: lukasCompany }, /does not exist/],
      [{ servicePeriodStart: '2026-11-01' }, /both its start and its end/],
    ];
    for (const [body, message] of cases) {
      const res = await req(julia, 'POST', '/api/invoices', {
        companyId: juliasCompany,
        lines: [{ description: 'Wartung', quantity: 1, unitPriceCents: 100 }],
        ...body,
      });
      expect([400, 422], res.body).toContain(res.statusCode);
      expect(res.body).toMatch(message);
    }
    const after = await t.ctx.db
      .selectFrom('invoices')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('edits and deletes drafts with the version (409 when stale)', async () => {
    const inv = await draft(julia);
    const res = await req(julia, 'PATCH', `/api/invoices/${inv.id}`, {
      version: inv.version,
      buyerReference: '04011000-12345-67',
      lines: [{ description: 'Neu', quantity: 1, unitPriceCents: 5_000, vatRate: 7 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const edited = res.json<Invoice>();
    expect(edited).toMatchObject({
      buyerReference: '04011000-12345-67',
      netCents: 5_000,
      vatCents: 350,
      grossCents: 5_350,
      version: 2,
    });
    expect(edited.lines).toHaveLength(1);
    const stale = await req(julia, 'PATCH', `/api/invoices/${inv.id}`, { version: 1, notes: 'x' });
    expect(stale.statusCode).toBe(409);
    expect((await req(julia, 'DELETE', `/api/invoices/${inv.id}?version=2`)).statusCode).toBe(204);
    expect((await req(julia, 'GET', `/api/invoices/${inv.id}`)).statusCode).toBe(404);
    expect(
      await t.ctx.db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', inv.id).execute(),
    ).toEqual([]);
  });

  it('refuses to issue while the seller data is incomplete, naming what is missing', async () => {
    const inv = await draft(julia);
    const res = await req(accounting, 'POST', `/api/invoices/${inv.id}/issue`, { version: inv.version });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toMatch(/street is missing.*IBAN is missing.*tax number or VAT ID/);
    expect((await req(julia, 'GET', `/api/invoices/${inv.id}`)).json<Invoice>().status).toBe('draft');
  });

  it('validates the billing settings (IBAN, VAT ID) and keeps them on a bad request', async () => {
    const s = (await req(accounting, 'GET', '/api/billing/settings')).json<BillingSettings>();
    const bad = await req(admin, 'PATCH', '/api/billing/settings', {
      version: s.version,
      iban: 'DE89370400440532013001',
      vatId: 'DE12',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/check digits/);
    expect(bad.body).toMatch(/German VAT IDs|DE VAT|DE followed/i);
    expect(
      (await req(julia, 'PATCH', '/api/billing/settings', { version: s.version, city: 'X' })).statusCode,
    ).toBe(403);
    const saved = await completeSettings();
    expect(saved).toMatchObject({ iban: 'DE89370400440532013000', vatId: 'DE123456789', bic: 'COBADEFFXXX' });
  });

  it('issues with gapless numbers, issue and due date, and the event; issued invoices are immutable', async () => {
    t.clock.set(new Date('2026-11-26T09:00:00Z'));
    const a = await issue(await draft(julia));
    const b = await issue(await draft(julia, { paymentDays: 30 }), { issueDate: '2026-11-20' });
    expect(a).toMatchObject({
      status: 'issued',
      issueDate: '2026-11-26',
      dueDate: '2026-12-10',
      overdue: false,
    });
    expect(a.openCents).toBe(a.grossCents);
    const na = Number(a.number!.slice(-5));
    expect(a.number).toMatch(/^RE-2026-\d{5}$/);
    expect(b.number).toBe(`RE-2026-${String(na + 1).padStart(5, '0')}`);
    expect(b.dueDate).toBe('2026-12-20');
    const events = (await outboxEvents(t, ['invoice.issued'])).filter((e) => e.payload.invoiceId === a.id);
    expect(events).toEqual([
      {
        type: 'invoice.issued',
        payload: expect.objectContaining({
          number: a.number,
          kind: 'invoice',
          grossCents: a.grossCents,
          dueDate: '2026-12-10',
        }),
      },
    ]);
    const patch = await req(julia, 'PATCH', `/api/invoices/${a.id}`, { version: a.version, notes: 'x' });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().detail).toBe('Issued invoices cannot be changed; cancel with a credit note');
    expect((await req(julia, 'DELETE', `/api/invoices/${a.id}`)).statusCode).toBe(409);
    expect(
      (await req(accounting, 'POST', `/api/invoices/${a.id}/issue`, { version: a.version })).statusCode,
    ).toBe(409);
    // sales may draft but not issue
    const c = await draft(julia);
    expect((await req(julia, 'POST', `/api/invoices/${c.id}/issue`, { version: c.version })).statusCode).toBe(
      403,
    );
  });

  it('lists overdue invoices (issued, due before today) and filters', async () => {
    t.clock.set(new Date('2026-11-26T09:00:00Z'));
    const late = await issue(await draft(julia, { paymentDays: 0 }), { issueDate: '2026-11-01' });
    t.clock.set(new Date('2026-11-27T09:00:00Z'));
    const res = await req(accounting, 'GET', '/api/invoices?overdue=true&limit=500');
    const items = res.json<{ items: Invoice[] }>().items;
    expect(items.map((i) => i.id)).toContain(late.id);
    expect(items.every((i) => i.overdue && i.status === 'issued')).toBe(true);
    expect((await req(accounting, 'GET', `/api/invoices/${late.id}`)).json<Invoice>().overdue).toBe(true);
    const byNumber = await req(accounting, 'GET', `/api/invoices?q=${late.number}`);
    expect(byNumber.json<{ items: Invoice[] }>().items.map((i) => i.id)).toEqual([late.id]);
    // keyset pages cover everything once
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Invoice[]; nextCursor: string | null } = (
        await req(
          accounting,
          'GET',
          `/api/invoices?limit=2&sort=-grossCents${cursor ? `&cursor=${cursor}` : ''}`,
        )
      ).json();
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = (await req(accounting, 'GET', '/api/invoices?limit=500')).json<{ items: Invoice[] }>().items;
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(all.map((i) => i.id).sort());
    t.clock.set(new Date('2026-11-26T09:00:00Z'));
  });

  it('shows invoices like their deal or company: own for sales, team for managers, all for accounting', async () => {
    const lukasInv = await draft(lukas, { companyId: lukasCompany });
    const juliasInv = await draft(julia);
    const ids = async (s: TestSession) =>
      (await req(s, 'GET', '/api/invoices?limit=500')).json<{ items: Invoice[] }>().items.map((i) => i.id);
    expect(await ids(julia)).not.toContain(lukasInv.id);
    expect(await ids(julia)).toContain(juliasInv.id);
    expect(await ids(manager)).toContain(juliasInv.id);
    expect(await ids(manager)).not.toContain(lukasInv.id);
    expect(await ids(accounting)).toEqual(expect.arrayContaining([juliasInv.id, lukasInv.id]));
    expect((await req(julia, 'GET', `/api/invoices/${lukasInv.id}`)).statusCode).toBe(404);
    expect(
      (await req(julia, 'PATCH', `/api/invoices/${lukasInv.id}`, { version: 1, notes: 'x' })).statusCode,
    ).toBe(404);
  });

  it('records payments: partial, then paid with the event; overpayment is rejected', async () => {
    const inv = await issue(await draft(julia)); // 238.00 €
    const over = await req(accounting, 'POST', `/api/invoices/${inv.id}/payments`, {
      amountCents: 23_801,
      date: '2026-11-26',
    });
    expect(over.statusCode).toBe(422);
    expect(over.json().detail).toMatch(/more than the open amount of 238,00 €/);
    expect(
      (await req(julia, 'POST', `/api/invoices/${inv.id}/payments`, { amountCents: 100, date: '2026-11-26' }))
        .statusCode,
    ).toBe(403);
    const first = await req(accounting, 'POST', `/api/invoices/${inv.id}/payments`, {
      amountCents: 10_000,
      date: '2026-11-27',
      reference: inv.number,
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().invoice).toMatchObject({ status: 'issued', paidCents: 10_000, openCents: 13_800 });
    const second = await req(accounting, 'POST', `/api/invoices/${inv.id}/payments`, {
      amountCents: 13_800,
      date: '2026-11-28',
      method: 'cash',
    });
    expect(second.json().invoice).toMatchObject({ status: 'paid', paidCents: 23_800, openCents: 0 });
    expect(second.json().invoice.paidAt).toBeTruthy();
    const payments = (await req(julia, 'GET', `/api/invoices/${inv.id}/payments`)).json<{
      items: Payment[];
    }>().items;
    expect(payments.map((p) => [p.amountCents, p.date, p.method, p.source])).toEqual([
      [10_000, '2026-11-27', 'bank_transfer', 'manual'],
      [13_800, '2026-11-28', 'cash', 'manual'],
    ]);
    expect(payments[0]!.allocations).toEqual([
      { invoiceId: inv.id, invoiceNumber: inv.number, amountCents: 10_000 },
    ]);
    const paid = (await outboxEvents(t, ['invoice.paid'])).filter((e) => e.payload.invoiceId === inv.id);
    expect(paid).toHaveLength(1);
    const again = await req(accounting, 'POST', `/api/invoices/${inv.id}/payments`, {
      amountCents: 1,
      date: '2026-11-28',
    });
    expect(again.statusCode).toBe(422);
    const onDraft = await draft(julia);
    expect(
      (
        await req(accounting, 'POST', `/api/invoices/${onDraft.id}/payments`, {
          amountCents: 1,
          date: '2026-11-28',
        })
      ).statusCode,
    ).toBe(422);
  });

  it('cancels an issued invoice by a credit note of its own series', async () => {
    const inv = await issue(await draft(julia));
    const res = await req(accounting, 'POST', `/api/invoices/${inv.id}/cancel`, {
      version: inv.version,
      reason: 'Falscher Preis',
    });
    expect(res.statusCode, res.body).toBe(200);
    const { invoice, creditNote } = res.json<{ invoice: Invoice; creditNote: Invoice }>();
    expect(invoice).toMatchObject({ status: 'cancelled', openCents: 0, correctedByInvoiceId: creditNote.id });
    expect(creditNote).toMatchObject({
      kind: 'credit_note',
      status: 'issued',
      correctsInvoiceId: inv.id,
      grossCents: inv.grossCents,
      netCents: inv.netCents,
      openCents: 0,
      issueDate: '2026-11-26',
    });
    expect(creditNote.number).toMatch(/^GS-2026-\d{5}$/);
    expect(creditNote.lines.map((l) => [l.description, l.netCents])).toEqual(
      inv.lines.map((l) => [l.description, l.netCents]),
    );
    const events = await outboxEvents(t, ['invoice.cancelled']);
    expect(events.map((e) => e.payload)).toContainEqual({ invoiceId: inv.id, creditNoteId: creditNote.id });
    expect(
      (
        await req(accounting, 'POST', `/api/invoices/${inv.id}/cancel`, {
          version: invoice.version,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(409);
    const d = await draft(julia);
    expect(
      (await req(accounting, 'POST', `/api/invoices/${d.id}/cancel`, { version: d.version, reason: 'x' }))
        .statusCode,
    ).toBe(422);
    // the company timeline shows the invoice and its cancellation
    const timeline = (
      await req(julia, 'GET', `/api/companies/${juliasCompany}/timeline?kinds=invoice,invoice_paid&limit=500`)
    ).json<{
      items: Array<{ kind: string; summary: string; ref: { id: string } }>;
    }>().items;
    expect(timeline.find((e) => e.ref.id === creditNote.id)?.summary).toMatch(
      `cancels invoice ${inv.number}`,
    );
    expect(timeline.find((e) => e.ref.id === inv.id)?.summary).toMatch(`Invoice ${inv.number} issued`);
    expect(timeline.some((e) => e.kind === 'invoice_paid')).toBe(true);
  });

  it('invoices a won deal once (lines from the deal; plain amount as one line)', async () => {
    const deal = await postDeal(t, julia, {
      title: 'Fräsmaschine',
      companyId: juliasCompany,
      lines: [{ description: 'Fräse', quantity: 1, unitPriceCents: 500_000 }],
    });
    const open = await req(julia, 'POST', `/api/deals/${deal.id}/invoice`);
    expect(open.statusCode).toBe(422);
    expect(open.json().detail).toMatch(/Only a won deal/);
    const won = await req(julia, 'POST', `/api/deals/${deal.id}/win`, { version: deal.version });
    expect(won.statusCode, won.body).toBe(200);
    const first = await req(julia, 'POST', `/api/deals/${deal.id}/invoice`);
    expect(first.statusCode, first.body).toBe(201);
    const inv = first.json<Invoice>();
    expect(inv).toMatchObject({
      dealId: deal.id,
      status: 'draft',
      netCents: 500_000,
      vatCents: 95_000,
      ownerId: julia.user.id,
      serviceDate: '2026-11-26',
    });
    const second = await req(julia, 'POST', `/api/deals/${deal.id}/invoice`);
    expect(second.statusCode).toBe(200);
    expect(second.json<Invoice>().id).toBe(inv.id);
    expect((await req(lukas, 'POST', `/api/deals/${deal.id}/invoice`)).statusCode).toBe(404);

    const plain = await postDeal(t, julia, {
      title: 'Servicevertrag',
      companyId: juliasCompany,
      amountCents: 120_000,
    });
    await req(julia, 'POST', `/api/deals/${plain.id}/win`, { version: plain.version });
    const p = (await req(julia, 'POST', `/api/deals/${plain.id}/invoice`)).json<Invoice>();
    expect(p.lines.map((l) => [l.description, l.quantity, l.unitPriceCents, l.vatRate])).toEqual([
      ['Servicevertrag', 1, 120_000, 19],
    ]);
  });

  it('drafts the invoice on deal.won when the setting is on, once however often the event is delivered', async () => {
    const s = (await req(admin, 'GET', '/api/billing/settings')).json<BillingSettings>();
    await req(admin, 'PATCH', '/api/billing/settings', { version: s.version, autoInvoiceOnWon: true });
    const deal = await postDeal(t, julia, {
      title: 'Automatik',
      companyId: juliasCompany,
      amountCents: 10_000,
    });
    await req(julia, 'POST', `/api/deals/${deal.id}/win`, { version: deal.version });
    await t.ctx.dispatcher.drain();
    await t.ctx.dispatcher.drain();
    // deliver the handler once more by hand, as a retry after a crash would
    const handler = t.ctx.events.byName('billing.invoice-won-deal')!;
    const event = (await outboxEvents(t, ['deal.won'], deal.id))[0]!;
    await t.ctx.db.transaction().execute(async (trx) =>
      handler.handler(
        { id: 'x', type: 'deal.won', payload: event.payload, occurredAt: '', actorId: null } as never,
        {
          trx,
          db: trx as never,
          clock: t.clock,
          config: t.ctx.config,
          actor: { userId: null, name: null, role: null, teamIds: [], origin: 'event:deal.won' },
        },
      ),
    );
    const rows = await t.ctx.db
      .selectFrom('invoices')
      .select(['id', 'status', 'owner_id'])
      .where('deal_id', '=', deal.id)
      .execute();
    expect(rows).toEqual([{ id: expect.any(String), status: 'draft', owner_id: julia.user.id }]);
    const s2 = (await req(admin, 'GET', '/api/billing/settings')).json<BillingSettings>();
    await req(admin, 'PATCH', '/api/billing/settings', { version: s2.version, autoInvoiceOnWon: false });
  });

  it.runIf(dialect === 'postgres')(
    'gives 20 concurrent issuers the numbers without gaps or duplicates',
    async () => {
      const drafts = await Promise.all(Array.from({ length: 20 }, () => draft(julia)));
      const results = await Promise.all(
        drafts.map((d) =>
          req(accounting, 'POST', `/api/invoices/${d.id}/issue`, {
            version: d.version,
            issueDate: '2027-01-05',
          }),
        ),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
      const numbers = results.map((r) => r.json<Invoice>().number!).sort();
      expect(numbers).toEqual(
        Array.from({ length: 20 }, (_, i) => `RE-2027-${String(i + 1).padStart(5, '0')}`),
      );
    },
  );

  it('uses up no number when issuing fails', async () => {
    const a = await issue(await draft(julia), { issueDate: '2028-03-01' });
    const b = await draft(julia);
    // a stale version fails the issue after the check: no number is used up
    expect(
      (
        await req(accounting, 'POST', `/api/invoices/${b.id}/issue`, {
          version: b.version + 1,
          issueDate: '2028-03-01',
        })
      ).statusCode,
    ).toBe(409);
    const c = await issue(b, { issueDate: '2028-03-02' });
    expect([a.number, c.number]).toEqual(['RE-2028-00001', 'RE-2028-00002']);
  });

  it('issues a reverse-charge invoice only with the buyer VAT ID; keeps the consumer flag', async () => {
    const inv = await draft(julia, {
      buyerVatId: null,
      buyerIsConsumer: true,
      lines: [
        {
          description: 'Montage in Wien',
          quantity: 1,
          unitPriceCents: 80_000,
          vatRate: 0,
          vatCategory: 'AE',
          exemptionReason: 'Steuerschuldnerschaft des Leistungsempfängers',
        },
      ],
    });
    expect(inv).toMatchObject({
      buyerVatId: null,
      buyerIsConsumer: true,
      dunningLevel: 0,
      dunningBlocked: false,
    });
    const refused = await req(accounting, 'POST', `/api/invoices/${inv.id}/issue`, { version: inv.version });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'billing.reverse_charge_needs_vat_id',
      errors: [{ path: 'buyerVatId' }],
    });
    expect(refused.json().detail).toMatch(/Line 1 is a reverse charge/);
    const fixed = await req(julia, 'PATCH', `/api/invoices/${inv.id}`, {
      version: inv.version,
      buyerVatId: 'ATU12345678',
      buyerIsConsumer: false,
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const issued = await issue(fixed.json<Invoice>());
    expect(issued).toMatchObject({ status: 'issued', buyerVatId: 'ATU12345678', buyerIsConsumer: false });
  });

  it('issues reverse charge with the seller tax number instead of its VAT ID; an intra-community supply needs the VAT ID', async () => {
    const patchSettings = async (patch: object) => {
      const s = (await req(admin, 'GET', '/api/billing/settings')).json<BillingSettings>();
      const res = await req(admin, 'PATCH', '/api/billing/settings', { version: s.version, ...patch });
      expect(res.statusCode, res.body).toBe(200);
    };
    const shifted = (vatCategory: 'AE' | 'K', exemptionReason: string) =>
      draft(julia, {
        buyerVatId: 'ATU12345678',
        lines: [
          { description: 'Montage in Wien', quantity: 1, unitPriceCents: 80_000 },
          {
            description: 'Maschine',
            quantity: 1,
            unitPriceCents: 50_000,
            vatRate: 0,
            vatCategory,
            exemptionReason,
          },
        ],
      });
    await completeSettings();
    await patchSettings({ vatId: null, taxNumber: '22/815/08154' });
    try {
      const ae = await shifted('AE', 'Steuerschuldnerschaft des Leistungsempfängers');
      expect(await issue(ae)).toMatchObject({ status: 'issued' });

      const k = await shifted('K', 'Steuerfreie innergemeinschaftliche Lieferung');
      const refused = await req(accounting, 'POST', `/api/invoices/${k.id}/issue`, { version: k.version });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({
        code: 'billing.reverse_charge_needs_vat_id',
        errors: [{ path: 'settings.vatId' }],
      });
      expect(refused.json().detail).toMatch(/Line 2 is an intra-community supply: enter your own VAT ID/);
    } finally {
      await completeSettings();
    }
  });
});
