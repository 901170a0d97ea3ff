import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CsvMapping } from '../../../../contracts/bank-statements';
import { AppError } from '../../platform/http/errors';
import { csvAmount, csvStatement, detectCsv, proposeMapping, readCsv } from './bank-csv';
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
