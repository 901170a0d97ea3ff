import { describe, expect, it } from 'vitest';
import { lineFigures, lineNetCents, sumNetCents, weightedCents, weightedFromX100 } from './deal-amounts';

describe('deal amounts', () => {
  it('rounds each line net to the cent, half away from zero, in integers', () => {
    // 3 × 33.33 € = 99.99 €
    expect(lineNetCents(3000, 3333, 0)).toBe(9999);
    // 1.5 h × 12.35 € = 18.525 € → 18.53 €
    expect(lineNetCents(1500, 1235, 0)).toBe(1853);
    // 0.333 × 1.00 € = 0.333 € → 0.33 €
    expect(lineNetCents(333, 100, 0)).toBe(33);
    // 7 × 19.99 € − 12.5 % = 122.43875 € → 122.44 €
    expect(lineNetCents(7000, 1999, 1250)).toBe(12244);
    // 2 × 0.25 € − 2.5 % = 0.4875 € → 0.49 €
    expect(lineNetCents(2000, 25, 250)).toBe(49);
    // 100 % discount
    expect(lineNetCents(5000, 1000, 10000)).toBe(0);
    // big numbers stay exact: 99,999.999 × 9,999,999.99 € − 0.01 %
    expect(lineNetCents(99_999_999, 999_999_999, 1)).toBe(99_989_998_900_110);
  });

  it('the amount is the sum of the rounded line nets (not the rounded sum)', () => {
    const lines = [
      lineFigures({ description: 'a', quantity: 1.5, unitPriceCents: 1235 }),
      lineFigures({ description: 'b', quantity: 1.5, unitPriceCents: 1235 }),
    ];
    expect(lines.map((l) => l.netCents)).toEqual([1853, 1853]);
    expect(sumNetCents(lines)).toBe(3706); // 2 × 18.525 = 37.05 if summed first
    expect(
      lineFigures({
        description: 'c',
        quantity: 2.125,
        unitPriceCents: 800,
        discountPercent: 33.33,
        vatRate: 7,
      }),
    ).toEqual({
      quantityMilli: 2125,
      unitPriceCents: 800,
      discountBp: 3333,
      vatRate: 7,
      netCents: 1133, // 2.125 × 8 € × 0.6667 = 11.3339 €
    });
  });

  it('weights amounts by probability, rounded to the cent', () => {
    expect(weightedCents(12345, 25)).toBe(3086); // 3086.25
    expect(weightedCents(10, 75)).toBe(8); // 7.5 → 8
    expect(weightedFromX100(12345 * 25 + 10 * 75)).toBe(3094); // 3093.75
  });
});
