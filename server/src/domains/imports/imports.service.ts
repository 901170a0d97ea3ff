import { existsSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import type { ListResponse } from '../../../../contracts/common';
import type {
  Import,
  ImportEntityType,
  ImportRowIssue,
  ImportUpload,
  StartImport,
} from '../../../../contracts/imports';
import { can, type Permission } from '../../../../contracts/permissions';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { type CsvDelimiter, detectDelimiter } from '../../platform/csv/delimiter';
import { binaryKind } from '../../platform/csv/encoding';
import { CsvReadError, readCsvRecords } from '../../platform/csv/read-records';
import { csvLine, UTF8_BOM } from '../../platform/csv/write-csv';
import { paginate } from '../../platform/db/pagination';
import { AppError, forbidden, notFound } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { listPipelines } from '../sales';
import { checkMapping, suggestMapping, uniqueHeaders } from './fields';
import { storedFilePath } from './files';
import { delimiterName, toImport, toRowIssue } from './imports.mappers';
import { findImport, type ImportRow, insertImport, listRowIssues } from './imports.repository';
import { markQueued } from './progress';
import { IMPORT_TASK } from './run-import';
import type { ReceivedFile } from './upload';

export type ImportsDeps = Pick<AppContext, 'db' | 'dialect' | 'clock' | 'config' | 'tasks'>;

/** What importing each entity type takes (reading an import is its owner's, or an admin's). */
export const WRITE_PERMISSION: Record<ImportEntityType, Permission> = {
  companies: 'companies.write',
  contacts: 'companies.write',
  deals: 'deals.write',
  products: 'products.write',
};

/** What reading an import (its status, its rejected rows: the file's own cells) takes. */
export const READ_PERMISSION: Record<ImportEntityType, Permission> = {
  companies: 'companies.read',
  contacts: 'companies.read',
  deals: 'deals.read',
  products: 'products.read',
};

export function canImport(actor: Actor, entityType: ImportEntityType): boolean {
  return !!actor.role && can(actor.role, WRITE_PERMISSION[entityType]);
}

/** Files up to this size are counted through at upload (so small imports know their rows at once). */
const COUNT_AT_UPLOAD_BYTES = 10 * 1024 * 1024;
const PREVIEW_ROWS = 10;

const badFile = (code: string, message: string) =>
  new AppError('bad_request', `imports.${code}`, message, [{ path: 'file', message }]);

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * Keeps an uploaded file as a new import: checks it is CSV, finds its separator, reads the header
 * and the first rows (and counts the rows of small files), guesses a mapping from the headers.
 */
export async function createImport(
  deps: ImportsDeps,
  actor: Actor,
  input: { entityType: ImportEntityType; filename?: string | undefined },
  file: ReceivedFile,
): Promise<ImportUpload> {
  try {
    const kind = binaryKind(file.head);
    if (kind === 'xlsx' || kind === 'xls') {
      throw badFile(
        'not_csv',
        'This is an Excel workbook, not a CSV file: save it in Excel as "CSV UTF-8 (durch Trennzeichen getrennt)" and upload that',
      );
    }
    if (kind) throw badFile('not_csv', 'This is not a text file; upload a CSV file');
    if (file.sizeBytes === 0) throw badFile('empty', 'The file is empty');
    const start = new TextDecoder(file.encoding).decode(await readHead(file.path, 64 * 1024));
    const delimiter: CsvDelimiter = detectDelimiter(start.replace(/^\uFEFF/, ''));
    const countAll = file.sizeBytes <= COUNT_AT_UPLOAD_BYTES;
    const first: string[][] = [];
    let records = 0;
    try {
      for await (const rec of readCsvRecords(file.path, { encoding: file.encoding, delimiter })) {
        records++;
        if (first.length <= PREVIEW_ROWS) first.push(rec.cells);
        else if (!countAll) break;
      }
    } catch (err) {
      if (err instanceof CsvReadError) throw badFile('bad_csv', err.message);
      throw err;
    }
    const [header, ...preview] = first;
    if (!header || header.every((h) => !h.trim())) throw badFile('empty', 'The file has no header row');
    if (countAll && records < 2) throw badFile('no_rows', 'The file has a header row but no data rows');
    const headers = uniqueHeaders(header);
    const id = uuidv7();
    const now = deps.clock.now().toISOString();
    const row: ImportRow = {
      id,
      entity_type: input.entityType,
      filename: input.filename || `${input.entityType}.csv`,
      status: 'uploaded',
      size_bytes: file.sizeBytes,
      encoding: file.encoding,
      delimiter,
      headers: JSON.stringify(headers),
      mapping: null,
      duplicate_mode: null,
      options: null,
      row_count: countAll ? records - 1 : null,
      processed_rows: 0,
      bytes_read: 0,
      write_total: null,
      created_count: 0,
      updated_count: 0,
      skipped_count: 0,
      rejected_count: 0,
      error: null,
      run_token: null,
      created_by: actor.userId,
      created_by_name: actor.name,
      actor: JSON.stringify({ ...actor, origin: null }),
      created_at: now,
      started_at: null,
      finished_at: null,
      updated_at: now,
      version: 1,
    };
    await rename(file.path, storedFilePath(deps.config.dataDir, id));
    await insertImport(deps.db, row);
    return {
      id,
      entityType: row.entity_type,
      filename: row.filename,
      sizeBytes: file.sizeBytes,
      encoding: file.encoding,
      delimiter: delimiterName(delimiter),
      headers,
      previewRows: preview.map((cells) => headers.map((_, i) => cells[i] ?? '')),
      rowCount: row.row_count,
      suggestedMapping: suggestMapping(input.entityType, headers),
    };
  } finally {
    await rm(file.path, { force: true });
  }
}

/** An import the actor may see: their own (admins see all), else 404. */
export async function loadImport(
  deps: Pick<ImportsDeps, 'db'>,
  actor: Actor,
  id: string,
): Promise<ImportRow> {
  const row = await findImport(deps.db, id);
  const mine = row && (row.created_by === actor.userId || (actor.role && can(actor.role, 'system.manage')));
  if (!row || !mine) throw notFound('import', id);
  return row;
}

export async function getImport(deps: ImportsDeps, actor: Actor, id: string): Promise<Import> {
  return toImport(await loadImport(deps, actor, id));
}

/** The actor's imports, newest first. */
export async function listImports(
  deps: ImportsDeps,
  actor: Actor,
  query: { limit: number; cursor?: string | undefined; entityType?: ImportEntityType | undefined },
  /** The kinds of import the caller may read (an API token's scopes narrow them). */
  readable: readonly ImportEntityType[],
): Promise<ListResponse<Import>> {
  if (readable.length === 0) return { items: [], nextCursor: null };
  let q = deps.db
    .selectFrom('imports')
    .selectAll()
    .where('created_by', '=', actor.userId)
    .where('entity_type', 'in', [...readable]);
  if (query.entityType) q = q.where('entity_type', '=', query.entityType);
  const page = await paginate(q, {
    sort: { column: 'id', direction: 'desc' },
    idColumn: 'id',
    limit: query.limit,
    cursor: query.cursor,
    key: (r) => ({ value: r.id, id: r.id }),
  });
  return { items: page.items.map(toImport), nextCursor: page.nextCursor };
}

/**
 * Starts an uploaded (or failed) import with a mapping: checks the mapping, then queues the
 * background job in the transaction that marks the import `validating`. Answers at once.
 */
export async function startImport(
  deps: ImportsDeps,
  actor: Actor,
  id: string,
  input: StartImport,
): Promise<Import> {
  const row = await loadImport(deps, actor, id);
  if (!canImport(actor, row.entity_type)) throw forbidden(`import ${row.entity_type}`);
  if (row.status !== 'uploaded' && row.status !== 'failed') {
    throw new AppError(
      'conflict',
      'imports.already_started',
      row.status === 'done'
        ? 'This import is done; upload the file again to import it once more'
        : 'This import is running',
    );
  }
  if (!existsSync(storedFilePath(deps.config.dataDir, id))) {
    throw new AppError(
      'conflict',
      'imports.file_gone',
      'The uploaded file is no longer there; upload it again',
    );
  }
  checkMapping(row.entity_type, JSON.parse(row.headers) as string[], input.mapping);
  if (input.stageId) {
    if (row.entity_type !== 'deals') {
      throw new AppError('bad_request', 'imports.bad_option', 'stageId is an option of deal imports', [
        { path: 'stageId', message: 'Only deal imports take a stage' },
      ]);
    }
    const stage = (await listPipelines(deps)).items
      .flatMap((p) => p.stages)
      .find((s) => s.id === input.stageId);
    if (stage?.kind !== 'open') {
      throw new AppError(
        'bad_request',
        'imports.bad_stage',
        'Choose an open stage of a pipeline for the deals',
        [{ path: 'stageId', message: 'Not an open stage' }],
      );
    }
  }
  const now = deps.clock.now().toISOString();
  const started = await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('imports')
      .set({
        status: 'validating',
        mapping: JSON.stringify(input.mapping),
        duplicate_mode: input.duplicateMode,
        options: JSON.stringify(input.stageId ? { stageId: input.stageId } : {}),
        processed_rows: 0,
        bytes_read: 0,
        write_total: null,
        created_count: 0,
        updated_count: 0,
        skipped_count: 0,
        rejected_count: 0,
        error: null,
        run_token: null,
        started_at: now,
        finished_at: null,
        updated_at: now,
        version: row.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new AppError('conflict', 'imports.already_started', 'This import was started in the meantime');
    }
    if (deps.dialect === 'sqlite') markQueued(id); // runs in this process (PostgreSQL: any process)
    await deps.tasks.enqueue(IMPORT_TASK, { importId: id }, { trx });
    return findImport(trx, id);
  });
  deps.tasks.kick(IMPORT_TASK);
  return toImport(started!);
}

function decodeCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(n)) {
    throw new AppError(
      'bad_request',
      'list.bad_cursor',
      'The cursor is not valid; start again from the first page',
    );
  }
  return n;
}

/** Rejected (or skipped) rows of an import, by row number. */
export async function listImportRows(
  deps: ImportsDeps,
  actor: Actor,
  id: string,
  query: { outcome: 'rejected' | 'skipped'; limit: number; cursor?: string | undefined },
): Promise<ListResponse<ImportRowIssue>> {
  await loadImport(deps, actor, id);
  const rows = await listRowIssues(deps.db, id, query.outcome, {
    limit: query.limit + 1,
    afterRow: decodeCursor(query.cursor),
  });
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(toRowIssue),
    nextCursor:
      rows.length > query.limit && last ? Buffer.from(String(last.row_number)).toString('base64url') : null,
  };
}

/**
 * The rejected rows as a CSV file to fix and upload again: the original columns (the file's header
 * and separator) and a last column with the reasons. UTF-8 with BOM, so Excel shows umlauts.
 */
export async function rejectedRowsCsv(
  deps: ImportsDeps,
  actor: Actor,
  id: string,
  language: 'de' | 'en',
): Promise<{ filename: string; stream: Readable }> {
  const row = await loadImport(deps, actor, id);
  const delimiter = row.delimiter as CsvDelimiter;
  const headers = JSON.parse(row.headers) as string[];
  const stream = new PassThrough();
  const base = row.filename.replace(/\.(csv|txt)$/i, '');
  (async () => {
    stream.write(UTF8_BOM + csvLine([...headers, language === 'de' ? 'Fehler' : 'Reason'], delimiter));
    let after: number | undefined;
    for (;;) {
      const page = await listRowIssues(deps.db, id, 'rejected', { limit: 1000, afterRow: after });
      for (const issue of page) {
        const cells = issue.cells ? (JSON.parse(issue.cells) as string[]) : [];
        const reasons = (JSON.parse(issue.reasons) as ImportRowIssue['reasons'])
          .map((r) => `${r.column ?? r.field}: ${r.message}`)
          .join('; ');
        const original = headers.map((_, i) => cells[i] ?? '');
        if (!stream.write(csvLine([...original, reasons], delimiter))) {
          await new Promise((resolve) => stream.once('drain', resolve));
        }
      }
      if (page.length < 1000) break;
      after = page[page.length - 1]!.row_number;
    }
    stream.end();
  })().catch((err) => stream.destroy(err));
  return { filename: `${base}-rejected.csv`, stream };
}
