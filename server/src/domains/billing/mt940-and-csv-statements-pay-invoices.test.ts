import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BankStatementWithEntries,
  CsvMappingInput,
  CsvPreview,
  ImportResult,
} from '../../../../contracts/bank-statements';
import type { BillingSettings, Invoice } from '../../../../contracts/billing';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { makeCompany } from '../sales/sales-test-helpers';

/**
 * MT940 and CSV statements through the API: they pay invoices like CAMT.053 does, the same
 * statement twice creates nothing, broken files are 422 and write nothing; CSV goes preview →
 * mapping → import, the mapping is remembered for the bank's layout, overlapping exports do not
 * double entries.
 */

const ACCOUNT = 'DE89370400440532013000';
const euro = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
const germanThousands = (cents: number) =>
  `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100).toLocaleString('de-DE')},${String(Math.abs(cents) % 100).padStart(2, '0')}`;

interface Line61 {
  cents: number;
  credit?: boolean;
  ref?: string;
  details: string;
}

/** An MT940 statement as a Sparkasse writes it (latin1, CRLF, BLZ/account number). */
function mt940(number: string, lines: Line61[], opening = 100_000): string {
  const closing = lines.reduce((s, l) => s + (l.credit === false ? -l.cents : l.cents), opening);
  const body = lines
    .map(
      (l) =>
        `:61:2611271127${l.credit === false ? 'D' : 'C'}R${euro(l.cents)}NTRFNONREF${l.ref ? `//${l.ref}` : ''}\r\n:86:${l.details}\r\n`,
    )
    .join('');
  return `:20:STARTUMSE\r\n:25:37040044/0532013000\r\n:28C:${number}\r\n:60F:C261126EUR${euro(opening)}\r\n${body}:62F:${closing < 0 ? 'D' : 'C'}261127EUR${euro(Math.abs(closing))}\r\n-\r\n`;
}

interface CsvRow {
  date: string;
  cents: number;
  name: string;
  iban?: string;
  purpose: string;
}

/** A Volksbank-like export: lines about the account first, `;`, decimal comma, signed amounts. */
function volksbankCsv(rows: CsvRow[], period: string): string {
  return [
    'Umsatzanzeige;Musterbank eG',
    `Zeitraum;${period}`,
    '',
    'Buchungstag;Valuta;Name Zahlungsbeteiligter;IBAN Zahlungsbeteiligter;Verwendungszweck;Betrag;Waehrung',
    ...rows.map(
      (r) => `${r.date};${r.date};${r.name};${r.iban ?? ''};${r.purpose};${germanThousands(r.cents)};EUR`,
    ),
    '',
  ].join('\r\n');
}

describe.each(DIALECTS)('MT940 and CSV statements pay invoices (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let accounting: TestSession;
  let customer: string;

  const req = (s: TestSession, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const upload = (body: string | Buffer, query = '', contentType = 'application/octet-stream') =>
    t.app.inject({
      method: 'POST',
      url: `/api/bank-statements${query}`,
      headers: { ...accounting.headers, 'content-type': contentType },
      payload: body,
    });
  const preview = (body: string | Buffer, query = '') =>
    t.app.inject({
      method: 'POST',
      url: `/api/bank-statements/csv-preview${query}`,
      headers: { ...accounting.headers, 'content-type': 'text/csv' },
      payload: body,
    });
  const withMapping = (m: CsvMappingInput, remember = false) =>
    `?mapping=${encodeURIComponent(JSON.stringify(m))}${remember ? '&remember=true' : ''}`;

  async function issued(unitPriceCents: number): Promise<Invoice> {
    const d = await req(admin, 'POST', '/api/invoices', {
      companyId: customer,
      lines: [{ description: 'Wartung', quantity: 1, unitPriceCents }],
    });
    expect(d.statusCode, d.body).toBe(201);
    const res = await req(accounting, 'POST', `/api/invoices/${d.json<Invoice>().id}/issue`, {
      version: d.json<Invoice>().version,
      issueDate: '2026-11-02',
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Invoice>();
  }
  const invoice = async (id: string) => (await req(admin, 'GET', `/api/invoices/${id}`)).json<Invoice>();
  const count = async (table: 'bank_statements' | 'bank_entries' | 'payments' | 'bank_csv_mappings') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = async () => ({
    statements: await count('bank_statements'),
    entries: await count('bank_entries'),
    payments: await count('payments'),
    mappings: await count('bank_csv_mappings'),
  });

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-11-26T09:00:00.000Z' });
    admin = await createUserAndLogin(t, { role: 'admin' });
    accounting = await createUserAndLogin(t, { role: 'accounting' });
    const s = (await req(admin, 'GET', '/api/billing/settings')).json<BillingSettings>();
    const res = await req(admin, 'PATCH', '/api/billing/settings', {
      version: s.version,
      sellerName: 'Muster Maschinenbau GmbH',
      street: 'Industriestraße 12',
      postalCode: '20095',
      city: 'Hamburg',
      country: 'DE',
      vatId: 'DE123456789',
      iban: ACCOUNT,
    });
    expect(res.statusCode, res.body).toBe(200);
    customer = await makeCompany(t, 'Nagel Antriebstechnik', admin);
  });
  afterAll(() => t?.close());

  it('MT940: a credit naming the invoice in SVWZ+ pays it; the same file again creates nothing', async () => {
    const a = await issued(22_000); // 261,80 €
    const b = await issued(10_000); // 119,00 €
    const number = a.number!;
    // the number cut over ?21/?22 (banks fill 27 characters), the name over ?32/?33 with an umlaut
    const svwz = `SVWZ+Rechnung Nr. ${number} Danke`;
    const name = 'Nagel Antriebstechnik GmbH Düsseldorf';
    const file = Buffer.from(
      mt940('00231/001', [
        {
          cents: a.grossCents,
          ref: 'BANK-0001',
          details: `166?00GUTSCHR. UEBERW.?109310?20EREF+NOTPROVIDED?21${svwz.slice(0, 27)}?22${svwz.slice(27)}?31DE02120300000000202051?32${name.slice(0, 27)}?33${name.slice(27)}`,
        },
        {
          cents: 186_831,
          credit: false,
          details: '105?00FOLGELASTSCHRIFT?20SVWZ+Strom November?32Stadtwerke',
        },
        { cents: 5_000, details: '166?00GUTSCHR?20SVWZ+Abschlag ohne Nummer?32Unbekannt' },
      ]) + mt940('00232/001', [{ cents: b.grossCents, details: `166?20SVWZ+${b.number}` }], 500_000),
      'latin1',
    );
    const before = await counts();
    const res = await upload(file, '', 'text/plain');
    expect(res.statusCode, res.body).toBe(201);
    const result = res.json<ImportResult>();
    expect(result).toMatchObject({
      created: true,
      matched: 2,
      review: 1,
      statement: { format: 'mt940', statementId: 'STARTUMSE 00231/001', accountIban: ACCOUNT, entryCount: 3 },
    });
    expect(result.statements!.map((s) => s.statementId)).toEqual([
      'STARTUMSE 00231/001',
      'STARTUMSE 00232/001',
    ]);
    expect(await invoice(a.id)).toMatchObject({ status: 'paid', openCents: 0 });
    expect(await invoice(b.id)).toMatchObject({ status: 'paid', openCents: 0 });
    const detail = (
      await req(accounting, 'GET', `/api/bank-statements/${result.statement.id}`)
    ).json<BankStatementWithEntries>();
    expect(detail.entries.map((e) => [e.status, e.creditDebit, e.counterpartyName])).toEqual([
      ['matched', 'credit', 'Nagel Antriebstechnik GmbH Düsseldorf'],
      ['debit', 'debit', 'Stadtwerke'],
      ['review', 'credit', 'Unbekannt'],
    ]);
    expect(detail.entries[0]!.remittance).toBe(`Rechnung Nr. ${number} Danke`);
    expect(await counts()).toEqual({
      ...before,
      statements: before.statements + 2,
      entries: before.entries + 4,
      payments: before.payments + 2,
    });

    const after = await counts();
    const again = await upload(file);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<ImportResult>()).toMatchObject({
      created: false,
      matched: 0,
      review: 0,
      statement: { id: result.statement.id, matchedCount: 1, reviewCount: 1 },
    });
    expect(await counts()).toEqual(after);
  });

  it('MT940: malformed files are 422 naming the problem, and nothing is written', async () => {
    const good = mt940('00300/001', [{ cents: 1_000, details: '166?20SVWZ+Test' }]);
    const before = await counts();
    const cases: Array<[string, RegExp]> = [
      [good.replace(/:25:.*\r\n/, ''), /MT940: the statement \(line 1\) has no account \(:25:\)/],
      [good.replace(/:62F:.*\r\n/, ''), /no closing balance/],
      [
        good.replace('CR10,00', 'CR10,0O'),
        /line 5: the entry \(:61:\) has an amount that is not a number: "10,0ONTRFNON"/,
      ],
      [good.replace(/EUR/g, 'CHF'), /kept in CHF; only EUR/],
      [good.replace(/C261127EUR[\d,]+/, 'C261127EUR999,99'), /does not add up/],
      // the second statement is broken: the first is not imported either
      [
        good + good.replace('00300/001', '00301/001').replace(/:60F:.*\r\n/, ''),
        /statement 2 .*no opening balance/,
      ],
    ];
    for (const [body, message] of cases) {
      const res = await upload(body);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json<{ detail: string }>().detail).toMatch(message);
    }
    expect(await counts()).toEqual(before);
  });

  it('CSV: preview proposes a mapping, the import with it pays the invoice and remembers it; the next export proposes it', async () => {
    const a = await issued(30_000); // 357,00 €
    const b = await issued(40_000); // 476,00 €
    const c = await issued(50_000); // 595,00 €
    const first = volksbankCsv(
      [
        {
          date: '25.11.2026',
          cents: a.grossCents,
          name: 'Nagel Antriebstechnik',
          purpose: `Rechnung ${a.number}`,
        },
        { date: '25.11.2026', cents: -4_250, name: 'Tankstelle', purpose: 'Diesel' },
        {
          date: '26.11.2026',
          cents: 777,
          name: 'Niemand',
          iban: 'DE02120300000000202051',
          purpose: 'Spende',
        },
      ],
      '01.11.2026 - 26.11.2026',
    );
    const before = await counts();

    // no mapping known yet: the import says so with a code the UI opens the mapping step on
    const ask = await upload(first, '', 'text/csv');
    expect(ask.statusCode, ask.body).toBe(422);
    expect(ask.json<{ code: string }>().code).toBe('bank_statements.csv_mapping_required');

    const res = await preview(Buffer.from(first, 'latin1'));
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<CsvPreview>();
    expect(p).toMatchObject({
      delimiter: ';',
      headerLine: 4,
      mappingSource: 'proposed',
      totalRows: 3,
      rowErrors: [],
      preamble: ['Umsatzanzeige Musterbank eG', 'Zeitraum 01.11.2026 - 26.11.2026'],
    });
    expect(p.columns).toEqual([
      'Buchungstag',
      'Valuta',
      'Name Zahlungsbeteiligter',
      'IBAN Zahlungsbeteiligter',
      'Verwendungszweck',
      'Betrag',
      'Waehrung',
    ]);
    expect(p.mapping).toMatchObject({
      bookingDate: 0,
      valueDate: 1,
      counterpartyName: 2,
      counterpartyIban: 3,
      remittance: 4,
      amount: 5,
      currency: 6,
      accountIban: '', // the file does not name its account
    });
    expect(p.rows.map((r) => [r.line, r.amountCents, r.creditDebit])).toEqual([
      [5, a.grossCents, 'credit'],
      [6, 4_250, 'debit'],
      [7, 777, 'credit'],
    ]);
    // without the account the mapping is incomplete: 422 naming the field, nothing written
    const incomplete = await upload(first, withMapping(p.mapping!), 'text/csv');
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json<{ errors: Array<{ path: string }> }>().errors[0]!.path).toBe(
      'mapping.accountIban',
    );

    const mapping = { ...p.mapping!, accountIban: 'DE89 3704 0044 0532 0130 00' };
    const imported = await upload(first, withMapping(mapping, true), 'text/csv');
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json<ImportResult>()).toMatchObject({
      created: true,
      matched: 1,
      review: 1,
      skipped: 0,
      statement: {
        format: 'csv',
        accountIban: ACCOUNT,
        fromDate: '2026-11-25',
        toDate: '2026-11-26',
        entryCount: 3,
      },
    });
    expect(await invoice(a.id)).toMatchObject({ status: 'paid', openCents: 0 });
    expect(await counts()).toMatchObject({
      statements: before.statements + 1,
      entries: before.entries + 3,
      payments: before.payments + 1,
      mappings: before.mappings + 1,
    });

    // the same file again: nothing new
    const same = await upload(first, withMapping(mapping), 'text/csv');
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json<ImportResult>()).toMatchObject({
      created: false,
      statement: { id: imported.json<ImportResult>().statement.id },
    });

    // the next export of the bank overlaps the first (26.11.) and brings b and c: the preview
    // proposes the remembered mapping, the entry of 26.11. is not imported again
    const second = volksbankCsv(
      [
        {
          date: '26.11.2026',
          cents: 777,
          name: 'Niemand',
          iban: 'DE02120300000000202051',
          purpose: 'Spende',
        },
        {
          date: '27.11.2026',
          cents: b.grossCents + c.grossCents,
          name: 'Nagel',
          purpose: `${b.number} ${c.number}`,
        },
      ],
      '26.11.2026 - 27.11.2026',
    );
    const remembered = (await preview(second)).json<CsvPreview>();
    expect(remembered).toMatchObject({ mappingSource: 'remembered', mapping: { accountIban: ACCOUNT } });
    // the file does not name its account: the remembered mapping (maybe another account's) is only
    // proposed — importing without one asks, and writes nothing
    const unconfirmed = await upload(second, '', 'text/csv');
    expect(unconfirmed.statusCode, unconfirmed.body).toBe(422);
    expect(unconfirmed.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'bank_statements.csv_mapping_required',
      detail: expect.stringMatching(/does not name its account/),
    });
    expect(await count('bank_entries')).toBe(before.entries + 3);
    const next = await upload(second, withMapping(remembered.mapping!), 'text/csv');
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json<ImportResult>()).toMatchObject({
      created: true,
      matched: 1,
      review: 0,
      skipped: 1,
      statement: { entryCount: 1, fromDate: '2026-11-26', toDate: '2026-11-27' },
    });
    expect(await invoice(b.id)).toMatchObject({ status: 'paid' });
    expect(await invoice(c.id)).toMatchObject({ status: 'paid' });
    const spenden = await t.ctx.db
      .selectFrom('bank_entries')
      .select('id')
      .where('amount_cents', '=', 777)
      .execute();
    expect(spenden).toHaveLength(1);

    // an export holding only entries imported before: nothing new
    const third = volksbankCsv(
      [
        {
          date: '26.11.2026',
          cents: 777,
          name: 'Niemand',
          iban: 'DE02120300000000202051',
          purpose: 'Spende',
        },
      ],
      '26.11.2026 - 26.11.2026',
    );
    const nothing = await upload(third, withMapping(mapping), 'text/csv');
    expect(nothing.statusCode, nothing.body).toBe(200);
    expect(nothing.json<ImportResult>()).toMatchObject({ created: false, skipped: 1 });
    expect(await count('bank_entries')).toBe(before.entries + 4);
  });

  it('CSV: two overlapping exports imported at the same moment keep the shared entry once', async () => {
    const shared = { date: '10.11.2026', cents: 4_711, name: 'Zugleich', purpose: 'Gemeinsame Buchung' };
    const one = volksbankCsv([shared, { ...shared, cents: 1_111, purpose: 'nur eins' }], 'A');
    const two = volksbankCsv([shared, { ...shared, cents: 2_222, purpose: 'nur zwei' }], 'B');
    const p = (await preview(one)).json<CsvPreview>();
    const m = withMapping({ ...p.mapping!, accountIban: ACCOUNT });
    const results = await Promise.all([upload(one, m, 'text/csv'), upload(two, m, 'text/csv')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 201]);
    expect(results.map((r) => r.json<ImportResult>().skipped).sort()).toEqual([0, 1]);
    const rows = await t.ctx.db
      .selectFrom('bank_entries')
      .select('amount_cents')
      .where('amount_cents', 'in', [4_711, 1_111, 2_222])
      .execute();
    expect(rows.map((r) => Number(r.amount_cents)).sort()).toEqual([1_111, 2_222, 4_711]);
  });

  it('CSV: a file naming its account imports with the mapping remembered for its layout; a mapping naming another account or a wrong IBAN is 422', async () => {
    const OTHER = 'DE02120300000000202051';
    /** A DKB-like export: the account in the lines before the table. */
    const dkb = (account: string, rows: Array<[string, number, string]>) =>
      [
        `Girokonto;${account}`,
        '',
        'Buchungsdatum;Wertstellung;Zahlungspflichtige*r;IBAN;Verwendungszweck;Betrag (€)',
        ...rows.map(
          ([date, cents, purpose]) => `${date};${date};Jemand;;${purpose};${germanThousands(cents)}`,
        ),
        '',
      ].join('\n');
    const file = dkb('DE89 3704 0044 0532 0130 00', [['12.11.2026', 3_301, 'Konto eins']]);
    const p = (await preview(file)).json<CsvPreview>();
    expect(p).toMatchObject({ mappingSource: 'proposed', mapping: { accountIban: ACCOUNT } });
    const before = await counts();
    // the file names ACCOUNT: a mapping naming another account would file its entries there
    const other = await upload(file, withMapping({ ...p.mapping!, accountIban: OTHER }), 'text/csv');
    expect(other.statusCode, other.body).toBe(422);
    expect(other.json<{ code: string; errors: Array<{ path: string; message: string }> }>()).toMatchObject({
      code: 'bank_statements.csv_mapping_invalid',
      errors: [{ path: 'mapping.accountIban', message: expect.stringMatching(/export of account DE89/) }],
    });
    // an IBAN whose check digits do not match
    const typo = await upload(
      file,
      withMapping({ ...p.mapping!, accountIban: 'DE89370400440532013001' }),
      'text/csv',
    );
    expect(typo.statusCode, typo.body).toBe(422);
    expect(typo.json<{ errors: Array<{ path: string; message: string }> }>().errors).toEqual([
      { path: 'mapping.accountIban', message: expect.stringMatching(/not a valid IBAN: its check digits/) },
    ]);
    expect(await counts()).toEqual(before);

    const first = await upload(file, withMapping(p.mapping!, true), 'text/csv');
    expect(first.statusCode, first.body).toBe(201);
    // the next export of the same account: the mapping remembered for it is used without asking
    const next = await upload(
      dkb('DE89370400440532013000', [['13.11.2026', 3_302, 'Konto eins, später']]),
      '',
      'text/csv',
    );
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json<ImportResult>().statement).toMatchObject({ accountIban: ACCOUNT, entryCount: 1 });
    // another account's export of the same layout names its account: the layout's mapping fits it
    const second = await upload(dkb(OTHER, [['13.11.2026', 3_303, 'Konto zwei']]), '', 'text/csv');
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json<ImportResult>().statement).toMatchObject({ accountIban: OTHER, entryCount: 1 });
  });

  it('CSV: a row with a stray separator, a negative credit or an unclosed quote is 422 naming the line', async () => {
    const header = 'Buchungstag;Valuta;Name;Verwendungszweck;Soll;Haben;Waehrung';
    const good = [
      '20.11.2026;20.11.2026;A;Miete;-10,00;;EUR',
      '21.11.2026;21.11.2026;B;Gutschrift;;20,00;EUR',
    ];
    const before = await counts();
    const p = (await preview([header, ...good].join('\n'))).json<CsvPreview>();
    expect(p.rowErrors).toEqual([]);
    const m = withMapping({ ...p.mapping!, accountIban: ACCOUNT });
    // "Miete;" unquoted: one cell more than the header — read by position, -10,00 lands in "Haben"
    const stray = await upload([header, ...good].join('\n').replace('Miete', 'Miete;'), m);
    expect(stray.statusCode, stray.body).toBe(422);
    expect(stray.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'bank_statements.csv_rows_invalid',
      detail: expect.stringContaining('line 2: 8 cells where the header (line 1) has 7'),
    });
    const negative = await upload([header, ...good].join('\n').replace(';;20,00;', ';;-20,00;'), m);
    expect(negative.statusCode, negative.body).toBe(422);
    expect(negative.json<{ detail: string }>().detail).toMatch(
      /line 3, column “Haben”: the credit amount “-20,00” is negative/,
    );
    const quote = await upload([header, ...good, '22.11.2026;22.11.2026;"C;offen;;5,00;EUR'].join('\n'), m);
    expect(quote.statusCode, quote.body).toBe(422);
    expect(quote.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'bank_statements.invalid_file',
      detail: 'CSV: the file cannot be read from line 4: a quote (") is opened but never closed',
    });
    expect(await counts()).toEqual(before);
  });

  it('CSV: a row that cannot be read is 422 naming line and column, and nothing is written', async () => {
    const file = volksbankCsv(
      [
        { date: '20.11.2026', cents: 1_000, name: 'A', purpose: 'x' },
        { date: '21.11.2026', cents: 2_000, name: 'B', purpose: 'y' },
      ],
      'Nov',
    ).replace('20,00', '20,0x');
    const before = await counts();
    const p = (await preview(file)).json<CsvPreview>();
    expect(p.rowErrors).toMatchObject([
      { line: 6, errors: [{ column: 'Betrag', code: 'csv.bad_amount', value: '20,0x' }] },
    ]);
    const res = await upload(file, withMapping({ ...p.mapping!, accountIban: ACCOUNT }, true), 'text/csv');
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'bank_statements.csv_rows_invalid',
      detail: 'CSV: 1 row cannot be read — line 6, column “Betrag”: amount “20,0x” is not a number',
    });
    expect(await counts()).toEqual(before);
    // a mapping naming a column the file does not have
    const bad = await upload(
      file.replace('20,0x', '20,00'),
      withMapping({ ...p.mapping!, amount: 12, accountIban: ACCOUNT }),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ detail: string }>().detail).toMatch(/column 13, but the table has 7 columns/);
    // an XML file is no CSV to preview
    const xml = await preview('<?xml version="1.0"?><Document/>');
    expect(xml.statusCode).toBe(422);
    expect(xml.json<{ code: string }>().code).toBe('bank_statements.not_csv');
    expect(await counts()).toEqual(before);
  });

  it('documents the import and the CSV preview in OpenAPI', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json<{
      paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>>;
    }>().paths;
    expect(paths['/api/bank-statements/csv-preview']?.post).toBeDefined();
    expect(paths['/api/bank-statements']!.post!.parameters!.map((p) => p.name)).toEqual([
      'mapping',
      'remember',
    ]);
  });
});
