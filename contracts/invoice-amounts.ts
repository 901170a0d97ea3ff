import type { InvoiceLineInput, VatBreakdown, VatCategory } from './billing';
import { lineNetCents, toBasisPoints, toMilli } from './deal-amounts';

/**
 * Invoice arithmetic in integers only (EN 16931), shared by the server (stored amounts, documents)
 * and the web app (live totals in the editor), so both compute the same cents:
 * - each line's net (BT-131) = quantity × unit price × (1 − discount), rounded to the cent on its own;
 * - lines are grouped by VAT category and rate (BG-23); each group's VAT (BT-117) is
 *   rate × the sum of that group's line nets, rounded half away from zero — never a sum of line VATs;
 * - net total (BT-106/109) = Σ line nets, VAT total (BT-110) = Σ group VATs, gross (BT-112) = net + VAT.
 * A credit note uses the same (positive) figures; it is shown and booked as negative by its kind.
 */
export interface InvoiceLineFigures {
  position: number;
  productId: string | null;
  description: string;
  quantity: number;
  quantityMilli: number;
  unit: string;
  unitPriceCents: number;
  discountPercent: number;
  discountBp: number;
  vatRate: number;
  vatCategory: VatCategory;
  exemptionReason: string | null;
  netCents: number;
}

export interface InvoiceTotals {
  lines: InvoiceLineFigures[];
  vatBreakdown: VatBreakdown[];
  netCents: number;
  vatCents: number;
  grossCents: number;
}

/** S (standard rated) for 19 % and 7 %; a 0 % line has no default (Z, E, AE, K, G or O must be chosen). */
export function defaultVatCategory(vatRate: number): VatCategory | null {
  return vatRate > 0 ? 'S' : null;
}

/** a × rate % rounded half away from zero, in integers. */
export function vatCents(netCents: number, vatRate: number): number {
  const sign = netCents < 0 ? -1n : 1n;
  const a = BigInt(Math.abs(netCents)) * BigInt(Math.round(vatRate * 100));
  const b = 10_000n;
  return Number(sign * ((2n * a + b) / (2n * b)));
}

export function invoiceLineFigures(line: InvoiceLineInput, position = 1): InvoiceLineFigures {
  const quantityMilli = toMilli(line.quantity);
  const discountPercent = line.discountPercent ?? 0;
  const discountBp = toBasisPoints(discountPercent);
  const vatRate = line.vatRate ?? 19;
  const vatCategory = line.vatCategory ?? defaultVatCategory(vatRate);
  if (!vatCategory) throw new Error('A 0 % line needs a VAT category (e.g. AE for reverse charge)');
  return {
    position,
    productId: line.productId ?? null,
    description: line.description,
    quantity: quantityMilli / 1000,
    quantityMilli,
    unit: line.unit ?? 'C62',
    unitPriceCents: line.unitPriceCents,
    discountPercent: discountBp / 100,
    discountBp,
    vatRate,
    vatCategory,
    exemptionReason: line.exemptionReason?.trim() ? line.exemptionReason.trim() : null,
    netCents: lineNetCents(quantityMilli, line.unitPriceCents, discountBp),
  };
}

/** VAT per (category, rate) on the sum of the group's line nets; highest rate first. */
export function vatBreakdown(
  lines: readonly Pick<InvoiceLineFigures, 'vatCategory' | 'vatRate' | 'netCents' | 'exemptionReason'>[],
): VatBreakdown[] {
  const groups = new Map<string, VatBreakdown>();
  for (const line of lines) {
    const key = `${line.vatCategory}:${line.vatRate}`;
    const group = groups.get(key);
    if (group) {
      group.netCents += line.netCents;
      group.exemptionReason ??= line.exemptionReason;
    } else {
      groups.set(key, {
        vatCategory: line.vatCategory,
        vatRate: line.vatRate,
        netCents: line.netCents,
        vatCents: 0,
        exemptionReason: line.exemptionReason,
      });
    }
  }
  return [...groups.values()]
    .map((g) => ({ ...g, vatCents: vatCents(g.netCents, g.vatRate) }))
    .sort((a, b) => b.vatRate - a.vatRate || a.vatCategory.localeCompare(b.vatCategory));
}

/** Lines (numbered from 1), VAT breakdown and totals of an invoice. */
export function invoiceTotals(input: readonly InvoiceLineInput[]): InvoiceTotals {
  const lines = input.map((l, i) => invoiceLineFigures(l, i + 1));
  return totalsOfLines(lines);
}

/** Totals of already computed (e.g. stored) lines. */
export function totalsOfLines<
  L extends Pick<InvoiceLineFigures, 'vatCategory' | 'vatRate' | 'netCents' | 'exemptionReason'>,
>(
  lines: L[],
): { lines: L[]; vatBreakdown: VatBreakdown[]; netCents: number; vatCents: number; grossCents: number } {
  const breakdown = vatBreakdown(lines);
  const netCents = breakdown.reduce((s, g) => s + g.netCents, 0);
  const vat = breakdown.reduce((s, g) => s + g.vatCents, 0);
  return { lines, vatBreakdown: breakdown, netCents, vatCents: vat, grossCents: netCents + vat };
}
