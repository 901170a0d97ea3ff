import type { Kysely } from 'kysely';

/**
 * CSV imports: one row per uploaded file with its mapping, status, progress and counts; the rows
 * of a file that were rejected (with their cells and reasons) or skipped as duplicates. The file
 * itself lives under the data folder (`<KONTOR_DATA_DIR>/imports/<id>.csv`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('delimiter', 'text', (c) => c.notNull())
    /** JSON string array: the header row, made unique. */
    .addColumn('headers', 'text', (c) => c.notNull())
    /** JSON { column: field | null }, set on start. */
    .addColumn('mapping', 'text')
    .addColumn('duplicate_mode', 'text')
    /** JSON: further start options (the default stage of a deals import). */
    .addColumn('options', 'text')
    .addColumn('row_count', 'integer')
    /** Progress: rows validated or written in the current phase, and file bytes read while validating. */
    .addColumn('processed_rows', 'integer', (c) => c.notNull())
    .addColumn('bytes_read', 'bigint', (c) => c.notNull())
    /** Rows the write phase writes (known when validation ends). */
    .addColumn('write_total', 'integer')
    .addColumn('created_count', 'integer', (c) => c.notNull())
    .addColumn('updated_count', 'integer', (c) => c.notNull())
    .addColumn('skipped_count', 'integer', (c) => c.notNull())
    .addColumn('rejected_count', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    /** The run of the background job that owns the import now: a retried run takes over from a lost one. */
    .addColumn('run_token', 'text')
    /** Who uploaded and started it: JSON of the actor (user, role, teams) the job acts as. */
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    /** Also the heartbeat of a running import (progress is saved at least every few seconds). */
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('imports_created_by').on('imports').columns(['created_by', 'id']).execute();
  await db.schema.createIndex('imports_status').on('imports').columns(['status', 'updated_at']).execute();

  await db.schema
    .createTable('import_row_issues')
    .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    /** Row number as a spreadsheet shows it (header = 1). */
    .addColumn('row_number', 'integer', (c) => c.notNull())
    /** rejected | skipped */
    .addColumn('outcome', 'text', (c) => c.notNull())
    /** JSON [{ field, column, message }] */
    .addColumn('reasons', 'text', (c) => c.notNull())
    /** JSON string array: the row's cells (rejected rows). */
    .addColumn('cells', 'text')
    .addColumn('matched_id', 'text')
    .addPrimaryKeyConstraint('import_row_issues_pk', ['import_id', 'outcome', 'row_number'])
    .execute();
}
