import {
  CsvMapping,
  CsvMappingDraft,
  type CsvPreview,
  type ImportResult,
} from '../../../../contracts/bank-statements';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import type { Tx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { type CsvTable, detectCsv, proposeMapping } from './bank-csv';
import { csvStatement, previewCsv } from './bank-csv-read';
import {
  type BankEntryRow,
  type BankStatementRow,
  countEntriesByStatus,
  existingEntryRefs,
  findCsvMapping,
  findStatementByFingerprint,
  findStatementRow,
  insertEntries,
  insertStatementOnce,
  lockAccountForImport,
  saveCsvMapping,
  statementHoldingEntry,
  toBankStatement,
} from './bank-statements.repository';
import { type ParsedStatement, parseCamt053 } from './camt053';
import { today } from './invoices.service';
import { matchEntry } from './matching';
import { parseMt940 } from './mt940';
import { recordBankPayment } from './payments.service';
import { getBillingSettings } from './settings.repository';
import type { BillingDeps } from './settings.service';
import { detectStatementKind } from './statement-parse';

/**
 * Importing bank statement files: CAMT.053, MT940 and CSV exports (with a column mapping that is
 * proposed, confirmed and remembered), into statements and entries whose credits are matched to
 * open invoices. Reviewing entries afterwards is in bank-statements.service.ts.
 */

const unprocessable = (code: string, message: string, path?: string) =>
  new AppError('unprocessable', code, message, path ? [{ path, message }] : undefined);

/**
 * One statement, once: format + account + what identifies it — CAMT.053 the bank's statement id
 * (its file hash when it has none); MT940 `:20:`, `:28C:`, opening and closing date and balance;
 * CSV the file's sha256 (its entries are recognised one by one across imports, see bank-csv.ts).
 */
export function statementFingerprint(s: ParsedStatement): string {
  return `${s.format}|${s.accountIban}|${s.identity ?? (s.statementId || `sha256:${s.fileSha256}`)}`;
}

export interface ImportOptions {
  /** CSV: the column mapping as JSON (query `mapping`); without it the remembered one, when the file names its account. */
  mapping?: string;
  /** CSV: remember the mapping for this bank's layout and account. */
  remember?: boolean;
}

function parseMappingJson<T>(
  raw: string,
  schema: {
    safeParse: (
      v: unknown,
    ) =>
      | { success: true; data: T }
      | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } };
  },
): T {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw unprocessable(
      'bank_statements.csv_mapping_invalid',
      'The CSV mapping is not valid JSON',
      'mapping',
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({
      path: ['mapping', ...i.path.map(String)].join('.'),
      message: i.message,
    }));
    throw new AppError(
      'unprocessable',
      'bank_statements.csv_mapping_invalid',
      `The CSV mapping is incomplete: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      errors,
    );
  }
  return parsed.data;
}

/**
 * The mapping for this CSV: the one sent, else the remembered one for its layout, else a proposal.
 * `confirmed`: it may be imported without asking — sent with the request, or remembered for a
 * file that names its account. A file naming no account may belong to another account than the one
 * its layout was remembered for: that mapping is only proposed (the user confirms the account).
 */
async function csvMappingFor(
  db: BillingDeps['db'],
  table: CsvTable,
  raw: string | undefined,
  draft: boolean,
): Promise<{ mapping: CsvMappingDraft | null; source: CsvPreview['mappingSource']; confirmed: boolean }> {
  if (raw) {
    return {
      mapping: draft ? parseMappingJson(raw, CsvMappingDraft) : parseMappingJson(raw, CsvMapping),
      source: 'request',
      confirmed: true,
    };
  }
  const remembered = await findCsvMapping(db, table.signature, table.accountIban);
  if (remembered) {
    const mapping = CsvMappingDraft.parse({
      ...JSON.parse(remembered.mapping),
      accountIban: table.accountIban ?? remembered.account_iban,
    });
    return { mapping, source: 'remembered', confirmed: table.accountIban !== null };
  }
  return { mapping: proposeMapping(table), source: 'proposed', confirmed: false };
}

/** `POST /api/bank-statements/csv-preview`: how the server reads a CSV export, with which mapping. */
export async function previewBankCsv(
  deps: BillingDeps,
  file: Buffer,
  rawMapping?: string,
): Promise<CsvPreview> {
  const kind = detectStatementKind(file);
  if (kind !== 'csv') {
    throw unprocessable(
      'bank_statements.not_csv',
      `This is ${kind === 'camt' ? 'a CAMT.053 (XML)' : 'an MT940'} file, not a CSV table: import it directly`,
    );
  }
  const table = detectCsv(file);
  const { mapping, source } = await csvMappingFor(deps.db, table, rawMapping, true);
  return previewCsv(table, mapping, source);
}

interface Parsed {
  statements: ParsedStatement[];
  csv: { table: CsvTable; mapping: CsvMapping; remember: boolean } | null;
}

async function parseFile(deps: BillingDeps, file: Buffer, options: ImportOptions): Promise<Parsed> {
  const kind = detectStatementKind(file);
  if (kind === 'camt') return { statements: [parseCamt053(file)], csv: null };
  if (kind === 'mt940') return { statements: parseMt940(file), csv: null };
  const table = detectCsv(file);
  const { mapping, source, confirmed } = await csvMappingFor(deps.db, table, options.mapping, false);
  const ready = mapping ? CsvMapping.safeParse(mapping) : null;
  if (!mapping || !confirmed || !ready?.success) {
    throw new AppError(
      'unprocessable',
      'bank_statements.csv_mapping_required',
      source === 'remembered'
        ? 'CSV: the file does not name its account — confirm the mapping remembered for this layout and the account: POST the file to /api/bank-statements/csv-preview, then import it with ?mapping=<JSON>'
        : 'CSV: choose which column holds what first — POST the file to /api/bank-statements/csv-preview for a proposal, then import it with ?mapping=<JSON>',
    );
  }
  if (table.accountIban && ready.data.accountIban !== table.accountIban) {
    // the mapping sent names another account than the file itself: its entries would be filed there
    throw unprocessable(
      'bank_statements.csv_mapping_invalid',
      `The file is an export of account ${table.accountIban}, but the mapping names ${ready.data.accountIban}`,
      'mapping.accountIban',
    );
  }
  return {
    statements: [csvStatement(table, ready.data)],
    csv: { table, mapping: ready.data, remember: options.remember ?? false },
  };
}

interface Outcome {
  statementId: string;
  created: boolean;
  matched: number;
  review: number;
  skipped: number;
}

/**
 * Imports a bank statement file — CAMT.053, MT940 (one or more statements) or CSV with a column
 * mapping — in one transaction: the statements, their entries, and the payments for the credit
 * entries that match clearly. Rejected files (422) write nothing; a statement imported before is
 * answered with `created: false`; CSV entries an earlier import of the account holds are skipped.
 */
export async function importBankStatement(
  deps: BillingDeps,
  actor: Actor,
  file: Buffer | string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const buffer = typeof file === 'string' ? Buffer.from(file, 'utf8') : file;
  const { statements, csv } = await parseFile(deps, buffer, options);
  const settings = await getBillingSettings(deps.db);
  const year = Number(today(deps).slice(0, 4));

  const outcomes = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now().toISOString();
    if (csv?.remember) {
      await saveCsvMapping(trx, {
        signature: csv.table.signature,
        account_iban: csv.mapping.accountIban,
        mapping: JSON.stringify(csv.mapping),
        columns: JSON.stringify(csv.table.columns),
        now,
        by: actor.userId,
      });
    }
    const out: Outcome[] = [];
    for (const parsed of statements) {
      const fingerprint = statementFingerprint(parsed);
      const known = await findStatementByFingerprint(trx, fingerprint);
      if (known) {
        out.push({ statementId: known.id, created: false, matched: 0, review: 0, skipped: 0 });
        continue;
      }
      let entries = parsed.entries;
      let skipped = 0;
      if (parsed.format === 'csv') {
        await lockAccountForImport(trx, parsed.accountIban, deps.dialect);
        const existing = await existingEntryRefs(
          trx,
          parsed.accountIban,
          entries.map((e) => e.entryRef),
        );
        entries = entries.filter((e) => !existing.has(e.entryRef)).map((e, i) => ({ ...e, position: i }));
        skipped = parsed.entries.length - entries.length;
        if (entries.length === 0) {
          const holder = await statementHoldingEntry(trx, parsed.accountIban, parsed.entries[0]!.entryRef);
          if (holder) {
            out.push({ statementId: holder.id, created: false, matched: 0, review: 0, skipped });
            continue;
          }
        }
      }
      const outcome = await importOne(trx, deps, actor, { ...parsed, entries }, fingerprint, now, {
        settings,
        year,
      });
      if (!outcome) {
        // the same statement, imported at the same moment by another request
        const existing = await findStatementByFingerprint(trx, fingerprint);
        if (!existing) throw new Error(`bank statement ${fingerprint} vanished`);
        out.push({ statementId: existing.id, created: false, matched: 0, review: 0, skipped: 0 });
      } else {
        out.push({ ...outcome, created: true, skipped });
      }
    }
    return out;
  });

  const results = outcomes;
  const ids = results.map((o) => o.statementId);
  const counts = await countEntriesByStatus(deps.db, ids);
  const rows = new Map<string, BankStatementRow>();
  for (const id of new Set(ids)) rows.set(id, (await findStatementRow(deps.db, id))!);
  const all = results.map((o) => toBankStatement(rows.get(o.statementId)!, counts.get(o.statementId)));
  const created = results.filter((o) => o.created);
  return {
    statement: all[0]!,
    statements: all,
    created: created.length > 0,
    matched: created.reduce((s, o) => s + o.matched, 0),
    review: created.reduce((s, o) => s + o.review, 0),
    skipped: results.reduce((s, o) => s + o.skipped, 0),
  };
}

/** One parsed statement into the tables, its credits matched; null when its fingerprint exists. */
async function importOne(
  trx: Tx,
  deps: BillingDeps,
  actor: Actor,
  parsed: ParsedStatement,
  fingerprint: string,
  now: string,
  ctx: { settings: Awaited<ReturnType<typeof getBillingSettings>>; year: number },
): Promise<{ statementId: string; matched: number; review: number } | null> {
  const statementId = uuidv7();
  const inserted = await insertStatementOnce(trx, {
    id: statementId,
    fingerprint,
    format: parsed.format,
    account_iban: parsed.accountIban,
    statement_ref: parsed.statementId,
    from_date: parsed.fromDate,
    to_date: parsed.toDate,
    opening_balance_cents: parsed.openingBalanceCents,
    closing_balance_cents: parsed.closingBalanceCents,
    file_sha256: parsed.fileSha256,
    entry_count: parsed.entries.length,
    imported_at: now,
    imported_by: actor.userId,
  });
  if (!inserted) return null;

  const rows: BankEntryRow[] = [];
  let matched = 0;
  let review = 0;
  for (const e of parsed.entries) {
    const row: BankEntryRow = {
      id: uuidv7(),
      statement_id: statementId,
      entry_ref: e.entryRef,
      position: e.position,
      booking_date: e.bookingDate,
      value_date: e.valueDate,
      amount_cents: e.amountCents,
      credit_debit: e.creditDebit,
      counterparty_name: e.counterpartyName,
      counterparty_iban: e.counterpartyIban,
      remittance: e.remittance,
      end_to_end_id: e.endToEndId,
      status: 'debit',
      confidence: 0,
      note: null,
      suggestions: '[]',
      matched_at: null,
      matched_by: null,
      created_at: now,
      version: 1,
    };
    if (e.creditDebit === 'credit') {
      const decision = await matchEntry(trx, e, ctx.settings.invoiceNumberFormat, ctx.year, deps.dialect);
      row.confidence = decision.confidence;
      row.note = decision.note;
      row.suggestions = JSON.stringify(decision.suggestions);
      if (decision.apply) {
        await recordBankPayment(trx, deps, actor, paymentOf(row), decision.apply);
        row.status = 'matched';
        row.matched_at = now;
        matched += 1;
      } else {
        row.status = 'review';
        review += 1;
      }
    }
    rows.push(row);
  }
  await insertEntries(trx, rows);
  await recordAudit(trx, deps.clock, actor, {
    entityType: 'bank_statement',
    entityId: statementId,
    before: null,
    after: {
      format: parsed.format,
      accountIban: parsed.accountIban,
      statementId: parsed.statementId,
      entries: rows.length,
      matched,
      review,
    },
    label: `Bank statement ${parsed.statementId}`,
  });
  return { statementId, matched, review };
}

export function paymentOf(row: BankEntryRow) {
  return {
    id: row.id,
    amountCents: Number(row.amount_cents),
    date: row.booking_date ?? row.value_date!,
    payerName: row.counterparty_name,
    payerIban: row.counterparty_iban,
    reference: row.remittance,
  };
}
