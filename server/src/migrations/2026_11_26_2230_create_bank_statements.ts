import type { Kysely } from 'kysely';

/**
 * Bank statements (CAMT.053) and their entries. A statement is imported once: `fingerprint` is
 * format + account + the bank's statement id (+ the file's sha256 when it has no id), unique.
 * An entry is unique per statement by `entry_ref`: the bank's AcctSvcrRef, else a hash of the
 * entry's fields and its position. Payments made from an entry point back at it
 * (`payments.bank_entry_id`, unique: one entry, one payment).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bank_statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('fingerprint', 'text', (c) => c.notNull().unique())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('account_iban', 'text', (c) => c.notNull())
    .addColumn('statement_ref', 'text', (c) => c.notNull())
    .addColumn('from_date', 'text')
    .addColumn('to_date', 'text')
    .addColumn('opening_balance_cents', 'bigint')
    .addColumn('closing_balance_cents', 'bigint')
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('entry_count', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text')
    .execute();
  await db.schema
    .createIndex('bank_statements_imported')
    .on('bank_statements')
    .columns(['imported_at', 'id'])
    .execute();

  await db.schema
    .createTable('bank_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('statement_id', 'text', (c) => c.notNull().references('bank_statements.id'))
    .addColumn('entry_ref', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('booking_date', 'text')
    .addColumn('value_date', 'text')
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('credit_debit', 'text', (c) => c.notNull())
    .addColumn('counterparty_name', 'text')
    .addColumn('counterparty_iban', 'text')
    .addColumn('remittance', 'text')
    .addColumn('end_to_end_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('confidence', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    /** JSON array of suggestions ({ invoiceId, invoiceNumber, openCents, confidence, reason }). */
    .addColumn('suggestions', 'text', (c) => c.notNull())
    .addColumn('matched_at', 'text')
    .addColumn('matched_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('bank_entries_statement_ref', ['statement_id', 'entry_ref'])
    .execute();
  await db.schema
    .createIndex('bank_entries_statement')
    .on('bank_entries')
    .columns(['statement_id', 'position'])
    .execute();
  // The review queue (and any status filter), oldest first.
  await db.schema
    .createIndex('bank_entries_status')
    .on('bank_entries')
    .columns(['status', 'booking_date', 'id'])
    .execute();
}
