import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decimalSeparatorOf, detectDelimiter } from './delimiter';
import { binaryKind, EncodingSniffer } from './encoding';
import { CsvReadError, readCsvRecords } from './read-records';
import { csvCell, csvLine } from './write-csv';

const dir = mkdtempSync(join(tmpdir(), 'kontor-csv-'));
let n = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${++n}.csv`);
  writeFileSync(path, content);
  return path;
}

async function records(
  path: string,
  encoding: 'utf-8' | 'windows-1252' | 'utf-16le',
  delimiter: ';' | ',' | '\t',
) {
  const out = [];
  for await (const r of readCsvRecords(path, { encoding, delimiter })) out.push(r);
  return out;
}

describe('CSV reading', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('detects the separator from the header line: semicolon, comma or tab', () => {
    expect(detectDelimiter('Name\tOrt\tPLZ\nA\tB\tC')).toBe('\t');
    expect(detectDelimiter('Name;Ort\nA,B;C')).toBe(';');
    expect(detectDelimiter('"a;b",c')).toBe(',');
    expect(decimalSeparatorOf(';')).toBe(',');
    expect(decimalSeparatorOf('\t')).toBe(',');
    expect(decimalSeparatorOf(',')).toBe('.');
  });

  it('finds the encoding while the bytes stream by, also when a character is split between chunks', () => {
    const utf8 = Buffer.from('Name;Straße\nMüller;Hauptstraße 1\n');
    const split = new EncodingSniffer();
    const cut = utf8.indexOf(0xc3) + 1; // in the middle of "ß"
    split.push(utf8.subarray(0, cut));
    split.push(utf8.subarray(cut));
    expect(split.result()).toBe('utf-8');

    const cp1252 = new EncodingSniffer();
    cp1252.push(Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x3b, 0x80])); // "Müller;€"
    expect(cp1252.result()).toBe('windows-1252');

    const truncated = new EncodingSniffer();
    truncated.push(Buffer.from([0x41, 0xc3]));
    expect(truncated.result()).toBe('windows-1252');

    const utf16 = new EncodingSniffer();
    utf16.push(Buffer.from([0xff, 0xfe, 0x41, 0x00]));
    expect(utf16.result()).toBe('utf-16le');

    expect(binaryKind(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe('xlsx');
    expect(binaryKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))).toBe('xls');
    expect(binaryKind(Buffer.from([0x41, 0x00, 0x42]))).toBe('binary');
    expect(binaryKind(Buffer.from('Name;Ort'))).toBeNull();
  });

  it('streams records with spreadsheet row numbers: empty lines count, quoted line breaks do not', async () => {
    const path = file('\uFEFFName;Notiz\n\nA;"zwei\nZeilen"\nB;"sagt ""hallo"""\nC;x "y" z\n');
    expect(await records(path, 'utf-8', ';')).toEqual([
      { cells: ['Name', 'Notiz'], row: 1 },
      { cells: ['A', 'zwei\nZeilen'], row: 3 },
      { cells: ['B', 'sagt "hallo"'], row: 4 },
      { cells: ['C', 'x "y" z'], row: 5 },
    ]);
  });

  it('reads Windows line ends', async () => {
    const path = file('Name;Ort\r\n"Müller; Söhne";"Köln"\r\nB;C\r\n');
    expect((await records(path, 'utf-8', ';')).map((r) => [r.row, ...r.cells])).toEqual([
      [1, 'Name', 'Ort'],
      [2, 'Müller; Söhne', 'Köln'],
      [3, 'B', 'C'],
    ]);
  });

  it('decodes Windows-1252 and UTF-16 files', async () => {
    const cp = file(Buffer.from([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0x47, 0xf6, 0xdf, 0x6c, 0x20, 0x80, 0x0a])); // Name\nGößl €
    expect((await records(cp, 'windows-1252', ';')).map((r) => r.cells)).toEqual([['Name'], ['Gößl €']]);
    const wide = file(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Name\tOrt\nÄ\tB\n', 'utf16le')]),
    );
    expect((await records(wide, 'utf-16le', '\t')).map((r) => r.cells)).toEqual([
      ['Name', 'Ort'],
      ['Ä', 'B'],
    ]);
  });

  it('stops with a readable error for a broken file', async () => {
    const path = file(`Name\n"${'x'.repeat(1_100_000)}\n`);
    await expect(records(path, 'utf-8', ',')).rejects.toThrow(CsvReadError);
  });

  it('writes cells quoted only where needed', () => {
    expect(csvCell('Müller; Söhne', ';')).toBe('"Müller; Söhne"');
    expect(csvCell('sagt "hallo"', ',')).toBe('"sagt ""hallo"""');
    expect(csvCell('a,b', ';')).toBe('a,b');
    expect(csvCell(' Rand ', ';')).toBe('" Rand "');
    expect(csvLine(['a', null, 3], ';')).toBe('a;;3\r\n');
  });
});
