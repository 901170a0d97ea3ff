import { describe, expect, it } from 'vitest';
import { defaultVatCategory, invoiceLineFigures, invoiceTotals, vatCents } from './invoice-amounts';

describe('invoice amounts (EN 16931)', () => {
  it('defaults the VAT category to S for 19 % and 7 %, none for 0 %', () => {
    expect(defaultVatCategory(19)).toBe('S');
    expect(defaultVatCategory(7)).toBe('S');
    expect(defaultVatCategory(0)).toBeNull();
    expect(invoiceLineFigures({ description: 'x', quantity: 1, unitPriceCents: 100 })).toMatchObject({
      vatRate: 19,
      vatCategory: 'S',
      unit: 'C62',
      discountBp: 0,
      netCents: 100,
    });
    expect(() =>
      invoiceLineFigures({ description: 'x', quantity: 1, unitPriceCents: 100, vatRate: 0 }),
    ).toThrow(/VAT category/);
  });

  it('rounds VAT half away from zero', () => {
    expect(vatCents(1050, 19)).toBe(200); // 199.5 → 200
    expect(vatCents(1, 19)).toBe(0); // 0.19
    expect(vatCents(3, 19)).toBe(1); // 0.57
    expect(vatCents(50, 7)).toBe(4); // 3.5 → 4
    expect(vatCents(-50, 7)).toBe(-4);
    expect(vatCents(12345, 0)).toBe(0);
  });

  it('computes VAT on the sum of the group nets, not per line', () => {
    // three lines of 0.03 € at 19 %: per line 0.0057 → 0.01 each = 0.03; on the sum 0.09 × 19 % = 0.0171 → 0.02
    const t = invoiceTotals([
      { description: 'a', quantity: 1, unitPriceCents: 3 },
      { description: 'b', quantity: 1, unitPriceCents: 3 },
      { description: 'c', quantity: 1, unitPriceCents: 3 },
    ]);
    expect(t.netCents).toBe(9);
    expect(t.vatBreakdown).toEqual([
      { vatCategory: 'S', vatRate: 19, netCents: 9, vatCents: 2, exemptionReason: null },
    ]);
    expect(t.vatCents).toBe(2);
    expect(t.grossCents).toBe(11);
  });

  it('groups by category and rate, with line nets rounded first', () => {
    const t = invoiceTotals([
      { description: 'Beratung', quantity: 1.5, unitPriceCents: 1235, unit: 'HUR' }, // 18.525 → 18.53
      { description: 'Buch', quantity: 3, unitPriceCents: 1999, vatRate: 7, discountPercent: 12.5 }, // 52.47375 → 52.47
      {
        description: 'Lizenz',
        quantity: 2,
        unitPriceCents: 10000,
        vatRate: 0,
        vatCategory: 'AE',
        exemptionReason: 'Reverse charge',
      },
      { description: 'Beratung 2', quantity: 1.5, unitPriceCents: 1235 }, // 18.53
    ]);
    expect(t.lines.map((l) => [l.position, l.netCents])).toEqual([
      [1, 1853],
      [2, 5247],
      [3, 20000],
      [4, 1853],
    ]);
    expect(t.vatBreakdown).toEqual([
      { vatCategory: 'S', vatRate: 19, netCents: 3706, vatCents: 704, exemptionReason: null }, // 7.0414
      { vatCategory: 'S', vatRate: 7, netCents: 5247, vatCents: 367, exemptionReason: null }, // 3.6729
      { vatCategory: 'AE', vatRate: 0, netCents: 20000, vatCents: 0, exemptionReason: 'Reverse charge' },
    ]);
    expect(t.netCents).toBe(28953);
    expect(t.vatCents).toBe(1071);
    expect(t.grossCents).toBe(30024);
  });

  it('stays exact for large amounts', () => {
    const t = invoiceTotals([{ description: 'x', quantity: 99_999.999, unitPriceCents: 999_999_999 }]);
    expect(t.netCents).toBe(99_999_998_900_000);
    expect(t.vatCents).toBe(18_999_999_791_000);
  });
});
