import { createHash } from 'node:crypto';
import type { CsvMapping, CsvPreview, CsvPreviewRow } from '../../../../contracts/bank-statements';
import { AppError } from '../../platform/http/errors';
import { type CsvTable, ibanOf, type MappingDraft, normalise } from './bank-csv';
import { invalidStatement, type ParsedEntry, type ParsedStatement } from './camt053';

/**
 * A bank's CSV export read with a column mapping (detected and proposed in bank-csv.ts): dates,
 * amounts and debit/credit marks as German banks write them, every problem named by line and
 * column; the preview of the first rows; the statement with the file's and entries' identity.
 */

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
