import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors';
import { amountToCents, parseCamt053 } from './camt053';
import { findInvoiceNumbers, similarNames } from './matching';

const sample = (name: string) => readFileSync(new URL(`./samples/${name}`, import.meta.url));

function rejection(file: string | Buffer): string {
  try {
    parseCamt053(file);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(422);
    return (e as AppError).message;
  }
  throw new Error('expected a rejection');
}

describe('CAMT.053 parser', () => {
  it.each(['02', '04'])('reads version .001.%s: statement, balances, credit and debit entries', (v) => {
    const s = parseCamt053(sample(`camt053.001.${v}.xml`));
    expect(s).toMatchObject({
      format: `camt.053.001.${v}`,
      accountIban: 'DE89370400440532013000',
      fromDate: '2026-11-20',
      toDate: '2026-11-20',
      openingBalanceCents: 1_000_000,
      closingBalanceCents: 1_018_800,
    });
    expect(s.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(s.entries).toHaveLength(2);
    expect(s.entries[0]).toMatchObject({
      position: 0,
      amountCents: 23_800,
      creditDebit: 'credit',
      bookingDate: '2026-11-20',
      valueDate: '2026-11-20',
      counterpartyName: 'Hansen Maschinenbau GmbH',
      counterpartyIban: 'DE02120300000000202051',
      remittance: 'Rechnung RE-2026-00001 Kunde 4711',
      endToEndId: 'E2E-0001',
    });
    expect(s.entries[1]).toMatchObject({
      amountCents: 5_000,
      creditDebit: 'debit',
      bookingDate: '2026-11-20',
      counterpartyName: 'Bürobedarf Nord KG',
      counterpartyIban: 'DE12500105170648489890',
      endToEndId: null,
    });
    // no AcctSvcrRef on the debit: a hash of its fields and position
    expect(s.entries[1]!.entryRef).toMatch(/^h:[0-9a-f]{32}$/);
  });

  it('reads version .001.08 (party wrapped in Pty, status as Cd, DtTm booking date)', () => {
    const s = parseCamt053(sample('camt053.001.08.xml'));
    expect(s).toMatchObject({
      format: 'camt.053.001.08',
      statementId: 'STMT-2026-11-22-V08',
      openingBalanceCents: -550,
      closingBalanceCents: 119_450,
    });
    expect(s.entries).toEqual([
      {
        entryRef: 'V08-0001',
        position: 0,
        bookingDate: '2026-11-22',
        valueDate: '2026-11-23',
        amountCents: 120_000,
        creditDebit: 'credit',
        counterpartyName: 'Huber Präzisionstechnik AG',
        counterpartyIban: 'AT611904300234573201',
        remittance: 'RE 2026 00002, RE202600003',
        endToEndId: 'E2E-V08-1',
      },
    ]);
  });

  it('splits a batch entry with several transactions into one entry per transaction', () => {
    const v08 = sample('camt053.001.08.xml').toString('utf8');
    const tx = (amt: string, name: string, ref: string) =>
      `<TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">${amt}</Amt></TxAmt></AmtDtls><RltdPties><Dbtr><Pty><Nm>${name}</Nm></Pty></Dbtr></RltdPties><RmtInf><Ustrd>${ref}</Ustrd></RmtInf></TxDtls>`;
    const batch = v08.replace(
      /<NtryDtls>[\s\S]*<\/NtryDtls>/,
      `<NtryDtls>${tx('1000.00', 'Huber', 'RE-2026-00002')}${tx('200', 'Hansen', 'RE-2026-00003')}</NtryDtls>`,
    );
    const s = parseCamt053(batch);
    expect(
      s.entries.map((e) => [e.entryRef, e.position, e.amountCents, e.counterpartyName, e.remittance]),
    ).toEqual([
      ['V08-0001/1', 0, 100_000, 'Huber', 'RE-2026-00002'],
      ['V08-0001/2', 1, 20_000, 'Hansen', 'RE-2026-00003'],
    ]);
  });

  it('reads the demo statement in docs/samples', () => {
    const s = parseCamt053(
      readFileSync(new URL('../../../../docs/samples/camt053-demo.xml', import.meta.url)),
    );
    expect(s).toMatchObject({ format: 'camt.053.001.08', statementId: 'DEMO-STMT-2026-11-27' });
    expect(s.entries.map((e) => e.creditDebit)).toEqual([
      'credit',
      'credit',
      'credit',
      'credit',
      'credit',
      'debit',
    ]);
    expect(s.entries[2]!.remittance).toBe('RE202600006 RE202600008');
  });

  it('rejects what is not a CAMT.053 EUR statement with a message naming the problem', () => {
    const v02 = sample('camt053.001.02.xml').toString('utf8');
    expect(rejection('')).toMatch(/the file is empty/);
    expect(
      rejection(':20:STARTUMSE\n:25:37040044/0532013000\n:28C:00001/001\n:61:2611201120CR238,00NTRFNONREF\n'),
    ).toMatch(/MT940/);
    expect(rejection('Datum;Betrag\n2026-11-20;238,00')).toMatch(/not XML/);
    expect(rejection(v02.replace('</Stmt>', ''))).toMatch(/the XML is malformed \(line \d+/);
    expect(
      rejection(
        v02.replace(/BkToCstmrStmt/g, 'BkToCstmrDbtCdtNtfctn').replace('camt.053.001.02', 'camt.054.001.02'),
      ),
    ).toBe(
      'not a CAMT.053 statement: root element is Document/BkToCstmrDbtCdtNtfctn (camt.054); expected Document/BkToCstmrStmt',
    );
    expect(rejection('<?xml version="1.0"?><invoice><id>1</id></invoice>')).toMatch(
      /root element is invoice/,
    );
    expect(rejection(v02.replace('camt.053.001.02', 'camt.053.001.11'))).toMatch(
      /unsupported CAMT version camt\.053\.001\.11/,
    );
    expect(rejection(v02.replace('<Amt Ccy="EUR">238.00</Amt>', '<Amt Ccy="CHF">238.00</Amt>'))).toBe(
      'CAMT.053: entry 1 is in CHF; only EUR entries can be imported',
    );
    expect(rejection(v02.replace('<Amt Ccy="EUR">238.00</Amt>', '<Amt Ccy="EUR">2,38.00</Amt>'))).toMatch(
      /entry 1 has an amount that is not a decimal number/,
    );
    expect(rejection(v02.replace(/<IBAN>DE89370400440532013000<\/IBAN>/, ''))).toMatch(/no account IBAN/);
    // no Stmt/Id: accepted, identified by the file's hash
    expect(parseCamt053(v02.replace('<Id>STMT-2026-11-20</Id>', '')).statementId).toBe('');
    expect(rejection(v02.replace('<CdtDbtInd>CRDT</CdtDbtInd>\n        <Sts>', '<Sts>'))).toMatch(
      /entry 1 has no credit\/debit indicator/,
    );
  });

  it('converts amounts without floating point', () => {
    expect(amountToCents('0.1')).toBe(10);
    expect(amountToCents('1234567.89')).toBe(123_456_789);
    expect(amountToCents('12')).toBe(1200);
    expect(amountToCents('-5')).toBeNull();
  });
});

describe('matching signals', () => {
  it('finds invoice numbers in any spelling', () => {
    const fmt = 'RE-{YYYY}-{NNNNN}';
    expect(findInvoiceNumbers('Rechnung RE-2026-00012 vom 1.11.', fmt, 2026)).toEqual(['RE-2026-00012']);
    expect(findInvoiceNumbers('re 2026 00012 und RE202600013', fmt, 2026)).toEqual([
      'RE-2026-00012',
      'RE-2026-00013',
    ]);
    expect(findInvoiceNumbers('RE/2026/12', fmt, 2026)).toEqual(['RE-2026-00012']);
    expect(findInvoiceNumbers('PRE-2026-00012X', fmt, 2026)).toEqual([]);
    expect(findInvoiceNumbers('Kunde 4711', fmt, 2026)).toEqual([]);
    expect(findInvoiceNumbers('Rg. 26/0042', '{YY}/{NNNN}', 2026)).toEqual(['26/0042']);
  });

  it('compares names without legal forms and umlaut spelling', () => {
    expect(similarNames('HANSEN MASCHINENBAU GMBH', 'Hansen Maschinenbau')).toBe(true);
    expect(similarNames('Huber Praezisionstechnik AG', 'Huber Präzisionstechnik')).toBe(true);
    expect(similarNames('Müller GmbH', 'Hansen Maschinenbau')).toBe(false);
  });
});
