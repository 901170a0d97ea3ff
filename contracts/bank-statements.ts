import { isValidIBAN } from 'ibantools';
import { z } from 'zod';
import { BusinessDate, Id, Instant, ListQuery, listResponse } from './common';

/**
 * Bank statements (ISO 20022 CAMT.053, SWIFT MT940, CSV exports with a column mapping) and their
 * entries, matched to open invoices. Amounts are positive integer cents; `creditDebit` says the direction.
 */
export const BankStatementFormat = z.enum([
  'camt.053.001.02',
  'camt.053.001.04',
  'camt.053.001.08',
  'mt940',
  'csv',
]);
export type BankStatementFormat = z.infer<typeof BankStatementFormat>;

export const BankStatement = z.object({
  id: Id,
  format: BankStatementFormat,
  accountIban: z.string(),
  /** The bank's statement id (`Stmt/Id`). */
  statementId: z.string(),
  fromDate: BusinessDate.nullable(),
  toDate: BusinessDate.nullable(),
  /** Signed: a debit balance is negative. */
  openingBalanceCents: z.number().int().nullable().optional(),
  closingBalanceCents: z.number().int().nullable().optional(),
  entryCount: z.number().int(),
  matchedCount: z.number().int(),
  reviewCount: z.number().int(),
  importedAt: Instant,
  importedBy: Id.nullable(),
});
export type BankStatement = z.infer<typeof BankStatement>;

/** matched: applied to invoices; review: waits for a person; ignored: a person said so; debit: outgoing money. */
export const BankEntryStatus = z.enum(['matched', 'review', 'ignored', 'debit']);
export type BankEntryStatus = z.infer<typeof BankEntryStatus>;

export const BankEntrySuggestion = z.object({
  invoiceId: Id,
  invoiceNumber: z.string().nullable(),
  openCents: z.number().int(),
  confidence: z.number().int().min(0).max(100),
  reason: z.string(),
});
export type BankEntrySuggestion = z.infer<typeof BankEntrySuggestion>;

export const BankEntryAllocation = z.object({
  invoiceId: Id,
  invoiceNumber: z.string().nullable(),
  amountCents: z.number().int(),
});

export const BankEntry = z.object({
  id: Id,
  statementId: Id,
  bookingDate: BusinessDate.nullable(),
  valueDate: BusinessDate.nullable(),
  amountCents: z.number().int().positive(),
  creditDebit: z.enum(['credit', 'debit']),
  counterpartyName: z.string().nullable(),
  counterpartyIban: z.string().nullable(),
  remittance: z.string().nullable(),
  endToEndId: z.string().nullable(),
  status: BankEntryStatus,
  confidence: z.number().int().min(0).max(100),
  /** Why it is in review: e.g. "overpayment of 12,00 €". */
  note: z.string().nullable(),
  suggestions: z.array(BankEntrySuggestion),
  allocations: z.array(BankEntryAllocation),
});
export type BankEntry = z.infer<typeof BankEntry>;

export const BankStatementWithEntries = BankStatement.extend({ entries: z.array(BankEntry) });
export type BankStatementWithEntries = z.infer<typeof BankStatementWithEntries>;

/**
 * `POST /api/bank-statements`: created false when the same statement was imported before.
 * An MT940 file may hold several statements (one per day): `statements` lists them all in file
 * order, `statement` is the first; the counts add up over the new ones. `skipped`: CSV entries that
 * an earlier import of the same account holds already (overlapping exports).
 */
export const ImportResult = z.object({
  statement: BankStatement,
  statements: z.array(BankStatement).optional(),
  created: z.boolean(),
  matched: z.number().int(),
  review: z.number().int(),
  skipped: z.number().int().optional(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const BankStatementListQuery = ListQuery;
export type BankStatementListQuery = z.input<typeof BankStatementListQuery>;
export const BankStatementList = listResponse(BankStatement);
export type BankStatementList = z.infer<typeof BankStatementList>;

export const BankEntryListQuery = ListQuery.extend({
  status: BankEntryStatus.optional(),
  statementId: Id.optional(),
});
export type BankEntryListQuery = z.input<typeof BankEntryListQuery>;
export const BankEntryList = listResponse(BankEntry);
export type BankEntryList = z.infer<typeof BankEntryList>;

/** A person matches an entry from the review queue: how much goes to which invoice. */
export const MatchBankEntry = z.strictObject({
  allocations: z
    .array(
      z.strictObject({
        invoiceId: Id,
        amountCents: z.number().int().positive({ message: 'The amount must be more than 0' }),
      }),
    )
    .min(1, { message: 'Choose at least one invoice' })
    .max(50),
});
export type MatchBankEntry = z.infer<typeof MatchBankEntry>;

// ─── CSV exports with a column mapping ──────────────────────────────────────────────────────────

/** A column of the CSV table by its 0-based index; null: not in the file. */
const Column = z.number().int().min(0).max(199).nullable();

/**
 * Which column holds what in a bank's CSV export. Either `amount` (signed: "-12,50" is a debit;
 * an optional `creditDebit` column with S/H, D/C, Soll/Haben decides the sign instead) or
 * `debit` and/or `credit` columns (credits not negative; debits all with a minus or all without,
 * as the file writes them). Dates as the bank writes them; `decimal` is the decimal separator of
 * amounts. `accountIban` must be a valid IBAN (its check digits are checked).
 */
const mappingColumns = {
  bookingDate: z.number().int().min(0).max(199),
  valueDate: Column.default(null),
  amount: Column.default(null),
  debit: Column.default(null),
  credit: Column.default(null),
  creditDebit: Column.default(null),
  counterpartyName: Column.default(null),
  counterpartyIban: Column.default(null),
  remittance: Column.default(null),
  currency: Column.default(null),
  reference: Column.default(null),
  dateFormat: z.enum(['DD.MM.YYYY', 'DD.MM.YY', 'YYYY-MM-DD', 'MM/DD/YYYY']).default('DD.MM.YYYY'),
  decimal: z.enum([',', '.']).default(','),
};

export const CsvMapping = z
  .strictObject({
    ...mappingColumns,
    /** The account the export belongs to (taken from the file's header lines when it names it). */
    accountIban: z
      .string()
      .transform((v) => v.replace(/\s+/g, '').toUpperCase())
      .pipe(
        z
          .string()
          .regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, { message: 'Enter the account’s IBAN' })
          // (the checksum of what looks like an IBAN: one message at a time)
          .refine((v) => !/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(v) || isValidIBAN(v), {
            message: 'This is not a valid IBAN: its check digits do not match — please check it for typos',
          }),
      ),
  })
  .refine((m) => m.amount !== null || m.debit !== null || m.credit !== null, {
    message: 'Choose the amount column, or the debit and credit columns',
    path: ['amount'],
  });
export type CsvMapping = z.infer<typeof CsvMapping>;

/** A mapping being worked on (the preview accepts it before the account is known). */
export const CsvMappingDraft = z.object({ ...mappingColumns, accountIban: z.string().default('') });
export type CsvMappingDraft = z.infer<typeof CsvMappingDraft>;
export type CsvMappingInput = z.input<typeof CsvMapping>;

/** `POST /api/bank-statements` and `…/csv-preview` query: a mapping (JSON) and whether to keep it. */
export const BankStatementImportQuery = z.object({
  mapping: z.string().max(4000).optional(),
  remember: z.enum(['true', 'false']).optional(),
});
export type BankStatementImportQuery = z.infer<typeof BankStatementImportQuery>;

/** One row of the CSV read with a mapping; `errors` name the column and what is wrong. */
export const CsvPreviewRow = z.object({
  /** 1-based line in the file. */
  line: z.number().int(),
  bookingDate: BusinessDate.nullable(),
  valueDate: BusinessDate.nullable(),
  amountCents: z.number().int().nullable(),
  creditDebit: z.enum(['credit', 'debit']).nullable(),
  counterpartyName: z.string().nullable(),
  counterpartyIban: z.string().nullable(),
  remittance: z.string().nullable(),
  errors: z.array(
    z.object({
      column: z.string(),
      /**
       * csv.bad_width (the row has another number of cells than the header; `value` is its count),
       * csv.bad_date, csv.bad_amount, csv.no_amount, csv.both_amounts, csv.wrong_sign (a negative
       * credit, or a positive debit where the file's debits carry a minus), csv.bad_mark, csv.currency
       */
      code: z.string(),
      value: z.string(),
      message: z.string(),
    }),
  ),
});
export type CsvPreviewRow = z.infer<typeof CsvPreviewRow>;

export const CsvPreview = z.object({
  encoding: z.enum(['utf-8', 'latin1']),
  delimiter: z.string(),
  /** 1-based line of the table's header. */
  headerLine: z.number().int(),
  columns: z.array(z.string()),
  /** Identifies the bank's layout (its header); a remembered mapping is found by it. */
  signature: z.string(),
  /**
   * The mapping used for the preview: the one sent, else the remembered one, else a proposal
   * (its `accountIban` is '' when the file does not name the account).
   */
  mapping: CsvMappingDraft.nullable(),
  /** Where the mapping came from. */
  mappingSource: z.enum(['request', 'remembered', 'proposed', 'none']),
  /** Lines before the table (bank name, account, period) as the bank wrote them. */
  preamble: z.array(z.string()),
  totalRows: z.number().int(),
  rows: z.array(CsvPreviewRow),
  /** Rows with errors anywhere in the file (at most 20), not only in the preview. */
  rowErrors: z.array(CsvPreviewRow),
});
export type CsvPreview = z.infer<typeof CsvPreview>;
