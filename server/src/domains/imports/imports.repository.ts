import type { Selectable, Updateable } from 'kysely';
import type { DuplicateMode, ImportEntityType, ImportStatus } from '../../../../contracts/imports';
import { insertRows } from '../../platform/db/bulk-insert';
import type { DbOrTx } from '../../platform/db/database';

export interface ImportsTable {
  id: string;
  entity_type: ImportEntityType;
  filename: string;
  status: ImportStatus;
  size_bytes: number;
  encoding: string;
  delimiter: string;
  /** JSON string array */
  headers: string;
  /** JSON { column: field | null } */
  mapping: string | null;
  duplicate_mode: DuplicateMode | null;
  /** JSON ImportOptions */
  options: string | null;
  row_count: number | null;
  processed_rows: number;
  bytes_read: number;
  write_total: number | null;
  created_count: number;
  updated_count: number;
  skipped_count: number;
  rejected_count: number;
  error: string | null;
  run_token: string | null;
  created_by: string | null;
  created_by_name: string | null;
  /** JSON Actor */
  actor: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
  version: number;
}

export interface ImportRowIssuesTable {
  import_id: string;
  row_number: number;
  outcome: 'rejected' | 'skipped';
  /** JSON [{ field, column, message }] */
  reasons: string;
  /** JSON string array */
  cells: string | null;
  matched_id: string | null;
}

declare module '../../platform/db/database' {
  interface Database {
    imports: ImportsTable;
    import_row_issues: ImportRowIssuesTable;
  }
}

export type ImportRow = Selectable<ImportsTable>;
export type RowIssueRow = Selectable<ImportRowIssuesTable>;

export function insertImport(db: DbOrTx, row: ImportRow) {
  return db.insertInto('imports').values(row).execute();
}

export function findImport(db: DbOrTx, id: string): Promise<ImportRow | undefined> {
  return db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
}

export function updateImport(db: DbOrTx, id: string, patch: Updateable<ImportsTable>) {
  return db.updateTable('imports').set(patch).where('id', '=', id).executeTakeFirst();
}

/** Changes the import only while the run holding `token` owns it; false when another run took over. */
export async function updateImportOfRun(
  db: DbOrTx,
  id: string,
  token: string,
  patch: Updateable<ImportsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('imports')
    .set(patch)
    .where('id', '=', id)
    .where('run_token', '=', token)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Imports in one of the states, oldest heartbeat first. */
export function findImportsInStates(db: DbOrTx, states: readonly ImportStatus[], limit = 200) {
  return db
    .selectFrom('imports')
    .selectAll()
    .where('status', 'in', states)
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

export function insertRowIssues(db: DbOrTx, rows: readonly RowIssueRow[]) {
  return insertRows(db, 'import_row_issues', rows);
}

export function deleteRowIssues(db: DbOrTx, importId: string) {
  return db.deleteFrom('import_row_issues').where('import_id', '=', importId).execute();
}

/** One page of a run's rejected or skipped rows, by row number. */
export function listRowIssues(
  db: DbOrTx,
  importId: string,
  outcome: 'rejected' | 'skipped',
  page: { limit: number; afterRow?: number | undefined },
) {
  let q = db
    .selectFrom('import_row_issues')
    .selectAll()
    .where('import_id', '=', importId)
    .where('outcome', '=', outcome);
  if (page.afterRow !== undefined) q = q.where('row_number', '>', page.afterRow);
  return q.orderBy('row_number').limit(page.limit).execute();
}
