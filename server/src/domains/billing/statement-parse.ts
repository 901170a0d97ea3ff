import { looksLikeCsv } from './bank-csv';
import { decodeText } from './bank-file-text';
import { invalidStatement } from './camt053';
import { looksLikeMt940 } from './mt940';

export type StatementKind = 'camt' | 'mt940' | 'csv';

/**
 * Which kind of bank statement a file is, from its content (not its name or content type):
 * XML → CAMT.053, `:20:`/`{1:` → MT940, a delimited table → CSV. Anything else is a 422 naming
 * what the file seems to be.
 */
export function detectStatementKind(file: Buffer): StatementKind {
  const { text } = decodeText(file);
  const head = text.trimStart();
  if (!head) throw invalidStatement('not a bank statement: the file is empty');
  if (head.startsWith('<')) return 'camt';
  if (looksLikeMt940(text)) return 'mt940';
  if (head.startsWith('%PDF')) {
    throw invalidStatement(
      'not a bank statement: this is a PDF, not XML (CAMT.053), MT940 or CSV; export the statement from online banking in one of those formats',
    );
  }
  if (file.subarray(0, 4).toString('hex') === '504b0304') {
    throw invalidStatement(
      'not a bank statement: this is a ZIP or Excel file, not XML (CAMT.053), MT940 or CSV; unpack it or save it as CSV',
    );
  }
  if (looksLikeCsv(text)) return 'csv';
  throw invalidStatement(
    'not a bank statement: the file is not XML (CAMT.053), not MT940 and not a CSV table with at least 3 columns',
  );
}
