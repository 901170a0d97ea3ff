import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_SCOPES } from '../../../../contracts/api-scopes';
import type { BillingSettings, Invoice } from '../../../../contracts/billing';
import type { Team } from '../../../../contracts/identity';
import type { AgingBuckets, AgingReport, CashFlowReport, DsoReport } from '../../../../contracts/receivables';
import { bearer, createUserAndLogin, loginAs, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { makeCompany } from '../sales/sales-test-helpers';

const SELLER = {
  sellerName: 'Muster Maschinenbau GmbH',
  street: 'Industriestraße 12',
  postalCode: '20095',
  city: 'Hamburg',
  country: 'DE',
  vatId: 'DE123456789',
  iban: 'DE89370400440532013000',
};

/** A CAMT.053 statement with one credit entry booked on `date`. */
function camt(id: string, amount: string, date: string, remittance: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>${id}</MsgId><CreDtTm>${date}T18:00:00+01:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>${id}</Id>
      <CreDtTm>${date}T18:00:00+01:00</CreDtTm>
      <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>
      <Ntry>
        <Amt Ccy="EUR">${amount}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>${date}</Dt></BookgDt>
        <ValDt><Dt>${date}</Dt></ValDt>
        <AcctSvcrRef>${id}-0</AcctSvcrRef>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>E2E-0</EndToEndId></Refs>
          <RltdPties><Dbtr><Nm>Alpha GmbH</Nm></Dbtr></RltdPties>
          <RmtInf><Ustrd>${remittance}</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>`;
}

/** [cents, count] per bucket, then total and overdue. */
const figures = (b: AgingBuckets) => [
  [b.notDue.cents, b.notDue.count],
  [b.days1to30.cents, b.days1to30.count],
  [b.days31to60.cents, b.days31to60.count],
  [b.days61to90.cents, b.days61to90.count],
  [b.over90.cents, b.over90.count],
  [b.total.cents, b.total.count],
  [b.overdue.cents, b.overdue.count],
];

/**
 * The receivables reports against a hand-made dataset. Today is 2026-11-26 (Berlin). Every invoice
 * has one line of q × 100,00 € + 19 % VAT = q × 119,00 € gross and 14 payment days
 * (due = issue + 14). Days past due = 2026-11-26 − due date.
 *
 *   inv  customer  q  gross    issued      due         past due  what happens                           open today
 *   I1   Alpha     1  11,900   2026-11-12  2026-11-26   0        —  (due today: not due)                 11,900
 *   I2   Alpha     2  23,800   2026-11-11  2026-11-25   1        —                                       23,800
 *   I3   Alpha     3  35,700   2026-10-13  2026-10-27  30        —                                       35,700
 *   I4   Beta      4  47,600   2026-10-12  2026-10-26  31        —                                       47,600
 *   I5   Beta      5  59,500   2026-09-13  2026-09-27  60        —                                       59,500
 *   I6   Beta      6  71,400   2026-09-12  2026-09-26  61        —                                       71,400
 *   I7   Gamma     7  83,300   2026-08-14  2026-08-28  90        —                                       83,300
 *   I8   Gamma     8  95,200   2026-08-13  2026-08-27  91        20,000 paid 2026-11-20                 75,200
 *   I9   Alpha     1  11,900   2026-10-01  2026-10-15           paid 2026-10-20                          0
 *   I10  Beta      2  23,800   2026-09-01  2026-09-15           5,000 paid 2026-09-10, cancelled       0
 *                                                              2026-10-05 (credit note GS 23,800)
 *   I11  Alpha     1  11,900   2026-10-02  2026-10-16           } one transfer of 35,700 on 2026-11-03  0
 *   I12  Alpha     2  23,800   2026-10-02  2026-10-16           } names both: paid                      0
 *   D1   Gamma     9  draft                                                                            —
 *
 * Alpha and Gamma belong to Julia (team Nord, with the manager), Beta to Lukas.
 */
describe.each(DIALECTS)('receivables reports (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let accounting: TestSession;
  let manager: TestSession;
  let julia: TestSession;
  let lukas: TestSession;
  const company: Record<string, string> = {};
  const inv: Record<string, Invoice> = {};

  const req = (s: TestSession, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const get = async <T>(s: TestSession, url: string) => {
    const res = await req(s, 'GET', url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const at = (day: string) => t.clock.set(new Date(`${day}T09:00:00.000Z`));

  async function issue(key: string, owner: TestSession, customer: string, q: number, issueDate: string) {
    const d = await req(owner, 'POST', '/api/invoices', {
      companyId: company[customer],
      paymentDays: 14,
      lines: [{ description: `Wartung ${key}`, quantity: q, unitPriceCents: 10_000 }],
    });
    expect(d.statusCode, d.body).toBe(201);
    const res = await req(accounting, 'POST', `/api/invoices/${d.json<Invoice>().id}/issue`, {
      version: d.json<Invoice>().version,
      issueDate,
    });
    expect(res.statusCode, res.body).toBe(200);
    inv[key] = res.json<Invoice>();
  }
  async function pay(key: string, amountCents: number, date: string) {
    const res = await req(accounting, 'POST', `/api/invoices/${inv[key]!.id}/payments`, {
      amountCents,
      date,
    });
    expect(res.statusCode, res.body).toBe(201);
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-10-05T09:00:00.000Z' });
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
    // API tokens do not expire with the weeks the clock moves on (sessions would)
    const withToken = async (s: TestSession): Promise<TestSession> => {
      const token = await req(s, 'POST', '/api/api-tokens', { name: 'receivables test', scopes: API_SCOPES });
      return { ...s, headers: bearer(token.json<{ token: string }>().token) };
    };
    admin = await withToken(admin);
    accounting = await withToken(accounting);
    manager = await withToken(manager);
    julia = await withToken(julia);
    lukas = await withToken(lukas);
    const s = (await req(admin, 'GET', '/api/billing/settings')).json<BillingSettings>();
    expect(
      (await req(admin, 'PATCH', '/api/billing/settings', { version: s.version, ...SELLER })).statusCode,
    ).toBe(200);
    company.Alpha = await makeCompany(t, 'Alpha GmbH', julia);
    company.Beta = await makeCompany(t, 'Beta AG', lukas);
    company.Gamma = await makeCompany(t, 'Gamma KG', julia);

    // 2026-10-05: I10, part-paid in September, is cancelled by a credit note today
    await issue('I10', lukas, 'Beta', 2, '2026-09-01');
    await pay('I10', 5_000, '2026-09-10');
    const cancelled = await req(accounting, 'POST', `/api/invoices/${inv.I10!.id}/cancel`, {
      version: (await req(accounting, 'GET', `/api/invoices/${inv.I10!.id}`)).json<Invoice>().version,
      reason: 'Falscher Kunde',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);

    at('2026-11-26');
    await issue('I1', julia, 'Alpha', 1, '2026-11-12');
    await issue('I2', julia, 'Alpha', 2, '2026-11-11');
    await issue('I3', julia, 'Alpha', 3, '2026-10-13');
    await issue('I4', lukas, 'Beta', 4, '2026-10-12');
    await issue('I5', lukas, 'Beta', 5, '2026-09-13');
    await issue('I6', lukas, 'Beta', 6, '2026-09-12');
    await issue('I7', julia, 'Gamma', 7, '2026-08-14');
    await issue('I8', julia, 'Gamma', 8, '2026-08-13');
    await issue('I9', julia, 'Alpha', 1, '2026-10-01');
    await issue('I11', julia, 'Alpha', 1, '2026-10-02');
    await issue('I12', julia, 'Alpha', 2, '2026-10-02');
    const draft = await req(julia, 'POST', '/api/invoices', {
      companyId: company.Gamma,
      lines: [{ description: 'Entwurf', quantity: 9, unitPriceCents: 10_000 }],
    });
    expect(draft.statusCode).toBe(201);
    await pay('I8', 20_000, '2026-11-20');
    await pay('I9', 11_900, '2026-10-20');
    // one transfer pays I11 and I12: one payment, two allocations
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/bank-statements',
      headers: { ...accounting.headers, 'content-type': 'application/xml' },
      payload: camt('STMT-1103', '357.00', '2026-11-03', `${inv.I11!.number} ${inv.I12!.number}`),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    for (const key of ['I11', 'I12']) {
      const after = (await req(accounting, 'GET', `/api/invoices/${inv[key]!.id}`)).json<Invoice>();
      expect([key, after.status, after.openCents]).toEqual([key, 'paid', 0]);
    }
  });
  afterAll(() => t?.close());

  it('ages the open invoices into the five buckets, with the boundaries 0/1, 30/31, 60/61, 90/91 days', async () => {
    const r = await get<AgingReport>(accounting, '/api/reports/receivables/aging');
    expect(r.asOf).toBe('2026-11-26');
    expect(figures(r.total)).toEqual([
      [11_900, 1], // I1 due today
      [59_500, 2], // I2 1 day, I3 30 days
      [107_100, 2], // I4 31, I5 60
      [154_700, 2], // I6 61, I7 90
      [75_200, 1], // I8 91 days, 95,200 − 20,000 paid
      [408_400, 8],
      [396_500, 7],
    ]);
    expect(r.customerCount).toBe(3);
    expect(r.others).toBeNull();
    expect(r.customers.map((c) => [c.companyName, c.total.cents, c.total.count])).toEqual([
      ['Beta AG', 178_500, 3],
      ['Gamma KG', 158_500, 2],
      ['Alpha GmbH', 71_400, 3],
    ]);
    const [beta, gamma, alpha] = r.customers;
    expect(beta!.companyId).toBe(company.Beta);
    expect(figures(alpha!)).toEqual([
      [11_900, 1],
      [59_500, 2],
      [0, 0],
      [0, 0],
      [0, 0],
      [71_400, 3],
      [59_500, 2],
    ]);
    expect(figures(beta!).slice(0, 5)).toEqual([
      [0, 0],
      [0, 0],
      [107_100, 2],
      [71_400, 1],
      [0, 0],
    ]);
    expect(figures(gamma!).slice(0, 5)).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [83_300, 1],
      [75_200, 1],
    ]);
    // per customer sums = total, bucket by bucket
    const sum = (i: number) => r.customers.reduce((a, c) => a + (figures(c)[i]![0] as number), 0);
    expect([0, 1, 2, 3, 4, 5, 6].map(sum)).toEqual(figures(r.total).map((f) => f[0]));
  });

  it('lists the largest customers and sums the rest as others', async () => {
    const r = await get<AgingReport>(admin, '/api/reports/receivables/aging?limit=2');
    expect(r.customers.map((c) => c.companyName)).toEqual(['Beta AG', 'Gamma KG']);
    expect(r.others).toMatchObject({
      customerCount: 1,
      total: { cents: 71_400, count: 3 },
      notDue: { cents: 11_900, count: 1 },
      days1to30: { cents: 59_500, count: 2 },
    });
    expect(r.total.total.cents).toBe(408_400);
  });

  it('counts the days past due to a later asOf; a day before today is refused', async () => {
    const r = await get<AgingReport>(admin, '/api/reports/receivables/aging?asOf=2026-11-27');
    expect(figures(r.total).slice(0, 6)).toEqual([
      [0, 0],
      [35_700, 2], // I1 1 day, I2 2
      [83_300, 2], // I3 31, I4 32
      [130_900, 2], // I5 61, I6 62
      [158_500, 2], // I7 91, I8 92
      [408_400, 8],
    ]);
    const past = await req(admin, 'GET', '/api/reports/receivables/aging?asOf=2026-11-25');
    expect(past.statusCode).toBe(422);
    expect(past.json()).toMatchObject({ code: 'receivables.as_of_past' });
    expect(
      (await req(admin, 'GET', '/api/reports/receivables/aging?asOf=2026-13-01')).statusCode,
    ).toBeGreaterThanOrEqual(400);
  });

  it('shows managers their teams’ invoices and sales people nothing', async () => {
    const r = await get<AgingReport>(manager, '/api/reports/receivables/aging');
    expect(r.customers.map((c) => [c.companyName, c.total.cents])).toEqual([
      ['Gamma KG', 158_500],
      ['Alpha GmbH', 71_400],
    ]);
    expect(r.total.total.cents).toBe(229_900);
    // a manager without a team sees no invoices: every figure 0, no customers
    const alone = await createUserAndLogin(t, { role: 'manager' });
    const none = await get<AgingReport>(alone, '/api/reports/receivables/aging');
    expect([none.customerCount, none.customers, none.others, figures(none.total)[5]]).toEqual([
      0,
      [],
      null,
      [0, 0],
    ]);
    const noDso = await get<DsoReport>(alone, '/api/reports/receivables/dso?months=1');
    expect(noDso.current).toMatchObject({ openCents: 0, salesCents: 0, dso: null });
    for (const url of ['aging', 'dso', 'cash-flow']) {
      expect((await req(julia, 'GET', `/api/reports/receivables/${url}`)).statusCode).toBe(403);
    }
  });

  it('reports invoiced, credited, collected and open per month, a split payment with both parts', async () => {
    const r = await get<CashFlowReport>(
      accounting,
      '/api/reports/receivables/cash-flow?from=2026-07&to=2026-12',
    );
    expect(
      r.months.map((m) => [
        m.month,
        m.invoicedCents,
        m.creditedCents,
        m.netInvoicedCents,
        m.collectedCents,
        m.openCents,
      ]),
    ).toEqual([
      ['2026-07', 0, 0, 0, 0, 0],
      ['2026-08', 178_500, 0, 178_500, 0, 178_500], // I7 + I8
      ['2026-09', 154_700, 0, 154_700, 5_000, 328_200], // I5 + I6 + I10; I10 part-paid
      // I3 + I4 + I9 + I11 + I12; I10's credit note; I9 paid; I10's 5,000 leave with it
      ['2026-10', 130_900, 23_800, 107_100, 11_900, 428_400],
      ['2026-11', 35_700, 0, 35_700, 55_700, 408_400], // I1 + I2; 35,700 for I11 + I12, 20,000 for I8
      ['2026-12', 0, 0, 0, 0, 408_400],
    ]);
    expect(r.total).toEqual({
      invoicedCents: 499_800,
      creditedCents: 23_800,
      netInvoicedCents: 476_000,
      collectedCents: 72_600,
    });
    // the month end of today's month equals the aging total
    const aging = await get<AgingReport>(accounting, '/api/reports/receivables/aging');
    expect(r.months[4]!.openCents).toBe(aging.total.total.cents);

    const byDefault = await get<CashFlowReport>(accounting, '/api/reports/receivables/cash-flow');
    expect([byDefault.from, byDefault.to, byDefault.months.length]).toEqual(['2025-12', '2026-11', 12]);
    const manager_ = await get<CashFlowReport>(
      manager,
      '/api/reports/receivables/cash-flow?from=2026-11&to=2026-11',
    );
    expect(manager_.months[0]).toMatchObject({
      invoicedCents: 35_700,
      collectedCents: 55_700,
      openCents: 229_900,
    });

    const backwards = await req(admin, 'GET', '/api/reports/receivables/cash-flow?from=2026-11&to=2026-10');
    expect(backwards.statusCode).toBe(400); // schema validation, as the other reports
    expect(backwards.json().errors).toEqual([{ path: 'to', message: 'The period ends before it starts' }]);
    const tooLong = await req(admin, 'GET', '/api/reports/receivables/cash-flow?from=2020-01&to=2026-12');
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json()).toMatchObject({ code: 'receivables.period_too_long' });
  });

  it('computes DSO = open ÷ net invoiced in the last 90 days × 90, per month end and today', async () => {
    const r = await get<DsoReport>(admin, '/api/reports/receivables/dso?months=5');
    expect(r.windowDays).toBe(90);
    expect(r.months.map((m) => [m.month, m.asOf, m.openCents, m.salesCents, m.dso])).toEqual([
      ['2026-07', '2026-07-31', 0, 0, null],
      // window 2026-06-03 … 2026-08-31: I7 + I8
      ['2026-08', '2026-08-31', 178_500, 178_500, 90],
      // 2026-07-03 … 2026-09-30: August and September; 328,200 ÷ 333,200 × 90 = 88.65
      ['2026-09', '2026-09-30', 328_200, 333_200, 88.6],
      // 2026-08-03 … 2026-10-31: 178,500 + 154,700 + 130,900 − 23,800; 428,400 ÷ 440,300 × 90 = 87.57
      ['2026-10', '2026-10-31', 428_400, 440_300, 87.6],
      // 2026-08-29 … 2026-11-26 (I7, I8 of mid-August are out): 154,700 + 107,100 + 35,700
      // 408,400 ÷ 297,500 × 90 = 123.55
      ['2026-11', '2026-11-26', 408_400, 297_500, 123.5],
    ]);
    expect(r.current).toEqual(r.months[4]);
    expect((await get<DsoReport>(admin, '/api/reports/receivables/dso')).months).toHaveLength(12);
  });
});
