import { isUtf8 } from 'node:buffer';

/**
 * The text encodings Kontor reads CSV files in: UTF-8 (with or without BOM), UTF-16 with a BOM
 * (Excel's "Unicode text"), and Windows-1252 for everything that is not valid UTF-8 — what German
 * Excel writes when told "CSV (Trennzeichen-getrennt)". Node's TextDecoder knows all three.
 */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'windows-1252';

/** Bytes at the end of `buf` that start a UTF-8 sequence the next chunk completes (0–3). */
function incompleteTail(buf: Uint8Array): number {
  for (let i = 1; i <= Math.min(3, buf.length); i++) {
    const b = buf[buf.length - i]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back for the lead byte
    if ((b & 0x80) === 0) return 0;
    const length = (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 1;
    return length > i ? i : 0;
  }
  return 0;
}

/** What kind of file the first bytes say it is, when it is plainly not a text file. */
export function binaryKind(head: Uint8Array): 'xlsx' | 'xls' | 'binary' | null {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'xls';
  const sample = head.subarray(0, 4096);
  const utf16 = (sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff);
  if (!utf16 && sample.includes(0)) return 'binary';
  return null;
}

/**
 * Finds a file's encoding while it streams by, chunk by chunk, without holding it: a UTF-16 BOM
 * decides at once; otherwise the file is UTF-8 when every byte of it is valid UTF-8 (a UTF-8 BOM
 * or not), else Windows-1252.
 */
export class EncodingSniffer {
  private head: Buffer | null = null;
  private carry: Buffer = Buffer.alloc(0);
  private valid = true;
  private decided: CsvEncoding | null = null;

  push(chunk: Buffer): void {
    if (!this.head) {
      this.head = chunk.subarray(0, 8);
      if (chunk[0] === 0xff && chunk[1] === 0xfe) this.decided = 'utf-16le';
    }
    if (this.decided || !this.valid) return;
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const tail = incompleteTail(data);
    const complete = data.subarray(0, data.length - tail);
    if (!isUtf8(complete)) this.valid = false;
    this.carry = Buffer.from(data.subarray(data.length - tail));
  }

  /** The encoding, once every chunk was pushed. */
  result(): CsvEncoding {
    if (this.decided) return this.decided;
    return this.valid && this.carry.length === 0 ? 'utf-8' : 'windows-1252';
  }
}
