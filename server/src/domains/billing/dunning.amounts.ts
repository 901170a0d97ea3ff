/**
 * The amounts on a dunning notice (integer cents, no floats): default interest per §288 BGB, the
 * €40 lump sum of §288 (5) BGB, dunning fees and the total.
 *
 * Interest is simple interest on the open amount, from the day after the due date up to and
 * including the notice date, at ONE rate for the whole period: the base rate (Basiszinssatz, §247
 * BGB) of the dunning settings + 9 points when the buyer is a business (§288 (2)), + 5 points for a
 * consumer (§288 (1)), never below 0. A change of the base rate on 1 January / 1 July is not split
 * into periods — the settings' base rate applies to the whole period (that is what the setting
 * documents); interest is not compounded and earlier notices' interest is not added up.
 */

/** §288 (5) BGB: €40 lump sum for a business buyer in default. */
export const LUMP_SUM_CENTS = 4000;
/** Points above the base rate, in hundredths of a percent (9 points B2B, 5 points B2C). */
export const B2B_SURCHARGE_BP = 900;
export const B2C_SURCHARGE_BP = 500;

/** The default-interest rate in hundredths of a percent a year: base + 9 (B2B) or + 5 (B2C), never below 0. */
export function interestRateBp(baseRateBp: number, consumer: boolean): number {
  return Math.max(0, baseRateBp + (consumer ? B2C_SURCHARGE_BP : B2B_SURCHARGE_BP));
}

/**
 * open × rate × days / 365, rounded half up to the cent: `rateBp` in hundredths of a percent
 * (1027 = 10.27 %), so the divisor is 10,000 × 365. Exact in BigInt.
 */
export function interestCents(openCents: number, rateBp: number, days: number): number {
  if (openCents <= 0 || rateBp <= 0 || days <= 0) return 0;
  const num = BigInt(openCents) * BigInt(rateBp) * BigInt(days);
  const den = 3_650_000n;
  return Number((2n * num + den) / (2n * den));
}

export interface NoticeAmountsInput {
  openCents: number;
  /** Days since the due date (= interest days: from the day after the due date to the notice date). */
  daysOverdue: number;
  consumer: boolean;
  baseRateBp: number;
  level: { feeCents: number; chargeInterest: boolean; chargeLumpSum: boolean };
  /** The notice of the level before (its cumulative fees and lump sum), if any. */
  previous: { feeCents: number; lumpSumCents: number } | null;
}

export interface NoticeAmounts {
  feeCents: number;
  interestRateBp: number;
  interestCents: number;
  lumpSumCents: number;
  totalCents: number;
}

/**
 * Fees: this level's fee plus those of the earlier notices. Lump sum: B2B only, from the first
 * level that charges it on; a later notice shows it again (it is still owed) but never twice.
 * Total = open + fees + interest + lump sum.
 */
export function noticeAmounts(i: NoticeAmountsInput): NoticeAmounts {
  const feeCents = (i.previous?.feeCents ?? 0) + i.level.feeCents;
  const rate = i.level.chargeInterest ? interestRateBp(i.baseRateBp, i.consumer) : 0;
  const interest = interestCents(i.openCents, rate, i.daysOverdue);
  const lumpSumCents =
    !i.consumer && (i.level.chargeLumpSum || (i.previous?.lumpSumCents ?? 0) > 0) ? LUMP_SUM_CENTS : 0;
  return {
    feeCents,
    interestRateBp: rate,
    interestCents: interest,
    lumpSumCents,
    totalCents: i.openCents + feeCents + interest + lumpSumCents,
  };
}
