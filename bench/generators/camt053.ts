import { germanIban } from './crm';
import type { InvoiceData } from './invoices';
import { OPEN, SELLER_IBAN } from './invoices';
import { makeRng } from './pools';

/**
 * A CAMT.053.001.02 statement of `entries` credit entries that pay the bench's open invoices
 * (generators/invoices.ts: only invoices not yet due, so the due sweep's invoices stay as they are),
 * each invoice at most once. The mix, and what Kontor's matching must make of it:
 *
 *   50 %  the invoice number in the remittance (in several spellings), exact open amount → matched
 *   15 %  the invoice number, less than the open amount (partial payment)                 → matched
 *   10 %  two invoice numbers, the sum of both open amounts                               → matched (2 invoices)
 *   10 %  no invoice number, exact open amount, from the customer's known IBAN           → review, suggestion 70
 *   15 %  unknown payer and IBAN, an amount no invoice has                               → review, no suggestion
 */

export interface CamtMix {
  entries: number;
  exact: number;
  partial: number;
  several: number;
  noNumber: number;
  unmatched: number;
  /** Entries the import must apply (exact + partial + several). */
  expectedMatched: number;
  /** Entries left for review (noNumber + unmatched). */
  expectedReview: number;
  /** Invoices paid (in part or in full) by the matched entries. */
  invoicesPaid: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const amount = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** Ways people write an invoice number into a transfer. */
function spell(number: string, r: number): string {
  if (r < 0.5) return number;
  if (r < 0.7) return number.replace(/-/g, ' ');
  if (r < 0.85) return number.replace('-', '');
  return number.toLowerCase();
}

const NO_NUMBER_TEXTS = [
  'Zahlung Kundennr 4711',
  'Ausgleich offene Posten',
  'Rechnung vom Oktober',
  'Überweisung',
];
const UNMATCHED_TEXTS = ['Erstattung Kaution', 'Gutschrift Bonus', 'Rueckzahlung Vorschuss', 'Spende'];
const PAYERS = [
  'Privatkunde Max Mustermann',
  'Verein Sportfreunde e.V.',
  'Stadtwerke Nord',
  'Hausverwaltung Kühn',
];

/** The statement XML and the mix it holds. */
export function camt053Statement(
  invoices: InvoiceData,
  opts: { entries: number; seed: number; companyNames: readonly string[]; bookingDate: string },
): { xml: string; mix: CamtMix } {
  const rng = makeRng(opts.seed ^ 0xca47);
  const open: number[] = [];
  for (let k = 0; k < invoices.invoices; k++) if (invoices.status[k] === OPEN) open.push(k);
  // a random order of the open invoices, each used once
  for (let i = open.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [open[i], open[j]] = [open[j]!, open[i]!];
  }
  let next = 0;
  const take = () => {
    const k = open[next++];
    if (k === undefined) throw new Error('not enough open invoices for the bank statement');
    return k;
  };
  const mix: CamtMix = {
    entries: opts.entries,
    exact: 0,
    partial: 0,
    several: 0,
    noNumber: 0,
    unmatched: 0,
    expectedMatched: 0,
    expectedReview: 0,
    invoicesPaid: 0,
  };
  const day = opts.bookingDate;
  const parts: string[] = [];
  let total = 0;
  for (let e = 0; e < opts.entries; e++) {
    const r = rng.next();
    let cents: number;
    let name: string;
    let iban: string;
    let remittance: string[];
    if (r < 0.75) {
      const k = take();
      const number = invoices.numbers[k]!;
      const c = invoices.company[k]!;
      name = opts.companyNames[c]!;
      iban = invoices.ibanOf.get(c)!;
      if (r < 0.5) {
        cents = invoices.openCents[k]!;
        remittance = [`Rechnung ${spell(number, rng.next())}`];
        mix.exact++;
        mix.invoicesPaid++;
      } else if (r < 0.65) {
        const o = invoices.openCents[k]!;
        cents = o - 1 - rng.int(Math.floor(o / 2));
        remittance = [`${spell(number, rng.next())} Teilzahlung`];
        mix.partial++;
        mix.invoicesPaid++;
      } else {
        const k2 = take();
        // two invoices of the same customer is what happens; any two work for the matching
        cents = invoices.openCents[k]! + invoices.openCents[k2]!;
        remittance = [`RG ${spell(number, rng.next())}, ${spell(invoices.numbers[k2]!, rng.next())}`];
        mix.several++;
        mix.invoicesPaid += 2;
      }
    } else if (r < 0.85) {
      const k = take();
      const c = invoices.company[k]!;
      cents = invoices.openCents[k]!;
      name = opts.companyNames[c]!;
      iban = invoices.ibanOf.get(c)!;
      remittance = [rng.pick(NO_NUMBER_TEXTS)];
      mix.noNumber++;
    } else {
      // below the smallest invoice (59,50 €): no open amount equals it
      cents = rng.between(100, 5_900);
      name = rng.pick(PAYERS);
      iban = germanIban(rng);
      remittance = [rng.pick(UNMATCHED_TEXTS)];
      mix.unmatched++;
    }
    total += cents;
    const ref = `BENCH${String(e + 1).padStart(9, '0')}`;
    parts.push(
      `<Ntry><NtryRef>${e + 1}</NtryRef><Amt Ccy="EUR">${amount(cents)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>` +
        `<BookgDt><Dt>${day}</Dt></BookgDt><ValDt><Dt>${day}</Dt></ValDt><AcctSvcrRef>${ref}</AcctSvcrRef>` +
        `<BkTxCd><Prtry><Cd>NTRF+166</Cd><Issr>DK</Issr></Prtry></BkTxCd><NtryDtls><TxDtls>` +
        `<Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><RltdPties><Dbtr><Nm>${esc(name)}</Nm></Dbtr>` +
        `<DbtrAcct><Id><IBAN>${iban}</IBAN></Id></DbtrAcct></RltdPties>` +
        `<RmtInf>${remittance.map((u) => `<Ustrd>${esc(u)}</Ustrd>`).join('')}</RmtInf></TxDtls></NtryDtls></Ntry>\n`,
    );
  }
  mix.expectedMatched = mix.exact + mix.partial + mix.several;
  mix.expectedReview = mix.noNumber + mix.unmatched;
  const opening = 1_000_000_00;
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n` +
    `<BkToCstmrStmt><GrpHdr><MsgId>BENCH-${day}</MsgId><CreDtTm>${day}T18:00:00+01:00</CreDtTm></GrpHdr>\n` +
    `<Stmt><Id>BENCH-STMT-${day}</Id><ElctrncSeqNb>1</ElctrncSeqNb><CreDtTm>${day}T18:00:00+01:00</CreDtTm>` +
    `<FrToDt><FrDtTm>${day}T00:00:00+01:00</FrDtTm><ToDtTm>${day}T23:59:59+01:00</ToDtTm></FrToDt>` +
    `<Acct><Id><IBAN>${SELLER_IBAN}</IBAN></Id><Ccy>EUR</Ccy></Acct>\n` +
    `<Bal><Tp><CdOrPrtry><Cd>PRCD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${amount(opening)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${day}</Dt></Dt></Bal>\n` +
    `<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${amount(opening + total)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${day}</Dt></Dt></Bal>\n` +
    parts.join('') +
    `</Stmt></BkToCstmrStmt></Document>\n`;
  return { xml, mix };
}
