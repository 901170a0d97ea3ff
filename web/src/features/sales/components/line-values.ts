import { lineNetCents, sumNetCents, toBasisPoints, toMilli } from '../../../../../contracts/deal-amounts';
import type { DealLine, DealLineInput } from '../../../../../contracts/sales';
import type { EditableLine } from '../../../components/lines-table';

/**
 * A line as edited: prices in euros as typed; converted to cents for the API. `productId`: the
 * catalog product it was picked from (its values may be changed afterwards), null for free text.
 */
export interface LineValues extends EditableLine {
  productId?: string | null;
}

let nextKey = 1;
export const newLineKey = () => `line-${nextKey++}`;

export const emptyLine = (): LineValues => ({
  key: newLineKey(),
  productId: null,
  description: '',
  quantity: 1,
  unitPrice: '',
  discountPercent: 0,
  vatRate: '19',
});

export function lineFromDeal(line: DealLine): LineValues {
  return {
    key: newLineKey(),
    productId: line.productId,
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPriceCents / 100,
    discountPercent: line.discountPercent,
    vatRate: String(line.vatRate),
  };
}

const num = (v: number | string): number | undefined => {
  if (v === '' || v === null || v === undefined) return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : undefined;
};

/** Euros as typed → whole cents (`19.99` → 1999); undefined when empty. */
export function toCents(value: number | string): number | undefined {
  const n = num(value);
  return n === undefined ? undefined : Math.round(n * 100);
}

/** The lines as the API takes them (`unitPriceCents`); empty inputs stay undefined for the schema to name. */
export function linesToInput(lines: readonly LineValues[]): DealLineInput[] {
  return lines.map((l) => ({
    ...(l.productId ? { productId: l.productId } : {}),
    description: l.description,
    quantity: num(l.quantity) as number,
    unitPriceCents: toCents(l.unitPrice) as number,
    discountPercent: num(l.discountPercent) ?? 0,
    vatRate: Number(l.vatRate) as 19 | 7 | 0,
  }));
}

/** A line's net amount in cents exactly as the server computes it, or null while incomplete. */
export function previewNetCents(line: LineValues): number | null {
  const quantity = num(line.quantity);
  const cents = toCents(line.unitPrice);
  const discount = num(line.discountPercent) ?? 0;
  if (quantity === undefined || cents === undefined || quantity < 0 || cents < 0) return null;
  if (discount < 0 || discount > 100) return null;
  return lineNetCents(toMilli(quantity), cents, toBasisPoints(discount));
}

export function previewTotalCents(lines: readonly LineValues[]): number {
  return sumNetCents(lines.map((l) => ({ netCents: previewNetCents(l) ?? 0 })));
}
