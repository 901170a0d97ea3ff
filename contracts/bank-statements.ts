import { z } from 'zod';
import { BusinessDate, Id, Instant, ListQuery, listResponse } from './common';

/**
 * Bank statements (ISO 20022 CAMT.053) and their entries, matched to open invoices.
 * Amounts are positive integer cents; `creditDebit` says the direction.
 */
export const BankStatementFormat = z.enum(['camt.053.001.02', 'camt.053.001.04', 'camt.053.001.08']);
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

/** `POST /api/bank-statements`: created false when the same statement was imported before. */
export const ImportResult = z.object({
  statement: BankStatement,
  created: z.boolean(),
  matched: z.number().int(),
  review: z.number().int(),
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
