import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, fetchAllPages, toCsv } from './csv-export';

describe('csvCell', () => {
  it('leaves plain values alone', () => {
    expect(csvCell('Müller GmbH')).toBe('Müller GmbH');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('a,b', ',')).toBe('"a,b"');
    expect(csvCell('a,b', ';')).toBe('a,b');
  });

  it('neutralises formulas but keeps negative amounts', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-9,95 €')).toBe('-9,95 €');
    expect(csvCell('-1.234')).toBe('-1.234');
  });
});

describe('toCsv', () => {
  const rows = [
    { name: 'Müller', amount: '1.234,56 €' },
    { name: 'Schmidt; Söhne', amount: '0,00 €' },
  ];
  const columns = [
    { header: 'Name', value: (r: (typeof rows)[number]) => r.name },
    { header: 'Betrag', value: (r: (typeof rows)[number]) => r.amount },
  ];

  it('writes a BOM, a header and CRLF lines with ;', () => {
    expect(toCsv(rows, columns)).toBe(
      '\uFEFFName;Betrag\r\nMüller;1.234,56 €\r\n"Schmidt; Söhne";0,00 €\r\n',
    );
  });

  it('can leave out the BOM and use another separator', () => {
    expect(toCsv(rows.slice(0, 1), columns, { bom: false, separator: ',', lineEnding: '\n' })).toBe(
      'Name,Betrag\nMüller,"1.234,56 €"\n',
    );
  });
});

describe('fetchAllPages', () => {
  const pages = (total: number) => async (cursor: string | null, limit: number) => {
    const start = cursor ? Number(cursor) : 0;
    const end = Math.min(total, start + limit);
    const items = Array.from({ length: end - start }, (_, i) => start + i);
    return { items, nextCursor: end < total ? String(end) : null };
  };

  it('reads every page', async () => {
    const progress: number[] = [];
    const result = await fetchAllPages(pages(1200), { pageSize: 500, onProgress: (n) => progress.push(n) });
    expect(result.items).toHaveLength(1200);
    expect(result.truncated).toBe(false);
    expect(progress).toEqual([500, 1000, 1200]);
  });

  it('stops at the maximum and says so', async () => {
    const result = await fetchAllPages(pages(25_000), { max: 10_000 });
    expect(result.items).toHaveLength(10_000);
    expect(result.items[9_999]).toBe(9_999);
    expect(result.truncated).toBe(true);
  });

  it('is not truncated when the list ends exactly at the maximum', async () => {
    const result = await fetchAllPages(pages(1000), { max: 1000 });
    expect(result).toMatchObject({ truncated: false });
    expect(result.items).toHaveLength(1000);
  });
});

describe('csvFileName', () => {
  it('adds the local date', () => {
    expect(csvFileName('firmen', new Date(2026, 10, 6, 12))).toBe('firmen-2026-11-06.csv');
  });
});
