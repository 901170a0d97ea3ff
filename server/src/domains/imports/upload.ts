import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { type CsvEncoding, EncodingSniffer } from '../../platform/csv/encoding';
import { uuidv7 } from '../../platform/ids';
import { importsDir } from './files';

/** Largest file an upload takes (override with KONTOR_IMPORT_MAX_BYTES). */
export const DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export function maxUploadBytes(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.KONTOR_IMPORT_MAX_BYTES);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_UPLOAD_BYTES;
}

/** An uploaded file, stored under the data folder, with the encoding its bytes showed. */
export interface ReceivedFile {
  path: string;
  sizeBytes: number;
  encoding: CsvEncoding;
  /** The first bytes (to recognise a spreadsheet that is not CSV). */
  head: Buffer;
}

/** A 413 problem (the error handler turns `statusCode` and `code` into the RFC 9457 response). */
export function tooLarge(limit: number): Error {
  const mb = Math.round(limit / 1024 / 1024);
  return Object.assign(
    new Error(
      `The file is larger than ${mb >= 1 ? `${mb} MB` : `${limit} bytes`}; split it into smaller files`,
    ),
    { statusCode: 413, code: 'imports.too_large' },
  );
}

/**
 * Streams a request body to a file in the imports folder without holding it in memory, stopping
 * with 413 as soon as it exceeds `limit` (a declared Content-Length above it is refused before
 * reading). The rest of a body that is too large is read and dropped, not cut off, so the client
 * gets the 413 answer. The encoding is found on the way (platform/csv/encoding).
 */
export async function receiveFile(
  body: Readable,
  opts: { dataDir: string; limit: number; declaredLength?: string | undefined },
): Promise<ReceivedFile> {
  const declared = Number(opts.declaredLength);
  if (Number.isFinite(declared) && declared > opts.limit) {
    body.resume();
    throw tooLarge(opts.limit);
  }
  const dir = importsDir(opts.dataDir);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${uuidv7()}.upload`);
  const out = createWriteStream(path);
  const sniffer = new EncodingSniffer();
  let size = 0;
  let head: Buffer | null = null;
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (err: Error) => {
        if (failed) return;
        failed = true;
        body.removeAllListeners('data');
        body.resume(); // drop the rest
        out.destroy();
        reject(err);
      };
      body.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > opts.limit) return fail(tooLarge(opts.limit));
        if (!head) head = Buffer.from(chunk.subarray(0, 4096));
        sniffer.push(chunk);
        if (!out.write(chunk)) {
          body.pause();
          out.once('drain', () => body.resume());
        }
      });
      let ended = false;
      body.once('end', () => {
        ended = true;
        if (!failed) out.end();
      });
      // a client that goes away mid-upload: no 'end', maybe no 'error'
      body.once('close', () => {
        if (!ended) fail(new Error('The upload was aborted'));
      });
      body.once('error', fail);
      out.once('error', fail);
      out.once('close', () => {
        if (!failed) resolve();
      });
    });
  } catch (err) {
    if (!out.closed) await once(out, 'close').catch(() => undefined);
    await rm(path, { force: true });
    throw err;
  }
  return { path, sizeBytes: size, encoding: sniffer.result(), head: head ?? Buffer.alloc(0) };
}
