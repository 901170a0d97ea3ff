import type { ListResponse } from '../../../contracts/common';

/**
 * CSV export of list views, made for German Excel: `;` between cells, CRLF line ends and a UTF-8
 * byte-order mark (without it Excel reads umlauts as Windows-1252). Values are written as the user
 * sees them (formatted numbers, dates, money), so the file opens right in the user's locale.
 */
export interface CsvColumn<T> {
  header: string;
  value: (item: T) => string | number | boolean | null | undefined;
}

export interface CsvOptions {
  separator?: string;
  bom?: boolean;
  lineEnding?: string;
}

const BOM = '\uFEFF';
/** Cells a spreadsheet would run as a formula (`=HYPERLINK(…)`), unless they are plain numbers. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMERIC = /^[-+]?[\d.,\s]+(\s?[^\d\s]{1,3})?$/;

/** One cell: quoted when it contains the separator, a quote or a line break; formulas neutralised. */
export function csvCell(value: string | number | boolean | null | undefined, separator = ';'): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text) && !NUMERIC.test(text)) text = `'${text}`;
  if (text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim()) {
    return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

/** The CSV text of `items` with a header row. */
export function toCsv<T>(
  items: readonly T[],
  columns: readonly CsvColumn<T>[],
  options: CsvOptions = {},
): string {
  const separator = options.separator ?? ';';
  const eol = options.lineEnding ?? '\r\n';
  const lines = [columns.map((c) => csvCell(c.header, separator)).join(separator)];
  for (const item of items) lines.push(columns.map((c) => csvCell(c.value(item), separator)).join(separator));
  return `${options.bom === false ? '' : BOM}${lines.join(eol)}${eol}`;
}

export interface FetchAllResult<T> {
  items: T[];
  /** More rows existed than `max`; the export stops there. */
  truncated: boolean;
}

/**
 * Reads a cursor-paginated list page by page (the list view's filters and sort are in `fetchPage`)
 * up to `max` rows.
 */
export async function fetchAllPages<T>(
  fetchPage: (cursor: string | null, limit: number) => Promise<ListResponse<T>>,
  options: {
    max?: number;
    pageSize?: number;
    onProgress?: (loaded: number) => void;
    signal?: AbortSignal;
  } = {},
): Promise<FetchAllResult<T>> {
  const max = options.max ?? 10_000;
  const pageSize = Math.min(options.pageSize ?? 500, max);
  const items: T[] = [];
  let cursor: string | null = null;
  for (;;) {
    if (options.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    const page: ListResponse<T> = await fetchPage(cursor, Math.min(pageSize, max - items.length));
    items.push(...page.items);
    options.onProgress?.(items.length);
    cursor = page.nextCursor;
    if (!cursor) return { items, truncated: false };
    if (items.length >= max) return { items: items.slice(0, max), truncated: true };
  }
}

/** `companies-2026-11-26.csv` (local date). */
export function csvFileName(base: string, now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${base}-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}

/** Lets the browser save `text` as a file. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
