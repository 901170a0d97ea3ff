import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BankEntry,
  BankEntryList,
  BankStatementWithEntries,
  ImportResult,
} from '../../../../contracts/bank-statements';
import type { BillingSettings, Invoice } from '../../../../contracts/billing';
import { CreateCompany } from '../../../../contracts/companies';
import type { Team } from '../../../../contracts/identity';
import { runJob } from '../../platform/jobs/run-job';
import { createUserAndLogin, loginAs, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { createCompany } from '../companies';
import { actorOfSession, makeCompany } from '../sales/sales-test-helpers';

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

interface Ntry {
  amount: string;
  credit?: boolean;
  ccy?: string;
  name?: string;
  iban?: string;
  remittance?: string;
  ref?: string;
}

/** A small CAMT.053.001.02 statement. */
function camt(statementId: string, entries: Ntry[]): string {
  const ntries = entries
    .map(
      (e, i) => `
      <Ntry>
        <Amt Ccy="${e.ccy ?? 'EUR'}">${e.amount}</Amt>
        <CdtDbtInd>${e.credit === false ? 'DBIT' : 'CRDT'}</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2026-11-27</Dt></BookgDt>
        <ValDt><Dt>2026-11-27</Dt></ValDt>
        ${e.ref === '' ? '' : `<AcctSvcrRef>${e.ref ?? `${statementId}-${i}`}</AcctSvcrRef>`}
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>E2E-${i}</EndToEndId></Refs>
          <RltdPties>
            <Dbtr><Nm>${e.name ?? 'Unbekannt'}</Nm></Dbtr>
            ${e.iban ? `<DbtrAcct><Id><IBAN>${e.iban}</IBAN></Id></DbtrAcct>` : ''}
          </RltdPties>
          <RmtInf><Ustrd>${e.remittance ?? ''}</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>${statementId}</MsgId><CreDtTm>2026-11-27T18:00:00+01:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>${statementId}</Id>
      <CreDtTm>2026-11-27T18:00:00+01:00</CreDtTm>
      <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>${ntries}
    </Stmt>
  </BkToCstmrStmt>
</Document>`;
}

/** RE-2026-00007 → "RE 2026 00007" / "RE202600007" (how customers write it). */
const spaced = (n: string | null) => n!.replace(/-/g, ' ');
const squashed = (n: string | null) => n!.replace(/-/g, '');

describe.each(DIALECTS)('bank statement pays invoices (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let accounting: TestSession;
  let julia: TestSession;
  let hansen: string;
  let huber: string;

  const req = (s: TestSession, method: Method, url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const upload = (xml: string, contentType = 'application/xml', s: TestSession = accounting) =>
    t.app.inject({
      method: 'POST',
      url: '/api/bank-statements',
      headers: { ...s.headers, 'content-type': contentType },
      payload: xml,
    });

  /** An issued invoice for `companyId` of `cents` net + 19 % VAT. */
  async function issued(
    companyId: string,
    unitPriceCents = 10_000,
    issueDate = '2026-11-02',
  ): Promise<Invoice> {
    const d = await req(julia, 'POST', '/api/invoices', {
      companyId,
      lines: [{ description: 'Wartung', quantity: 2, unitPriceCents }],
    });
    expect(d.statusCode, d.body).toBe(201);
    const res = await req(accounting, 'POST', `/api/invoices/${d.json<Invoice>().id}/issue`, {
      version: d.json<Invoice>().version,
      issueDate,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Invoice>();
  }
  const invoice = async (id: string) => (await req(julia, 'GET', `/api/invoices/${id}`)).json<Invoice>();
  const counts = async () => ({
    statements: Number(
      (
        await t.ctx.db
          .selectFrom('bank_statements')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    entries: Number(
      (
        await t.ctx.db
          .selectFrom('bank_entries')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    payments: Number(
      (
        await t.ctx.db
          .selectFrom('payments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-11-26T09:00:00.000Z' });
    admin = await createUserAndLogin(t, { role: 'admin' });
    accounting = await createUserAndLogin(t, { role: 'accounting' });
    julia = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    const teamId = (await req(admin, 'POST', '/api/teams', { name: 'Vertrieb & Inkasso' })).json<Team>().id;
    await req(admin, 'POST', `/api/teams/${teamId}/members`, { userId: julia.user.id });
    julia = { ...(await loginAs(t, julia.user.email, julia.password)), password: julia.password };
    const s = (await req(admin, 'GET', '/api/billing/settings')).json<BillingSettings>();
    const res = await req(admin, 'PATCH', '/api/billing/settings', {
      version: s.version,
      ...SELLER,
      graceDays: 3,
      collectionsTeamId: teamId,
    });
    expect(res.statusCode, res.body).toBe(200);
    hansen = await makeCompany(t, 'Hansen Maschinenbau', julia);
    huber = (
      await createCompany(
        t.ctx,
        actorOfSession(julia),
        CreateCompany.parse({
          name: 'Huber Präzisionstechnik',
          roles: ['customer'],
          ownerId: julia.user.id,
          iban: 'AT61 1904 3002 3457 3201',
        }),
        { allowDuplicate: true },
      )
    ).id;
  });
  afterAll(() => t?.close());

  it('applies a clear match: the invoice becomes paid and its collection task closes; the same file again creates nothing', async () => {
    const inv = await issued(hansen); // 238,00 €, due 2026-11-16
    const run = await runJob(t.ctx, 'billing.due-sweep', { asOf: '2026-11-25' });
    expect(run.status, run.error ?? '').toBe('succeeded');
    await t.ctx.dispatcher.drain();
    const tasks = () => t.ctx.db.selectFrom('tasks').selectAll().where('invoice_id', '=', inv.id).execute();
    expect((await tasks()).map((x) => x.status)).toEqual(['open']);

    const xml = camt('STMT-CLEAR', [
      {
        amount: '238.00',
        name: 'HANSEN MASCHINENBAU GMBH',
        remittance: `Rechnung ${spaced(inv.number)} Danke`,
      },
      { amount: '19.99', credit: false, name: 'Telekom' },
    ]);
    const res = await upload(xml);
    expect(res.statusCode, res.body).toBe(201);
    const result = res.json<ImportResult>();
    expect(result).toMatchObject({
      created: true,
      matched: 1,
      review: 0,
      statement: {
        format: 'camt.053.001.02',
        statementId: 'STMT-CLEAR',
        accountIban: 'DE89370400440532013000',
        entryCount: 2,
        matchedCount: 1,
        reviewCount: 0,
        importedBy: accounting.user.id,
      },
    });
    await t.ctx.dispatcher.drain();
    await t.ctx.dispatcher.drain();
    expect(await invoice(inv.id)).toMatchObject({ status: 'paid', openCents: 0, paidCents: 23_800 });
    const [task] = await tasks();
    expect(task).toMatchObject({ status: 'done' });
    const paid = await t.ctx.db
      .selectFrom('outbox')
      .select('payload')
      .where('type', '=', 'invoice.paid')
      .execute();
    expect(paid.filter((r) => JSON.parse(r.payload).invoiceId === inv.id)).toHaveLength(1);

    const detail = (
      await req(accounting, 'GET', `/api/bank-statements/${result.statement.id}`)
    ).json<BankStatementWithEntries>();
    expect(detail.entries.map((e) => [e.status, e.confidence, e.creditDebit])).toEqual([
      ['matched', 100, 'credit'],
      ['debit', 0, 'debit'],
    ]);
    expect(detail.entries[0]!.allocations).toEqual([
      { invoiceId: inv.id, invoiceNumber: inv.number, amountCents: 23_800 },
    ]);
    const payments = (await req(accounting, 'GET', `/api/invoices/${inv.id}/payments`)).json<{
      items: Array<{ source: string; payerName: string; reference: string }>;
    }>();
    expect(payments.items).toMatchObject([
      {
        source: 'bank_statement',
        payerName: 'HANSEN MASCHINENBAU GMBH',
        reference: `Rechnung ${spaced(inv.number)} Danke`,
      },
    ]);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('entity_type')
      .where('entity_id', '=', result.statement.id)
      .execute();
    expect(audit).toEqual([{ entity_type: 'bank_statement' }]);

    const before = await counts();
    const again = await upload(xml, 'text/xml');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<ImportResult>()).toMatchObject({
      created: false,
      matched: 0,
      review: 0,
      statement: { id: result.statement.id, matchedCount: 1 },
    });
    expect(await counts()).toEqual(before);
    expect(await invoice(inv.id)).toMatchObject({ status: 'paid', paidCents: 23_800 });

    const list = (await req(accounting, 'GET', '/api/bank-statements')).json<{
      items: Array<{ id: string }>;
    }>();
    expect(list.items.map((x) => x.id)).toContain(result.statement.id);
  });

  it('books a partial payment and settles several invoices from one payment', async () => {
    const a = await issued(hansen);
    const b = await issued(huber, 5_000); // 119,00 €
    const c = await issued(huber, 20_000); // 476,00 €
    const res = await upload(
      camt('STMT-PARTS', [
        { amount: '100', name: 'Hansen', remittance: `${squashed(a.number)} Teilzahlung` },
        { amount: '595.00', name: 'Huber', remittance: `${b.number}, ${spaced(c.number)}` },
      ]),
      'application/octet-stream',
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<ImportResult>()).toMatchObject({ matched: 2, review: 0 });
    expect(await invoice(a.id)).toMatchObject({ status: 'issued', paidCents: 10_000, openCents: 13_800 });
    expect(await invoice(b.id)).toMatchObject({ status: 'paid', openCents: 0 });
    expect(await invoice(c.id)).toMatchObject({ status: 'paid', openCents: 0 });
    const entries = (
      await req(accounting, 'GET', `/api/bank-statements/${res.json<ImportResult>().statement.id}`)
    ).json<BankStatementWithEntries>().entries;
    expect(entries[0]).toMatchObject({ status: 'matched', confidence: 90 });
    expect(entries[0]!.note).toContain('Partial payment');
    expect(entries[1]!.allocations.map((x) => x.amountCents).sort()).toEqual([11_900, 47_600]);
  });

  it('puts overpayments and unknown entries in the review queue; a person matches them there', async () => {
    const over = await issued(hansen, 7_000); // 166,60 €
    const byIban = await issued(huber, 3_000); // 71,40 €
    const before = await counts();
    const res = await upload(
      camt('STMT-REVIEW', [
        { amount: '200.00', name: 'Hansen', remittance: `RE ${spaced(over.number).slice(3)} ` },
        { amount: '71.40', name: 'Kunde X', iban: 'AT611904300234573201', remittance: 'Zahlung' },
        { amount: '12.34', name: 'Niemand', remittance: 'Spende' },
      ]),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<ImportResult>()).toMatchObject({ matched: 0, review: 3 });
    expect((await counts()).payments).toBe(before.payments);
    expect(await invoice(over.id)).toMatchObject({ status: 'issued', openCents: 16_660 });

    const queue = (await req(accounting, 'GET', '/api/bank-entries?status=review')).json<BankEntryList>()
      .items;
    const [o, i, u] = ['200', '71.4', '12.34'].map((amt) =>
      queue.find((e) => e.amountCents === Math.round(Number(amt) * 100)),
    ) as BankEntry[];
    expect(o!.suggestions).toMatchObject([{ invoiceId: over.id, openCents: 16_660, confidence: 80 }]);
    expect(o!.note).toMatch(/Overpayment/);
    expect(i!.suggestions).toMatchObject([{ invoiceId: byIban.id, confidence: 70 }]);
    expect(i!.suggestions[0]!.reason).toMatch(/IBAN/);
    expect(u!.suggestions).toEqual([]);

    // too much for the invoice / more than received → 422 naming which, nothing written
    const tooMuch = await req(accounting, 'POST', `/api/bank-entries/${o!.id}/match`, {
      allocations: [{ invoiceId: over.id, amountCents: 20_000 }],
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json<{ detail: string }>().detail).toContain(
      `for invoice ${over.number} is more than its open amount`,
    );
    const moreThanReceived = await req(accounting, 'POST', `/api/bank-entries/${i!.id}/match`, {
      allocations: [
        { invoiceId: byIban.id, amountCents: 7_140 },
        { invoiceId: over.id, amountCents: 100 },
      ],
    });
    expect(moreThanReceived.statusCode).toBe(422);
    expect(moreThanReceived.json<{ detail: string }>().detail).toMatch(/more than the 71,40 € received/);
    // the bank account shows every customer's payments: only bookkeeping reads and matches it
    expect((await req(julia, 'GET', '/api/bank-entries?status=review')).statusCode).toBe(403);
    expect((await req(julia, 'GET', '/api/bank-statements')).statusCode).toBe(403);
    expect(
      (
        await req(julia, 'POST', `/api/bank-entries/${o!.id}/match`, {
          allocations: [{ invoiceId: over.id, amountCents: 1 }],
        })
      ).statusCode,
    ).toBe(403);

    const ok = await req(accounting, 'POST', `/api/bank-entries/${o!.id}/match`, {
      allocations: [{ invoiceId: over.id, amountCents: 16_660 }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<BankEntry>()).toMatchObject({
      status: 'matched',
      allocations: [{ invoiceId: over.id, amountCents: 16_660 }],
    });
    expect(ok.json<BankEntry>().note).toMatch(/33,40 € not allocated/);
    // again: idempotent, still one payment
    const twice = await req(accounting, 'POST', `/api/bank-entries/${o!.id}/match`, {
      allocations: [{ invoiceId: over.id, amountCents: 16_660 }],
    });
    expect(twice.statusCode).toBe(200);
    expect((await counts()).payments).toBe(before.payments + 1);
    expect(await invoice(over.id)).toMatchObject({ status: 'paid' });

    const ignored = await req(accounting, 'POST', `/api/bank-entries/${u!.id}/ignore`);
    expect(ignored.statusCode, ignored.body).toBe(200);
    expect(ignored.json<BankEntry>().status).toBe('ignored');
    const left = (await req(accounting, 'GET', '/api/bank-entries?status=review')).json<BankEntryList>()
      .items;
    expect(left.map((e) => e.id)).toEqual([i!.id]);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('entity_type')
      .where('entity_id', 'in', [o!.id, u!.id])
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('imports the same statement sent twice at once only once', async () => {
    const inv = await issued(hansen, 1_000); // 23,80 €
    const xml = camt('STMT-PARALLEL', [{ amount: '23.80', name: 'Hansen', remittance: inv.number! }]);
    const before = await counts();
    const results = await Promise.all([
      upload(xml, 'application/xml; charset=utf-8'),
      upload(xml, 'application/xml; charset=utf-8'),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(new Set(results.map((r) => r.json<ImportResult>().statement.id)).size).toBe(1);
    expect(await counts()).toEqual({
      statements: before.statements + 1,
      entries: before.entries + 1,
      payments: before.payments + 1,
    });
    expect(await invoice(inv.id)).toMatchObject({ status: 'paid', paidCents: 2_380 });
  });

  it('rejects malformed, camt.054, MT940 and non-EUR files with the problem named and writes nothing', async () => {
    const good = camt('STMT-BAD', [{ amount: '1.00', remittance: 'x' }]);
    const before = await counts();
    const cases: Array<[string, RegExp]> = [
      [good.replace('</Stmt>', ''), /the XML is malformed/],
      [
        good.replace(/BkToCstmrStmt/g, 'BkToCstmrDbtCdtNtfctn').replace('camt.053', 'camt.054'),
        /root element is Document\/BkToCstmrDbtCdtNtfctn \(camt\.054\)/,
      ],
      [':20:STARTUMSE\r\n:25:37040044/0532013000\r\n:61:2611271127CR238,00NTRFNONREF\r\n', /MT940/],
      [good.replace('Ccy="EUR"', 'Ccy="USD"'), /entry 1 is in USD; only EUR/],
      ['%PDF-1.7 garbage', /not XML/],
    ];
    for (const [body, message] of cases) {
      const res = await upload(body);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json<{ detail: string }>().detail).toMatch(message);
    }
    expect(await counts()).toEqual(before);
    // sales may not import
    expect((await upload(good, 'application/xml', julia)).statusCode).toBe(403);
  });

  it('pays the invoice when the amount is the total of its latest dunning notice (the surplus is the charges)', async () => {
    const dunned = await issued(hansen); // 238,00 €, due 2026-11-16
    const other = await issued(hansen);
    for (const asOf of ['2026-11-23', '2026-12-07']) {
      const run = await runJob(t.ctx, 'billing.due-sweep', { asOf }); // reminder, then 1st notice
      expect(run.status, run.error ?? '').toBe('succeeded');
      await t.ctx.dispatcher.drain();
    }
    const latest = async (id: string) => {
      const res = await req(accounting, 'GET', `/api/invoices/${id}/dunning-notices`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: Array<{ level: number; totalCents: number }> }>().items.at(-1)!;
    };
    const notice = await latest(dunned.id);
    expect(notice.level).toBe(2);
    expect(notice.totalCents).toBeGreaterThan(23_800); // interest and the 40 € lump sum
    expect((await latest(other.id)).totalCents).toBe(notice.totalCents);
    const eur = (cents: number) => (cents / 100).toFixed(2);
    const res = await upload(
      camt('STMT-DUNNED', [
        { amount: eur(notice.totalCents), name: 'Hansen', remittance: `${dunned.number} Mahnung` },
        // a cent more than the letter asks for is still an overpayment
        { amount: eur(notice.totalCents + 1), name: 'Hansen', remittance: `${other.number}` },
      ]),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<ImportResult>()).toMatchObject({ matched: 1, review: 1 });
    expect(await invoice(dunned.id)).toMatchObject({ status: 'paid', openCents: 0, paidCents: 23_800 });
    expect(await invoice(other.id)).toMatchObject({ status: 'issued', openCents: 23_800 });
    const [paid, over] = (
      await req(accounting, 'GET', `/api/bank-statements/${res.json<ImportResult>().statement.id}`)
    ).json<BankStatementWithEntries>().entries;
    expect(paid).toMatchObject({
      status: 'matched',
      confidence: 100,
      allocations: [{ invoiceId: dunned.id, amountCents: 23_800 }],
    });
    expect(paid!.note).toMatch(/dunning charges/);
    expect(over).toMatchObject({ status: 'review', confidence: 80 });
    expect(over!.note).toMatch(/Overpayment/);
  });
});
