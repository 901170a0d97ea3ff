import { CsvError, parse } from 'csv-parse/sync';
import type { z } from 'zod';
import {
  CreateSegment,
  SEGMENT_IMPORT_FIELDS,
  type SegmentImportMapping,
  type SegmentImportReport,
} from '../../../../contracts/companies';
import type { Actor } from '../../platform/actor';
import { decimalSeparatorOf, detectDelimiter } from '../../platform/csv/delimiter';
import { type DecimalSeparator, parseEuroCents, parseWholeNumber } from '../../platform/csv/locale-numbers';
import { AppError, type FieldError } from '../../platform/http/errors';
import type { CompaniesDeps } from './access';
import { toSegment } from './companies.mappers';
import { findSegmentsByNameKeys, type SegmentRow, segmentNameKey } from './segments.repository';
import { insertSegmentAudited, newSegmentRow, segmentPatch, updateSegmentAudited } from './segments.service';

type ImportField = (typeof SEGMENT_IMPORT_FIELDS)[number];

/** Header names recognised without a mapping (compared lower case, without spaces, dashes, dots). */
const HEADER_ALIASES: Record<ImportField, string[]> = {
  name: ['name', 'segment', 'segmentname', 'bezeichnung'],
  industry: ['industry', 'branche', 'industrie'],
  region: ['region', 'gebiet'],
  sizeClass: ['sizeclass', 'size', 'größenklasse', 'groessenklasse', 'größe', 'groesse', 'unternehmensgröße'],
  marketCompanies: [
    'marketcompanies',
    'companies',
    'numberofcompanies',
    'unternehmen',
    'anzahlunternehmen',
    'anzahlfirmen',
    'firmen',
    'marktunternehmen',
  ],
  potentialRevenue: [
    'potentialrevenue',
    'potential',
    'potentialeur',
    'potentialrevenueeur',
    'revenuepotential',
    'umsatzpotenzial',
    'umsatzpotential',
    'umsatzpotenzialeur',
    'potenzial',
    'potenzialeur',
    'marktpotenzial',
    'marktpotenzialeur',
  ],
  notes: ['notes', 'note', 'notizen', 'notiz', 'bemerkung', 'bemerkungen', 'anmerkungen'],
};

const headerKey = (h: string) => h.toLowerCase().replace(/[\s_.\-()€]/g, '');

/** Thrown when rows were rejected and nothing was written: a 422 with the whole report. */
export class SegmentImportRejected extends AppError {
  constructor(readonly report: SegmentImportReport) {
    const n = report.rejected.length;
    super(
      'unprocessable',
      'segments.import_rejected',
      `${n} of ${report.rows} rows ${n === 1 ? 'has' : 'have'} errors, so nothing was imported: ${report.rejected
        .slice(0, 3)
        .map((r) => `row ${r.row}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`)
        .join(' · ')}${n > 3 ? ' …' : ''}`,
      report.rejected
        .slice(0, 100)
        .flatMap((r) => r.errors.map((e) => ({ path: `row ${r.row}.${e.path}`, message: e.message }))),
    );
  }
}

const badFile = (message: string) =>
  new AppError('bad_request', 'segments.bad_csv', message, [{ path: 'csv', message }]);

function readCsv(csv: string, delimiter: string) {
  try {
    return parse(csv, {
      delimiter,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (err) {
    if (err instanceof CsvError) throw badFile(`The CSV file cannot be read: ${err.message}`);
    throw err;
  }
}

/** Column index per field: from the mapping (CSV header per field) or recognised headers. */
function columnsOf(header: string[], mapping: z.infer<typeof SegmentImportMapping> | undefined) {
  const columns = new Map<ImportField, number>();
  if (mapping) {
    for (const field of SEGMENT_IMPORT_FIELDS) {
      const name = mapping[field];
      if (!name) continue;
      const index = header.findIndex((h) => h.trim().toLowerCase() === name.trim().toLowerCase());
      if (index < 0) {
        throw new AppError(
          'bad_request',
          'segments.bad_mapping',
          `The mapping names the column "${name}" for ${field}, but the file has only: ${header.join(', ')}`,
          [{ path: `mapping.${field}`, message: `No column "${name}" in the file` }],
        );
      }
      columns.set(field, index);
    }
  } else {
    header.forEach((h, index) => {
      const key = headerKey(h);
      const field = SEGMENT_IMPORT_FIELDS.find((f) => HEADER_ALIASES[f].includes(key));
      if (field && !columns.has(field)) columns.set(field, index);
    });
  }
  if (!columns.has('name')) {
    throw badFile(
      `The file needs a column with the segment name (e.g. "Name" or "Segment"); its columns are: ${header.join(', ')}`,
    );
  }
  return columns;
}

interface ParsedRow {
  line: number;
  key: string;
  /** Only the fields the file has, and not empty in this row. */
  values: Partial<Omit<CreateSegment, 'name'>> & { name: string };
}

function parseRow(
  record: string[],
  columns: Map<ImportField, number>,
  decimal: DecimalSeparator,
): { row?: Omit<ParsedRow, 'line' | 'key'>; errors: FieldError[] } {
  const cell = (f: ImportField) => {
    const i = columns.get(f);
    return i === undefined ? '' : (record[i] ?? '').trim();
  };
  const errors: FieldError[] = [];
  const raw: Record<string, unknown> = { name: cell('name') };
  for (const f of ['industry', 'region', 'sizeClass', 'notes'] as const) if (cell(f)) raw[f] = cell(f);
  const companies = cell('marketCompanies');
  if (companies) {
    const n = parseWholeNumber(companies, decimal);
    if ('error' in n) errors.push({ path: 'marketCompanies', message: n.error });
    else raw.marketCompanies = n.value;
  }
  const potential = cell('potentialRevenue');
  if (potential) {
    const n = parseEuroCents(potential, decimal);
    if ('error' in n) errors.push({ path: 'potentialRevenue', message: n.error });
    else raw.potentialRevenueCents = n.cents;
  }
  const checked = CreateSegment.safeParse(raw);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const path = issue.path.map(String).join('.') || 'row';
      errors.push({
        path: path === 'potentialRevenueCents' ? 'potentialRevenue' : path,
        message: path === 'potentialRevenueCents' ? issue.message.replace(' in cents', '') : issue.message,
      });
    }
  }
  if (errors.length || !checked.success) return { errors };
  const values: ParsedRow['values'] = { name: checked.data.name };
  for (const [k, v] of Object.entries(checked.data)) {
    if (v !== null && v !== undefined) (values as Record<string, unknown>)[k] = v;
  }
  return { row: { values }, errors };
}

/**
 * Imports segments from CSV, upserting by name (case-insensitive): all rows or none. Each row is
 * validated; if any is rejected nothing is written (422 with the report). A dry run only reports.
 * Empty cells leave an existing segment's value as it is.
 */
export async function importSegments(
  deps: CompaniesDeps,
  actor: Actor,
  input: { csv: string; mapping?: z.infer<typeof SegmentImportMapping> | undefined; dryRun: boolean },
): Promise<SegmentImportReport> {
  const delimiter = detectDelimiter(input.csv);
  const decimal: DecimalSeparator = decimalSeparatorOf(delimiter);
  const records = readCsv(input.csv, delimiter);
  const [header, ...data] = records;
  if (!header) throw badFile('The CSV file is empty');
  if (data.length === 0) throw badFile('The CSV file has a header row but no data rows');
  const columns = columnsOf(header.record, input.mapping);

  const rejected: SegmentImportReport['rejected'] = [];
  const rows: ParsedRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { record, info } of data) {
    const { row, errors } = parseRow(record, columns, decimal);
    const key = row ? segmentNameKey(row.values.name) : '';
    if (row && firstLineOf.has(key)) {
      errors.push({
        path: 'name',
        message: `"${row.values.name}" is already in row ${firstLineOf.get(key)}`,
      });
    }
    if (errors.length || !row) {
      rejected.push({ row: info.lines, errors });
      continue;
    }
    firstLineOf.set(key, info.lines);
    rows.push({ ...row, line: info.lines, key });
  }

  const existing = new Map<string, SegmentRow>();
  for (let i = 0; i < rows.length; i += 500) {
    const found = await findSegmentsByNameKeys(
      deps.db,
      rows.slice(i, i + 500).map((r) => r.key),
    );
    for (const s of found) existing.set(s.name_key, s);
  }
  const changes = rows.map((r) => {
    const current = existing.get(r.key);
    if (!current) return { r, current, patch: null };
    // matched by name: the existing spelling stays
    const { name: _name, ...values } = r.values;
    const patch = segmentPatch(values);
    const changed = Object.entries(patch).some(
      ([column, value]) => String(current[column as keyof SegmentRow] ?? '') !== String(value ?? ''),
    );
    return { r, current, patch: changed ? patch : null };
  });
  const report: SegmentImportReport = {
    dryRun: input.dryRun,
    committed: false,
    rows: data.length,
    created: changes.filter((c) => !c.current).length,
    updated: changes.filter((c) => c.current && c.patch).length,
    unchanged: changes.filter((c) => c.current && !c.patch).length,
    rejected,
  };
  if (rejected.length && !input.dryRun) throw new SegmentImportRejected(report);
  if (input.dryRun) return report;

  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now().toISOString();
    for (const { r, current, patch } of changes) {
      if (!current) await insertSegmentAudited(trx, deps, actor, newSegmentRow(r.values, now));
      else if (patch)
        await updateSegmentAudited(trx, deps, actor, toSegment(current), current.version, patch);
    }
  });
  return { ...report, committed: true };
}
