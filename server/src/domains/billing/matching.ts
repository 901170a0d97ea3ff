import type { BankEntrySuggestion } from '../../../../contracts/bank-statements';
import type { DbOrTx, Dialect } from '../../platform/db/database';
import { findCompaniesByIban } from '../companies';
import { invoicesByNumbers, type OpenInvoice, openInvoicesWithAmount } from './bank-statements.repository';
import type { ParsedEntry } from './camt053';
import { latestNoticeTotals } from './dunning.repository';
import { formatInvoiceNumber } from './numbering';

/**
 * Matching a credit entry to open invoices. Signals: invoice numbers in the remittance text (in
 * any spelling: RE-2026-00012, RE 2026 00012, RE202600012), the amount against the open amounts,
 * the counterparty's IBAN against the companies' known IBANs, and its name against the buyer name.
 *
 *   number + exact open amount                          → 100, applied
 *   number + smaller amount (partial payment)           →  90, applied
 *   several numbers, open amounts sum to the amount     → 100, applied to each
 *   number + the total of its latest dunning notice     → 100, the open amount applied (the
 *                                                         surplus is the dunning charges)
 *   number + larger amount (overpayment), or unclear    → review, with the invoices as suggestions
 *   no number, exact amount + unique IBAN/name match    →  70 suggestion, review
 *   anything else                                       → review without suggestion
 */
export interface MatchDecision {
  /** Apply these allocations now (status matched), or leave the entry for review. */
  apply: Array<{ invoiceId: string; amountCents: number }> | null;
  confidence: number;
  suggestions: BankEntrySuggestion[];
  note: string | null;
}

const LEGAL_FORMS = new Set([
  'gmbh',
  'mbh',
  'ag',
  'kg',
  'ohg',
  'ug',
  'gbr',
  'ek',
  'co',
  'se',
  'ltd',
  'inc',
  'haftungsbeschraenkt',
  'und',
  'and',
]);

/** Lower-case words of a company or person name without legal forms and punctuation. */
export function nameTokens(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter((t) => t.length > 1 && !LEGAL_FORMS.has(t));
}

/** Names are similar when most words of the shorter one appear in the other. */
export function similarNames(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  const ta = new Set(nameTokens(a));
  const tb = new Set(nameTokens(b));
  if (ta.size === 0 || tb.size === 0) return false;
  const [small, large] = ta.size <= tb.size ? [ta, tb] : [tb, ta];
  let common = 0;
  for (const t of small) if (large.has(t)) common += 1;
  return common / small.size >= 0.6;
}

/**
 * A regex that finds invoice numbers of `format` (e.g. `RE-{YYYY}-{NNNNN}`) in free text, with any
 * separators or none between the parts; groups: year, running number.
 */
export function invoiceNumberPattern(format: string): RegExp {
  let cached = patterns.get(format);
  if (!cached) {
    cached = buildInvoiceNumberPattern(format);
    if (patterns.size > 20) patterns.clear();
    patterns.set(format, cached);
  }
  // a fresh RegExp per caller: a global regex carries lastIndex
  return new RegExp(cached);
}

/** The patterns per number format: a statement of 100,000 entries builds the regex once. */
const patterns = new Map<string, RegExp>();

function buildInvoiceNumberPattern(format: string): RegExp {
  let src = '';
  let i = 0;
  while (i < format.length) {
    const rest = format.slice(i);
    const token = /^\{(YYYY|YY|N+)\}/.exec(rest);
    if (token) {
      const t = token[1]!;
      src +=
        t === 'YYYY'
          ? '(?<year>\\d{4})'
          : t === 'YY'
            ? '(?<yy>\\d{2})'
            : `(?<n>\\d{1,${Math.max(t.length, 9)}})`;
      i += token[0].length;
      continue;
    }
    const ch = format[i]!;
    if (/[A-Za-z0-9]/.test(ch))
      src += ch.replace(/[A-Za-z]/, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
    else src += '[\\s\\-/._:#]*';
    i += 1;
  }
  return new RegExp(`(?<![A-Za-z0-9])${src}(?![0-9])`, 'g');
}

/** The invoice numbers (in their canonical spelling) named in a remittance text. */
export function findInvoiceNumbers(remittance: string | null, format: string, defaultYear: number): string[] {
  if (!remittance || !/\{N+\}/.test(format)) return [];
  const found = new Set<string>();
  for (const m of remittance.matchAll(invoiceNumberPattern(format))) {
    const g = m.groups ?? {};
    const year = g.year ? Number(g.year) : g.yy ? 2000 + Number(g.yy) : defaultYear;
    found.add(formatInvoiceNumber(format, year, Number(g.n)));
  }
  return [...found];
}

const EURO = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 123456 → "1.234,56 €" (one formatter: making an Intl.NumberFormat per entry costs ~0.1 ms). */
function formatCents(cents: number): string {
  return `${EURO.format(cents / 100)} €`;
}

const suggestion = (inv: OpenInvoice, confidence: number, reason: string): BankEntrySuggestion => ({
  invoiceId: inv.id,
  invoiceNumber: inv.number,
  openCents: inv.openCents,
  confidence,
  reason,
});

export async function matchEntry(
  db: DbOrTx,
  entry: ParsedEntry,
  numberFormat: string,
  defaultYear: number,
  dialect: Dialect,
): Promise<MatchDecision> {
  const amount = entry.amountCents;
  const numbers = findInvoiceNumbers(entry.remittance, numberFormat, defaultYear);
  const named = await invoicesByNumbers(db, numbers, dialect);
  const open = named.filter((i) => i.status === 'issued' && i.openCents > 0);
  if (named.length > 0 && open.length === 0) {
    return {
      apply: null,
      confidence: 0,
      suggestions: [],
      note: `The remittance names ${named.map((i) => i.number).join(', ')}, which has nothing open (${named.map((i) => i.status).join(', ')})`,
    };
  }
  if (open.length === 1) {
    const inv = open[0]!;
    if (amount === inv.openCents) {
      return {
        apply: [{ invoiceId: inv.id, amountCents: amount }],
        confidence: 100,
        suggestions: [],
        note: null,
      };
    }
    if (amount < inv.openCents) {
      return {
        apply: [{ invoiceId: inv.id, amountCents: amount }],
        confidence: 90,
        suggestions: [],
        note: `Partial payment: ${formatCents(inv.openCents - amount)} of ${inv.number} stay open`,
      };
    }
    // The total a dunning letter (and its GiroCode) asks for: open amount plus fees, interest and
    // lump sum. The invoice is paid; the surplus is the dunning charges, not an overpayment.
    const noticeTotal = (await latestNoticeTotals(db, [inv.id])).get(inv.id);
    if (noticeTotal === amount) {
      return {
        apply: [{ invoiceId: inv.id, amountCents: inv.openCents }],
        confidence: 100,
        suggestions: [],
        note: `Paid the total of the latest dunning notice for ${inv.number}: ${formatCents(amount - inv.openCents)} above the open amount are dunning charges (fees, interest, lump sum)`,
      };
    }
    return {
      apply: null,
      confidence: 80,
      suggestions: [
        suggestion(
          inv,
          80,
          `invoice number in the remittance; overpaid by ${formatCents(amount - inv.openCents)}`,
        ),
      ],
      note: `Overpayment: ${formatCents(amount)} for ${inv.number} with ${formatCents(inv.openCents)} open`,
    };
  }
  if (open.length > 1) {
    const sum = open.reduce((s, i) => s + i.openCents, 0);
    if (sum === amount) {
      return {
        apply: open.map((i) => ({ invoiceId: i.id, amountCents: i.openCents })),
        confidence: 100,
        suggestions: [],
        note: null,
      };
    }
    return {
      apply: null,
      confidence: 60,
      suggestions: open.map((i) => suggestion(i, 60, 'invoice number in the remittance')),
      note:
        amount > sum
          ? `Overpayment: ${formatCents(amount)} for ${open.length} invoices with ${formatCents(sum)} open`
          : `${formatCents(amount)} for ${open.length} invoices with ${formatCents(sum)} open: say how to split it`,
    };
  }

  // No invoice number: exact amount plus who paid.
  const sameAmount = await openInvoicesWithAmount(db, amount);
  if (sameAmount.length > 0) {
    const ibanCompanies = entry.counterpartyIban
      ? new Set((await findCompaniesByIban(db, entry.counterpartyIban)).map((c) => c.id))
      : new Set<string>();
    const fits = sameAmount.filter(
      (i) => ibanCompanies.has(i.companyId) || similarNames(entry.counterpartyName, i.buyerName),
    );
    if (fits.length === 1) {
      const inv = fits[0]!;
      const why = ibanCompanies.has(inv.companyId) ? 'the customer’s IBAN' : 'the payer’s name';
      return {
        apply: null,
        confidence: 70,
        suggestions: [
          suggestion(inv, 70, `exact open amount and ${why}; no invoice number in the remittance`),
        ],
        note: 'No invoice number in the remittance',
      };
    }
  }
  return { apply: null, confidence: 0, suggestions: [], note: 'No invoice found for this payment' };
}
