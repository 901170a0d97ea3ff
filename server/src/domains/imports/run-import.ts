import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { ImportEntityType, ImportMapping } from '../../../../contracts/imports';
import type { Actor } from '../../platform/actor';
import { type CsvDelimiter, decimalSeparatorOf } from '../../platform/csv/delimiter';
import type { CsvEncoding } from '../../platform/csv/encoding';
import { CsvReadError, readCsvRecords } from '../../platform/csv/read-records';
import { refreshStatistics } from '../../platform/db/statistics';
import { publish } from '../../platform/events/publish';
import { uuidv7 } from '../../platform/ids';
import { errorLine } from '../../platform/jobs/backoff';
import type { TaskContext, TaskDefinition } from '../../platform/jobs/tasks';
import { companiesImporter } from './companies.importer';
import { contactsImporter } from './contacts.importer';
import { dealsImporter } from './deals.importer';
import { checkMapping } from './fields';
import { planPath, storedFilePath } from './files';
import {
  type Decision,
  type EntityImporter,
  type ImporterFactories,
  type ImportOptions,
  type PlanEntry,
  type Reason,
  type RunContext,
  rowCells,
} from './importer';
import {
  findImport,
  type ImportRow,
  insertRowIssues,
  type RowIssueRow,
  updateImport,
  updateImportOfRun,
} from './imports.repository';
import { productsImporter } from './products.importer';
import { trackProgress, unmarkQueued } from './progress';

export const IMPORT_TASK = 'imports.run';

/** Rows looked up together in the first pass and written together in the second. */
export const BATCH_ROWS = 500;
/**
 * Up to this many data rows, company duplicates are found like the API finds them (similar names
 * too, per row); above it by exact keys only (VAT ID, web domain, name key), one lookup per batch.
 */
export const FUZZY_NAME_ROWS = 2000;

export const IMPORTERS: ImporterFactories = {
  companies: companiesImporter as ImporterFactories['companies'],
  contacts: contactsImporter as ImporterFactories['contacts'],
  deals: dealsImporter as ImporterFactories['deals'],
  products: productsImporter as ImporterFactories['products'],
};

/** The background task: validate the whole file, then write all valid rows in one transaction. */
export function importTask(): TaskDefinition<{ importId: string }> {
  return {
    name: IMPORT_TASK,
    description: 'Validates an uploaded CSV file and writes its rows',
    expireInSeconds: 2 * 60 * 60,
    retryLimit: 1,
    run: (ctx, data) => runImport(ctx, data.importId),
  };
}

class Superseded extends Error {}

function issue(
  importId: string,
  row: number,
  outcome: 'rejected' | 'skipped',
  reasons: Reason[],
  extra: { cells?: string[]; matchedId?: string | null },
): RowIssueRow {
  return {
    import_id: importId,
    row_number: row,
    outcome,
    reasons: JSON.stringify(reasons),
    cells: extra.cells ? JSON.stringify(extra.cells) : null,
    matched_id: extra.matchedId ?? null,
  };
}

/**
 * Runs an import the task was given, if it still waits to be run (status validating or importing:
 * a retried run takes over, its token makes the earlier run's final write fail).
 *
 * Pass 1 streams the file: every row is checked with the API's schema, then in batches looked up
 * (company links, owners, duplicates). Rejected and skipped rows are recorded; the rows to write
 * go to a plan file. Pass 2 writes the plan in one transaction, with the `import.completed` event
 * and the import's final counts: all valid rows or — on any error — none.
 */
export async function runImport(ctx: TaskContext, importId: string): Promise<void> {
  try {
    await run(ctx, importId);
  } finally {
    unmarkQueued(importId);
  }
}

async function run(ctx: TaskContext, importId: string): Promise<void> {
  const token = uuidv7();
  const startedAt = ctx.clock.now().toISOString();
  const claimed = await ctx.db
    .updateTable('imports')
    .set({
      run_token: token,
      status: 'validating',
      processed_rows: 0,
      bytes_read: 0,
      write_total: null,
      created_count: 0,
      updated_count: 0,
      skipped_count: 0,
      rejected_count: 0,
      error: null,
      started_at: startedAt,
      finished_at: null,
      updated_at: startedAt,
    })
    .where('id', '=', importId)
    .where('status', 'in', ['validating', 'importing'])
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return;
  const record = await findImport(ctx.db, importId);
  if (!record) return;
  await ctx.db.deleteFrom('import_row_issues').where('import_id', '=', importId).execute();

  const plan = planPath(ctx.config.dataDir, importId);
  const progress = trackProgress(importId, ctx.dialect, (p) =>
    updateImportOfRun(ctx.db, importId, token, {
      processed_rows: p.processed,
      bytes_read: p.bytes,
      updated_at: ctx.clock.now().toISOString(),
    }),
  );
  try {
    const actor = { ...(JSON.parse(record.actor) as Actor), origin: `import:${importId}` };
    const runCtx: RunContext = {
      importId,
      db: ctx.db,
      clock: ctx.clock,
      actor,
      mode: record.duplicate_mode ?? 'skip',
      options: record.options ? (JSON.parse(record.options) as ImportOptions) : {},
      fuzzyNames: record.row_count !== null && record.row_count <= FUZZY_NAME_ROWS,
      decimal: decimalSeparatorOf(record.delimiter as CsvDelimiter),
      columns: checkMapping(
        record.entity_type,
        JSON.parse(record.headers) as string[],
        JSON.parse(record.mapping ?? '{}') as ImportMapping,
      ),
    };
    const importer = IMPORTERS[record.entity_type as ImportEntityType](runCtx);
    const began = performance.now();
    const checked = await validatePass(ctx, record, runCtx, importer, plan, progress.update);
    const validated = performance.now();
    if (
      !(await updateImportOfRun(ctx.db, importId, token, {
        status: 'importing',
        row_count: checked.rows,
        processed_rows: 0,
        write_total: checked.toWrite,
        rejected_count: checked.rejected,
        skipped_count: checked.skipped,
        updated_at: ctx.clock.now().toISOString(),
      }))
    ) {
      throw new Superseded();
    }
    progress.phase('importing');
    await progress.idle();
    await writePass(ctx, record, runCtx, importer, plan, token, checked, progress);
    const validateMs = Math.round(validated - began);
    const writeMs = Math.round(performance.now() - validated);
    ctx.log.info(
      { importId, entityType: record.entity_type, ...checked, validateMs, writeMs },
      `import done: ${checked.rows} rows in ${((validateMs + writeMs) / 1000).toFixed(1)} s`,
    );
  } catch (err) {
    await progress.settle();
    if (err instanceof Superseded) return;
    if (ctx.signal.aborted && ctx.dialect === 'postgres') throw err; // pg-boss hands the run out again
    const why =
      err instanceof CsvReadError
        ? err.message
        : ctx.signal.aborted
          ? 'The server stopped during the import; nothing was written. Start it again.'
          : `The import failed, so nothing was written: ${errorLine(err)}`;
    if (!(err instanceof CsvReadError)) ctx.log.error({ err, importId }, 'import failed');
    await updateImportOfRun(ctx.db, importId, token, {
      status: 'failed',
      error: why,
      finished_at: ctx.clock.now().toISOString(),
      updated_at: ctx.clock.now().toISOString(),
    });
  } finally {
    progress.end();
    await rm(plan, { force: true });
  }
}

interface Checked {
  rows: number;
  rejected: number;
  skipped: number;
  toWrite: number;
}

async function validatePass(
  ctx: TaskContext,
  record: ImportRow,
  runCtx: RunContext,
  importer: EntityImporter<unknown>,
  plan: string,
  onProgress: (p: { processed: number; bytes: number }) => void,
): Promise<Checked> {
  const out = createWriteStream(plan);
  const counts: Checked = { rows: 0, rejected: 0, skipped: 0, toWrite: 0 };
  let issues: RowIssueRow[] = [];
  let pending: Array<{ row: number; item: unknown; cells: string[] }> = [];
  let bytes = 0;

  const saveIssues = async () => {
    if (!issues.length) return;
    const chunk = issues;
    issues = [];
    await insertRowIssues(ctx.db, chunk);
  };
  const writeLine = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  const flush = async () => {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    const decisions: Array<Decision<unknown>> = await importer.resolve(batch);
    for (const [i, d] of decisions.entries()) {
      const { row, cells } = batch[i]!;
      if (d.kind === 'reject') {
        counts.rejected++;
        issues.push(issue(record.id, row, 'rejected', d.reasons, { cells }));
      } else if (d.kind === 'skip') {
        counts.skipped++;
        issues.push(issue(record.id, row, 'skipped', [d.reason], { matchedId: d.matchedId }));
      } else {
        counts.toWrite++;
        const entry: PlanEntry<unknown> = { row, kind: d.kind, item: d.item };
        if (d.kind === 'update') entry.targetId = d.targetId;
        await writeLine(`${JSON.stringify(entry)}\n`);
      }
    }
    await saveIssues();
  };

  try {
    let header = true;
    for await (const rec of readCsvRecords(storedFilePath(ctx.config.dataDir, record.id), {
      encoding: record.encoding as CsvEncoding,
      delimiter: record.delimiter as CsvDelimiter,
      signal: ctx.signal,
      onBytes: (b) => {
        bytes = b;
      },
    })) {
      if (header) {
        header = false;
        continue;
      }
      counts.rows++;
      const { item, reasons } = importer.parse(rowCells(rec.cells, runCtx.columns));
      if (item === undefined) {
        counts.rejected++;
        issues.push(issue(record.id, rec.row, 'rejected', reasons, { cells: rec.cells }));
        if (issues.length >= BATCH_ROWS) await saveIssues();
      } else {
        pending.push({ row: rec.row, item, cells: rec.cells });
        if (pending.length >= BATCH_ROWS) await flush();
      }
      onProgress({ processed: counts.rows, bytes });
    }
    await flush();
    await saveIssues();
    onProgress({ processed: counts.rows, bytes });
  } finally {
    out.end();
    await once(out, 'close');
  }
  return counts;
}

/** The plan file, `size` entries at a time. */
async function* readPlan(path: string, size: number): AsyncGenerator<Array<PlanEntry<unknown>>> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  let batch: Array<PlanEntry<unknown>> = [];
  for await (const line of lines) {
    if (!line) continue;
    batch.push(JSON.parse(line) as PlanEntry<unknown>);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

async function writePass(
  ctx: TaskContext,
  record: ImportRow,
  runCtx: RunContext,
  importer: EntityImporter<unknown>,
  plan: string,
  token: string,
  checked: Checked,
  progress: ReturnType<typeof trackProgress>,
): Promise<void> {
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    let created = 0;
    let updated = 0;
    let skipped = checked.skipped;
    let processed = 0;
    for await (const batch of readPlan(plan, BATCH_ROWS)) {
      ctx.signal.throwIfAborted();
      const result = await importer.write(trx, at, batch);
      created += result.created;
      updated += result.updated;
      skipped += result.skipped.length;
      await insertRowIssues(
        trx,
        result.skipped.map((s) => issue(record.id, s.row, 'skipped', [s.reason], { matchedId: s.matchedId })),
      );
      processed += batch.length;
      progress.update({ processed, bytes: record.size_bytes });
    }
    await publish(trx, ctx.clock, runCtx.actor, 'import.completed', {
      importId: record.id,
      entityType: record.entity_type,
      created,
      updated,
      skipped,
      rejected: checked.rejected,
    });
    await progress.settle();
    const now = ctx.clock.now().toISOString();
    const mine = await updateImportOfRun(trx, record.id, token, {
      status: 'done',
      processed_rows: processed,
      created_count: created,
      updated_count: updated,
      skipped_count: skipped,
      finished_at: now,
      updated_at: now,
    });
    if (!mine) throw new Superseded();
  });
  // Written: the file is no longer needed (the rejected rows keep their cells).
  await rm(storedFilePath(ctx.config.dataDir, record.id), { force: true });
  // Many new rows at once: let the query planner see them before the next duplicate checks.
  await refreshStatistics(ctx.db);
}

/** Marks an import that was interrupted (its process stopped) as failed, so it can be started again. */
export async function markInterrupted(ctx: Pick<TaskContext, 'db' | 'clock'>, importId: string) {
  const now = ctx.clock.now().toISOString();
  await updateImport(ctx.db, importId, {
    status: 'failed',
    error: 'The import was interrupted (the server stopped); nothing was written. Start it again.',
    finished_at: now,
    updated_at: now,
    run_token: null,
  });
}
