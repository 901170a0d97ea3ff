import type { Import, ImportMapping, ImportRowIssue } from '../../../../contracts/imports';
import type { ImportRow, RowIssueRow } from './imports.repository';
import { liveProgressOf } from './progress';

export const delimiterName = (d: string) => (d === '\t' ? 'tab' : d) as Import['delimiter'];
export const delimiterOf = (name: string) => (name === 'tab' ? '\t' : name);

const clamp = (n: number) => Math.max(0, Math.min(100, Math.floor(n)));

/** The progress of an import: this process's live figures while it runs here, else the saved ones. */
function progressOf(row: ImportRow): Import['progress'] {
  const live = liveProgressOf(row.id);
  const processed = live?.processed ?? row.processed_rows;
  const bytes = live?.bytes ?? row.bytes_read;
  const phase =
    row.status === 'validating' || row.status === 'importing' ? (live?.phase ?? row.status) : null;
  if (row.status === 'done') {
    return { processed: row.processed_rows, total: row.write_total, percent: 100 };
  }
  if (phase === 'validating') {
    const share = row.row_count ? processed / row.row_count : row.size_bytes ? bytes / row.size_bytes : 0;
    const total = row.row_count ?? (bytes > 0 ? Math.round((processed * row.size_bytes) / bytes) : null);
    return { processed, total, percent: clamp(50 * share) };
  }
  if (phase === 'importing') {
    const total = row.write_total;
    return { processed, total, percent: clamp(50 + (total ? (50 * processed) / total : 50)) };
  }
  return { processed: 0, total: row.row_count, percent: 0 };
}

export function toImport(row: ImportRow): Import {
  return {
    id: row.id,
    entityType: row.entity_type,
    filename: row.filename,
    status: row.status,
    sizeBytes: Number(row.size_bytes),
    encoding: row.encoding as Import['encoding'],
    delimiter: delimiterName(row.delimiter),
    headers: JSON.parse(row.headers) as string[],
    mapping: row.mapping ? (JSON.parse(row.mapping) as ImportMapping) : null,
    duplicateMode: row.duplicate_mode,
    rowCount: row.row_count,
    progress: progressOf(row),
    counts: {
      created: row.created_count,
      updated: row.updated_count,
      skipped: row.skipped_count,
      rejected: row.rejected_count,
    },
    error: row.error,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
  };
}

export function toRowIssue(row: RowIssueRow): ImportRowIssue {
  return {
    row: row.row_number,
    outcome: row.outcome,
    reasons: JSON.parse(row.reasons) as ImportRowIssue['reasons'],
    values: row.cells ? (JSON.parse(row.cells) as string[]) : null,
    matchedId: row.matched_id,
  };
}
