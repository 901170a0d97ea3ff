import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import type { CsvMapping, CsvPreview, CsvPreviewRow } from '../../../../contracts/bank-statements';
import { AppError } from '../../platform/http/errors';
import { invalidStatement, type ParsedEntry, type ParsedStatement } from './camt053';
import { decodeText } from './mt940';

/**
 * CSV exports of German online banking (Sparkasse, Deutsche Bank, ING, DKB, Volksbank, …): `;` or
 * `,` or tab separated, decimal comma, dates DD.MM.YYYY, lines about the account before the table,
 * UTF-8 (with or without BOM) or latin1. `detectCsv` finds the encoding, delimiter, header line and
 * the account's IBAN and proposes which column holds what from the header's names; `readCsv`
 * applies a mapping and names every problem by line and column.
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

const normalise = (s: string) =>
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

// ─── reading rows with a mapping ───────────────────────────────────────────────────────────────

const DATE_PARTS: Record<CsvMapping['dateFormat'], { re: RegExp; order: [number, number, number] }> = {
  // capture groups of day, month, year
  'DD.MM.YYYY': { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: [1, 2, 3] },
  'DD.MM.YY': { re: /^(\d{1,2})\.(\d{1,2})\.(\d{2})$/, order: [1, 2, 3] },
  'YYYY-MM-DD': { re: /^(\d{4})-(\d{2})-(\d{2})/, order: [3, 2, 1] },
  'MM/DD/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: [2, 1, 3] },
};

function dateOf(raw: string, format: CsvMapping['dateFormat']): string | null {
  const { re, order } = DATE_PARTS[format];
  const r = re.exec(raw.trim());
  if (!r) return null;
  const [d, m, yRaw] = order.map((i) => Number(r[i]));
  const y = format === 'DD.MM.YY' ? 2000 + yRaw! : yRaw!;
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const check = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().slice(0, 10) === iso ? iso : null;
}

const AMOUNT = {
  ',': /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/,
  '.': /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/,
};

/** "-1.234,56 €" → -123456 (decimal comma), "1,234.56" → 123456 (decimal point); null when no amount. */
export function csvAmount(raw: string, decimal: ',' | '.'): number | null {
  let v = raw.replace(/\s+/g, '').replace(/€|EUR/gi, '');
  if (!v) return null;
  let sign = 1;
  if (/^[-−]/.test(v) || /-$/.test(v)) sign = -1;
  v = v.replace(/^[-+−]|[-+]$/g, '');
  const thousands = decimal === ',' ? '.' : ',';
  const m = AMOUNT[decimal].exec(v);
  if (!m) return null;
  const whole = Number(m[1]!.split(thousands).join(''));
  return sign * (whole * 100 + Number((m[2] ?? '').padEnd(2, '0')));
}

const DEBIT_MARK = /^(s|d|soll|debit|db|dbit|-)$/i;
const CREDIT_MARK = /^(h|c|haben|credit|cr|crdt|\+)$/i;
/** Rows the bank lists but has not booked yet. */
const PENDING = /vorgemerkt|pending|nicht gebucht|in bearbeitung/i;

export interface CsvRead {
  entries: ParsedEntry[];
  rows: CsvPreviewRow[];
  errors: CsvPreviewRow[];
  /** Rows left out: pending (not yet booked), or lines after the table (balances, footers). */
  skipped: number;
}

/** Applies the mapping to every row; rows with problems are listed with line and column. */
export function readCsv(table: CsvTable, mapping: MappingDraft): CsvRead {
  const col = (i: number | null) => (i === null ? null : (table.columns[i] ?? `#${i + 1}`));
  const mapped = [
    mapping.bookingDate,
    mapping.valueDate,
    mapping.amount,
    mapping.debit,
    mapping.credit,
    mapping.creditDebit,
    mapping.counterpartyName,
    mapping.counterpartyIban,
    mapping.remittance,
    mapping.currency,
    mapping.reference,
  ].filter((i): i is number => i !== null);
  const tooFar = mapped.find((i) => i >= table.columns.length);
  if (tooFar !== undefined) {
    throw new AppError(
      'unprocessable',
      'bank_statements.csv_mapping_invalid',
      `CSV: the mapping names column ${tooFar + 1}, but the table has ${table.columns.length} columns`,
      [{ path: 'mapping', message: `column ${tooFar + 1} does not exist` }],
    );
  }
  const statusColumn = table.columns.findIndex((c) =>
    /^(info|status|buchungsstatus|state)$/.test(normalise(c)),
  );
  const entries: ParsedEntry[] = [];
  const rows: CsvPreviewRow[] = [];
  const errors: CsvPreviewRow[] = [];
  const occurrences = new Map<string, number>();
  let skipped = 0;
  const width = table.columns.length;
  // more cells than the header only matters when the extra ones hold something (a trailing `;`)
  const fits = (cells: string[]) =>
    cells.length === width || (cells.length > width && cells.slice(width).every((c) => !c.trim()));
  // the last row of the table's width: rows of another width after it are a footer
  let lastFitting = -1;
  table.rows.forEach((r, k) => {
    if (fits(r.cells)) lastFitting = k;
  });
  // debit amounts written with a minus (Deutsche Bank) or without: a file uses one way
  const signedDebits =
    mapping.amount === null &&
    mapping.debit !== null &&
    table.rows.some(
      (r) => fits(r.cells) && (csvAmount(r.cells[mapping.debit!] ?? '', mapping.decimal) ?? 0) < 0,
    );
  for (const [k, { line, cells }] of table.rows.entries()) {
    const cell = (i: number | null) => (i === null ? '' : (cells[i] ?? '').trim());
    const rawDate = cell(mapping.bookingDate);
    const bookingDate = dateOf(rawDate, mapping.dateFormat);
    // lines after the table (closing balance, "Kontostand", an empty footer): not the table's width
    if (!bookingDate && !fits(cells) && k > lastFitting) {
      skipped += 1;
      continue;
    }
    if (statusColumn >= 0 && PENDING.test(cells[statusColumn] ?? '')) {
      skipped += 1;
      continue;
    }
    const rowErrors: CsvPreviewRow['errors'] = [];
    if (!fits(cells)) {
      // read by position, the cells would land in the wrong columns (a `;` in an unquoted purpose)
      rowErrors.push({
        column: '',
        code: 'csv.bad_width',
        value: String(cells.length),
        message: `line ${line}: ${cells.length} cells where the header (line ${table.headerLine}) has ${width} — is a “${table.delimiter === '\t' ? 'tab' : table.delimiter}” inside a value without quotes?`,
      });
      const row: CsvPreviewRow = {
        line,
        bookingDate,
        valueDate: null,
        amountCents: null,
        creditDebit: null,
        counterpartyName: null,
        counterpartyIban: null,
        remittance: null,
        errors: rowErrors,
      };
      rows.push(row);
      errors.push(row);
      continue;
    }
    const problem = (i: number | null, code: string, value: string, message: string) =>
      rowErrors.push({
        column: col(i) ?? '',
        code,
        value,
        message: `line ${line}, column “${col(i)}”: ${message}`,
      });
    if (!bookingDate) {
      problem(
        mapping.bookingDate,
        'csv.bad_date',
        rawDate,
        `“${rawDate}” is not a date (${mapping.dateFormat})`,
      );
    }
    const rawValue = cell(mapping.valueDate);
    const valueDate = rawValue ? dateOf(rawValue, mapping.dateFormat) : null;
    if (rawValue && !valueDate) {
      problem(
        mapping.valueDate,
        'csv.bad_date',
        rawValue,
        `“${rawValue}” is not a date (${mapping.dateFormat})`,
      );
    }
    let signed: number | null = null;
    if (mapping.amount !== null) {
      const raw = cell(mapping.amount);
      signed = csvAmount(raw, mapping.decimal);
      if (signed === null) {
        problem(
          mapping.amount,
          raw ? 'csv.bad_amount' : 'csv.no_amount',
          raw,
          raw ? `amount “${raw}” is not a number` : 'no amount',
        );
      } else if (mapping.creditDebit !== null) {
        const mark = cell(mapping.creditDebit);
        if (DEBIT_MARK.test(mark)) signed = -Math.abs(signed);
        else if (CREDIT_MARK.test(mark)) signed = Math.abs(signed);
        else
          problem(
            mapping.creditDebit,
            'csv.bad_mark',
            mark,
            `“${mark}” is neither debit (S, D, Soll) nor credit (H, C, Haben)`,
          );
      }
    } else {
      const d = cell(mapping.debit);
      const c = cell(mapping.credit);
      const dv = d ? csvAmount(d, mapping.decimal) : 0;
      const cv = c ? csvAmount(c, mapping.decimal) : 0;
      if (dv === null) problem(mapping.debit, 'csv.bad_amount', d, `amount “${d}” is not a number`);
      if (cv === null) problem(mapping.credit, 'csv.bad_amount', c, `amount “${c}” is not a number`);
      if (dv !== null && cv !== null) {
        if (dv !== 0 && cv !== 0) {
          problem(mapping.credit, 'csv.both_amounts', `${d} / ${c}`, 'both a debit and a credit amount');
        } else if (dv === 0 && cv === 0) {
          problem(mapping.debit ?? mapping.credit, 'csv.no_amount', '', 'no amount');
        } else if (cv < 0) {
          // a minus in the credit column: a reversal or swapped columns — never read as a credit
          problem(mapping.credit, 'csv.wrong_sign', c, `the credit amount “${c}” is negative`);
        } else if (dv > 0 && signedDebits) {
          // the file writes debits with a minus: one without is not a debit (swapped columns?)
          problem(
            mapping.debit,
            'csv.wrong_sign',
            d,
            `the debit amount “${d}” is positive where the file's other debits are negative`,
          );
        } else {
          signed = dv !== 0 ? -Math.abs(dv) : cv;
        }
      }
    }
    if (signed === 0) {
      problem(mapping.amount ?? mapping.credit ?? mapping.debit, 'csv.no_amount', '0', 'the amount is 0');
      signed = null;
    }
    const currency = cell(mapping.currency).toUpperCase();
    if (currency && currency !== 'EUR' && currency !== '€') {
      problem(
        mapping.currency,
        'csv.currency',
        currency,
        `the entry is in ${currency}; only EUR entries can be imported`,
      );
    }
    const rawIban = cell(mapping.counterpartyIban);
    const counterpartyIban = ibanOf(rawIban);
    const remittance = cell(mapping.remittance).replace(/\s+/g, ' ') || null;
    const reference = cell(mapping.reference) || null;
    const row: CsvPreviewRow = {
      line,
      bookingDate,
      valueDate,
      amountCents: signed === null ? null : Math.abs(signed),
      creditDebit: signed === null ? null : signed < 0 ? 'debit' : 'credit',
      counterpartyName: cell(mapping.counterpartyName).replace(/\s+/g, ' ') || null,
      counterpartyIban,
      remittance,
      errors: rowErrors,
    };
    rows.push(row);
    if (rowErrors.length > 0) {
      errors.push(row);
      continue;
    }
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          mapping.accountIban,
          row.bookingDate,
          row.amountCents,
          row.creditDebit,
          counterpartyIban,
          remittance?.toLowerCase() ?? null,
          reference,
        ]),
      )
      .digest('hex')
      .slice(0, 32);
    const n = occurrences.get(key) ?? 0;
    occurrences.set(key, n + 1);
    entries.push({
      entryRef: `c:${key}:${n}`,
      position: entries.length,
      bookingDate: row.bookingDate,
      valueDate: row.valueDate,
      amountCents: row.amountCents!,
      creditDebit: row.creditDebit!,
      counterpartyName: row.counterpartyName,
      counterpartyIban,
      remittance,
      endToEndId: reference && reference.toUpperCase() !== 'NOTPROVIDED' ? reference : null,
    });
  }
  return { entries, rows, errors, skipped };
}

/** The preview the UI shows: detection, the mapping used, the first rows and every row's problems. */
export function previewCsv(
  table: CsvTable,
  mapping: MappingDraft | null,
  mappingSource: CsvPreview['mappingSource'],
  limit = 10,
): CsvPreview {
  const read = mapping ? readCsv(table, mapping) : null;
  return {
    encoding: table.encoding,
    delimiter: table.delimiter,
    headerLine: table.headerLine,
    columns: table.columns,
    signature: table.signature,
    mapping,
    mappingSource: mapping ? mappingSource : 'none',
    preamble: table.preamble,
    totalRows: read ? read.rows.length : table.rows.length,
    rows: read ? read.rows.slice(0, limit) : [],
    rowErrors: read ? read.errors.slice(0, 20) : [],
  };
}

/** The CSV read into a statement, or a 422 naming the first rows with problems. */
export function csvStatement(table: CsvTable, mapping: CsvMapping): ParsedStatement {
  const read = readCsv(table, mapping);
  if (read.errors.length > 0) {
    const problems = read.errors.flatMap((r) => r.errors);
    throw new AppError(
      'unprocessable',
      'bank_statements.csv_rows_invalid',
      `CSV: ${read.errors.length} row${read.errors.length === 1 ? '' : 's'} cannot be read — ${problems
        .slice(0, 3)
        .map((p) => p.message)
        .join('; ')}${problems.length > 3 ? '; …' : ''}`,
      problems.slice(0, 50).map((p) => ({ path: p.message.split(':')[0]!, message: p.message })),
    );
  }
  if (read.entries.length === 0) throw invalidStatement('CSV: the table has no booked entries');
  const dates = read.entries.map((e) => e.bookingDate!).sort();
  return {
    format: 'csv',
    statementId: `CSV ${dates[0]} – ${dates.at(-1)}`,
    identity: `sha256:${table.fileSha256}`,
    accountIban: mapping.accountIban,
    fromDate: dates[0]!,
    toDate: dates.at(-1)!,
    openingBalanceCents: null,
    closingBalanceCents: null,
    fileSha256: table.fileSha256,
    entries: read.entries,
  };
}
