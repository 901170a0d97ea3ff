import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors';
import { decodeText } from './bank-file-text';
import { germanIban, mt940Amount, parseMt940 } from './mt940';
import { parseDetails } from './mt940-details';
import { detectStatementKind } from './statement-parse';

const sample = (name: string) => readFileSync(new URL(`./samples/${name}`, import.meta.url));

function rejection(file: string | Buffer): string {
  try {
    parseMt940(file);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(422);
    return (e as AppError).message;
  }
  throw new Error('expected a rejection');
}

/** A minimal statement: opening 100,00, the given :61:/:86: lines, closing balance as given. */
const statement = (body: string, closing = 'C261127EUR338,00', opening = 'C261126EUR100,00') =>
  `:20:STARTUMSE\r\n:25:DE89370400440532013000\r\n:28C:1/1\r\n:60F:${opening}\r\n${body}:62F:${closing}\r\n-\r\n`;

describe('MT940 parser', () => {
  it('reads a Sparkasse export (latin1, two statements): balances, credits, a batch and debits', () => {
    const file = sample('mt940-sparkasse.sta');
    expect(detectStatementKind(file)).toBe('mt940');
    const [first, second, ...rest] = parseMt940(file);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      format: 'mt940',
      statementId: 'STARTUMSE 00231/001',
      // BLZ/account number → the account's IBAN, as CAMT.053 names it
      accountIban: 'DE89370400440532013000',
      fromDate: '2026-11-26',
      toDate: '2026-11-27',
      openingBalanceCents: 2_500_000,
      closingBalanceCents: 7_620_569,
    });
    expect(first!.entries).toHaveLength(3);
    expect(first!.entries[0]).toEqual({
      entryRef: 'b:0815-0001',
      position: 0,
      bookingDate: '2026-11-27',
      valueDate: '2026-11-27',
      amountCents: 2_618_000,
      creditDebit: 'credit',
      // ?32 + ?33, the ?21/?22 purpose joined mid-number, SEPA keys split off
      counterpartyName: 'Ahlke Drehteile GmbH & Co. KG',
      counterpartyIban: 'DE02120300000000202051',
      remittance: 'Zahlung zu RE-2026-00011 Ahlke Drehteile',
      endToEndId: 'AHLKE-2026-118',
    });
    expect(first!.entries[1]).toMatchObject({
      remittance: 'RE 2026 00012 Nagel Antriebstechnik',
      endToEndId: null, // NOTPROVIDED
    });
    expect(first!.entries[2]).toMatchObject({
      creditDebit: 'debit',
      amountCents: 186_831,
      counterpartyName: 'Stadtwerke Hamburg',
      remittance: 'Strom November',
      endToEndId: 'SWHH-2026-11',
    });
    expect(second).toMatchObject({ statementId: 'STARTUMSE 00232/001', openingBalanceCents: 7_620_569 });
    // a batch (Sammler) is one entry: MT940 does not list its items
    expect(second!.entries[0]).toMatchObject({
      creditDebit: 'debit',
      amountCents: 450_000,
      counterpartyName: null,
      remittance: 'SAMMLER 3 POSTEN Lieferantenzahlungen KW 48',
    });
    // latin1 umlauts, a name over ?32/?33
    expect(second!.entries[1]).toMatchObject({
      counterpartyName: 'Lindenberg, Kühnert und Dertmann',
      remittance: 'Danke für die schnelle Lieferung',
    });
    // statements are told apart by their number, dates and balances
    expect(first!.identity).not.toEqual(second!.identity);
  });

  it('reads UTF-8, a SWIFT envelope, RC/RD reversals, a year boundary and entries without bank reference', () => {
    const body = [
      ':61:2701021231CR100,00NTRFNONREF',
      ':86:Freitext ohne Struktur',
      ':61:270102RD50,00NMSCNONREF',
      ':86:166?00GUTSCHR?20SVWZ+Storno Lastschrift',
      ':61:270102RC12,00NMSCNONREF',
      ':61:270102RC12,00NMSCNONREF',
      '',
    ].join('\r\n');
    const text = `{1:F01COBADEFFAXXX0000000000}{2:O940}{4:\r\n${statement(body, 'C270102EUR226,00', 'C261231EUR100,00').replace('-\r\n', '-}')}`;
    const [s] = parseMt940(Buffer.from(text, 'utf8'));
    expect(s!.entries.map((e) => [e.bookingDate, e.valueDate, e.creditDebit, e.amountCents])).toEqual([
      ['2026-12-31', '2027-01-02', 'credit', 10_000],
      ['2027-01-02', '2027-01-02', 'credit', 5_000],
      ['2027-01-02', '2027-01-02', 'debit', 1_200],
      ['2027-01-02', '2027-01-02', 'debit', 1_200],
    ]);
    expect(s!.entries[0]!.remittance).toBe('Freitext ohne Struktur');
    expect(s!.entries[1]!.remittance).toBe('Storno Lastschrift');
    // two identical entries: hashed refs that differ by their position among identical ones
    const [, , a, b] = s!.entries;
    expect(a!.entryRef).toMatch(/^h:[0-9a-f]{32}:0$/);
    expect(b!.entryRef).toBe(a!.entryRef.replace(/:0$/, ':1'));
    // parsing again gives the same refs (stable identity)
    expect(parseMt940(Buffer.from(text, 'utf8'))[0]!.entries.map((e) => e.entryRef)).toEqual(
      s!.entries.map((e) => e.entryRef),
    );
  });

  it.each([
    ['not MT940', 'Hallo Welt', /not an MT940 statement/],
    ['no :25:', ':20:X\r\n:28C:1\r\n:60F:C261126EUR1,00\r\n:62F:C261126EUR1,00\r\n-', /no account \(:25:\)/],
    [
      'no :60F:',
      ':20:X\r\n:25:DE89370400440532013000\r\n:62F:C261126EUR1,00\r\n-',
      /no opening balance \(:60F: or :60M:\)/,
    ],
    [
      'no :62F:',
      ':20:X\r\n:25:DE89370400440532013000\r\n:60F:C261126EUR1,00\r\n-',
      /no closing balance \(:62F: or :62M:\)/,
    ],
    ['a bad amount', statement(':61:2611271127CR12,3X4NTRFNONREF\r\n'), /line 5: .*amount .*not a number/],
    ['a foreign currency', statement('', 'C261127USD100,00', 'C261126USD100,00'), /kept in USD; only EUR/],
    [
      'entries that do not add up',
      statement(':61:2611271127CR238,00NTRFNONREF\r\n', 'C261127EUR300,00'),
      /does not add up: opening balance 100,00 \+ entries 238,00 ≠ closing balance 300,00/,
    ],
    [
      'a bad account',
      ':20:X\r\n:25:Girokonto\r\n:60F:C261126EUR1,00\r\n:62F:C261126EUR1,00\r\n-',
      /neither an IBAN/,
    ],
    ['an MT942', ':20:X\r\n:25:DE89370400440532013000\r\n:34F:EUR0,\r\n:13D:2611271200+0100\r\n-', /MT942/],
  ])('rejects %s naming the problem', (_what, text, message) => {
    expect(rejection(Buffer.from(text, 'latin1'))).toMatch(message);
  });

  it('names the statement in a file of several', () => {
    const good = statement(':61:2611271127CR238,00NTRFNONREF\r\n');
    const bad = good.replace(':60F:C261126EUR100,00\r\n', '');
    expect(rejection(good + bad)).toMatch(/statement 2 .*no opening balance/);
  });

  it('reads amounts, IBANs and :86: subfields', () => {
    expect(mt940Amount('1234,5')).toBe(123_450);
    expect(mt940Amount('0,07')).toBe(7);
    expect(mt940Amount('12,')).toBe(1_200);
    expect(mt940Amount('12.50')).toBeNull();
    expect(germanIban('37040044', '532013000')).toBe('DE89370400440532013000');
    expect(
      parseDetails(
        '166?00GUTSCHR?20EREF+E1?21KREF+K1?22MREF+M1?23SVWZ+RE-2026-00001?31DE02120300000000202051',
      ),
    ).toMatchObject({
      gvc: '166',
      bookingText: 'GUTSCHR',
      sepa: { EREF: 'E1', KREF: 'K1', MREF: 'M1', SVWZ: 'RE-2026-00001' },
      purpose: 'RE-2026-00001',
      account: 'DE02120300000000202051',
    });
  });

  it('decodes Windows-1252 bytes 0x80–0x9F (€, „, “, –, …) of non-UTF-8 exports as those characters', () => {
    // "„Miete“ – Nov… -12,50 €" + ä (0xE4) as a Windows-1252 file
    const bytes = Buffer.from([
      0x84,
      ...Buffer.from('Miete', 'latin1'),
      0x93,
      0x20,
      0x96,
      0x20,
      ...Buffer.from('Nov', 'latin1'),
      0x85,
      0x20,
      ...Buffer.from('-12,50 ', 'latin1'),
      0x80,
      0x20,
      0xe4,
    ]);
    expect(decodeText(bytes)).toEqual({ text: '„Miete“ – Nov… -12,50 € ä', encoding: 'latin1' });
    // the bytes Windows-1252 leaves undefined stay what latin1 makes of them
    expect(decodeText(Buffer.from([0x81, 0x8d, 0x8f, 0x90, 0x9d])).text).toBe(
      '\u0081\u008d\u008f\u0090\u009d',
    );
    expect(decodeText(Buffer.from('\uFEFF12,50 €', 'utf8'))).toEqual({ text: '12,50 €', encoding: 'utf-8' });
  });
});
