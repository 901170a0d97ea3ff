import type { CsvDelimiter } from './delimiter';

/** A cell as CSV: quoted when it holds the delimiter, a quote or a line break (quotes doubled). */
export function csvCell(value: string | number | null | undefined, delimiter: CsvDelimiter): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim()
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

/** One CSV line (with CRLF, as spreadsheet programs write it). */
export function csvLine(
  cells: ReadonlyArray<string | number | null | undefined>,
  delimiter: CsvDelimiter,
): string {
  return `${cells.map((c) => csvCell(c, delimiter)).join(delimiter)}\r\n`;
}

/** The UTF-8 byte order mark: Excel opens a UTF-8 CSV with umlauts intact only when it starts with one. */
export const UTF8_BOM = '\uFEFF';
