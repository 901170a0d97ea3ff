/** The separators Kontor reads CSV files with. */
export type CsvDelimiter = ';' | ',' | '\t';

/**
 * `;`, `,` or a tab, whichever the header line (outside quotes) has most of; `,` when it has none.
 * German Excel writes `;` (the comma is its decimal separator), "Unicode text" exports use tabs.
 */
export function detectDelimiter(csv: string): CsvDelimiter {
  let semicolons = 0;
  let commas = 0;
  let tabs = 0;
  let quoted = false;
  for (const ch of csv) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === '\t') tabs++;
  }
  if (tabs > semicolons && tabs > commas) return '\t';
  return semicolons >= commas && semicolons > 0 ? ';' : ',';
}

/** The decimal separator numbers in a file probably use: `,` next to `;` or tabs (German), else `.`. */
export function decimalSeparatorOf(delimiter: CsvDelimiter): ',' | '.' {
  return delimiter === ',' ? '.' : ',';
}
