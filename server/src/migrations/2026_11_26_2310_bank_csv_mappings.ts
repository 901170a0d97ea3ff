import type { Kysely } from 'kysely';

/**
 * Bank statements from MT940 and CSV exports. `bank_csv_mappings` remembers which column of a
 * bank's CSV export holds what, per header signature (the bank's layout) and account, so the next
 * export of the same bank imports without asking. CSV entries are recognised across imports of the
 * same account by their `entry_ref` (a hash of their fields): the index makes that lookup cheap.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bank_csv_mappings')
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('account_iban', 'text', (c) => c.notNull())
    /** JSON: CsvMapping. */
    .addColumn('mapping', 'text', (c) => c.notNull())
    /** The header's column names (JSON array), to show which layout it is. */
    .addColumn('columns', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('bank_csv_mappings_pk', ['signature', 'account_iban'])
    .execute();
  await db.schema.createIndex('bank_entries_entry_ref').on('bank_entries').column('entry_ref').execute();
}
