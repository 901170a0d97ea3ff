import type { BankEntryStatus, BankStatementFormat } from '../../../../contracts/bank-statements';

/** Bank statements and entries (migration 2026_11_26_2230_create_bank_statements). */
export interface BankStatementsTable {
  id: string;
  fingerprint: string;
  format: BankStatementFormat;
  account_iban: string;
  statement_ref: string;
  from_date: string | null;
  to_date: string | null;
  opening_balance_cents: number | null;
  closing_balance_cents: number | null;
  file_sha256: string;
  entry_count: number;
  imported_at: string;
  imported_by: string | null;
}

export interface BankEntriesTable {
  id: string;
  statement_id: string;
  entry_ref: string;
  position: number;
  booking_date: string | null;
  value_date: string | null;
  amount_cents: number;
  credit_debit: 'credit' | 'debit';
  counterparty_name: string | null;
  counterparty_iban: string | null;
  remittance: string | null;
  end_to_end_id: string | null;
  status: BankEntryStatus;
  confidence: number;
  note: string | null;
  /** JSON: BankEntrySuggestion[]. */
  suggestions: string;
  matched_at: string | null;
  matched_by: string | null;
  created_at: string;
  version: number;
}

/** Remembered CSV column mappings (migration 2026_11_26_2310_bank_csv_mappings). */
export interface BankCsvMappingsTable {
  signature: string;
  account_iban: string;
  /** JSON: CsvMapping. */
  mapping: string;
  /** JSON: the header's column names. */
  columns: string;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

declare module '../../platform/db/database' {
  interface Database {
    bank_statements: BankStatementsTable;
    bank_entries: BankEntriesTable;
    bank_csv_mappings: BankCsvMappingsTable;
  }
}
