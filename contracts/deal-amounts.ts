import type { DealLineInput } from './sales';

/**
 * Deal line arithmetic, in integers only — shared by the server (stored amounts) and the web app
 * (the live total while lines are edited), so both compute the same cents. Quantities are kept in
 * thousandths (max 3 decimals), discounts in hundredths of a percent (max 2 decimals), prices in cents. Each line's net amount is
 * rounded to the cent on its own (half away from zero), and the deal amount is the sum of the
 * rounded line nets — as EN 16931 does it (BT-131 line net amount, BT-106 sum of line net amounts).
 */
export interface LineFigures {
  quantityMilli: number;
  unitPriceCents: number;
  discountBp: number;
  vatRate: number;
  netCents: number;
}

/** a ÷ b rounded half away from zero, for non-negative integers. */
function divRound(a: bigint, b: bigint): bigint {
  return (2n * a + b) / (2n * b);
}

export function toMilli(quantity: number): number {
  return Math.round(quantity * 1000);
}

export function toBasisPoints(percent: number): number {
  return Math.round(percent * 100);
}

/** quantity × unit price × (1 − discount), rounded to the cent. */
export function lineNetCents(quantityMilli: number, unitPriceCents: number, discountBp: number): number {
  const gross = BigInt(quantityMilli) * BigInt(unitPriceCents) * BigInt(10_000 - discountBp);
  return Number(divRound(gross, 10_000_000n));
}

export function lineFigures(line: DealLineInput): LineFigures {
  const quantityMilli = toMilli(line.quantity);
  const discountBp = toBasisPoints(line.discountPercent ?? 0);
  return {
    quantityMilli,
    unitPriceCents: line.unitPriceCents,
    discountBp,
    vatRate: line.vatRate ?? 19,
    netCents: lineNetCents(quantityMilli, line.unitPriceCents, discountBp),
  };
}

export function sumNetCents(lines: readonly { netCents: number }[]): number {
  return lines.reduce((sum, l) => sum + l.netCents, 0);
}

/** amount × probability %, rounded to the cent (half away from zero). */
export function weightedCents(amountCents: number, probability: number): number {
  return Number(divRound(BigInt(amountCents) * BigInt(probability), 100n));
}

/** Σ(amount × probability) as summed in SQL → cents. */
export function weightedFromX100(sumX100: number): number {
  return Number(divRound(BigInt(Math.round(sumX100)), 100n));
}
