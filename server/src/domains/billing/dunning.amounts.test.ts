import { describe, expect, it } from 'vitest';
import { interestCents, interestRateBp, noticeAmounts } from './dunning.amounts';

const level = (l: Partial<{ feeCents: number; chargeInterest: boolean; chargeLumpSum: boolean }> = {}) => ({
  feeCents: 0,
  chargeInterest: true,
  chargeLumpSum: true,
  ...l,
});

describe('dunning amounts (§288 BGB)', () => {
  it('adds 9 points for businesses and 5 for consumers to the base rate, never below 0', () => {
    expect(interestRateBp(127, false)).toBe(1027);
    expect(interestRateBp(127, true)).toBe(627);
    expect(interestRateBp(-88, false)).toBe(812);
    expect(interestRateBp(-600, true)).toBe(0); // -6 % + 5 points = -1 % → 0
    expect(interestRateBp(-1000, false)).toBe(0);
  });

  it('computes simple interest open × rate × days / 365, rounded half up to the cent', () => {
    // 238,00 € at 10,27 % for 21 days: 23800 × 0.1027 × 21 / 365 = 140.63 → 141
    expect(interestCents(23_800, 1027, 21)).toBe(141);
    // 238,00 € at 6,27 % (B2C) for 21 days: 85.86 → 86
    expect(interestCents(23_800, 627, 21)).toBe(86);
    // exactly half a cent rounds up: 3650 × 5 % × 1 / 365 = 0.5
    expect(interestCents(3650, 500, 1)).toBe(1);
    expect(interestCents(3649, 500, 1)).toBe(0); // 0.4998…
    // large amounts stay exact: 1.000.000,00 € at 10,27 % for 365 days = 102.700,00 €
    expect(interestCents(100_000_000, 1027, 365)).toBe(10_270_000);
    expect(interestCents(23_800, 0, 21)).toBe(0);
    expect(interestCents(23_800, 1027, 0)).toBe(0);
  });

  it('charges the €40 lump sum once, B2B only, and shows it again on later notices', () => {
    const first = noticeAmounts({
      openCents: 23_800,
      daysOverdue: 21,
      consumer: false,
      baseRateBp: 127,
      level: level(),
      previous: { feeCents: 0, lumpSumCents: 0 },
    });
    expect(first).toEqual({
      feeCents: 0,
      interestRateBp: 1027,
      interestCents: 141,
      lumpSumCents: 4000,
      totalCents: 23_800 + 141 + 4000,
    });
    // the next level charges a fee and (again) the lump sum: fees add up, the lump sum does not
    const second = noticeAmounts({
      openCents: 23_800,
      daysOverdue: 35,
      consumer: false,
      baseRateBp: 127,
      level: level({ feeCents: 500 }),
      previous: { feeCents: first.feeCents, lumpSumCents: first.lumpSumCents },
    });
    expect(second).toEqual({
      feeCents: 500,
      interestRateBp: 1027,
      interestCents: 234,
      lumpSumCents: 4000,
      totalCents: 23_800 + 500 + 234 + 4000,
    });
    // a later level that does not charge it still shows it (it is owed), once
    const third = noticeAmounts({
      openCents: 23_800,
      daysOverdue: 49,
      consumer: false,
      baseRateBp: 127,
      level: level({ feeCents: 500, chargeLumpSum: false }),
      previous: { feeCents: second.feeCents, lumpSumCents: second.lumpSumCents },
    });
    expect(third).toMatchObject({
      feeCents: 1000,
      interestCents: 328,
      lumpSumCents: 4000,
      totalCents: 29_128,
    });
  });

  it('a consumer pays base + 5 points and no lump sum; a level without interest charges none', () => {
    expect(
      noticeAmounts({
        openCents: 23_800,
        daysOverdue: 21,
        consumer: true,
        baseRateBp: 127,
        level: level({ feeCents: 250 }),
        previous: null,
      }),
    ).toEqual({ feeCents: 250, interestRateBp: 627, interestCents: 86, lumpSumCents: 0, totalCents: 24_136 });
    expect(
      noticeAmounts({
        openCents: 23_800,
        daysOverdue: 7,
        consumer: false,
        baseRateBp: 127,
        level: level({ chargeInterest: false, chargeLumpSum: false }),
        previous: null,
      }),
    ).toEqual({ feeCents: 0, interestRateBp: 0, interestCents: 0, lumpSumCents: 0, totalCents: 23_800 });
    // a negative base rate that brings the consumer rate below 0 charges no interest
    expect(
      noticeAmounts({
        openCents: 23_800,
        daysOverdue: 21,
        consumer: true,
        baseRateBp: -600,
        level: level(),
        previous: null,
      }),
    ).toMatchObject({ interestRateBp: 0, interestCents: 0, totalCents: 23_800 });
  });
});
