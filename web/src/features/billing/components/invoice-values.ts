import type {
  CreateInvoice,
  Invoice,
  InvoiceLine,
  InvoiceLineInput,
  VatBreakdown,
  VatCategory,
} from '../../../../../contracts/billing';
import type { Company } from '../../../../../contracts/companies';
import {
  defaultVatCategory,
  invoiceLineFigures,
  vatBreakdown,
} from '../../../../../contracts/invoice-amounts';
import type { EditableLine } from '../../../components/lines-table';

/** UN/ECE Rec. 20 unit codes offered in the editor. */
export const UNITS = ['C62', 'HUR', 'DAY', 'KGM', 'MTR', 'LS'] as const;
export const VAT_RATES = ['19', '7', '0'] as const;
/** Categories for a 0 % line (S is implied for 19 % and 7 %). */
export const ZERO_VAT_CATEGORIES: VatCategory[] = ['AE', 'K', 'G', 'E', 'Z', 'O'];
/** A 0 % line of these categories must say why (EN 16931 BR-AE-10, BR-E-10, …). */
export const NEEDS_REASON: VatCategory[] = ['AE', 'K', 'G', 'E', 'O'];

/** A line as edited: the price in euros as typed; converted to cents for the API. */
export interface InvoiceLineValues extends EditableLine {
  productId: string | null;
  unit: string;
  /** Only used for 0 % lines. */
  vatCategory: VatCategory | null;
  exemptionReason: string;
}

let nextKey = 1;
const newKey = () => `invoice-line-${nextKey++}`;

export const emptyInvoiceLine = (): InvoiceLineValues => ({
  key: newKey(),
  productId: null,
  description: '',
  quantity: 1,
  unit: 'C62',
  unitPrice: '',
  discountPercent: 0,
  vatRate: '19',
  vatCategory: null,
  exemptionReason: '',
});

export function lineFromInvoice(line: InvoiceLine): InvoiceLineValues {
  return {
    key: newKey(),
    productId: line.productId,
    description: line.description,
    quantity: line.quantity,
    unit: line.unit,
    unitPrice: line.unitPriceCents / 100,
    discountPercent: line.discountPercent,
    vatRate: String(line.vatRate),
    vatCategory: line.vatRate === 0 ? line.vatCategory : null,
    exemptionReason: line.exemptionReason ?? '',
  };
}

const num = (v: number | string | null | undefined): number | undefined => {
  if (v === '' || v === null || v === undefined) return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : undefined;
};

/** Euros as typed → whole cents (`19.99` → 1999); undefined when empty. */
export function toCents(value: number | string): number | undefined {
  const n = num(value);
  return n === undefined ? undefined : Math.round(n * 100);
}

/** The lines as the API takes them; empty inputs stay undefined for the contract schema to name. */
export function linesToInput(lines: readonly InvoiceLineValues[]): InvoiceLineInput[] {
  return lines.map((l) => {
    const vatRate = Number(l.vatRate) as 19 | 7 | 0;
    const zero = vatRate === 0;
    return {
      ...(l.productId ? { productId: l.productId } : {}),
      description: l.description,
      quantity: num(l.quantity) as number,
      unit: l.unit,
      unitPriceCents: toCents(l.unitPrice) as number,
      discountPercent: num(l.discountPercent) ?? 0,
      vatRate,
      ...(zero && l.vatCategory ? { vatCategory: l.vatCategory } : {}),
      ...(zero && l.exemptionReason.trim() ? { exemptionReason: l.exemptionReason.trim() } : {}),
    };
  });
}

/** A line as the server will compute it, or null while it is incomplete. */
function previewLine(line: InvoiceLineValues) {
  const quantity = num(line.quantity);
  const unitPriceCents = toCents(line.unitPrice);
  const discountPercent = num(line.discountPercent) ?? 0;
  const vatRate = Number(line.vatRate);
  if (quantity === undefined || unitPriceCents === undefined || quantity <= 0 || unitPriceCents < 0)
    return null;
  if (discountPercent < 0 || discountPercent > 100) return null;
  const vatCategory = vatRate === 0 ? line.vatCategory : defaultVatCategory(vatRate);
  return invoiceLineFigures({
    description: line.description || '-',
    quantity,
    unitPriceCents,
    discountPercent,
    vatRate: vatRate as 19 | 7 | 0,
    // an unchosen 0 % category counts as zero-rated for the preview (the schema asks for it on save)
    vatCategory: vatCategory ?? 'Z',
    exemptionReason: line.exemptionReason || null,
  });
}

export function previewLineNet(line: InvoiceLineValues): number | null {
  return previewLine(line)?.netCents ?? null;
}

export interface PreviewTotals {
  vatBreakdown: VatBreakdown[];
  netCents: number;
  vatCents: number;
  grossCents: number;
}

/** Live totals while typing — the same function (contracts/invoice-amounts) the server computes with. */
export function previewTotals(lines: readonly InvoiceLineValues[]): PreviewTotals {
  const figures = lines.flatMap((l) => {
    const f = previewLine(l);
    return f ? [f] : [];
  });
  const breakdown = vatBreakdown(figures);
  const netCents = breakdown.reduce((s, g) => s + g.netCents, 0);
  const vat = breakdown.reduce((s, g) => s + g.vatCents, 0);
  return { vatBreakdown: breakdown, netCents, vatCents: vat, grossCents: netCents + vat };
}

/** The editor's form values. */
export interface InvoiceValues extends Record<string, unknown> {
  companyId: string | null;
  buyerName: string;
  buyerStreet: string;
  buyerPostalCode: string;
  buyerCity: string;
  buyerCountry: string;
  buyerVatId: string;
  buyerReference: string;
  buyerEmail: string;
  /** B2C: default interest is base rate + 5 points and no €40 lump sum when dunned. */
  buyerIsConsumer: boolean;
  serviceMode: 'date' | 'period' | 'none';
  serviceDate: string | null;
  servicePeriodStart: string | null;
  servicePeriodEnd: string | null;
  paymentDays: number | string;
  cashDiscountPercent: number | string;
  cashDiscountDays: number | string;
  introText: string;
  notes: string;
  lines: InvoiceLineValues[];
}

export function emptyInvoiceValues(companyId: string | null): InvoiceValues {
  return {
    companyId,
    buyerName: '',
    buyerStreet: '',
    buyerPostalCode: '',
    buyerCity: '',
    buyerCountry: 'DE',
    buyerVatId: '',
    buyerReference: '',
    buyerEmail: '',
    buyerIsConsumer: false,
    serviceMode: 'date',
    serviceDate: null,
    servicePeriodStart: null,
    servicePeriodEnd: null,
    paymentDays: '',
    cashDiscountPercent: '',
    cashDiscountDays: '',
    introText: '',
    notes: '',
    lines: [emptyInvoiceLine()],
  };
}

/** The buyer fields as the company has them (a new invoice, or another company chosen). */
export function buyerFromCompany(company: Company): Partial<InvoiceValues> {
  return {
    buyerName: company.legalName ?? company.name,
    buyerStreet: company.street ?? '',
    buyerPostalCode: company.postalCode ?? '',
    buyerCity: company.city ?? '',
    buyerCountry: company.country || 'DE',
    buyerVatId: company.vatId ?? '',
    paymentDays: company.paymentTermsDays,
  };
}

export function valuesFromInvoice(invoice: Invoice): InvoiceValues {
  return {
    companyId: invoice.companyId,
    buyerName: invoice.buyer.name,
    buyerStreet: invoice.buyer.street ?? '',
    buyerPostalCode: invoice.buyer.postalCode ?? '',
    buyerCity: invoice.buyer.city ?? '',
    buyerCountry: invoice.buyer.country,
    buyerVatId: invoice.buyerVatId ?? '',
    buyerReference: invoice.buyerReference ?? '',
    buyerEmail: invoice.buyerEmail ?? '',
    buyerIsConsumer: invoice.buyerIsConsumer,
    serviceMode: invoice.servicePeriodStart ? 'period' : invoice.serviceDate ? 'date' : 'none',
    serviceDate: invoice.serviceDate,
    servicePeriodStart: invoice.servicePeriodStart,
    servicePeriodEnd: invoice.servicePeriodEnd,
    paymentDays: invoice.paymentDays,
    cashDiscountPercent: invoice.cashDiscountPercent ?? '',
    cashDiscountDays: invoice.cashDiscountDays ?? '',
    introText: invoice.introText ?? '',
    notes: invoice.notes ?? '',
    lines: invoice.lines.map(lineFromInvoice),
  };
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** The form as the body of `POST /api/invoices` (without companyId) or `PATCH /api/invoices/:id`. */
export function valuesToInput(v: InvoiceValues): Omit<CreateInvoice, 'companyId'> {
  return {
    buyer: {
      name: v.buyerName,
      street: orNull(v.buyerStreet),
      postalCode: orNull(v.buyerPostalCode),
      city: orNull(v.buyerCity),
      country: v.buyerCountry.trim().toUpperCase(),
    },
    buyerVatId: orNull(v.buyerVatId),
    buyerReference: orNull(v.buyerReference),
    buyerEmail: orNull(v.buyerEmail),
    buyerIsConsumer: v.buyerIsConsumer,
    serviceDate: v.serviceMode === 'date' ? v.serviceDate || null : null,
    servicePeriodStart: v.serviceMode === 'period' ? v.servicePeriodStart || null : null,
    servicePeriodEnd: v.serviceMode === 'period' ? v.servicePeriodEnd || null : null,
    ...(num(v.paymentDays) !== undefined ? { paymentDays: num(v.paymentDays) as number } : {}),
    cashDiscountPercent: num(v.cashDiscountPercent) ?? null,
    cashDiscountDays: num(v.cashDiscountDays) ?? null,
    introText: orNull(v.introText),
    notes: orNull(v.notes),
    lines: linesToInput(v.lines),
  };
}

/** Field errors of the schema (`buyer.name`) onto the editor's flat fields (`buyerName`). */
export function mapErrorPaths(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const m = /^buyer\.(name|street|postalCode|city|country)$/.exec(path);
    const key = m ? `buyer${m[1]!.charAt(0).toUpperCase()}${m[1]!.slice(1)}` : path;
    if (!(key in out)) out[key] = message;
  }
  return out;
}

/**
 * 0 % categories that shift the tax to the buyer — reverse charge (AE, §13b UStG) and
 * intra-community supply (K, §4 Nr. 1b UStG): both need the buyer's VAT ID on the invoice (§14a UStG).
 */
export const TAX_SHIFT_CATEGORIES: readonly VatCategory[] = ['AE', 'K'];

/** A reverse-charge or intra-community line (0 %, category AE or K) is there. */
export function hasReverseChargeLine(
  lines: readonly Pick<InvoiceLineValues, 'vatRate' | 'vatCategory'>[],
): boolean {
  return lines.some(
    (l) => Number(l.vatRate) === 0 && l.vatCategory !== null && TAX_SHIFT_CATEGORIES.includes(l.vatCategory),
  );
}

/** The editor's hint: a reverse-charge line is there and the buyer's VAT ID is empty. */
export function reverseChargeLacksVatId(v: Pick<InvoiceValues, 'lines' | 'buyerVatId'>): boolean {
  return hasReverseChargeLine(v.lines) && !v.buyerVatId.trim();
}

/** What to point out before issuing: no buyer e-mail (no XRechnung, sending needs an address by hand), reverse charge / intra-community supply without VAT ID. */
export function issueWarnings(invoice: Pick<Invoice, 'buyerEmail' | 'buyerVatId' | 'lines'>) {
  return {
    noEmail: !invoice.buyerEmail?.trim(),
    reverseChargeWithoutVatId:
      invoice.lines.some((l) => TAX_SHIFT_CATEGORIES.includes(l.vatCategory)) && !invoice.buyerVatId?.trim(),
  };
}
