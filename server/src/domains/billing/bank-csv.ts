import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import type { CsvMapping } from '../../../../contracts/bank-statements';
import type { AppError } from '../../platform/http/errors';
import { decodeText } from './bank-file-text';
import { invalidStatement } from './camt053';

/**
 * CSV exports of German online banking (Sparkasse, Deutsche Bank, ING, DKB, Volksbank, …): `;` or
 * `,` or tab separated, decimal comma, dates DD.MM.YYYY, lines about the account before the table,
 * UTF-8 (with or without BOM) or latin1. `detectCsv` finds the encoding, delimiter, header line and
 * the account's IBAN and proposes which column holds what from the header's names; `readCsv`
 * (bank-csv-read.ts) applies a mapping and names every problem by line and column.
 *
 * Identity: a CSV export has no statement id, so the file's sha256 identifies the import (the same
 * file twice creates nothing) and each entry's is a hash of account, booking date, amount,
 * direction, counterparty IBAN, purpose and reference plus its position among identical entries of
 * the file — so entries that an earlier export of the same account already brought in (overlapping
 * periods) are recognised and skipped.
 */

export type Delimiter = ';' | ',' | '\t' | '|';
const DELIMITERS: Delimiter[] = [';', ',', '\t', '|'];

export type MappingDraft = Omit<CsvMapping, 'accountIban'> & { accountIban: string };

export interface CsvTable {
  encoding: 'utf-8' | 'latin1';
  delimiter: Delimiter;
  /** 1-based line of the header in the file. */
  headerLine: number;
  columns: string[];
  signature: string;
  preamble: string[];
  /** Rows after the header: cells and their (1-based) line in the file. */
  rows: Array<{ line: number; cells: string[] }>;
  /** The account the file names (in the lines before the table or an own-account column). */
  accountIban: string | null;
  fileSha256: string;
}

export const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/\s+/g, ' ')
    .trim();

interface Records {
  rows: Array<{ line: number; cells: string[] }>;
  /** Why csv-parse stopped before the end (a quote never closed), as the 422 naming the line. */
  error: AppError | null;
}

/**
 * The records of the text split by `delimiter`. When csv-parse cannot read on, the rows before the
 * problem and the problem: probing delimiters goes by the rows, reading the file rejects it.
 */
function records(text: string, delimiter: Delimiter): Records {
  const rows: Records['rows'] = [];
  try {
    parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      on_record: (record: string[], context: { lines: number }) => {
        rows.push({ line: context.lines, cells: record });
        return record;
      },
    });
    return { rows, error: null };
  } catch (err) {
    const e = err as { code?: unknown; lines?: unknown; message?: unknown };
    if (typeof e?.lines !== 'number') throw err;
    const after = rows.at(-1)?.line ?? 0;
    const detail =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? `line ${after + 1}: a quote (") is opened but never closed`
        : `line ${e.lines}: ${typeof e.message === 'string' ? e.message : 'unreadable'}`;
    return { rows, error: invalidStatement(`CSV: the file cannot be read from ${detail}`) };
  }
}

/** The column count most rows have (≥ 3), and how many rows have it. */
function modalWidth(rows: Array<{ cells: string[] }>): { width: number; count: number } {
  const counts = new Map<number, number>();
  for (const r of rows) {
    const w = r.cells.length;
    if (w >= 3) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  let best = { width: 0, count: 0 };
  for (const [width, count] of counts) {
    if (count > best.count || (count === best.count && width > best.width)) best = { width, count };
  }
  return best;
}

const IBAN_IN_TEXT = /\b([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?)\b/g;

/** A valid IBAN in electronic form, or null. */
export function ibanOf(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const e = electronicFormatIBAN(raw.toUpperCase());
  return e && isValidIBAN(e) ? e : null;
}

function ibanInText(text: string): string | null {
  for (const m of text.toUpperCase().matchAll(IBAN_IN_TEXT)) {
    const iban = ibanOf(m[1]);
    if (iban) return iban;
  }
  return null;
}

/** Does the text look like a CSV table (a delimiter giving ≥ 3 columns on at least 2 lines)? */
export function looksLikeCsv(text: string): boolean {
  const head = headOf(text);
  return DELIMITERS.some((d) => modalWidth(records(head, d).rows).count >= 2);
}

/** The first 200 lines: enough to tell the delimiter and the header. */
function headOf(text: string): string {
  return text.split(/\r?\n/, 200).join('\n');
}

const OWN_ACCOUNT = /auftragskonto|eigene? (iban|konto)|^konto$|account iban|own account/;

/** Encoding, delimiter, header, rows and account of a CSV export; 422 when it is no table. */
export function detectCsv(file: Buffer): CsvTable {
  const fileSha256 = createHash('sha256').update(file).digest('hex');
  const { text, encoding } = decodeText(file);
  if (!text.trim()) throw invalidStatement('CSV: the file is empty');
  let best: {
    delimiter: Delimiter;
    read: Records;
    width: number;
    count: number;
  } | null = null;
  const head = headOf(text);
  for (const delimiter of DELIMITERS) {
    const read = records(head, delimiter);
    const { width, count } = modalWidth(read.rows);
    if (count >= 2 && (!best || count > best.count || (count === best.count && width > best.width))) {
      best = { delimiter, read, width, count };
    }
  }
  if (!best) {
    throw invalidStatement(
      'CSV: no table found — the file needs a header line and rows separated by ; , or tab with at least 3 columns',
    );
  }
  const { delimiter, width } = best;
  const read = head.length === text.length ? best.read : records(text, delimiter);
  if (read.error) throw read.error;
  const rows = read.rows;
  // the header: the first line of the table's width whose cells are mostly text, not numbers or dates
  const headerIndex = rows.findIndex(
    (r) =>
      r.cells.length === width &&
      r.cells.filter((c) => c && !/^[-+]?[\d.,\s€]+$/.test(c) && !/^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}$/.test(c))
        .length >= Math.ceil(width / 2),
  );
  if (headerIndex < 0) throw invalidStatement('CSV: the table has no header line with column names');
  const header = rows[headerIndex]!;
  const columns = header.cells.map((c, i) => c || `#${i + 1}`);
  const preamble = rows.slice(0, headerIndex).map((r) => r.cells.filter(Boolean).join(' '));
  const body = rows.slice(headerIndex + 1);
  const signature = createHash('sha256')
    .update(`${delimiter}\u0001${columns.map(normalise).join('\u0001')}`)
    .digest('hex')
    .slice(0, 32);
  let accountIban = ibanInText(preamble.join('\n'));
  if (!accountIban) {
    const own = columns.findIndex((c) => OWN_ACCOUNT.test(normalise(c)));
    if (own >= 0) accountIban = body.map((r) => ibanOf(r.cells[own])).find(Boolean) ?? null;
  }
  return {
    encoding,
    delimiter,
    headerLine: header.line,
    columns,
    signature,
    preamble,
    rows: body,
    accountIban,
    fileSha256,
  };
}

// ─── proposal ──────────────────────────────────────────────────────────────────────────────────

type Field = Exclude<keyof CsvMapping, 'dateFormat' | 'decimal' | 'accountIban'>;

/** Header names per field, most specific first (normalised: lower case, ä → ae, …). */
const NAMES: Array<[Field, RegExp, RegExp?]> = [
  ['bookingDate', /^(buchungstag|buchungsdatum|buchung|datum|date|booking date|buchungs?datum)$/],
  ['bookingDate', /buchungs?(tag|datum)|booking/],
  ['valueDate', /valuta|wertstellung|value date|^wert$/],
  [
    'creditDebit',
    /^(soll ?\/ ?haben|s ?\/ ?h|soll-haben(-kennzeichen)?|credit ?\/ ?debit|debit ?\/ ?credit)$/,
  ],
  ['debit', /^(soll|ausgang|belastung|debit|lastschrift|soll \(eur\)|ausgaben)$|^soll\b/],
  ['credit', /^(haben|eingang|gutschrift|credit|haben \(eur\)|einnahmen)$|^haben\b/],
  ['amount', /^(betrag|umsatz|amount|betrag \(eur\)|betrag \(€\)|betrag eur|betrag in eur|umsatz in eur)$/],
  ['amount', /betrag|umsatz|amount/, /saldo|kontostand|ursprung|original|fremdwaehrung/],
  [
    'counterpartyIban',
    /^(iban|kontonummer\/iban|iban zahlungsbeteiligter|iban gegenkonto|gegenkonto|empfaenger\/zahlungspflichtiger iban|counterparty iban)$/,
  ],
  ['counterpartyIban', /iban|kontonummer|konto-?nr/, /auftragskonto|eigene|own/],
  [
    'counterpartyName',
    /beguenstigter|zahlungspflichtige|auftraggeber|empfaenger|zahlungsempfaenger|zahlungsbeteiligter|gegenseite|name|payee|payer|counterparty|partner/,
    /iban|bic|konto|bank|blz|auftragskonto/,
  ],
  [
    'remittance',
    /verwendungszweck|buchungsdetails|purpose|buchungstext verwendungszweck|beschreibung|description|memo|vorgang\/verwendungszweck/,
  ],
  ['currency', /^(waehrung|whrg\.?|currency|ccy)$/],
  ['reference', /kundenreferenz|end-to-end|eref|^referenz$|^reference$/],
];

const DATE_FORMATS: Array<[CsvMapping['dateFormat'], RegExp]> = [
  ['DD.MM.YYYY', /^\d{1,2}\.\d{1,2}\.\d{4}$/],
  ['DD.MM.YY', /^\d{1,2}\.\d{1,2}\.\d{2}$/],
  ['YYYY-MM-DD', /^\d{4}-\d{2}-\d{2}/],
  ['MM/DD/YYYY', /^\d{1,2}\/\d{1,2}\/\d{4}$/],
];

/** Proposes a mapping from the header's names and the first rows' values; null without date and amount. */
export function proposeMapping(table: CsvTable): MappingDraft | null {
  const names = table.columns.map(normalise);
  const taken = new Set<number>();
  const found: Partial<Record<Field, number>> = {};
  for (const [field, re, not] of NAMES) {
    if (found[field] !== undefined) continue;
    const i = names.findIndex((n, k) => !taken.has(k) && re.test(n) && !not?.test(n));
    if (i >= 0) {
      found[field] = i;
      taken.add(i);
    }
  }
  if (found.bookingDate === undefined) {
    // no name fits: the first column holding dates
    const i = table.columns.findIndex((_c, k) =>
      table.rows.slice(0, 5).some((r) => DATE_FORMATS.some(([, re]) => re.test(r.cells[k] ?? ''))),
    );
    if (i >= 0) found.bookingDate = i;
  }
  if (found.bookingDate === undefined) return null;
  const sample = (k: number | undefined) =>
    k === undefined
      ? []
      : table.rows
          .slice(0, 20)
          .map((r) => r.cells[k] ?? '')
          .filter(Boolean);
  if (found.amount !== undefined && (found.debit !== undefined || found.credit !== undefined)) {
    // both kinds of columns (Deutsche Bank): the ones that hold values
    if (sample(found.amount).length > 0) {
      delete found.debit;
      delete found.credit;
    } else {
      delete found.amount;
    }
  }
  const dates = sample(found.bookingDate);
  const dateFormat =
    DATE_FORMATS.find(([, re]) => dates.length > 0 && dates.every((d) => re.test(d)))?.[0] ?? 'DD.MM.YYYY';
  const amounts = [...sample(found.amount), ...sample(found.debit), ...sample(found.credit)];
  // decimal point when amounts end in .dd and none in ,dd
  const decimal =
    amounts.some((a) => /\.\d{1,2}$/.test(a)) && !amounts.some((a) => /,\d{1,2}$/.test(a)) ? '.' : ',';
  return {
    bookingDate: found.bookingDate,
    valueDate: found.valueDate ?? null,
    amount: found.amount ?? null,
    debit: found.debit ?? null,
    credit: found.credit ?? null,
    creditDebit: found.amount !== undefined ? (found.creditDebit ?? null) : null,
    counterpartyName: found.counterpartyName ?? null,
    counterpartyIban: found.counterpartyIban ?? null,
    remittance: found.remittance ?? null,
    currency: found.currency ?? null,
    reference: found.reference ?? null,
    dateFormat,
    decimal,
    accountIban: table.accountIban ?? '',
  };
}
