import { describe, expect, it } from 'vitest';
import { detectSeparator, parseCsv } from './csv-parse';

describe('parseCsv', () => {
  it('reads ; separated German files with a BOM', () => {
    const rows = parseCsv('\uFEFFName;Potenzial\r\nMaschinenbau Süd;42.500.000,00\r\n');
    expect(rows).toEqual([
      { line: 1, cells: ['Name', 'Potenzial'] },
      { line: 2, cells: ['Maschinenbau Süd', '42.500.000,00'] },
    ]);
  });

  it('detects , separated files', () => {
    expect(detectSeparator('name,industry\nA,B')).toBe(',');
    expect(parseCsv('name,industry\nA,B')[1]?.cells).toEqual(['A', 'B']);
  });

  it('handles quoted cells with separators, quotes and line breaks', () => {
    const rows = parseCsv('Name;Notes\n"A; B";"say ""hi""\nsecond line"\nC;D\n');
    expect(rows[1]).toEqual({ line: 2, cells: ['A; B', 'say "hi"\nsecond line'] });
    // the next row starts on line 4, as in the server's import report
    expect(rows[2]).toEqual({ line: 4, cells: ['C', 'D'] });
  });

  it('skips empty lines but keeps line numbers', () => {
    const rows = parseCsv('Name\n\nA\n');
    expect(rows).toEqual([
      { line: 1, cells: ['Name'] },
      { line: 3, cells: ['A'] },
    ]);
  });
});
