import { describe, expect, it } from 'vitest';
import { type DunningSettings, UpdateDunningSettings } from '../../../../../contracts/dunning';
import {
  dunningValuesChanged,
  dunningValuesFrom,
  dunningValuesToUpdate,
  interestRates,
  levelOrderErrors,
} from './dunning-settings-values';

const level = (n: number, days: number, feeCents: number) => ({
  level: n,
  name: `Stufe ${n}`,
  daysAfterDue: days,
  paymentDays: 10,
  feeCents,
  chargeInterest: n > 1,
  chargeLumpSum: n > 1,
  letterText: 'bitte zahlen Sie.',
});

const settings: DunningSettings = {
  enabled: true,
  baseRatePercent: 1.27,
  b2bInterestPercent: 10.27,
  b2cInterestPercent: 6.27,
  // out of order on purpose: the form shows them by level
  levels: [level(2, 21, 0), level(1, 7, 0), level(4, 49, 500), level(3, 35, 550)],
  updatedAt: '2026-11-26T23:00:00.000Z',
  version: 3,
};

describe('dunning settings form values', () => {
  it('shows the levels in order with fees in euros, and sends them back as cents the contract accepts', () => {
    const v = dunningValuesFrom(settings);
    expect(v.levels.map((l) => l.level)).toEqual([1, 2, 3, 4]);
    expect(v.levels[2]!.fee).toBe(5.5);
    const body = dunningValuesToUpdate({ ...v, baseRatePercent: '-0,88' }, settings.version);
    expect(body.baseRatePercent).toBe(-0.88);
    expect(body.levels?.map((l) => l.feeCents)).toEqual([0, 0, 550, 500]);
    expect(UpdateDunningSettings.safeParse(body).success).toBe(true);
    // 19.99 € does not turn into 1998.9999 cents
    const edited = dunningValuesToUpdate(
      { ...v, levels: v.levels.map((l, i) => (i === 3 ? { ...l, fee: 19.99 } : l)) },
      3,
    );
    expect(edited.levels?.[3]?.feeCents).toBe(1999);
  });

  it('leaves an emptied field for the schema to name', () => {
    const v = dunningValuesFrom(settings);
    const body = dunningValuesToUpdate(
      { ...v, levels: v.levels.map((l, i) => (i === 0 ? { ...l, fee: '', daysAfterDue: '' } : l)) },
      3,
    );
    const parsed = UpdateDunningSettings.safeParse(body);
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('levels.0.feeCents');
    expect(paths).toContain('levels.0.daysAfterDue');
  });

  it('computes the §288 rates: base + 9 points B2B, + 5 points B2C, also for a negative base rate', () => {
    expect(interestRates(1.27)).toEqual({ b2b: 10.27, b2c: 6.27 });
    expect(interestRates(-0.88)).toEqual({ b2b: 8.12, b2c: 4.12 });
    expect(interestRates('')).toBeNull();
  });

  it('names a level that does not come after the one before', () => {
    const v = dunningValuesFrom(settings);
    expect(levelOrderErrors(v, (d) => `> ${d}`)).toEqual({});
    const swapped = { levels: v.levels.map((l, i) => (i === 2 ? { ...l, daysAfterDue: 21 } : l)) };
    expect(levelOrderErrors(swapped, (d) => `> ${d}`)).toEqual({ 'levels.2.daysAfterDue': '> 21' });
  });

  it('sees a change in a level as a change of the form', () => {
    const v = dunningValuesFrom(settings);
    expect(dunningValuesChanged(v, dunningValuesFrom(settings))).toBe(false);
    const edited = { ...v, levels: v.levels.map((l, i) => (i === 1 ? { ...l, chargeLumpSum: false } : l)) };
    expect(dunningValuesChanged(edited, v)).toBe(true);
  });
});
