import type { DunningSettings, UpdateDunningSettings } from '../../../../../contracts/dunning';

/** One level as edited: the fee in euros as typed. */
export interface DunningLevelValues {
  level: number;
  name: string;
  daysAfterDue: number | string;
  paymentDays: number | string;
  fee: number | string;
  chargeInterest: boolean;
  chargeLumpSum: boolean;
  letterText: string;
}

export interface DunningSettingsValues extends Record<string, unknown> {
  enabled: boolean;
  baseRatePercent: number | string;
  levels: DunningLevelValues[];
}

export function dunningValuesFrom(s: DunningSettings): DunningSettingsValues {
  return {
    enabled: s.enabled,
    baseRatePercent: s.baseRatePercent,
    levels: [...s.levels]
      .sort((a, b) => a.level - b.level)
      .map((l) => ({
        level: l.level,
        name: l.name,
        daysAfterDue: l.daysAfterDue,
        paymentDays: l.paymentDays,
        fee: l.feeCents / 100,
        chargeInterest: l.chargeInterest,
        chargeLumpSum: l.chargeLumpSum,
        letterText: l.letterText,
      })),
  };
}

const num = (v: number | string): number | undefined => {
  if (v === '' || v === null || v === undefined) return undefined;
  const n = typeof v === 'number' ? v : Number(String(v).replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
};

/** The form as `PATCH /api/billing/dunning-settings` takes it (all of it; empty inputs stay undefined for the schema to name). */
export function dunningValuesToUpdate(v: DunningSettingsValues, version: number): UpdateDunningSettings {
  const fee = (f: number | string) => {
    const n = num(f);
    return n === undefined ? (undefined as unknown as number) : Math.round(n * 100);
  };
  return {
    version,
    enabled: v.enabled,
    baseRatePercent: num(v.baseRatePercent) as number,
    levels: v.levels.map((l) => ({
      level: l.level,
      name: l.name,
      daysAfterDue: num(l.daysAfterDue) as number,
      paymentDays: num(l.paymentDays) as number,
      feeCents: fee(l.fee),
      chargeInterest: l.chargeInterest,
      chargeLumpSum: l.chargeLumpSum,
      letterText: l.letterText,
    })),
  };
}

/** §288 BGB: base rate + 9 points between businesses, + 5 points with consumers (null while the rate is empty). */
export function interestRates(baseRatePercent: number | string): { b2b: number; b2c: number } | null {
  const base = num(baseRatePercent);
  if (base === undefined) return null;
  const round = (x: number) => Math.round(x * 100) / 100;
  return { b2b: round(base + 9), b2c: round(base + 5) };
}

/**
 * Levels must come one after the other: each level's days after due strictly more than the one
 * before. Returns the field errors (`levels.<index>.daysAfterDue`) with the level it must exceed.
 */
export function levelOrderErrors(
  v: Pick<DunningSettingsValues, 'levels'>,
  message: (previousDays: number) => string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (let i = 1; i < v.levels.length; i++) {
    const prev = num(v.levels[i - 1]!.daysAfterDue);
    const days = num(v.levels[i]!.daysAfterDue);
    if (prev !== undefined && days !== undefined && days <= prev) {
      errors[`levels.${i}.daysAfterDue`] = message(prev);
    }
  }
  return errors;
}

/** Whether the form differs from what was loaded (levels compared field by field). */
export function dunningValuesChanged(a: DunningSettingsValues, b: DunningSettingsValues): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}
