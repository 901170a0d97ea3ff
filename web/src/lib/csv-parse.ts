/**
 * A small CSV reader for import previews in the browser (the server parses the file again for
 * real): `;` or `,` separated (whichever the header row has more of), quoted cells with `""`
 * escapes and line breaks, BOM removed. Each row carries the line it starts on (the header is 1),
 * the numbering the server's import reports use.
 */
export interface CsvRow {
  line: number;
  cells: string[];
}

export function detectSeparator(text: string): ';' | ',' {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (ch: string) => firstLine.split(ch).length - 1;
  return count(';') >= count(',') && count(';') > 0 ? ';' : count(',') > 0 ? ',' : ';';
}

export function parseCsv(input: string, separator: string = detectSeparator(input)): CsvRow[] {
  const text = input.replace(/^\uFEFF/, '');
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;

  const endRow = () => {
    cells.push(cell);
    cell = '';
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowStart, cells: cells.map((c) => c.trim()) });
    cells = [];
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === separator) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowStart = line;
    } else {
      cell += ch;
    }
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}
