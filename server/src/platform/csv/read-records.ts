import { createReadStream } from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import type { CsvDelimiter } from './delimiter';
import type { CsvEncoding } from './encoding';

/** One record of a CSV file: its cells and its row number as a spreadsheet shows it (the header is row 1). */
export interface CsvRecord {
  cells: string[];
  row: number;
}

export interface ReadCsvOptions {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  /** Called with the file bytes read so far, as the file is read (progress). */
  onBytes?: (bytes: number) => void;
  /** Stops reading (the generator throws the signal's reason). */
  signal?: AbortSignal;
}

/** A record longer than this (characters) is not a CSV row but a broken file (an unclosed quote). */
export const MAX_RECORD_CHARS = 1_000_000;

/** Thrown for a file csv-parse cannot read (an unclosed quote at the end, a record too long). */
export class CsvReadError extends Error {
  constructor(
    message: string,
    readonly row: number | null,
  ) {
    super(message);
    this.name = 'CsvReadError';
  }
}

/**
 * Streams the records of a CSV file, decoded from its encoding, in constant memory (1 MB chunks):
 * empty lines are skipped (but counted in row numbers, as a spreadsheet counts them), rows may
 * have fewer or more cells than the header, and a quote inside an unquoted cell is taken literally.
 */
export async function* readCsvRecords(path: string, opts: ReadCsvOptions): AsyncGenerator<CsvRecord> {
  const file = createReadStream(path, { highWaterMark: 1024 * 1024 });
  const decoder = new TextDecoder(opts.encoding);
  const parser = parse({
    delimiter: opts.delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  let bytes = 0;
  file.on('data', (chunk) => {
    bytes += chunk.length;
    const text = decoder.decode(chunk as Buffer, { stream: true });
    if (!parser.write(text)) file.pause();
  });
  parser.on('drain', () => file.resume());
  file.on('end', () => {
    const rest = decoder.decode();
    if (rest) parser.write(rest);
    parser.end();
  });
  file.on('error', (err) => parser.destroy(err));
  const abort = () => {
    const reason = opts.signal?.reason ?? new Error('aborted');
    file.destroy();
    parser.destroy(reason instanceof Error ? reason : new Error(String(reason)));
  };
  opts.signal?.addEventListener('abort', abort, { once: true });
  let reported = 0;
  try {
    for await (const item of parser as AsyncIterable<{
      record: string[];
      info: { records: number; empty_lines: number };
    }>) {
      if (opts.onBytes && bytes !== reported) {
        reported = bytes;
        opts.onBytes(bytes);
      }
      yield { cells: item.record, row: item.info.records + item.info.empty_lines };
    }
    opts.onBytes?.(bytes);
  } catch (err) {
    if (err instanceof CsvError) {
      const lines = (err as CsvError & { lines?: number }).lines;
      throw new CsvReadError(
        `The file cannot be read as CSV${lines ? ` near line ${lines}` : ''}: ${err.message}`,
        lines ?? null,
      );
    }
    throw err;
  } finally {
    opts.signal?.removeEventListener('abort', abort);
    file.destroy();
    parser.destroy();
  }
}
