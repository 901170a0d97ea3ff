import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CsvMapping } from '../../../../contracts/bank-statements';
import { AppError } from '../../platform/http/errors';
import { detectCsv, proposeMapping } from './bank-csv';
import { csvAmount, csvStatement, readCsv } from './bank-csv-read';
import { detectStatementKind } from './statement-parse';

const sample = (name: string) => readFileSync(new URL(`./samples/${name}`, import.meta.url));
const rows = (entries: ReturnType<typeof readCsv>['entries']) =>
  entries.map((e) => [e.bookingDate, e.amountCents, e.creditDebit, e.counterpartyName, e.remittance]);

describe('CSV bank exports', () => {
  it('Sparkasse (CSV-CAMT, latin1, all quoted, DD.MM.YY): proposes the mapping, skips pending rows', () => {
    const file = sample('csv-sparkasse.csv');
    expect(detectStatementKind(file)).toBe('csv');
    const table = detectCsv(file);
    expect(table).toMatchObject({
      encoding: 'latin1',
      delimiter: ';',
      headerLine: 1,
      accountIban: 'DE89370400440532013000', // from the "Auftragskonto" column
    });
    const mapping = proposeMapping(table)!;
    const name = (i: number | null) => (i === null ? null : table.columns[i]);
    expect({
      bookingDate: name(mapping.bookingDate),
      valueDate: name(mapping.valueDate),
      amount: name(mapping.amount),
      counterpartyName: name(mapping.counterpartyName),
      counterpartyIban: name(mapping.counterpartyIban),
      remittance: name(mapping.remittance),
      currency: name(mapping.currency),
      reference: name(mapping.reference),
      dateFormat: mapping.dateFormat,
      decimal: mapping.decimal,
    }).toEqual({
      bookingDate: 'Buchungstag',
      valueDate: 'Valutadatum',
      amount: 'Betrag',
      counterpartyName: 'Beguenstigter/Zahlungspflichtiger',
      counterpartyIban: 'Kontonummer/IBAN',
      remittance: 'Verwendungszweck',
      currency: 'Waehrung',
      reference: 'Kundenreferenz (End-to-End)',
      dateFormat: 'DD.MM.YY',
      decimal: ',',
    });
    const read = readCsv(table, mapping);
    expect(read.errors).toEqual([]);
    expect(read.skipped).toBe(1); // "Umsatz vorgemerkt": not booked yet
    expect(rows(read.entries)).toEqual([
      [
        '2026-11-27',
        16_469_600,
        'credit',
        'Vogelgsang, Wünsche und Stein UG',
        'Rechnung RE-2026-00013 vielen Dank',
      ],
      ['2026-11-27', 186_831, 'debit', 'Stadtwerke Hamburg', 'Strom November'],
      ['2026-11-26', 123_456, 'credit', 'Lindenberg, Kühnert und Dertmann', 'Danke für die Lieferung'],
    ]);
    expect(read.entries[0]).toMatchObject({
      counterpartyIban: 'DE02120300000000202051',
      endToEndId: 'VWS-4471',
      entryRef: expect.stringMatching(/^c:[0-9a-f]{32}:0$/),
    });
  });

  it('DKB (UTF-8 with BOM, account and balance lines before the table)', () => {
    const table = detectCsv(sample('csv-dkb.csv'));
    expect(table).toMatchObject({ encoding: 'utf-8', headerLine: 5, accountIban: 'DE89370400440532013000' });
    expect(table.columns[0]).toBe('Buchungsdatum'); // no BOM left in the first name
    expect(table.preamble[0]).toBe('Girokonto DE89370400440532013000');
    const mapping = proposeMapping(table)!;
    expect(table.columns[mapping.amount!]).toBe('Betrag (€)');
    expect(table.columns[mapping.counterpartyName!]).toBe('Zahlungspflichtige*r');
    const read = readCsv(table, mapping);
    expect(read.skipped).toBe(1); // "Vorgemerkt"
    expect(rows(read.entries).map((r) => r.slice(0, 3))).toEqual([
      ['2026-11-28', 8_044_400, 'credit'],
      ['2026-11-27', 16_469_600, 'credit'],
      ['2026-11-27', 186_831, 'debit'],
    ]);
    // the same entry in another bank's layout has the same identity (same account, fields)
    const spk = readCsv(
      detectCsv(sample('csv-sparkasse.csv')),
      proposeMapping(detectCsv(sample('csv-sparkasse.csv')))!,
    );
    expect(read.entries[1]!.entryRef).toBe(spk.entries[0]!.entryRef);
  });

  it('Deutsche Bank (separate debit and credit columns, footer line, no account in the file)', () => {
    const table = detectCsv(sample('csv-deutsche-bank.csv'));
    expect(table).toMatchObject({ headerLine: 4, accountIban: null });
    const mapping = proposeMapping(table)!;
    expect(mapping).toMatchObject({ amount: null, dateFormat: 'DD.MM.YYYY', accountIban: '' });
    expect([table.columns[mapping.debit!], table.columns[mapping.credit!]]).toEqual(['Soll', 'Haben']);
    const read = readCsv(table, mapping);
    expect(read.errors).toEqual([]);
    expect(read.skipped).toBe(1); // "Kontostand;30.11.2026;…" after the table
    expect(rows(read.entries).map((r) => r.slice(0, 3))).toEqual([
      ['2026-11-27', 8_044_400, 'credit'],
      ['2026-11-27', 186_831, 'debit'],
    ]);
    // importing needs the account: the mapping is incomplete without it
    expect(CsvMapping.safeParse(mapping).success).toBe(false);
    const statement = csvStatement(
      table,
      CsvMapping.parse({ ...mapping, accountIban: 'de89 3704 0044 0532 0130 00' }),
    );
    expect(statement).toMatchObject({
      format: 'csv',
      accountIban: 'DE89370400440532013000',
      fromDate: '2026-11-27',
      toDate: '2026-11-27',
      statementId: 'CSV 2026-11-27 – 2026-11-27',
    });
  });

  it('names line and column of every value it cannot read, and imports nothing then', () => {
    const csv = [
      'Datum;Betrag;Name;Verwendungszweck;Währung',
      '27.11.2026;12,50;A;x;EUR',
      '31.11.2026;1,00;B;y;EUR',
      '28.11.2026;12,3x;C;z;EUR',
      '28.11.2026;5,00;D;z;USD',
      '28.11.2026;;E;z;EUR',
    ].join('\n');
    const table = detectCsv(Buffer.from(csv));
    const mapping = CsvMapping.parse({ ...proposeMapping(table)!, accountIban: 'DE89370400440532013000' });
    const read = readCsv(table, mapping);
    expect(read.entries).toHaveLength(1);
    expect(read.errors.map((r) => [r.line, r.errors.map((e) => [e.column, e.code, e.value])])).toEqual([
      [3, [['Datum', 'csv.bad_date', '31.11.2026']]],
      [4, [['Betrag', 'csv.bad_amount', '12,3x']]],
      [5, [['Währung', 'csv.currency', 'USD']]],
      [6, [['Betrag', 'csv.no_amount', '']]],
    ]);
    expect(read.errors[1]!.errors[0]!.message).toBe(
      'line 4, column “Betrag”: amount “12,3x” is not a number',
    );
    try {
      csvStatement(table, mapping);
      throw new Error('expected a rejection');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('bank_statements.csv_rows_invalid');
      expect((e as AppError).message).toMatch(/^CSV: 4 rows cannot be read — line 3, column “Datum”/);
    }
  });

  it('a row with another number of cells than the header is an error, not read by position', () => {
    const csv = [
      'Datum;Betrag;Name;Verwendungszweck;Währung',
      '27.11.2026;12,50;A;x;EUR',
      '27.11.2026;1,50;A2;x;EUR',
      // a `;` in an unquoted purpose: "EUR" moves one cell to the right
      '27.11.2026;-40,00;B;Miete; Nov;EUR',
      '28.11.2026;5,00;C',
      'Zwischensumme;1',
      '28.11.2026;7,00;D;y;EUR;', // a trailing `;`: the extra cell is empty
      'Kontostand;30.11.2026', // after the table: skipped
    ].join('\n');
    const table = detectCsv(Buffer.from(csv));
    const mapping = CsvMapping.parse({ ...proposeMapping(table)!, accountIban: 'DE89370400440532013000' });
    const read = readCsv(table, mapping);
    expect(rows(read.entries).map((r) => r.slice(0, 3))).toEqual([
      ['2026-11-27', 1_250, 'credit'],
      ['2026-11-27', 150, 'credit'],
      ['2026-11-28', 700, 'credit'],
    ]);
    expect(read.skipped).toBe(1);
    expect(read.errors.map((r) => [r.line, r.errors.map((e) => [e.column, e.code, e.value])])).toEqual([
      [4, [['', 'csv.bad_width', '6']]],
      [5, [['', 'csv.bad_width', '3']]],
      // no date and not the table's width, but rows follow: inside the table, not a footer
      [6, [['', 'csv.bad_width', '2']]],
    ]);
    expect(read.errors[0]!.errors[0]!.message).toBe(
      'line 4: 6 cells where the header (line 1) has 5 — is a “;” inside a value without quotes?',
    );
    expect(() => csvStatement(table, mapping)).toThrow(/^CSV: 3 rows cannot be read — line 4: 6 cells/);
  });

  it('a negative credit, or a positive debit among negative ones, is an error (never turned around)', () => {
    const file = (rows: string[]) => Buffer.from(['Buchungstag;Name;Soll;Haben', ...rows].join('\n'));
    const read = (rows: string[]) => {
      const table = detectCsv(file(rows));
      const mapping = proposeMapping(table)!;
      expect(mapping).toMatchObject({ amount: null, debit: 2, credit: 3 });
      return readCsv(table, mapping);
    };
    const signed = read([
      '01.11.2026;A;-10,00;',
      '02.11.2026;B;;20,00',
      '03.11.2026;C;5,00;',
      '04.11.2026;D;;-7,00',
    ]);
    expect(rows(signed.entries).map((r) => r.slice(0, 3))).toEqual([
      ['2026-11-01', 1_000, 'debit'],
      ['2026-11-02', 2_000, 'credit'],
    ]);
    expect(signed.errors.map((r) => [r.line, r.errors.map((e) => [e.column, e.code, e.value])])).toEqual([
      [4, [['Soll', 'csv.wrong_sign', '5,00']]],
      [5, [['Haben', 'csv.wrong_sign', '-7,00']]],
    ]);
    // a bank writing debits without a minus: they are debits
    const unsigned = read(['01.11.2026;A;10,00;', '02.11.2026;B;;20,00']);
    expect(unsigned.errors).toEqual([]);
    expect(rows(unsigned.entries).map((r) => r.slice(1, 3))).toEqual([
      [1_000, 'debit'],
      [2_000, 'credit'],
    ]);
  });

  it('a quote that is never closed is a 422 naming the line, not a shorter table', () => {
    const csv = [
      'Datum;Betrag;Name;Zweck',
      '27.11.2026;12,50;A;x',
      '28.11.2026;1,00;"B;y',
      '29.11.2026;2,00;C;z',
    ];
    try {
      detectCsv(Buffer.from(csv.join('\n')));
      throw new Error('expected a rejection');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).message).toBe(
        'CSV: the file cannot be read from line 3: a quote (") is opened but never closed',
      );
    }
    // past the first 200 lines (read after the delimiter is known) too
    const long = [...csv.slice(0, 2), ...Array.from({ length: 250 }, () => csv[1]!), csv[2]!, csv[3]!];
    expect(() => detectCsv(Buffer.from(long.join('\n')))).toThrow(/from line 253: a quote/);
  });

  it('reads Windows-1252 exports: "-12,50 €" with the € byte (0x80), „quotes“ in the purpose', () => {
    const csv = Buffer.concat([
      Buffer.from('Datum;Betrag;Name;Verwendungszweck\n27.11.2026;-12,50 ', 'latin1'),
      Buffer.from([0x80]),
      Buffer.from(';Müller;', 'latin1'),
      Buffer.from([0x84]),
      Buffer.from('Abo', 'latin1'),
      Buffer.from([0x93, 0x20, 0x96, 0x20]),
      Buffer.from('Nov\n28.11.2026;3,00;A;x\n', 'latin1'),
    ]);
    const table = detectCsv(csv);
    expect(table.encoding).toBe('latin1');
    const read = readCsv(table, proposeMapping(table)!);
    expect(read.errors).toEqual([]);
    expect(rows(read.entries)[0]).toEqual(['2026-11-27', 1_250, 'debit', 'Müller', '„Abo“ – Nov']);
  });

  it('the account of a mapping is a valid IBAN (check digits)', () => {
    const base = { bookingDate: 0, amount: 1 };
    expect(CsvMapping.safeParse({ ...base, accountIban: 'DE89 3704 0044 0532 0130 00' }).success).toBe(true);
    const typo = CsvMapping.safeParse({ ...base, accountIban: 'DE89 3704 0044 0532 0130 01' });
    expect(typo.success).toBe(false);
    expect(typo.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['accountIban', 'This is not a valid IBAN: its check digits do not match — please check it for typos'],
    ]);
    const short = CsvMapping.safeParse({ ...base, accountIban: 'DE89' });
    expect(short.error!.issues.map((i) => i.message)).toEqual(['Enter the account’s IBAN']);
  });

  it('reads a signed amount with a S/H column and decimal points', () => {
    const csv = 'Date,Amount,S/H,Payer,Purpose\n2026-11-27,"1,234.50",H,A,x\n2026-11-27,20.00,S,B,y\n';
    const table = detectCsv(Buffer.from(csv));
    expect(table.delimiter).toBe(',');
    const mapping = proposeMapping(table)!;
    expect(mapping).toMatchObject({ dateFormat: 'YYYY-MM-DD', decimal: '.', creditDebit: 2 });
    expect(rows(readCsv(table, mapping).entries).map((r) => r.slice(0, 3))).toEqual([
      ['2026-11-27', 123_450, 'credit'],
      ['2026-11-27', 2_000, 'debit'],
    ]);
  });

  it('reads German and English amounts', () => {
    expect(csvAmount('-1.234,56 €', ',')).toBe(-123_456);
    expect(csvAmount('1234,5', ',')).toBe(123_450);
    expect(csvAmount('+12', ',')).toBe(1_200);
    expect(csvAmount('12,50-', ',')).toBe(-1_250);
    expect(csvAmount('1,234.56', '.')).toBe(123_456);
    expect(csvAmount('12,3x', ',')).toBeNull();
    expect(csvAmount('1.23', ',')).toBeNull();
  });

  it('rejects what is no table', () => {
    expect(() => detectStatementKind(Buffer.from('%PDF-1.7 binary'))).toThrow(/this is a PDF/);
    expect(() =>
      detectStatementKind(Buffer.from('Sehr geehrte Damen und Herren,\nanbei der Auszug.')),
    ).toThrow(/not XML \(CAMT\.053\), not MT940 and not a CSV table/);
  });
});
